"""The demo text encoder's caption-reading stage: targets, what it learns, what it leaves alone."""

import pytest
import torch

from modelhub.qwen_image.pipeline import template_prefix_len, template_tokens
from modelhub.qwen_image.tokenizer import qwen2_tokenizer
from modelhub.synthetic.scenes import Thing, Truth
from modelhub.training.demo import build_text_encoder
from modelhub.training.produce import encode_captions, text_pipeline
from modelhub.training.text_encoder import (
    IGNORE,
    ROLES,
    STRUCTURE,
    WORDS,
    TextEncoderTraining,
    caption_features,
    last_token_features,
    structure_targets,
    token_targets,
    train_text_encoder,
)


def test_structure_targets_decode_back_to_the_truth():
    truth = Truth(
        "relation", (Thing("red", "star"), Thing("blue", "circle")), count=2, relation="below"
    )
    decoded = {name: STRUCTURE[name][i] for name, i in structure_targets(truth).items()}
    assert decoded == {"kind": "relation", "count": 2, "size": None, "relation": "below"}
    counted = structure_targets(Truth("count", (Thing("pink", "square"),), count=3))
    assert STRUCTURE["count"][counted["count"]] == 3
    sized = structure_targets(Truth("single", (Thing("pink", "square", "small"),)))
    assert STRUCTURE["size"][sized["size"]] == "small"


def test_token_targets_give_each_word_its_object_and_identity():
    tokenizer = qwen2_tokenizer()
    prefix = template_prefix_len(tokenizer)
    captions = [
        "a yellow star on the right and a cyan circle on the left",
        "there is a purple triangle under a blue triangle",
        "A little red star.",
    ]
    tokens = template_tokens(tokenizer, captions, prefix)
    targets = token_targets(tokenizer, tokens, prefix, ["right", "below", None])
    roles = targets["role"]
    named, words = [], []
    for ids, row, word_row in zip(tokens["input_ids"], roles, targets["word"], strict=True):
        strings = tokenizer.convert_ids_to_tokens(ids.tolist())
        assert (row[:prefix] == IGNORE).all()  # the template is not a target
        assert (word_row[:prefix] == IGNORE).all()
        pairs = zip(strings, row.tolist(), strict=True)
        named.append({s.lstrip("Ġ"): ROLES[r] for s, r in pairs if r > 0})
        words.append([WORDS[w] for w in word_row.tolist() if w > 0])
    # The second object's words say on which side of the first it lies.
    left = "second-left"
    assert named[0] == {"yellow": "first", "star": "first", "cyan": left, "circle": left}
    # The same shape word twice: the first occurrence is the first object's.
    assert named[1] == {"purple": "first", "blue": "second-above", "triangle": "second-above"}
    assert roles[1].tolist().count(ROLES.index("first")) == 2
    assert named[2] == {"little": "first", "red": "first", "star": "first"}
    assert words == [
        ["yellow", "star", "cyan", "circle"],
        ["purple", "triangle", "blue", "triangle"],
        ["small", "red", "star"],  # synonyms folded
    ]
    # Identity: one class per distinct caption token id, the same wherever the token occurs;
    # the template prefix and the padding are not targets.
    identity, distinct = targets["identity"], targets["identity_ids"]
    real = identity != IGNORE
    assert torch.equal(distinct[identity[real]], tokens["input_ids"][real])
    assert (identity[:, :prefix] == IGNORE).all()
    assert int(real.sum()) == int(tokens["attention_mask"][:, prefix:].sum())
    right, left_id = (tokenizer(word)["input_ids"][0] for word in (" right", " left"))
    assert {right, left_id} <= set(distinct.tolist())


def test_a_second_object_needs_a_relation():
    tokenizer = qwen2_tokenizer()
    prefix = template_prefix_len(tokenizer)
    tokens = template_tokens(tokenizer, ["a red circle left of a blue square"], prefix)
    with pytest.raises(ValueError, match="second object without a relation"):
        token_targets(tokenizer, tokens, prefix, [None])


def test_training_teaches_structure_roles_and_words_on_held_out_captions(components):
    tokenizer = qwen2_tokenizer()
    model = build_text_encoder(0)
    embedding = model.get_input_embeddings().weight
    unused = tokenizer(" banana")["input_ids"][0]  # no caption has it
    before_unused = embedding[unused].clone()

    training = TextEncoderTraining(steps=150, check_captions=256)
    report = train_text_encoder(model, tokenizer, training)

    # Captions of the held-out split (pairs and combinations never trained on): chance is at
    # most 1/3 for every target; a bag of words cannot tell the first object's words from the
    # second's. (150 steps reach about 0.9 on the weakest target, 600 steps 1.0.)
    assert min(report["heldout_accuracy"].values()) > 0.8, report
    assert torch.equal(model.get_input_embeddings().weight[unused], before_unused)
    assert not any(p.requires_grad for p in model.parameters())

    # The pipeline hands the transformer exactly the features that were trained.
    pipe = text_pipeline({**components, "text_encoder": model, "tokenizer": tokenizer})
    caption = "a red circle to the left of a blue square"
    from_pipeline = encode_captions(pipe, [caption])[0]
    prefix = pipe.template_prefix_len
    with torch.no_grad():
        hidden, tokens = caption_features(model, tokenizer, [caption], prefix)
    torch.testing.assert_close(from_pipeline, hidden[0, prefix:], rtol=1e-5, atol=1e-5)
    last = last_token_features(hidden, tokens["attention_mask"])[0]
    torch.testing.assert_close(from_pipeline[-1], last, rtol=1e-5, atol=1e-5)

    # Words keep their identity (the role task alone drove "red" and "blue" to a cosine of 0.995;
    # without the identity target "left" and "right" ended at 0.97).
    cosine = torch.nn.functional.cosine_similarity
    red, blue = encode_captions(pipe, ["a red circle", "a blue circle"])
    assert cosine(red[1], blue[1], dim=0) < 0.8
    left, right = encode_captions(pipe, [caption, caption.replace("left", "right")])
    assert cosine(left[5], right[5], dim=0) < 0.9  # the relation word itself
    assert cosine(left[-1], right[-1], dim=0) < 0.9  # the last feature

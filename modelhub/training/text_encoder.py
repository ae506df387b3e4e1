"""Teach the demo's tiny text encoder to read a caption, in about a minute, before it is frozen.

Why: the released Qwen-Image conditions on a 7B Qwen2.5-VL whose features already say what a
prompt means. The demo's 2-layer, width-32 Qwen2.5-VL at its random initialisation gives a bag
of token embeddings instead: the feature of "circle" in "a red circle left of a blue square" and
in "a blue circle left of a red square" agree to a cosine of 0.9996, and the template's closing
tokens are the same for every prompt. A transformer attending over such tokens cannot see what a
prompt leaves out ("a red circle" against "a red circle left of a blue square": the softmax
hides absent tokens), and the first demo model drew extra copies of single objects and ignored
relations, even on training prompts.

So, before the producer encodes anything, the encoder is trained for a short while (600 steps,
about 70 s) on tasks that give the transformer what a bag of words lacks, and nothing it could
memorise whole prompts by:
- the caption's **structure** (`STRUCTURE`: kind, count, size word, relation) from the feature of
  its last token, which is the last feature `encode_prompt` hands the transformer;
- the **role** of every colour, shape and size word (`token_roles`): a word of the first object
  named, or of the second together with the side of the first on which the second lies, from
  that word's own feature, so that "red" in "a red circle left of a blue square" carries "first
  object" and "blue" carries "second object, on the right";
- the **word** itself (`token_words`: which colour, shape or size) from the same feature, so that
  it still says "red": the role task alone drove "red" and "blue" to a cosine of 0.995;
- the **identity** of every caption token, so that no word is lost: without it the relation
  words collapsed ("left" and "right" at a cosine of 0.97, the features after them at 0.995 and
  more), and a transformer trained for 11,000 steps on such features placed the two objects of
  a relation prompt at random, on training prompts too.
The colour and shape of each object are deliberately not last-token targets: a run with such a
summary learnt prompts rather than words (colour+shape at step 5,000: 52 % on seen pairs, 22 % on
unseen). Linear heads read the features, one cross-entropy per target; the heads are then
dropped and the encoder frozen. Only captions of the training split are seen; the report's
held-out check measures how well the encoder reads captions of held-out pairs and combinations
(`heldout_accuracy`).

Rows of the embedding table that no caption uses keep their random values (no weight decay, and
Adam leaves parameters with zero gradients where they are).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from tqdm.auto import tqdm

from modelhub.qwen_image.pipeline import (
    template_prefix_len,
    template_tokens,
    text_hidden_states,
)
from modelhub.synthetic.captions import SIZE_SYNONYMS
from modelhub.synthetic.scenes import (
    COLOURS,
    COUNTS,
    KINDS,
    PLURALS,
    RELATIONS,
    SHAPES,
    SIZE_WORDS,
    Truth,
    sample_scene,
)

STRUCTURE: dict[str, tuple] = {
    "kind": KINDS,
    "count": (1, *COUNTS),
    "size": (None, *SIZE_WORDS),
    "relation": (None, *RELATIONS),
}
"""What the caption's last feature must tell; `None` where the caption has no such thing."""

SECOND_SIDE = {"left": "right", "right": "left", "above": "below", "below": "above"}
"""Where the second object named lies relative to the first, for each `Truth.relation` (which
says where the first lies relative to the second)."""

ROLES = ("other", "first", *(f"second-{side}" for side in RELATIONS))
"""Per-token targets: a word of the first object named, a word of the second object together
with the side of the first on which it lies ("second-right" in "a red circle left of a blue
square"), or anything else. Every phrasing names the relation before the second object, so a
causal encoder can know that side when it reads the second object's words; the first object's
words come before the relation and can only say "first"."""

WORDS = ("other", *COLOURS, *SHAPES, *SIZE_SYNONYMS)
"""Per-token targets: which colour, shape or size a word names (plurals and synonyms folded).
Without them the role task wiped the words' identity out of the features (the features of "red"
and "blue" ended at a cosine of 0.995)."""

_COLOUR_WORDS = set(COLOURS)
_SHAPE_WORDS = set(SHAPES) | set(PLURALS.values())
_SIZE_WORDS = {word for words in SIZE_SYNONYMS.values() for word in words}
IGNORE = -100  # cross-entropy's ignore_index: template tokens and padding


def structure_targets(truth: Truth) -> dict[str, int]:
    """The class index of every `STRUCTURE` attribute for one caption's truth."""
    values = {
        "kind": truth.kind,
        "count": truth.count,
        "size": truth.things[0].size,
        "relation": truth.relation,
    }
    return {name: STRUCTURE[name].index(values[name]) for name in STRUCTURE}


_WORD_INDEX = {
    **{word: WORDS.index(word) for word in (*COLOURS, *SHAPES)},
    **{plural: WORDS.index(shape) for shape, plural in PLURALS.items()},
    **{w: WORDS.index(size) for size, words in SIZE_SYNONYMS.items() for w in words},
}


def token_words(tokens: list[str], prefix_len: int) -> list[int]:
    """`WORDS` index of each token of one templated caption; `IGNORE` before the caption."""
    words = [_WORD_INDEX.get(token.lstrip("Ġ").lower(), 0) for token in tokens[prefix_len:]]
    return [IGNORE] * min(prefix_len, len(tokens)) + words


def token_roles(tokens: list[str], prefix_len: int, relation: str | None = None) -> list[int]:
    """Role index (`ROLES`) of each token of one templated caption; `IGNORE` before the caption.

    The n-th colour word of a caption belongs to its n-th object, and so does the n-th shape
    word (every phrasing names the objects in the order of `Truth.things`); size words occur in
    single-object captions only. `relation` is the caption's `Truth.relation` (None when it has
    none). Tokens are the tokenizer's strings ("Ġred")."""
    second = ROLES.index(f"second-{SECOND_SIDE[relation]}") if relation else None
    roles = [IGNORE] * min(prefix_len, len(tokens))
    seen = {"colour": 0, "shape": 0}
    for token in tokens[prefix_len:]:
        word = token.lstrip("Ġ").lower()
        kind = "colour" if word in _COLOUR_WORDS else "shape" if word in _SHAPE_WORDS else None
        if kind is not None:
            seen[kind] += 1
            if seen[kind] > 1 and second is None:
                raise ValueError(f"{tokens[prefix_len:]}: a second object without a relation")
            roles.append(1 if seen[kind] == 1 else second)
        else:
            roles.append(1 if word in _SIZE_WORDS else 0)
    return roles


@dataclass
class TextEncoderTraining:
    steps: int = 600
    batch_size: int = 128
    lr: float = 3e-3
    warmup: int = 100
    seed: int = 0
    check_captions: int = 1024  # held-out split captions for the final accuracy


def caption_features(model, tokenizer, captions: list[str], prefix_len: int):
    """Final hidden states (B, L, D) of the templated captions (with gradients; after the final
    norm, as `QwenImagePipeline.encode_prompt` reads them), with the tokenizer's output."""
    tokens = template_tokens(tokenizer, captions, prefix_len)
    return text_hidden_states(model, tokens["input_ids"], tokens["attention_mask"]), tokens


def last_token_features(hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """(B, D): each caption's last real token, the last feature `encode_prompt` returns."""
    positions = torch.arange(mask.shape[1]).expand_as(mask)
    last = (positions * mask).argmax(dim=1)  # works for left and right padding
    return hidden[torch.arange(hidden.shape[0]), last]


def token_targets(
    tokenizer, tokens, prefix_len: int, relations: list[str | None]
) -> dict[str, torch.Tensor]:
    """(B, L) per-token targets of a batch, `IGNORE` on the template prefix and padding:
    "role" (`token_roles`), "word" (`token_words`), and "identity": the index of the token's
    id among the batch's distinct caption token ids (`identity_ids`, returned with them)."""
    rows: dict[str, list[torch.Tensor]] = {"role": [], "word": []}
    ids = tokens["input_ids"]
    for row_ids, mask, relation in zip(ids, tokens["attention_mask"], relations, strict=True):
        strings = tokenizer.convert_ids_to_tokens(row_ids.tolist())
        real = [i for i, m in enumerate(mask.tolist()) if m]
        kept = [strings[i] for i in real]
        labels = {
            "role": token_roles(kept, prefix_len, relation),
            "word": token_words(kept, prefix_len),
        }
        for name, values in labels.items():
            row = torch.full((len(strings),), IGNORE)
            row[real] = torch.tensor(values)
            rows[name].append(row)
    out = {name: torch.stack(values) for name, values in rows.items()}
    caption = out["role"] != IGNORE  # every caption token, whichever side the padding is on
    out["identity_ids"] = torch.unique(ids[caption])
    out["identity"] = torch.where(caption, torch.searchsorted(out["identity_ids"], ids), IGNORE)
    return out


class CaptionHeads(torch.nn.Module):
    """Linear classifiers: one per `STRUCTURE` attribute on the last feature; `ROLES` and
    `WORDS` on every caption token; and the token's own identity, scored against output
    embeddings of the batch's distinct caption tokens (a softmax over the whole vocabulary
    would cost 150k logits per token for a few hundred words that captions use). The identity
    target keeps every word apart in the features, the relation words included: without it
    "left" and "right" ended at a cosine of 0.97 and the transformer never learnt relations."""

    def __init__(self, width: int, vocab_size: int):
        super().__init__()
        self.structure = torch.nn.ModuleDict(
            {name: torch.nn.Linear(width, len(values)) for name, values in STRUCTURE.items()}
        )
        self.tokens = torch.nn.ModuleDict(
            {"role": torch.nn.Linear(width, len(ROLES)), "word": torch.nn.Linear(width, len(WORDS))}
        )
        self.identity = torch.nn.Embedding(vocab_size, width)

    def _logits(self, hidden, mask, identity_ids):
        last = last_token_features(hidden, mask)
        tokens = {n: head(hidden) for n, head in self.tokens.items()}
        tokens["identity"] = hidden @ self.identity(identity_ids).T
        return {n: head(last) for n, head in self.structure.items()}, tokens

    def loss(self, hidden, mask, targets: dict[str, torch.Tensor], per_token: dict):
        structure, tokens = self._logits(hidden, mask, per_token["identity_ids"])
        loss = sum(F.cross_entropy(structure[n], targets[n]) for n in STRUCTURE)
        for name, logits in tokens.items():
            loss = loss + F.cross_entropy(
                logits.flatten(0, 1), per_token[name].flatten(), ignore_index=IGNORE
            )
        return loss

    @torch.no_grad()
    def accuracy(self, hidden, mask, targets: dict[str, torch.Tensor], per_token: dict):
        """Per-target accuracy; "role" and "word" over the colour, shape and size words only,
        "identity" over every caption token."""
        structure, tokens = self._logits(hidden, mask, per_token["identity_ids"])
        out = {n: float((structure[n].argmax(-1) == targets[n]).float().mean()) for n in STRUCTURE}
        words = per_token["word"] > 0
        for name, logits in tokens.items():
            where = per_token[name] != IGNORE if name == "identity" else words
            right = logits.argmax(-1)[where] == per_token[name][where]
            out[name] = float(right.float().mean())
        return out


def _captions(rng: random.Random, size: int, split: str) -> tuple[list[str], dict, list]:
    scenes = [sample_scene(rng, split) for _ in range(size)]
    targets = [structure_targets(s.truth) for s in scenes]
    structure = {name: torch.tensor([t[name] for t in targets]) for name in STRUCTURE}
    return [s.caption for s in scenes], structure, [s.truth.relation for s in scenes]


def train_text_encoder(
    model, tokenizer, cfg: TextEncoderTraining | None = None, progress: bool = False
) -> dict:
    """Train `model` (a Qwen2_5_VLForConditionalGeneration) in place; returns a report with the
    final training loss and the per-attribute accuracy on held-out-split captions. The model is
    left frozen in eval mode."""
    cfg = cfg or TextEncoderTraining()
    torch.manual_seed(cfg.seed)
    prefix = template_prefix_len(tokenizer)
    text_config = model.config.text_config
    heads = CaptionHeads(text_config.hidden_size, text_config.vocab_size)
    model.train().requires_grad_(True)
    parameters = [*model.parameters(), *heads.parameters()]
    optimizer = torch.optim.AdamW(parameters, lr=cfg.lr, weight_decay=0.0)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min(1.0, (step + 1) / cfg.warmup)
    )

    def batch(rng: random.Random, size: int, split: str):
        captions, targets, relations = _captions(rng, size, split)
        hidden, tokens = caption_features(model, tokenizer, captions, prefix)
        per_token = token_targets(tokenizer, tokens, prefix, relations)
        return hidden, tokens["attention_mask"], targets, per_token

    rng = random.Random(f"text-encoder/{cfg.seed}")
    losses: list[float] = []
    for _ in tqdm(range(cfg.steps), desc="text encoder", disable=not progress):
        loss = heads.loss(*batch(rng, cfg.batch_size, "train"))
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(parameters, 1.0)
        optimizer.step()
        schedule.step()
        losses.append(loss.item())
    model.eval().requires_grad_(False)

    with torch.no_grad():
        check = batch(
            random.Random(f"text-encoder/{cfg.seed}/check"), cfg.check_captions, "heldout"
        )
    tail = losses[-50:] or [float("nan")]
    return {
        "steps": cfg.steps,
        "final_loss": round(sum(tail) / len(tail), 4),
        "heldout_accuracy": {k: round(v, 4) for k, v in heads.accuracy(*check).items()},
    }

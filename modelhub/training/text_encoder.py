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
about 40 s) on tasks that give the transformer what a bag of words lacks, and nothing it could
memorise whole prompts by:
- the caption's **structure** (`STRUCTURE`: kind, count, size word, relation) from the feature of
  its last token, which is the last feature `encode_prompt` hands the transformer;
- the **role** of every colour, shape and size word (`token_roles`: a word of the first object
  named or of the second) from that word's own feature, so that "red" in "a red circle left of
  a blue square" carries "first object";
- the **word** itself (`token_words`: which colour, shape or size) from the same feature, so that
  it still says "red": the role task alone drove "red" and "blue" to a cosine of 0.995.
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

ROLES = ("other", "first", "second")
"""Per-token targets: a word of the first object named, of the second, or anything else."""

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


def token_roles(tokens: list[str], prefix_len: int) -> list[int]:
    """Role index (`ROLES`) of each token of one templated caption; `IGNORE` before the caption.

    The n-th colour word of a caption belongs to its n-th object, and so does the n-th shape
    word (every phrasing names the objects in the order of `Truth.things`); size words occur in
    single-object captions only. Tokens are the tokenizer's strings ("Ġred")."""
    roles = [IGNORE] * min(prefix_len, len(tokens))
    seen = {"colour": 0, "shape": 0}
    for token in tokens[prefix_len:]:
        word = token.lstrip("Ġ").lower()
        kind = "colour" if word in _COLOUR_WORDS else "shape" if word in _SHAPE_WORDS else None
        if kind is not None:
            seen[kind] += 1
            roles.append(min(seen[kind], 2))
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


def token_targets(tokenizer, tokens, prefix_len: int) -> dict[str, torch.Tensor]:
    """(B, L) `token_roles` and `token_words` of a batch ("role", "word"), `IGNORE` on padding."""
    rows: dict[str, list[torch.Tensor]] = {"role": [], "word": []}
    for ids, mask in zip(tokens["input_ids"], tokens["attention_mask"], strict=True):
        strings = tokenizer.convert_ids_to_tokens(ids.tolist())
        real = [i for i, m in enumerate(mask.tolist()) if m]
        kept = [strings[i] for i in real]
        for name, labels in (("role", token_roles), ("word", token_words)):
            row = torch.full((len(strings),), IGNORE)
            row[real] = torch.tensor(labels(kept, prefix_len))
            rows[name].append(row)
    return {name: torch.stack(values) for name, values in rows.items()}


class CaptionHeads(torch.nn.Module):
    """Linear classifiers: one per `STRUCTURE` attribute on the last feature; `ROLES` and
    `WORDS` on every caption token."""

    def __init__(self, width: int):
        super().__init__()
        self.structure = torch.nn.ModuleDict(
            {name: torch.nn.Linear(width, len(values)) for name, values in STRUCTURE.items()}
        )
        self.tokens = torch.nn.ModuleDict(
            {"role": torch.nn.Linear(width, len(ROLES)), "word": torch.nn.Linear(width, len(WORDS))}
        )

    def _logits(self, hidden, mask):
        last = last_token_features(hidden, mask)
        return (
            {n: head(last) for n, head in self.structure.items()},
            {n: head(hidden) for n, head in self.tokens.items()},
        )

    def loss(self, hidden, mask, targets: dict[str, torch.Tensor], per_token: dict):
        structure, tokens = self._logits(hidden, mask)
        loss = sum(F.cross_entropy(structure[n], targets[n]) for n in STRUCTURE)
        for name, logits in tokens.items():
            loss = loss + F.cross_entropy(
                logits.flatten(0, 1), per_token[name].flatten(), ignore_index=IGNORE
            )
        return loss

    @torch.no_grad()
    def accuracy(self, hidden, mask, targets: dict[str, torch.Tensor], per_token: dict):
        """Per-target accuracy; "role" and "word" over the colour, shape and size words only."""
        structure, tokens = self._logits(hidden, mask)
        out = {n: float((structure[n].argmax(-1) == targets[n]).float().mean()) for n in STRUCTURE}
        words = per_token["word"] > 0
        for name, logits in tokens.items():
            right = logits.argmax(-1)[words] == per_token[name][words]
            out[name] = float(right.float().mean())
        return out


def _captions(rng: random.Random, size: int, split: str) -> tuple[list[str], dict]:
    scenes = [sample_scene(rng, split) for _ in range(size)]
    targets = [structure_targets(s.truth) for s in scenes]
    return [s.caption for s in scenes], {
        name: torch.tensor([t[name] for t in targets]) for name in STRUCTURE
    }


def train_text_encoder(
    model, tokenizer, cfg: TextEncoderTraining | None = None, progress: bool = False
) -> dict:
    """Train `model` (a Qwen2_5_VLForConditionalGeneration) in place; returns a report with the
    final training loss and the per-attribute accuracy on held-out-split captions. The model is
    left frozen in eval mode."""
    cfg = cfg or TextEncoderTraining()
    torch.manual_seed(cfg.seed)
    prefix = template_prefix_len(tokenizer)
    heads = CaptionHeads(model.config.text_config.hidden_size)
    model.train().requires_grad_(True)
    parameters = [*model.parameters(), *heads.parameters()]
    optimizer = torch.optim.AdamW(parameters, lr=cfg.lr, weight_decay=0.0)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min(1.0, (step + 1) / cfg.warmup)
    )

    def batch(rng: random.Random, size: int, split: str):
        captions, targets = _captions(rng, size, split)
        hidden, tokens = caption_features(model, tokenizer, captions, prefix)
        per_token = token_targets(tokenizer, tokens, prefix)
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

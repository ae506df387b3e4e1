"""Natural-English captions for a `Truth`, with some variety of phrasing.

`caption(truth, rng)` draws one phrasing; `all_captions(truth)` lists every phrasing the
generator can produce, in a fixed order (the held-out suite samples from it). Training and the
suite share the phrasings; what the suite holds out is content (see `scenes.py`).
"""

from __future__ import annotations

import random

from modelhub.synthetic.scenes import PLURALS, Thing, Truth

SIZE_SYNONYMS = {"small": ("small", "little"), "large": ("large", "big")}
NUMBER_WORDS = {2: "two", 3: "three", 4: "four"}

SINGLE_FRAMES = (
    "{x}",
    "a picture of {x}",
    "an image of {x}",
    "there is {x}",
    "{x} on a plain background",
    "a drawing of {x}",
)
SINGLE_ARTICLES = ("a", "one", "a single")

COUNT_FRAMES = (
    "{n} {x}",
    "a picture of {n} {x}",
    "there are {n} {x}",
    "{n} {x} on a plain background",
    "a group of {n} {x}",
    "exactly {n} {x}",
)

RELATION_CORES = {
    "left": (
        "{a} to the left of {b}",
        "{a} left of {b}",
        "{a} on the left of {b}",
        "{a} on the left and {b} on the right",
    ),
    "right": (
        "{a} to the right of {b}",
        "{a} right of {b}",
        "{a} on the right of {b}",
        "{a} on the right and {b} on the left",
    ),
    "above": (
        "{a} above {b}",
        "{a} over {b}",
        "{a} on top and {b} at the bottom",
        "{a} placed above {b}",
    ),
    "below": (
        "{a} below {b}",
        "{a} under {b}",
        "{a} beneath {b}",
        "{a} at the bottom and {b} on top",
    ),
}
RELATION_FRAMES = ("{x}", "a picture of {x}", "an image with {x}", "there is {x}")


def _article(word: str, article: str) -> str:
    if article == "a" and word[0] in "aeiou":
        return "an"
    return article


def _noun_phrase(thing: Thing, article: str, size_word: str | None) -> str:
    words = [w for w in (size_word, thing.colour, thing.shape) if w]
    return f"{_article(words[0], article)} {' '.join(words)}"


def _variants(truth: Truth) -> list[str]:
    """Every lower-case phrasing of `truth`, before capitalisation."""
    texts: list[str] = []
    if truth.kind == "single":
        thing = truth.things[0]
        size_words = SIZE_SYNONYMS[thing.size] if thing.size else (None,)
        for frame in SINGLE_FRAMES:
            for article in SINGLE_ARTICLES:
                for size_word in size_words:
                    texts.append(frame.format(x=_noun_phrase(thing, article, size_word)))
    elif truth.kind == "count":
        thing = truth.things[0]
        noun = f"{thing.colour} {PLURALS[thing.shape]}"
        for frame in COUNT_FRAMES:
            for number in (NUMBER_WORDS[truth.count], str(truth.count)):
                texts.append(frame.format(n=number, x=noun))
    else:
        a, b = (_noun_phrase(t, "a", None) for t in truth.things)
        for frame in RELATION_FRAMES:
            for core in RELATION_CORES[truth.relation]:
                texts.append(frame.format(x=core.format(a=a, b=b)))
    return texts


def _styled(text: str, style: int) -> str:
    """Style 0: as is; 1: capitalised with a full stop."""
    return text if style == 0 else text[0].upper() + text[1:] + "."


def all_captions(truth: Truth) -> list[str]:
    """Every caption the generator can write for `truth` (distinct, in a fixed order)."""
    return [_styled(t, style) for t in _variants(truth) for style in (0, 1)]


def caption(truth: Truth, rng: random.Random) -> str:
    """One caption for `truth`, drawn uniformly from `all_captions(truth)`."""
    return _styled(rng.choice(_variants(truth)), rng.randrange(2))

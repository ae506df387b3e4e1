"""What every prompt generator shares: the draft it returns, length tiers and small text helpers.

A generator is a function ``(rng: random.Random) -> Draft`` for one (category leaf, language).
It draws only from ``rng`` and from the hand-written tuples in the lexicon and family modules, so a
seed fixes its output. The builder turns drafts into records (id, difficulty, ...).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Draft:
    """One generated prompt before the builder numbers it.

    ``constraints`` counts what a rater could check in the image: each named subject or object,
    each count, each attribute bound to an object, each spatial relation, each required setting,
    lighting, camera or style choice. The builder derives ``difficulty`` from it (and from the
    length of ``expected_text``). ``expected_text`` is the exact text the image must show, lines
    joined with "\\n"; every line occurs verbatim in ``text``.
    """

    text: str
    constraints: int
    tags: tuple[str, ...] = ()
    expected_text: str | None = None


Generator = Callable[[random.Random], Draft]

# Length tiers steer how many optional clauses a generator adds. The weights give a smooth spread
# from three-word prompts to hundred-word ones, centred on the 15-30 word prompts people write.
TIERS = ("terse", "short", "medium", "long", "epic")
DEFAULT_TIER_WEIGHTS = (0.16, 0.26, 0.28, 0.19, 0.11)


def tier(rng: random.Random, weights: Sequence[float] = DEFAULT_TIER_WEIGHTS) -> str:
    return rng.choices(TIERS, weights=weights)[0]


def pick(rng: random.Random, seq: Sequence[T]) -> T:
    return seq[rng.randrange(len(seq))]


def sample(rng: random.Random, seq: Sequence[T], k: int) -> list[T]:
    return rng.sample(list(seq), k)


def chance(rng: random.Random, p: float) -> bool:
    return rng.random() < p


# English -------------------------------------------------------------------------------------

_AN_EXCEPTIONS = ("uni", "use", "usu", "uto", "eu", "one", "once", "ufo", "ure", "uk")
_AN_SILENT_H = ("hour", "honest", "honou", "heir")


def article(phrase: str) -> str:
    """Prefix ``a`` or ``an``: "an old fox", "a unicorn", "an hourglass", "an 8-bit sprite"."""
    word = phrase.lstrip("\"'“(").lower()
    if word.startswith(_AN_SILENT_H):
        return f"an {phrase}"
    if word[:1] in "aeiou" and not word.startswith(_AN_EXCEPTIONS):
        return f"an {phrase}"
    if word[:1] == "8" or word.startswith(("11", "18")):
        return f"an {phrase}"
    return f"a {phrase}"


def cap(text: str) -> str:
    """Capitalise the first letter, leaving the rest as written.

    Text that opens with a digit or a quotation mark stays as it is: "35mm film", or a quoted
    word whose exact spelling is the text to render.
    """
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1 :]
        if ch.isdigit() or ch in "\"'“‘「『":
            return text
    return text


def join_and(items: Sequence[str], conj: str = "and") -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = list(items)
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + f" {conj} " + items[-1]


def sentence(text: str) -> str:
    """Capitalise and end with a full stop unless it already ends with punctuation."""
    text = cap(text.strip())
    return text if text.rstrip('"”」)')[-1:] in ".!?" else text + "."


NUMBER_WORDS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
)


# Chinese -------------------------------------------------------------------------------------

ZH_NUMBERS = ("零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")


def zh_join(items: Sequence[str]) -> str:
    """'甲'、'甲和乙'、'甲、乙和丙'."""
    items = list(items)
    if len(items) == 1:
        return items[0]
    return "、".join(items[:-1]) + "和" + items[-1]


def zh_end(text: str, rng: random.Random, p_full_stop: float = 0.5) -> str:
    """Chinese prompts are often comma-separated phrases with no final stop; some end in 。"""
    text = text.rstrip("，、")
    if text[-1:] in "。！？”」":
        return text
    return text + "。" if chance(rng, p_full_stop) else text

"""What a synthetic prompt asks for, where its objects go, and which prompts training may see.

A prompt's ground truth is a `Truth`: one object (`single`), N copies of one object (`count`), or
two objects in a spatial relation (`relation`). A `Scene` adds a caption and a layout (the
`Placement` of every object, in coordinates relative to the canvas), so one scene renders at any
resolution. Everything is drawn from a `random.Random` passed in: one seed, one scene.

The split between training and the held-out suite, exactly:

- `HELD_OUT_PAIRS`: 8 of the 32 colour-shape pairs (each colour once, each shape twice) never
  appear in a training image, in any role (single, count or relation).
- `held_out_combo`: of the two-object combinations built from the other 24 pairs (two different
  colours, shapes free; unordered), those whose SHA-256 of the canonical name is 0 modulo 5
  (about a fifth) never appear in training, in either order and under any relation.
- `in_training(truth)` is the predicate: a single or count prompt whose pair is seen; a relation
  whose two pairs are seen and whose combination is not held out. `sample_scene(rng, "train")`
  draws only such prompts; the held-out suite (`suite.py`) holds only prompts outside it.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import random
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Split = Literal["train", "heldout"]

COLOURS: dict[str, tuple[int, int, int]] = {
    "red": (220, 40, 40),
    "orange": (245, 135, 20),
    "yellow": (240, 215, 35),
    "green": (40, 160, 60),
    "cyan": (35, 195, 215),
    "blue": (40, 75, 220),
    "purple": (135, 55, 195),
    "pink": (245, 125, 195),
}
"""The palette (sRGB). The closest two (orange, yellow) are 80 apart; every colour is at least
140 from every background."""

BACKGROUNDS: dict[str, tuple[int, int, int]] = {
    "white": (250, 250, 250),
    "grey": (212, 212, 212),
    "cream": (243, 235, 215),
}
"""Flat backgrounds; captions do not name them."""

SHAPES: tuple[str, ...] = ("circle", "square", "triangle", "star")
PLURALS = {"circle": "circles", "square": "squares", "triangle": "triangles", "star": "stars"}
RELATIONS: tuple[str, ...] = ("left", "right", "above", "below")
"""`Truth.relation`: where the first object is, relative to the second."""

KINDS: tuple[str, ...] = ("single", "count", "relation")
SIZE_WORDS = ("small", "large")
COUNTS = (2, 3, 4)

# Object sizes: the side of the object's box, as a fraction of the canvas side.
SIZE_RANGES = {"small": (0.20, 0.28), "large": (0.50, 0.62), None: (0.28, 0.48)}
COUNT_SIZE = (0.18, 0.24)
RELATION_SIZE = (0.22, 0.32)
MARGIN = 0.04  # free border around every object's box
GAP = 0.05  # free space between two objects' boxes

HELD_OUT_PAIRS: frozenset[tuple[str, str]] = frozenset(
    {
        ("red", "star"),
        ("orange", "triangle"),
        ("yellow", "circle"),
        ("green", "square"),
        ("cyan", "triangle"),
        ("blue", "star"),
        ("purple", "circle"),
        ("pink", "square"),
    }
)
"""Colour-shape pairs no training image shows (each colour once, each shape twice)."""

SEEN_PAIRS: tuple[tuple[str, str], ...] = tuple(
    (c, s) for c in COLOURS for s in SHAPES if (c, s) not in HELD_OUT_PAIRS
)
UNSEEN_PAIRS: tuple[tuple[str, str], ...] = tuple(
    (c, s) for c in COLOURS for s in SHAPES if (c, s) in HELD_OUT_PAIRS
)
COMBO_HOLD_OUT_MODULUS = 5


@dataclass(frozen=True)
class Thing:
    """An object as a prompt names it: colour, shape, and a size word if the prompt has one."""

    colour: str
    shape: str
    size: str | None = None

    @property
    def pair(self) -> tuple[str, str]:
        return (self.colour, self.shape)


@dataclass(frozen=True)
class Truth:
    """The checkable content of a prompt.

    kind "single": `things` holds the object (possibly with a size word), count is 1.
    kind "count": `things` holds the repeated object, `count` is 2 to 4.
    kind "relation": `things` holds (A, B) in the order the caption names them and `relation`
    says where A is relative to B ("left": A is left of B).
    """

    kind: str
    things: tuple[Thing, ...]
    count: int = 1
    relation: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind={self.kind!r}: expected one of {KINDS}")
        for thing in self.things:
            if thing.colour not in COLOURS or thing.shape not in SHAPES:
                raise ValueError(f"{thing}: unknown colour or shape")
            if thing.size not in (None, *SIZE_WORDS):
                raise ValueError(f"{thing}: size must be None or one of {SIZE_WORDS}")
        expected = 2 if self.kind == "relation" else 1
        if len(self.things) != expected:
            raise ValueError(f"kind={self.kind!r} needs {expected} things, got {len(self.things)}")
        if self.kind == "relation":
            if self.relation not in RELATIONS:
                raise ValueError(f"relation={self.relation!r}: expected one of {RELATIONS}")
            if self.things[0].colour == self.things[1].colour:
                raise ValueError("the two objects of a relation must differ in colour")
        elif self.relation is not None:
            raise ValueError(f"kind={self.kind!r} takes no relation")
        if self.kind == "count" and self.count not in COUNTS:
            raise ValueError(f"count={self.count}: expected one of {COUNTS}")
        if self.kind != "count" and self.count != expected:
            raise ValueError(f"kind={self.kind!r}: count must be {expected}")

    @property
    def expected_objects(self) -> int:
        return self.count if self.kind == "count" else len(self.things)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: {"kind", "objects": [{"colour", "shape", "size"}], "count", "relation"}."""
        return {
            "kind": self.kind,
            "objects": [asdict(t) for t in self.things],
            "count": self.count,
            "relation": self.relation,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Truth:
        return cls(
            kind=data["kind"],
            things=tuple(Thing(**t) for t in data["objects"]),
            count=int(data.get("count", 1)),
            relation=data.get("relation"),
        )


@dataclass(frozen=True)
class Placement:
    """One drawn object: its box of side `size` centred at (cx, cy), relative to the canvas."""

    colour: str
    shape: str
    cx: float
    cy: float
    size: float


@dataclass(frozen=True)
class Scene:
    """A caption, its ground truth and a layout: everything needed to render the image."""

    truth: Truth
    caption: str
    background: str
    placements: tuple[Placement, ...]
    tint: tuple[tuple[int, int, int], ...] = field(default=())
    """Small per-object colour offsets (renders are not all the exact palette colour)."""


# ---- the split -----------------------------------------------------------------------------


def combo_name(a: tuple[str, str], b: tuple[str, str]) -> str:
    """Canonical (unordered) name of a two-object combination, e.g. 'blue square+red circle'."""
    return "+".join(sorted(f"{c} {s}" for c, s in (a, b)))


def held_out_combo(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """Whether the combination of two seen pairs is kept out of training (about 1 in 5)."""
    digest = hashlib.sha256(combo_name(a, b).encode()).digest()
    return int.from_bytes(digest[:8], "big") % COMBO_HOLD_OUT_MODULUS == 0


def relation_combos(split: Split) -> list[tuple[tuple[str, str], tuple[str, str]]]:
    """Unordered combinations of two seen pairs with different colours, in one split."""
    combos = []
    for a, b in itertools.combinations(SEEN_PAIRS, 2):
        if a[0] == b[0]:
            continue
        if held_out_combo(a, b) == (split == "heldout"):
            combos.append((a, b))
    return combos


def in_training(truth: Truth) -> bool:
    """The training distribution's predicate (see the module docstring)."""
    if any(t.pair in HELD_OUT_PAIRS for t in truth.things):
        return False
    if truth.kind == "relation":
        return not held_out_combo(truth.things[0].pair, truth.things[1].pair)
    return True


# ---- sampling ------------------------------------------------------------------------------

TRAIN_KIND_WEIGHTS = {"single": 0.3, "count": 0.2, "relation": 0.5}
SIZE_WORD_PROBABILITY = 0.4


def sample_truth(rng: random.Random, split: Split = "train", kind: str | None = None) -> Truth:
    """A random prompt truth from one side of the split.

    "train": singles and counts over the seen pairs, relations over the training combinations.
    "heldout": singles and counts over the unseen pairs, relations over the held-out
    combinations.
    """
    if kind is None:
        kind = rng.choices(list(TRAIN_KIND_WEIGHTS), weights=list(TRAIN_KIND_WEIGHTS.values()))[0]
    pairs = SEEN_PAIRS if split == "train" else UNSEEN_PAIRS
    if kind == "single":
        colour, shape = rng.choice(pairs)
        size = rng.choice(SIZE_WORDS) if rng.random() < SIZE_WORD_PROBABILITY else None
        return Truth("single", (Thing(colour, shape, size),))
    if kind == "count":
        colour, shape = rng.choice(pairs)
        return Truth("count", (Thing(colour, shape),), count=rng.choice(COUNTS))
    if kind == "relation":
        a, b = rng.choice(_combos(split))
        if rng.random() < 0.5:
            a, b = b, a
        return Truth("relation", (Thing(*a), Thing(*b)), count=2, relation=rng.choice(RELATIONS))
    raise ValueError(f"kind={kind!r}: expected one of {KINDS}")


_COMBO_CACHE: dict[str, list] = {}


def _combos(split: Split) -> list:
    if split not in _COMBO_CACHE:
        _COMBO_CACHE[split] = relation_combos(split)
    return _COMBO_CACHE[split]


def _uniform(rng: random.Random, bounds: tuple[float, float]) -> float:
    return rng.uniform(*bounds)


def _free_position(rng: random.Random, size: float) -> float:
    half = size / 2 + MARGIN
    return rng.uniform(half, 1 - half)


def _boxes_apart(a: Placement, b: Placement) -> bool:
    reach = (a.size + b.size) / 2 + GAP
    return abs(a.cx - b.cx) >= reach or abs(a.cy - b.cy) >= reach


def sample_layout(truth: Truth, rng: random.Random) -> tuple[Placement, ...]:
    """Where the objects of `truth` go: inside the margins, boxes never closer than GAP."""
    if truth.kind == "single":
        thing = truth.things[0]
        size = _uniform(rng, SIZE_RANGES[thing.size])
        cx, cy = _free_position(rng, size), _free_position(rng, size)
        return (Placement(thing.colour, thing.shape, cx, cy, size),)
    if truth.kind == "count":
        thing = truth.things[0]
        while True:  # rejection sampling; 4 objects of <= 0.23 fit easily
            placed: list[Placement] = []
            for _ in range(truth.count):
                size = _uniform(rng, COUNT_SIZE)
                for _attempt in range(50):
                    p = Placement(
                        thing.colour,
                        thing.shape,
                        _free_position(rng, size),
                        _free_position(rng, size),
                        size,
                    )
                    if all(_boxes_apart(p, q) for q in placed):
                        placed.append(p)
                        break
            if len(placed) == truth.count:
                return tuple(placed)
    # relation: A relative to B along one axis, a small offset along the other
    a, b = truth.things
    size_a, size_b = _uniform(rng, RELATION_SIZE), _uniform(rng, RELATION_SIZE)
    apart = max(rng.uniform(0.36, 0.60), (size_a + size_b) / 2 + GAP)
    across = rng.uniform(-0.10, 0.10)
    sign = -1.0 if truth.relation in ("left", "above") else 1.0  # A before B on the axis
    # along the main axis: both boxes inside the margins
    lo = max(size_a, size_b) / 2 + MARGIN
    low_a = lo + (apart if sign > 0 else 0.0)
    high_a = 1 - lo - (apart if sign < 0 else 0.0)
    main_a = rng.uniform(low_a, max(low_a, high_a))
    main_b = main_a - sign * apart
    cross_lo = max(size_a, size_b) / 2 + MARGIN + abs(across) / 2
    cross_mid = rng.uniform(cross_lo, 1 - cross_lo)
    cross_a, cross_b = cross_mid + across / 2, cross_mid - across / 2
    if truth.relation in ("left", "right"):
        pa = Placement(a.colour, a.shape, main_a, cross_a, size_a)
        pb = Placement(b.colour, b.shape, main_b, cross_b, size_b)
    else:
        pa = Placement(a.colour, a.shape, cross_a, main_a, size_a)
        pb = Placement(b.colour, b.shape, cross_b, main_b, size_b)
    return (pa, pb)


TINT = 6  # largest per-channel colour offset of a drawn object


def sample_scene(
    rng: random.Random, split: Split = "train", kind: str | None = None, truth: Truth | None = None
) -> Scene:
    """A random scene (truth, caption, background, layout) from one side of the split."""
    from modelhub.synthetic.captions import caption

    truth = truth or sample_truth(rng, split, kind)
    placements = sample_layout(truth, rng)
    tint = tuple(tuple(rng.randint(-TINT, TINT) for _ in range(3)) for _ in placements)
    return Scene(
        truth=truth,
        caption=caption(truth, rng),
        background=rng.choice(list(BACKGROUNDS)),
        placements=placements,
        tint=tint,
    )


def star_points(cx: float, cy: float, size: float) -> list[tuple[float, float]]:
    """The ten vertices of an upright five-pointed star whose box is centred at (cx, cy).

    Outer radius size/2, inner radius 0.45 of it (fatter than the regular star's 0.38, so the
    points survive at 64 pixels); shifted so the box, not the circle, is centred.
    """
    outer, inner = size / 2, 0.45 * size / 2
    points = []
    for k in range(10):
        radius = outer if k % 2 == 0 else inner
        angle = -math.pi / 2 + k * math.pi / 5
        points.append((radius * math.cos(angle), radius * math.sin(angle)))
    ys = [y for _, y in points]
    shift = (max(ys) + min(ys)) / 2
    return [(cx + x, cy + y - shift) for x, y in points]


def shape_outline(shape: str, cx: float, cy: float, size: float) -> list[tuple[float, float]]:
    """Polygon vertices of a square, triangle or star (circles are drawn as ellipses)."""
    if shape == "square":
        half = 0.44 * size  # side 0.88 of the box: about the area of the circle
        return [(cx - half, cy - half), (cx + half, cy - half), (cx + half, cy + half),
                (cx - half, cy + half)]  # fmt: skip
    if shape == "triangle":
        half, height = size / 2, size * math.sqrt(3) / 2
        return [(cx, cy - height / 2), (cx + half, cy + height / 2), (cx - half, cy + height / 2)]
    if shape == "star":
        return star_points(cx, cy, size)
    raise ValueError(f"shape={shape!r} has no polygon outline")

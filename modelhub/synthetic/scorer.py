"""Does an image follow its synthetic prompt? Colour, shape, count, size and relation from pixels.

    from modelhub.synthetic.scorer import score
    result = score(image, truth)       # image: PIL image or (H, W, 3) array; truth: scenes.Truth
    result.correct, result.colour, result.shape, result.count, result.relation, result.objects

    .venv/bin/python -m modelhub.synthetic.scorer    # validation figures (renders, shuffled)

How objects are found (`detect`):
1. The background is the per-channel median of the one-pixel border.
2. Foreground pixels differ from it by more than `FOREGROUND_DISTANCE`; each is given the
   nearest palette colour if within `COLOUR_TOLERANCE` of it, else none.
3. For each colour, the 8-connected components of its pixels are candidate objects. A candidate
   must cover `MIN_AREA_FRACTION` of the image and keep some pixels after a one-pixel erosion,
   which drops the thin rings that anti-aliased edges of another colour leave (a red edge on white
   is nearly pink).
4. The object's mask is redrawn at half contrast (pixels at least halfway from the background
   to the object's colour, within one pixel of the component), its shape is the template
   (circle, square, triangle, star fitted to the mask's box) with the highest IoU, its position
   the mask's centroid and its size the longer side of its box.

How a prompt is judged (`judge`), by kind:
- single: the largest object's colour and shape; count = exactly one object; size = small
  objects span at most `SMALL_MAX`, large ones at least `LARGE_MIN` of the image side.
- count: count = exactly N objects; colour / shape = every object has the asked colour / shape.
- relation: for each named object, the largest object of its colour (colour = both found,
  shape = both have the asked shape); relation = the centroids differ more along the asked axis
  than across it, in the asked direction; count = exactly two objects.
`correct` is every checked attribute at once.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw
from scipy import ndimage

from modelhub.synthetic.scenes import COLOURS, SHAPES, Truth, shape_outline

FOREGROUND_DISTANCE = 50.0
COLOUR_TOLERANCE = 75.0
MIN_AREA_FRACTION = 0.002
SMALL_MAX = 0.36
LARGE_MIN = 0.42

_PALETTE_NAMES = tuple(COLOURS)
_PALETTE = np.array([COLOURS[name] for name in _PALETTE_NAMES], dtype=np.float32)
_EIGHT = np.ones((3, 3), dtype=bool)


@dataclass(frozen=True)
class Detected:
    """One object found in an image; position and size relative to the image side."""

    colour: str
    shape: str
    cx: float
    cy: float
    size: float
    area: int
    shape_iou: float


@dataclass(frozen=True)
class Score:
    """The verdict on one image. `relation` and `size` are None where the prompt has none."""

    colour: bool
    shape: bool
    count: bool
    relation: bool | None
    size: bool | None
    correct: bool
    objects: tuple[Detected, ...]

    @property
    def colour_and_shape(self) -> bool:
        return self.colour and self.shape


def as_array(image: Image.Image | np.ndarray) -> np.ndarray:
    """(H, W, 3) float32 in 0..255 from a PIL image, a uint8 array or a float array in 0..1."""
    if isinstance(image, Image.Image):
        return np.asarray(image.convert("RGB"), dtype=np.float32)
    array = np.asarray(image)
    if array.ndim != 3 or array.shape[-1] != 3:
        raise ValueError(f"expected an (H, W, 3) image, got shape {array.shape}")
    if array.dtype == np.uint8:
        return array.astype(np.float32)
    return np.clip(array.astype(np.float32), 0, 1) * 255


def background_colour(pixels: np.ndarray) -> np.ndarray:
    border = np.concatenate([pixels[0], pixels[-1], pixels[:, 0], pixels[:, -1]])
    return np.median(border, axis=0)


@functools.lru_cache(maxsize=4096)
def _template(shape: str, height: int, width: int) -> np.ndarray:
    """Coverage (0..1) of `shape` stretched to fill a height x width box (drawn at 4x)."""
    scale = 4
    canvas = Image.new("L", (width * scale, height * scale), 0)
    draw = ImageDraw.Draw(canvas)
    if shape in ("circle", "square"):
        box = (0, 0, width * scale - 1, height * scale - 1)
        (draw.ellipse if shape == "circle" else draw.rectangle)(box, fill=255)
    else:
        points = np.array(shape_outline(shape, 0.0, 0.0, 1.0))
        points -= points.min(axis=0)
        points /= points.max(axis=0)
        points *= (width * scale - 1, height * scale - 1)
        draw.polygon([tuple(p) for p in points], fill=255)
    small = canvas.resize((width, height), Image.Resampling.BOX)
    return np.asarray(small, dtype=np.float32) / 255


def classify_shape(coverage: np.ndarray) -> tuple[str, float]:
    """The shape whose box-fitted template overlaps the object best, and that (soft) IoU.

    `coverage` is the object's share of each pixel (0..1) over its box; the IoU of two such
    maps is sum(min) / sum(max), which sees the partly covered edge pixels of small objects.
    """
    height, width = coverage.shape
    best, best_iou = SHAPES[0], -1.0
    for shape in SHAPES:
        template = _template(shape, height, width)
        union = np.maximum(template, coverage).sum()
        iou = float(np.minimum(template, coverage).sum() / union) if union else 0.0
        if iou > best_iou:
            best, best_iou = shape, iou
    return best, best_iou


def detect(image: Image.Image | np.ndarray) -> tuple[Detected, ...]:
    """Every object in the image, largest first."""
    pixels = as_array(image)
    height, width, _ = pixels.shape
    background = background_colour(pixels)
    foreground = np.linalg.norm(pixels - background, axis=-1) > FOREGROUND_DISTANCE
    distances = np.linalg.norm(pixels[:, :, None, :] - _PALETTE[None, None], axis=-1)
    nearest = distances.argmin(axis=-1)
    assigned = foreground & (distances.min(axis=-1) < COLOUR_TOLERANCE)
    min_area = max(4, int(MIN_AREA_FRACTION * height * width))
    found = []
    for index, name in enumerate(_PALETTE_NAMES):
        colour_mask = assigned & (nearest == index)
        if colour_mask.sum() < min_area:
            continue
        labels, n = ndimage.label(colour_mask, structure=_EIGHT)
        for label in range(1, n + 1):
            component = labels == label
            if component.sum() < min_area or not ndimage.binary_erosion(component).any():
                continue
            found.append(_describe(pixels, background, component, name))
    found = [d for d in found if d is not None]
    return tuple(sorted(found, key=lambda d: -d.area))


def _describe(
    pixels: np.ndarray, background: np.ndarray, component: np.ndarray, colour: str
) -> Detected | None:
    """Half-contrast mask of the object around `component`, and its shape, centre and size."""
    height, width, _ = pixels.shape
    target = np.asarray(COLOURS[colour], dtype=np.float32) - background
    projection = (pixels - background) @ target / float(target @ target)
    region = ndimage.binary_dilation(component, structure=_EIGHT)
    mask = region & (projection >= 0.5)
    if not mask.any():
        return None
    rows, cols = np.nonzero(mask)
    top, bottom, left, right = rows.min(), rows.max() + 1, cols.min(), cols.max() + 1
    coverage = np.where(region, np.clip(projection, 0.0, 1.0), 0.0)
    shape, iou = classify_shape(coverage[top:bottom, left:right])
    return Detected(
        colour=colour,
        shape=shape,
        cx=float(cols.mean() + 0.5) / width,
        cy=float(rows.mean() + 0.5) / height,
        size=float(max(bottom - top, right - left) / max(height, width)),
        area=int(mask.sum()),
        shape_iou=iou,
    )


def relation_holds(a: Detected, b: Detected, relation: str) -> bool:
    """Whether a is `relation` ("left", "right", "above", "below") of b."""
    dx, dy = b.cx - a.cx, b.cy - a.cy  # image y grows downwards
    if relation == "left":
        return bool(dx > 0 and abs(dx) > abs(dy))
    if relation == "right":
        return bool(dx < 0 and abs(dx) > abs(dy))
    if relation == "above":
        return bool(dy > 0 and abs(dy) > abs(dx))
    if relation == "below":
        return bool(dy < 0 and abs(dy) > abs(dx))
    raise ValueError(f"relation={relation!r}")


def judge(objects: tuple[Detected, ...], truth: Truth) -> Score:
    """The verdict for detected `objects` (largest first) against `truth`."""
    if truth.kind == "single":
        thing = truth.things[0]
        main = objects[0] if objects else None
        colour = main is not None and main.colour == thing.colour
        shape = main is not None and main.shape == thing.shape
        count = len(objects) == 1
        size = None
        if thing.size is not None:
            size = main is not None and bool(
                main.size <= SMALL_MAX if thing.size == "small" else main.size >= LARGE_MIN
            )
        correct = colour and shape and count and size is not False
        return Score(colour, shape, count, None, size, correct, objects)
    if truth.kind == "count":
        thing = truth.things[0]
        colour = bool(objects) and all(o.colour == thing.colour for o in objects)
        shape = bool(objects) and all(o.shape == thing.shape for o in objects)
        count = len(objects) == truth.count
        return Score(colour, shape, count, None, None, colour and shape and count, objects)
    a_thing, b_thing = truth.things
    a = next((o for o in objects if o.colour == a_thing.colour), None)
    b = next((o for o in objects if o.colour == b_thing.colour), None)
    colour = a is not None and b is not None
    shape = colour and a.shape == a_thing.shape and b.shape == b_thing.shape
    relation = colour and bool(relation_holds(a, b, truth.relation))
    count = len(objects) == 2
    return Score(colour, shape, count, relation, None, shape and relation and count, objects)


def score(image: Image.Image | np.ndarray, truth: Truth) -> Score:
    """Detect the objects in `image` and judge them against `truth`."""
    return judge(detect(image), truth)


# How much each checked attribute counts towards an image's utility; getting everything right
# (`correct`) counts most, as it does for a person reading the prompt.
UTILITY_WEIGHTS = {"correct": 2.0, "colour": 1.0, "shape": 1.0, "count": 0.5, "relation": 1.0}


def utility(result: Score) -> float:
    """How well an image follows its prompt, as one number: the weighted attributes it got right
    (simulated raters vote on its differences; reward-DPO pairs are ordered by it)."""
    return sum(
        weight * float(value)
        for name, weight in UTILITY_WEIGHTS.items()
        if (value := getattr(result, name, None)) is not None
    )


def validate(count: int = 1000, seed: int = 11, resolution: int = 64) -> dict[str, float]:
    """The scorer's figures on renders: own prompts (should be ~1) and shuffled ones (chance).

    Half the renders come from the training split and half from the held-out one.
    """
    import random

    from modelhub.synthetic.render import samples

    renders = samples(seed, count // 2, resolution, "train")
    renders += samples(seed, count - count // 2, resolution, "heldout")
    own = [score(s.image, s.scene.truth) for s in renders]
    truths = [s.scene.truth for s in renders]
    random.Random(0).shuffle(truths)
    shuffled = [score(s.image, t) for s, t in zip(renders, truths, strict=True)]

    def rate(results: list[Score], kinds: list[str], key: str, kind: str | None = None) -> float:
        picked = [getattr(r, key) for r, k in zip(results, kinds, strict=True) if kind in (None, k)]
        return round(float(np.mean(picked)), 4) if picked else float("nan")

    own_kinds = [s.scene.truth.kind for s in renders]
    shuffled_kinds = [t.kind for t in truths]
    figures = {"images": float(len(renders))}
    for name, results, kinds in (("own", own, own_kinds), ("shuffled", shuffled, shuffled_kinds)):
        figures[f"{name}/correct"] = rate(results, kinds, "correct")
        for kind in ("single", "count", "relation"):
            figures[f"{name}/{kind}/correct"] = rate(results, kinds, "correct", kind)
        figures[f"{name}/single/colour"] = rate(results, kinds, "colour", "single")
        figures[f"{name}/single/shape"] = rate(results, kinds, "shape", "single")
        figures[f"{name}/single/colour_and_shape"] = rate(
            results, kinds, "colour_and_shape", "single"
        )
    return figures


if __name__ == "__main__":
    import json

    print(json.dumps(validate(), indent=2))

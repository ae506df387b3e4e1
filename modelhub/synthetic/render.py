"""Draw a `Scene` at any resolution: flat background, anti-aliased flat-coloured shapes.

Shapes are drawn with PIL at 4x the target size and box-filtered down, so edges are
anti-aliased the same way at 32 and at 64 pixels.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw

from modelhub.synthetic.scenes import (
    BACKGROUNDS,
    COLOURS,
    Scene,
    Split,
    sample_scene,
    shape_outline,
)

SUPERSAMPLE = 4


@dataclass(frozen=True)
class Sample:
    """A rendered scene: the image (H, W, 3) uint8 and everything that made it."""

    scene: Scene
    image: np.ndarray

    @property
    def caption(self) -> str:
        return self.scene.caption


def _clip(value: int) -> int:
    return max(0, min(255, value))


def render(scene: Scene, resolution: int) -> np.ndarray:
    """The scene as an (resolution, resolution, 3) uint8 array."""
    big = resolution * SUPERSAMPLE
    canvas = Image.new("RGB", (big, big), BACKGROUNDS[scene.background])
    draw = ImageDraw.Draw(canvas)
    tints = scene.tint or ((0, 0, 0),) * len(scene.placements)
    for p, tint in zip(scene.placements, tints, strict=True):
        fill = tuple(_clip(c + t) for c, t in zip(COLOURS[p.colour], tint, strict=True))
        cx, cy, size = p.cx * big, p.cy * big, p.size * big
        if p.shape == "circle":
            draw.ellipse((cx - size / 2, cy - size / 2, cx + size / 2, cy + size / 2), fill=fill)
        else:
            draw.polygon(shape_outline(p.shape, cx, cy, size), fill=fill)
    small = canvas.resize((resolution, resolution), Image.Resampling.BOX)
    return np.asarray(small, dtype=np.uint8)


def object_map(scene: Scene, resolution: int) -> np.ndarray:
    """(resolution, resolution) uint8: 0 on the background, i + 1 where placement i is drawn.

    The same outlines and painter's order as `render`, without anti-aliasing: what each pixel
    shows, for per-region training targets (`modelhub.training.token_labels`).
    """
    canvas = Image.new("L", (resolution, resolution), 0)
    draw = ImageDraw.Draw(canvas)
    for index, p in enumerate(scene.placements, start=1):
        cx, cy, size = p.cx * resolution, p.cy * resolution, p.size * resolution
        if p.shape == "circle":
            box = (cx - size / 2, cy - size / 2, cx + size / 2, cy + size / 2)
            draw.ellipse(box, fill=index)
        else:
            draw.polygon(shape_outline(p.shape, cx, cy, size), fill=index)
    return np.asarray(canvas, dtype=np.uint8)


def render_sample(scene: Scene, resolution: int) -> Sample:
    return Sample(scene=scene, image=render(scene, resolution))


def samples(
    seed: int, count: int, resolution: int, split: Split = "train", kind: str | None = None
) -> list[Sample]:
    """`count` rendered random scenes from one side of the split; one seed, one list."""
    rng = random.Random(f"synthetic/{split}/{kind}/{seed}")
    return [render_sample(sample_scene(rng, split, kind), resolution) for _ in range(count)]

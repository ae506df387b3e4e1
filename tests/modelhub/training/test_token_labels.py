"""Token labels against an exact point-in-shape computation, and the loss against its formula."""

import math
import random

import numpy as np
import pytest
import torch

from modelhub.synthetic.scenes import (
    COLOURS,
    SHAPES,
    Placement,
    Scene,
    Thing,
    Truth,
    sample_scene,
    shape_outline,
)
from modelhub.training.token_labels import (
    COLOUR_CLASSES,
    MIN_COVER,
    TOKEN_PIXELS,
    TokenLabelHead,
    token_label_loss,
    token_labels,
)


def _inside(shape: str, p: Placement, x: float, y: float) -> bool:
    """Whether canvas point (x, y) (relative units) lies in the drawn shape: exact geometry."""
    if shape == "circle":
        return math.hypot(x - p.cx, y - p.cy) <= p.size / 2
    polygon = shape_outline(shape, p.cx, p.cy, p.size)
    inside = False  # ray casting
    for (x1, y1), (x2, y2) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _exact_cover(scene: Scene, resolution: int) -> np.ndarray:
    """(tokens, objects) share of each token's pixel centres inside each object."""
    grid = resolution // TOKEN_PIXELS
    cover = np.zeros((grid * grid, len(scene.placements)))
    for ty in range(grid):
        for tx in range(grid):
            for py in range(TOKEN_PIXELS):
                for px in range(TOKEN_PIXELS):
                    x = (tx * TOKEN_PIXELS + px + 0.5) / resolution
                    y = (ty * TOKEN_PIXELS + py + 0.5) / resolution
                    for i, p in enumerate(scene.placements):
                        if _inside(p.shape, p, x, y):
                            cover[ty * grid + tx, i] += 1 / TOKEN_PIXELS**2
    return cover


@pytest.mark.parametrize("resolution", [32, 64])
def test_labels_match_exact_geometry(resolution):
    rng = random.Random(11)
    colour_names, shape_names = ["bg", *COLOURS], ["bg", *SHAPES]
    checked = 0
    for _ in range(12):
        scene = sample_scene(rng, "train")
        colour, shape = token_labels(scene, resolution)
        assert colour.shape == shape.shape == ((resolution // TOKEN_PIXELS) ** 2,)
        cover = _exact_cover(scene, resolution)
        for token in range(cover.shape[0]):
            best = int(cover[token].argmax())
            if abs(cover[token, best] - MIN_COVER) < 0.1:
                continue  # rasterisation may fall either side of the threshold
            checked += 1
            if cover[token, best] >= MIN_COVER:
                p = scene.placements[best]
                assert (colour_names[colour[token]], shape_names[shape[token]]) == (
                    p.colour,
                    p.shape,
                )
            else:
                assert colour[token] == shape[token] == 0
    assert checked > 12 * (resolution // TOKEN_PIXELS) ** 2 * 0.8


def test_labels_follow_the_token_order_of_pack_latents():
    """An object in the top-right corner labels the last tokens of the first row."""
    truth = Truth("single", (Thing("red", "square"),))
    scene = Scene(truth, "a red square", "white", (Placement("red", "square", 0.8, 0.2, 0.3),))
    colour, _ = token_labels(scene, 64)
    grid = colour.reshape(8, 8)
    assert grid[1, 6] == 1 + list(COLOURS).index("red")
    assert not grid[:, :4].any() and not grid[5:].any()


def test_the_loss_is_the_mean_of_the_two_cross_entropies():
    torch.manual_seed(0)
    head = TokenLabelHead(16, hidden=8)
    hidden = torch.randn(2, 5, 16)
    colour = torch.randint(0, COLOUR_CLASSES, (2, 5))
    shape = torch.randint(0, 5, (2, 5))
    colour_logits, shape_logits = head(hidden)

    def ce(logits, labels):  # by hand: -log softmax at the label, averaged over tokens
        log_p = logits - logits.exp().sum(-1, keepdim=True).log()
        return -log_p.gather(-1, labels[..., None]).mean()

    expected = 0.5 * (ce(colour_logits, colour) + ce(shape_logits, shape))
    loss = token_label_loss(head, hidden, colour, shape)
    assert loss.item() == pytest.approx(expected.item(), rel=1e-6)
    assert token_label_loss(head, hidden, colour, (shape + 1) % 5).item() != loss.item()

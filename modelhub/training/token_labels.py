"""What each image token of a training scene shows: targets for pre-training's auxiliary loss.

The synthetic renderer knows where every object is, so each image token of a scene (the
transformer's 2x2 patch of latent pixels: 8x8 image pixels with the patch autoencoder's
factor 4) gets two class labels, the colour and the shape of the object that covers most of
its cell (0, background, when no object covers a quarter of it):

    colour: 0 background, 1 + index in scenes.COLOURS    (9 classes)
    shape:  0 background, 1 + index in scenes.SHAPES     (5 classes)

Pre-training (`pretrain.py`, `aux_weight` > 0) asks a small head on an intermediate block's
image tokens to predict them from the noisy input and the caption, at every timestep: the
supervised counterpart of REPA's representation alignment (Yu et al. 2024, "Representation
Alignment for Generation"), which speeds up diffusion transformers by making an early block
learn what the clean image contains. Here what it contains is known exactly. The head is
dropped after training: the exported transformer is the plain Qwen-Image module.
"""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

from modelhub.synthetic.render import object_map
from modelhub.synthetic.scenes import COLOURS, SHAPES, Scene

COLOUR_CLASSES = 1 + len(COLOURS)
SHAPE_CLASSES = 1 + len(SHAPES)
TOKEN_PIXELS = 8
"""Image pixels per token side: the patch autoencoder's factor 4 times the 2x2 packing."""
MIN_COVER = 0.25
"""Share of a token's cell an object must cover to label it (otherwise background)."""

_COLOUR_IDS = {name: i + 1 for i, name in enumerate(COLOURS)}
_SHAPE_IDS = {name: i + 1 for i, name in enumerate(SHAPES)}


def token_labels(scene: Scene, resolution: int) -> tuple[np.ndarray, np.ndarray]:
    """(tokens,) uint8 colour and shape classes of a `resolution`-pixel render's image tokens,
    in the transformer's token order (row-major over the token grid, as `pack_latents`)."""
    if resolution % TOKEN_PIXELS:
        raise ValueError(f"resolution {resolution}: not a multiple of {TOKEN_PIXELS}")
    grid, cell = resolution // TOKEN_PIXELS, TOKEN_PIXELS
    index = object_map(scene, resolution).astype(np.int64)
    cells = index.reshape(grid, cell, grid, cell).transpose(0, 2, 1, 3).reshape(grid * grid, -1)
    tokens = grid * grid
    colour = np.zeros(tokens, dtype=np.uint8)
    shape = np.zeros(tokens, dtype=np.uint8)
    if not scene.placements:
        return colour, shape
    cover = np.stack([(cells == i + 1).mean(axis=1) for i in range(len(scene.placements))], 1)
    best = cover.argmax(axis=1)
    labelled = cover.max(axis=1) >= MIN_COVER
    colours = np.array([_COLOUR_IDS[p.colour] for p in scene.placements], dtype=np.uint8)
    shapes = np.array([_SHAPE_IDS[p.shape] for p in scene.placements], dtype=np.uint8)
    colour[labelled] = colours[best[labelled]]
    shape[labelled] = shapes[best[labelled]]
    return colour, shape


class TokenLabelHead(nn.Module):
    """Colour and shape logits per image token from a block's hidden states (B, T, width)."""

    def __init__(self, width: int, hidden: int = 128):
        super().__init__()
        self.mlp = nn.Sequential(
            nn.LayerNorm(width),
            nn.Linear(width, hidden),
            nn.SiLU(),
            nn.Linear(hidden, COLOUR_CLASSES + SHAPE_CLASSES),
        )

    def forward(self, hidden: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        logits = self.mlp(hidden.float())
        return logits[..., :COLOUR_CLASSES], logits[..., COLOUR_CLASSES:]


def token_label_loss(
    head: TokenLabelHead, hidden: torch.Tensor, colour: torch.Tensor, shape: torch.Tensor
) -> torch.Tensor:
    """Mean of the two per-token cross-entropies (colour, shape) over the batch's tokens."""
    colour_logits, shape_logits = head(hidden)
    ce = nn.functional.cross_entropy
    return 0.5 * (
        ce(colour_logits.flatten(0, 1), colour.flatten().long())
        + ce(shape_logits.flatten(0, 1), shape.flatten().long())
    )

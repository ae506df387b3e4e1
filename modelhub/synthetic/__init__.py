"""Synthetic captioned images with known answers: renderer, held-out prompt suite, scorer.

    scenes.py    ground truth (`Truth`), layouts (`Scene`), the train / held-out split
    captions.py  natural-English captions with varied phrasing
    render.py    `render(scene, resolution)`: flat shapes on flat backgrounds, anti-aliased
    scorer.py    `score(image, truth)`: colour, shape, count, size and relation from pixels
    suite.py     the held-out suite `synthetic-5k.jsonl` (builder and --check)

No Django, no model: numpy, scipy and PIL only.
"""

from modelhub.synthetic.render import Sample, render, render_sample, samples
from modelhub.synthetic.scenes import (
    COLOURS,
    HELD_OUT_PAIRS,
    RELATIONS,
    SHAPES,
    Placement,
    Scene,
    Thing,
    Truth,
    in_training,
    sample_scene,
    sample_truth,
)

__all__ = [
    "COLOURS",
    "HELD_OUT_PAIRS",
    "RELATIONS",
    "SHAPES",
    "Placement",
    "Sample",
    "Scene",
    "Thing",
    "Truth",
    "in_training",
    "render",
    "render_sample",
    "sample_scene",
    "sample_truth",
    "samples",
]

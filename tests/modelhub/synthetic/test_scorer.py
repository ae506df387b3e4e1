"""The scorer, validated on the renderer's own images and on shuffled prompts.

The figures asserted here are those in docs/demo-model.md (1,000 renders per split at 64 px).
"""

import random

import numpy as np
import pytest
from PIL import Image

from modelhub.synthetic.render import render, samples
from modelhub.synthetic.scenes import Placement, Scene, Thing, Truth
from modelhub.synthetic.scorer import Score, detect, score, utility

N = 1000


@pytest.fixture(scope="module")
def renders():
    return samples(11, N // 2, 64, "train") + samples(11, N // 2, 64, "heldout")


def _rates(results, key):
    return float(np.mean([getattr(r, key) for r in results]))


def test_own_renders_score_near_100_percent(renders):
    results = [score(s.image, s.scene.truth) for s in renders]
    assert _rates(results, "correct") >= 0.99
    for kind in ("single", "count", "relation"):
        of_kind = [r for s, r in zip(renders, results, strict=True) if s.scene.truth.kind == kind]
        assert _rates(of_kind, "correct") >= 0.98, kind


def test_shuffled_prompts_score_near_chance(renders):
    truths = [s.scene.truth for s in renders]
    random.Random(0).shuffle(truths)
    results = [score(s.image, t) for s, t in zip(renders, truths, strict=True)]
    single = [r for r, t in zip(results, truths, strict=True) if t.kind == "single"]
    relation = [r for r, t in zip(results, truths, strict=True) if t.kind == "relation"]
    # chance: colour 1/8, shape 1/4 (renders of singles); fewer when the image holds another kind
    assert 0.06 <= _rates(single, "colour") <= 0.22
    assert 0.12 <= _rates(single, "shape") <= 0.38
    assert _rates(single, "colour_and_shape") <= 0.08
    assert _rates(relation, "correct") <= 0.03
    assert _rates(results, "correct") <= 0.05


def test_accepts_pil_uint8_and_float_images():
    scene = samples(0, 1, 64)[0]
    as_float = scene.image.astype(np.float32) / 255
    for image in (scene.image, Image.fromarray(scene.image), as_float):
        assert score(image, scene.scene.truth).correct


def test_per_attribute_verdicts():
    truth = Truth("relation", (Thing("red", "circle"), Thing("blue", "square")), 2, "left")
    swapped = Scene(
        truth,
        "x",
        "white",
        (Placement("red", "circle", 0.75, 0.5, 0.3), Placement("blue", "square", 0.25, 0.5, 0.3)),
    )
    result = score(render(swapped, 64), truth)
    assert result.colour and result.shape and result.count
    assert result.relation is False and not result.correct
    wrong_shape = Scene(
        truth,
        "x",
        "grey",
        (Placement("red", "star", 0.25, 0.5, 0.3), Placement("blue", "square", 0.75, 0.5, 0.3)),
    )
    result = score(render(wrong_shape, 64), truth)
    assert result.colour and not result.shape and result.relation


def test_detects_count_size_and_nothing_on_blank():
    truth = Truth("single", (Thing("green", "triangle", "large"),))
    scene = Scene(truth, "x", "cream", (Placement("green", "triangle", 0.5, 0.5, 0.2),))
    result = score(render(scene, 64), truth)
    assert result.colour and result.shape and result.size is False
    blank = np.full((64, 64, 3), 250, dtype=np.uint8)
    assert detect(blank) == ()
    assert not score(blank, truth).colour
    noise = np.random.default_rng(0).integers(0, 256, (64, 64, 3), dtype=np.uint8)
    assert not score(noise, truth).correct


def test_utility_weighs_the_attributes_that_apply():
    def verdict(**values):
        base = {"colour": True, "shape": True, "count": True, "relation": None, "size": None}
        return Score(**{**base, **values, "correct": False, "objects": ()})

    # correct 2, colour 1, shape 1, count 0.5, relation 1; None (not asked) counts nothing.
    assert utility(Score(True, True, True, None, None, True, ())) == 4.5
    assert utility(verdict(colour=False)) == 1.5
    assert utility(verdict(relation=True)) == 3.5
    assert utility(verdict(relation=False, count=False)) == 2.0

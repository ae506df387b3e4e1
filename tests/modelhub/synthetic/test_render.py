"""The renderer and the train / held-out split."""

import random

import numpy as np
import pytest

from modelhub.synthetic.captions import all_captions, caption
from modelhub.synthetic.render import render, samples
from modelhub.synthetic.scenes import (
    BACKGROUNDS,
    COLOURS,
    HELD_OUT_PAIRS,
    SHAPES,
    Thing,
    Truth,
    held_out_combo,
    in_training,
    relation_combos,
    sample_scene,
    sample_truth,
)


def test_same_seed_same_images_and_captions():
    first, second = samples(3, 8, 64), samples(3, 8, 64)
    assert [s.caption for s in first] == [s.caption for s in second]
    assert all(np.array_equal(a.image, b.image) for a, b in zip(first, second, strict=True))
    assert [s.caption for s in samples(4, 8, 64)] != [s.caption for s in first]


@pytest.mark.parametrize("resolution", [32, 64])
def test_render_shape_and_background(resolution):
    scene = sample_scene(random.Random(0), "train", "single")
    image = render(scene, resolution)
    assert image.shape == (resolution, resolution, 3) and image.dtype == np.uint8
    assert tuple(int(v) for v in image[0, 0]) == BACKGROUNDS[scene.background]
    assert len({tuple(p) for p in image.reshape(-1, 3)}) > 2  # an object, anti-aliased


def test_palette_and_shapes():
    assert len(COLOURS) >= 8 and set(SHAPES) >= {"circle", "square", "triangle", "star"}
    palette = np.array(list(COLOURS.values()), dtype=float)
    distances = np.linalg.norm(palette[:, None] - palette[None], axis=-1)
    assert distances[~np.eye(len(palette), dtype=bool)].min() >= 75


def test_held_out_pairs_are_balanced():
    assert sorted(c for c, _ in HELD_OUT_PAIRS) == sorted(COLOURS)
    assert sorted(s for _, s in HELD_OUT_PAIRS) == sorted(SHAPES * 2)


def test_training_sampler_never_draws_held_out_content():
    rng = random.Random(0)
    for _ in range(5000):
        truth = sample_truth(rng, "train")
        assert in_training(truth)
        assert not any(t.pair in HELD_OUT_PAIRS for t in truth.things)
        if truth.kind == "relation":
            assert not held_out_combo(truth.things[0].pair, truth.things[1].pair)


def test_held_out_sampler_draws_only_held_out_content():
    rng = random.Random(0)
    for _ in range(2000):
        assert not in_training(sample_truth(rng, "heldout"))


def test_combinations_split_about_one_in_five():
    train, held = relation_combos("train"), relation_combos("heldout")
    assert not set(train) & set(held)
    assert 0.12 < len(held) / (len(train) + len(held)) < 0.28


def test_layouts_respect_relations_and_margins():
    rng = random.Random(1)
    for _ in range(500):
        scene = sample_scene(rng, "train")
        for p in scene.placements:
            assert p.size / 2 <= p.cx <= 1 - p.size / 2
            assert p.size / 2 <= p.cy <= 1 - p.size / 2
        if scene.truth.kind == "relation":
            a, b = scene.placements
            dx, dy = b.cx - a.cx, b.cy - a.cy
            expected = {"left": dx > abs(dy), "right": -dx > abs(dy),
                        "above": dy > abs(dx), "below": -dy > abs(dx)}  # fmt: skip
            assert expected[scene.truth.relation]
        assert len(scene.placements) == scene.truth.expected_objects


def test_captions_name_the_content():
    truth = Truth("relation", (Thing("red", "circle"), Thing("blue", "star")), 2, "left")
    texts = all_captions(truth)
    assert len(texts) == len(set(texts)) >= 16
    assert all("red circle" in t and "blue star" in t for t in texts)
    assert caption(truth, random.Random(0)) in texts
    single = Truth("single", (Thing("orange", "square", "small"),))
    assert "an orange square" not in " ".join(all_captions(single))  # size word comes first
    assert any(t.startswith("a small orange square") for t in all_captions(single))
    assert any("an orange" in t for t in all_captions(Truth("single", (Thing("orange", "star"),))))


def test_truth_round_trips_and_validates():
    truth = Truth("count", (Thing("green", "triangle"),), count=3)
    assert Truth.from_dict(truth.to_dict()) == truth
    with pytest.raises(ValueError):
        Truth("relation", (Thing("red", "circle"), Thing("red", "star")), 2, "left")
    with pytest.raises(ValueError):
        Truth("count", (Thing("red", "circle"),), count=7)

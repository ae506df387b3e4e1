"""The evaluation table's arithmetic: column accuracies and their prompt-bootstrap intervals."""

import math
import random

import pytest

from modelhub.synthetic.scenes import Thing, Truth
from modelhub.synthetic.scorer import Score
from modelhub.training.evaluate import (
    EvalPrompt,
    bootstrap_intervals,
    markdown_table,
    summarise,
)


def verdict(*, colour=True, shape=True, count=True, relation=None, correct=None) -> Score:
    correct = (colour and shape and count and relation is not False) if correct is None else correct
    return Score(colour, shape, count, relation, None, correct, ())


def single(group: str, shape: str = "circle") -> EvalPrompt:
    return EvalPrompt(group, f"a red {shape}", Truth("single", (Thing("red", shape),)))


RELATION = EvalPrompt(
    "relation",
    "a red circle left of a blue star",
    Truth("relation", (Thing("red", "circle"), Thing("blue", "star")), 2, "left"),
)


def test_summarise_counts_each_column_over_the_prompts_it_applies_to():
    prompts = [single("single-unseen", "star"), single("single-unseen"), RELATION, RELATION]
    scores = [
        verdict(shape=False),  # a star drawn as something else: colour right, shape wrong
        verdict(),
        verdict(relation=True),
        verdict(shape=False, relation=True),  # relation right, an object wrong
    ]
    row = summarise(prompts, scores)
    assert row["single-unseen/colour"] == 1.0
    assert row["single-unseen/shape"] == 0.5
    assert row["single-unseen/colour_shape"] == 0.5
    assert row["shape/star"] == 0.0 and row["shape/circle"] == 1.0
    assert row["relation/relation"] == 1.0
    assert row["relation/objects"] == 0.5
    assert row["relation/correct"] == 0.5
    assert row["count/count"] is None and row["single-seen/colour"] is None
    assert row["shape/square"] is None


def bernoulli_draws(prompts: int, draws: int, p: float, seed: int) -> list[list[Score]]:
    rng = random.Random(seed)
    return [[verdict(relation=rng.random() < p) for _ in range(prompts)] for _ in range(draws)]


def test_one_draw_interval_matches_the_normal_approximation():
    """One image per prompt: the bootstrap of a proportion is close to p +- 1.96 sqrt(pq/n)."""
    n = 400
    scores = bernoulli_draws(n, 1, 0.6, seed=1)
    p = summarise([RELATION] * n, scores[0])["relation/correct"]
    low, high = bootstrap_intervals([RELATION] * n, scores, rounds=4000)["relation/correct"]
    half = 1.96 * math.sqrt(p * (1 - p) / n)
    assert low == pytest.approx(p - half, abs=0.01)
    assert high == pytest.approx(p + half, abs=0.01)


def test_repeated_draws_of_one_prompt_do_not_narrow_the_interval():
    """A draw that repeats another adds no information: a prompt-level (cluster) bootstrap gives
    the one-draw interval; independent draws give a narrower one, by about sqrt(2)."""
    n = 300
    prompts = [RELATION] * n
    one = bernoulli_draws(n, 1, 0.5, seed=2)
    copies = bootstrap_intervals(prompts, one * 2)["relation/correct"]
    alone = bootstrap_intervals(prompts, one)["relation/correct"]
    assert copies == pytest.approx(alone, abs=1e-9)
    independent = bootstrap_intervals(prompts, bernoulli_draws(n, 2, 0.5, seed=3))
    width = independent["relation/correct"][1] - independent["relation/correct"][0]
    assert width == pytest.approx((alone[1] - alone[0]) / math.sqrt(2), rel=0.2)


def test_groups_are_resampled_separately():
    """A group where every image is right keeps the interval (1, 1) whatever the other groups do."""
    prompts = [single("single-seen")] * 50 + [RELATION] * 50
    scores = [[verdict()] * 50 + [verdict(relation=bool(i % 2)) for i in range(50)]]
    intervals = bootstrap_intervals(prompts, scores)
    assert intervals["single-seen/colour_shape"] == (1.0, 1.0)
    low, high = intervals["relation/correct"]
    assert low < 0.5 < high


def test_table_shows_accuracy_with_its_interval():
    row = {"variant": "final:50:4", "draws": 3, "relation/correct": 0.5833}
    row["interval"] = {"relation/correct": (0.5312, 0.6345)}
    table = markdown_table([row])
    assert "| final:50:4 | 3 |" in table
    assert "58% (53-63)" in table
    assert table.splitlines()[-1].count(" - ") >= 8  # the other columns print "-"

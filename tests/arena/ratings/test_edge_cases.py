"""Degenerate tables: always finite numbers, never NaN, never a crash."""

import subprocess
import sys

import numpy as np
import pytest

from arena.ratings import (
    bootstrap_bradley_terry,
    count_table,
    fit_bradley_terry,
    leaderboard,
)
from tests.arena.ratings.simulate import simulate_votes


def _base_table(m=5, seed=0):
    rng = np.random.default_rng(seed)
    a, b, outcome = simulate_votes(rng, rng.normal(1000, 100, m), 400)
    return count_table(a, b, outcome, num_contestants=m)


def _assert_finite_everywhere(wins, ties):
    ratings = fit_bradley_terry(wins, ties)
    assert np.isfinite(ratings).all()
    assert np.isfinite(bootstrap_bradley_terry(wins, ties, rounds=50)).all()
    board = leaderboard(wins, ties, rounds=50)
    for values in (board.ratings, board.lower, board.upper):
        assert np.isfinite(values).all()
    return ratings


def test_contestant_without_votes_sits_near_the_centre():
    wins, ties = _base_table()
    wins = np.pad(wins, (0, 1))
    ties = np.pad(ties, (0, 1))
    ratings = _assert_finite_everywhere(wins, ties)
    assert abs(ratings[-1] - 1000) < 50
    np.testing.assert_allclose(
        ratings[:-1] - ratings[:-1].mean(),
        fit_bradley_terry(wins[:-1, :-1], ties[:-1, :-1]) - 1000,
        atol=0.01,
    )


def test_contestant_that_won_everything_is_far_above_but_finite():
    wins, ties = _base_table()
    wins[0] += wins[:, 0]
    wins[:, 0] = 0
    ties[0] = ties[:, 0] = 0
    ratings = _assert_finite_everywhere(wins, ties)
    assert ratings[0] > ratings[1:].max() + 1000


def test_contestant_that_lost_everything_is_far_below_but_finite():
    wins, ties = _base_table()
    wins[:, 2] += wins[2]
    wins[2] = 0
    ties[2] = ties[:, 2] = 0
    ratings = _assert_finite_everywhere(wins, ties)
    assert ratings[2] < np.delete(ratings, 2).min() - 1000


def test_disconnected_groups_keep_their_own_fit_and_share_a_centre():
    w1, t1 = _base_table(3, seed=1)
    w2, t2 = _base_table(4, seed=2)
    wins = np.zeros((7, 7))
    ties = np.zeros((7, 7))
    wins[:3, :3], ties[:3, :3] = w1, t1
    wins[3:, 3:], ties[3:, 3:] = w2, t2
    ratings = _assert_finite_everywhere(wins, ties)
    # Inside each group the differences are the group's own fit.
    for group, (w, t) in ((slice(0, 3), (w1, t1)), (slice(3, 7), (w2, t2))):
        own = fit_bradley_terry(w, t)
        np.testing.assert_allclose(ratings[group] - ratings[group][0], own - own[0], atol=0.01)
    # Across groups the data say nothing; the convention is a common comparison-weighted mean.
    n = (wins + wins.T + ties).sum(axis=1)
    centre = [np.average(ratings[g], weights=n[g]) for g in (slice(0, 3), slice(3, 7))]
    assert centre[0] == pytest.approx(centre[1], abs=1e-6)


def test_empty_and_tiny_tables():
    assert fit_bradley_terry(np.zeros((0, 0)), np.zeros((0, 0))).shape == (0,)
    np.testing.assert_array_equal(fit_bradley_terry(np.zeros((1, 1)), np.zeros((1, 1))), [1000])
    np.testing.assert_array_equal(fit_bradley_terry(np.zeros((3, 3)), np.zeros((3, 3))), 1000)
    samples = bootstrap_bradley_terry(np.zeros((3, 3)), np.zeros((3, 3)), rounds=4)
    np.testing.assert_array_equal(samples, 1000)
    # A single comparison: finite, winner above.
    r = _assert_finite_everywhere(np.array([[0, 1], [0, 0]]), np.zeros((2, 2)))
    assert r[0] > r[1]


def test_only_ties():
    ties = np.array([[0, 3, 1], [3, 0, 0], [1, 0, 0]])
    ratings = _assert_finite_everywhere(np.zeros((3, 3)), ties)
    np.testing.assert_allclose(ratings, 1000, atol=1e-6)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"wins": np.ones((2, 3))}, "square"),
        ({"ties": np.zeros((3, 3))}, "2 x 2"),
        ({"wins": np.array([[0, -1], [0, 0]])}, r"wins\[0, 1\] = -1.0"),
        ({"wins": np.array([[0, np.nan], [0, 0]])}, "finite"),
        ({"anchor": (2, 1000)}, "anchor index 2"),
        ({"scale": 0}, "scale"),
        ({"base": 1}, "base"),
    ],
)
def test_bad_input_says_what_is_wrong(kwargs, message):
    args = {"wins": np.array([[0, 2], [1, 0]]), "ties": np.zeros((2, 2))}
    args.update(kwargs)
    with pytest.raises(ValueError, match=message):
        fit_bradley_terry(args.pop("wins"), args.pop("ties"), **args)


def test_the_package_does_not_import_django():
    code = (
        "import sys, arena.ratings\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'django')\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)

import re

import numpy as np
import pytest

from arena.ratings import count_table, side_count_table
from tests.arena.ratings.simulate import expand_votes_loop, simulate_votes


def _votes(seed, m=7, n=2000):
    rng = np.random.default_rng(seed)
    a, b, outcome = simulate_votes(rng, rng.normal(1000, 150, m), n, tie_rate=0.2)
    return rng, a, b, outcome


@pytest.mark.parametrize("seed", [0, 1])
def test_count_table_matches_a_vote_by_vote_loop(seed):
    _, a, b, outcome = _votes(seed)
    wins, ties = count_table(a, b, outcome, num_contestants=7)
    ref_wins, ref_ties = expand_votes_loop(a, b, outcome, 7)
    np.testing.assert_array_equal(wins, ref_wins)
    np.testing.assert_array_equal(ties, ref_ties)
    assert wins.dtype == np.int64
    # Every vote is counted once: as one win, or as one tie stored in two cells.
    assert wins.sum() + ties.sum() / 2 == len(a)


def test_count_table_with_per_vote_weights():
    rng, a, b, outcome = _votes(2)
    w = rng.uniform(0, 2, len(a))
    wins, ties = count_table(a, b, outcome, num_contestants=7, weights=w)
    ref_wins, ref_ties = expand_votes_loop(a, b, outcome, 7, w)
    np.testing.assert_allclose(wins, ref_wins, rtol=1e-12)
    np.testing.assert_allclose(ties, ref_ties, rtol=1e-12)


def test_count_table_leaves_contestants_without_votes_empty():
    wins, ties = count_table([0, 0], [2, 2], [1, 0.5], num_contestants=4)
    assert wins.shape == ties.shape == (4, 4)
    assert wins[0, 2] == 1 and ties[0, 2] == ties[2, 0] == 1
    assert wins.sum() == 1 and ties.sum() == 2


def test_side_count_table_keeps_the_arrangement():
    left = np.array([0, 0, 1, 1, 0, 2])
    right = np.array([1, 1, 0, 0, 1, 0])
    outcome = np.array([1, 0.5, 1, 0, 0, 1])
    table = side_count_table(left, right, outcome, num_contestants=3)
    assert table.shape == (3, 3, 3)
    # (left 0, right 1): one left win, one right win, one tie.
    np.testing.assert_array_equal(table[0, 1], [1, 1, 1])
    # (left 1, right 0): one left win, one right win.
    np.testing.assert_array_equal(table[1, 0], [1, 1, 0])
    np.testing.assert_array_equal(table[2, 0], [1, 0, 0])
    assert table.sum() == len(left)


@pytest.mark.parametrize(
    ("a", "b", "outcome", "message"),
    [
        ([0, 1], [1, 1], [1, 0], "vote 1: contestant 1 cannot battle itself"),
        ([0, 3], [1, 0], [1, 0], "vote 1: a = 3 is not a contestant index"),
        ([0, 1], [1, 2], [1, 0.3], "vote 1: outcome 0.3 is not 1, 0 or 0.5"),
        ([0, 1], [1], [1, 0], "one length"),
        ([0.0, 1.0], [1, 2], [1, 0], "integer contestant indices"),
    ],
)
def test_count_table_rejects_bad_votes_and_says_where(a, b, outcome, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        count_table(a, b, outcome, num_contestants=3)


def test_count_table_rejects_negative_weights():
    with pytest.raises(ValueError, match=r"vote 0: weight -1\.0"):
        count_table([0], [1], [1], num_contestants=2, weights=[-1.0])

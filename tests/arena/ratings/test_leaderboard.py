import numpy as np
import pytest

from arena.ratings import (
    Leaderboard,
    bootstrap_bradley_terry,
    count_table,
    fit_bradley_terry,
    intervals,
    leaderboard,
    rank_from_intervals,
)
from tests.arena.ratings.simulate import simulate_votes


def test_leaderboard_is_fit_plus_bootstrap_plus_ranks():
    rng = np.random.default_rng(0)
    a, b, outcome = simulate_votes(rng, [900, 1000, 1005, 1100, 1300], 3000)
    wins, ties = count_table(a, b, outcome, num_contestants=5)
    board = leaderboard(wins, ties, rounds=300, seed=7, level=0.9, anchor=(1, 1000))
    assert isinstance(board, Leaderboard)
    np.testing.assert_allclose(board.ratings, fit_bradley_terry(wins, ties, anchor=(1, 1000)))
    samples = bootstrap_bradley_terry(wins, ties, rounds=300, seed=7, anchor=(1, 1000))
    lower, upper = intervals(samples, level=0.9)
    np.testing.assert_allclose(board.lower, lower)
    np.testing.assert_allclose(board.upper, upper)
    np.testing.assert_array_equal(board.rank, rank_from_intervals(lower, upper))
    battles = np.bincount(a, minlength=5) + np.bincount(b, minlength=5)
    np.testing.assert_array_equal(board.votes, battles)
    score = np.bincount(a, outcome, minlength=5) + np.bincount(b, 1 - outcome, minlength=5)
    np.testing.assert_allclose(board.win_rate, score / battles)
    assert board.rank[4] == 1 and board.rank[0] == 5


def test_leaderboard_needs_rounds():
    with pytest.raises(ValueError, match="rounds"):
        leaderboard(np.zeros((2, 2)), np.zeros((2, 2)), rounds=0)

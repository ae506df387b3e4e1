import numpy as np
import pytest

from arena.ratings import battle_count_matrix, predicted_win_matrix, win_rate_matrix

# 0 beat 1 three times and lost once, they tied twice; 1 beat 2 once; 0 and 2 never met.
WINS = np.array([[0, 3, 0], [1, 0, 1], [0, 0, 0]])
TIES = np.array([[0, 2, 0], [2, 0, 0], [0, 0, 0]])


def test_battle_count_matrix_counts_both_directions_and_ties():
    np.testing.assert_array_equal(
        battle_count_matrix(WINS, TIES), [[0, 6, 0], [6, 0, 1], [0, 1, 0]]
    )


def test_win_rate_matrix_counts_ties_half_and_is_nan_without_battles():
    rate = win_rate_matrix(WINS, TIES)
    assert rate[0, 1] == pytest.approx((3 + 1) / 6)
    assert rate[1, 0] == pytest.approx((1 + 1) / 6)
    assert rate[1, 2] == 1.0 and rate[2, 1] == 0.0
    assert np.isnan(rate[0, 2]) and np.isnan(rate[2, 0])
    assert np.isnan(np.diag(rate)).all()


def test_predicted_win_matrix_follows_the_elo_formula():
    prob = predicted_win_matrix(np.array([1000.0, 1400.0, 600.0]))
    assert prob[1, 0] == pytest.approx(10 / 11)  # 400 points: odds 10 to 1
    assert prob[0, 1] == pytest.approx(1 / 11)
    assert prob[1, 2] == pytest.approx(100 / 101)
    assert np.isnan(np.diag(prob)).all()
    off = ~np.eye(3, dtype=bool)
    np.testing.assert_allclose((prob + prob.T)[off], 1.0)


def test_predicted_win_matrix_survives_huge_gaps():
    prob = predicted_win_matrix(np.array([0.0, 1e6]))
    assert prob[1, 0] == 1.0 and prob[0, 1] == 0.0


def test_tables_are_checked():
    with pytest.raises(ValueError, match="ties must be symmetric"):
        win_rate_matrix(WINS, np.array([[0, 1, 0], [0, 0, 0], [0, 0, 0]]))
    with pytest.raises(ValueError, match=r"wins\[1, 1\]"):
        battle_count_matrix(np.diag([0, 1, 0]), np.zeros((3, 3)))

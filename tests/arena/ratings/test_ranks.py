import numpy as np
import pytest

from arena.ratings import intervals, rank_from_intervals


def test_rank_is_one_plus_contestants_surely_better():
    lower = np.array([10.0, 5.0, 0.0, -20.0, 12.0])
    upper = np.array([20.0, 12.0, 8.0, -10.0, 30.0])
    # 0: nobody's lower bound above 20 -> 1; 1: none above 12 (12 is not above 12) -> 1;
    # 2: 10, 12 above 8 -> 3; 3: four above -10 -> 5; 4: none above 30 -> 1.
    np.testing.assert_array_equal(rank_from_intervals(lower, upper), [1, 1, 3, 5, 1])


def test_rank_matches_the_definition_on_random_intervals():
    rng = np.random.default_rng(0)
    centre = rng.normal(0, 30, 40)
    half = rng.uniform(1, 20, 40)
    lower, upper = centre - half, centre + half
    expected = [1 + sum(lower[j] > upper[i] for j in range(40)) for i in range(40)]
    np.testing.assert_array_equal(rank_from_intervals(lower, upper), expected)


def test_intervals_are_percentiles_of_each_column():
    rng = np.random.default_rng(1)
    samples = rng.normal(size=(1001, 3)) * [1, 10, 100]
    lower, upper = intervals(samples, level=0.9)
    np.testing.assert_allclose(lower, np.percentile(samples, 5, axis=0))
    np.testing.assert_allclose(upper, np.percentile(samples, 95, axis=0))


def test_intervals_reject_bad_level():
    with pytest.raises(ValueError, match="level"):
        intervals(np.zeros((10, 2)), level=95)

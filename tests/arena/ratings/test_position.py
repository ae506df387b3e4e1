import numpy as np
import pytest
from scipy.optimize import minimize

from arena.ratings import (
    bootstrap_position_bias,
    fit_position_bias,
    position_bias_interval,
    side_count_table,
)
from arena.ratings._resample import resampled_cells
from arena.ratings.position import _side_cells
from tests.arena.ratings.simulate import POINTS

RATINGS = np.array([880.0, 940, 1000, 1030, 1070, 1120, 1200, 960])


def simulate_sides(rng, left_advantage, n, *, strong_on_left=0.5, tie_rate=0.1):
    """Random battles; the left image plays ``left_advantage`` points stronger.

    ``strong_on_left``: probability that the stronger contestant of a pair is shown on the left.
    """
    m = RATINGS.size
    a = rng.integers(0, m, n)
    b = (a + rng.integers(1, m, n)) % m
    strong_first = RATINGS[a] >= RATINGS[b]
    put_a_left = np.where(
        strong_first, rng.random(n) < strong_on_left, rng.random(n) >= strong_on_left
    )
    left, right = np.where(put_a_left, a, b), np.where(put_a_left, b, a)
    p = 1 / (1 + 10 ** ((RATINGS[right] - RATINGS[left] - left_advantage) / 400))
    tie = np.minimum(tie_rate, 2 * np.minimum(p, 1 - p))
    u = rng.random(n)
    outcome = np.where(u < tie, 0.5, np.where(u < tie + p - tie / 2, 1.0, 0.0))
    return left, right, outcome


def scipy_side_fit(left, right, outcome, m):
    """Unregularised per-vote MLE of strengths (t_0 = 0) and a left intercept, in points."""

    def loss(x):
        t = np.concatenate([[0.0], x[:-1]])
        d = t[left] - t[right] + x[-1]
        value = (outcome * np.logaddexp(0, -d) + (1 - outcome) * np.logaddexp(0, d)).sum()
        resid = 1 / (1 + np.exp(-d)) - outcome
        g = np.bincount(left, resid, minlength=m) - np.bincount(right, resid, minlength=m)
        return value / len(d), np.concatenate([g[1:], [resid.sum()]]) / len(d)

    res = minimize(loss, np.zeros(m), jac=True, method="BFGS", options={"gtol": 1e-11})
    return res.x[-1] * POINTS


@pytest.mark.parametrize("bias", [0.0, 25.0, -40.0])
def test_position_bias_matches_an_independent_fit_and_recovers_the_truth(bias):
    rng = np.random.default_rng(int(abs(bias)) + 1)
    left, right, outcome = simulate_sides(rng, bias, 60_000)
    table = side_count_table(left, right, outcome, num_contestants=RATINGS.size)
    estimate = fit_position_bias(table)
    assert estimate == pytest.approx(scipy_side_fit(left, right, outcome, RATINGS.size), abs=0.01)
    # Standard error is about 1.5 points here.
    assert estimate == pytest.approx(bias, abs=6)


def test_position_bias_is_net_of_who_was_shown_on_which_side():
    rng = np.random.default_rng(5)
    # No side bias, but the stronger image is on the left 80 % of the time.
    left, right, outcome = simulate_sides(rng, 0.0, 60_000, strong_on_left=0.8)
    table = side_count_table(left, right, outcome, num_contestants=RATINGS.size)
    naive_left_rate = (table[..., 0].sum() + table[..., 2].sum() / 2) / table.sum()
    assert naive_left_rate > 0.55  # the raw left-win share is badly confounded
    assert fit_position_bias(table) == pytest.approx(0.0, abs=6)


def test_position_bias_interval_covers_the_truth_and_excludes_zero_when_biased():
    rng = np.random.default_rng(8)
    left, right, outcome = simulate_sides(rng, 30.0, 40_000)
    table = side_count_table(left, right, outcome, num_contestants=RATINGS.size)
    lower, upper = position_bias_interval(table, rounds=400, seed=1)
    assert lower < 30.0 < upper
    assert lower > 0
    samples = bootstrap_position_bias(table, rounds=400, seed=1)
    assert samples.shape == (400,)
    assert samples.std() == pytest.approx((upper - lower) / 3.92, rel=0.2)


def test_position_bootstrap_matches_one_by_one_fits_of_the_resampled_tables():
    rng = np.random.default_rng(9)
    left, right, outcome = simulate_sides(rng, 15.0, 5000)
    table = side_count_table(left, right, outcome, num_contestants=RATINGS.size)
    samples = bootstrap_position_bias(table, rounds=20, seed=3)
    # The same draws, taken from the resampler, fitted one table at a time.
    cells, _ = _side_cells(table)
    occupied = table.sum(axis=2) > 0
    for lo, draws in resampled_cells(cells, 20, 3):
        for r in range(len(draws)):
            resampled = np.zeros_like(table)
            resampled[occupied] = draws[r]
            assert samples[lo + r] == pytest.approx(fit_position_bias(resampled), abs=1e-3)


def test_position_bootstrap_spread_matches_resampling_the_votes():
    rng = np.random.default_rng(10)
    left, right, outcome = simulate_sides(rng, 15.0, 5000)
    m = RATINGS.size
    table = side_count_table(left, right, outcome, num_contestants=m)
    samples = bootstrap_position_bias(table, rounds=1000, seed=0)
    reference = []
    for _ in range(300):
        pick = rng.integers(0, len(left), len(left))
        resampled = side_count_table(left[pick], right[pick], outcome[pick], num_contestants=m)
        reference.append(fit_position_bias(resampled))
    assert samples.std() == pytest.approx(np.std(reference), rel=0.15)
    assert samples.mean() == pytest.approx(np.mean(reference), abs=0.2 * samples.std())


def test_position_fit_stays_finite_when_the_left_side_always_wins():
    table = np.zeros((3, 3, 3))
    table[0, 1, 0] = table[1, 2, 0] = table[2, 0, 0] = table[1, 0, 0] = 5
    estimate = fit_position_bias(table)
    assert np.isfinite(estimate) and estimate > 1000


def test_position_table_is_checked():
    with pytest.raises(ValueError, match=r"\(M, M, 3\)"):
        fit_position_bias(np.zeros((3, 3)))
    with pytest.raises(ValueError, match="whole counts"):
        bootstrap_position_bias(np.full((2, 2, 3), 0.5) * (1 - np.eye(2))[..., None], rounds=3)

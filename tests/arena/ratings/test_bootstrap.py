import numpy as np
import pytest

from arena.ratings import (
    bootstrap_bradley_terry,
    count_table,
    fit_bradley_terry,
    intervals,
    resample_count_tables,
)
from tests.arena.ratings.simulate import scipy_table_fit, simulate_votes


def _table(seed=0, m=6, n=3000, tie_rate=0.15):
    rng = np.random.default_rng(seed)
    a, b, outcome = simulate_votes(rng, rng.normal(1000, 100, m), n, tie_rate=tie_rate)
    return (a, b, outcome), count_table(a, b, outcome, num_contestants=m)


def test_bootstrap_shape_and_seeded_reproducibility():
    _, (wins, ties) = _table()
    first = bootstrap_bradley_terry(wins, ties, rounds=50, seed=4)
    assert first.shape == (50, 6)
    np.testing.assert_array_equal(first, bootstrap_bradley_terry(wins, ties, rounds=50, seed=4))
    assert not np.array_equal(first, bootstrap_bradley_terry(wins, ties, rounds=50, seed=5))


def test_every_round_matches_a_one_by_one_fit_of_the_same_resampled_table():
    _, (wins, ties) = _table(1, m=8)
    samples = bootstrap_bradley_terry(wins, ties, rounds=40, seed=2)
    boot_wins, boot_ties = resample_count_tables(wins, ties, rounds=40, seed=2)
    for r in range(40):
        # Independent reference: an unregularised scipy fit of the same table.
        np.testing.assert_allclose(
            samples[r], scipy_table_fit(boot_wins[r], boot_ties[r]), atol=0.01
        )
        # And the batched solve gives what the single fit gives (each stops within about
        # 2e-4 points of the optimum, see ERROR_TOLERANCE in arena.ratings._newton).
        np.testing.assert_allclose(
            samples[r], fit_bradley_terry(boot_wins[r], boot_ties[r]), atol=1e-3
        )


# Many votes per cell: numpy's multinomial; few: the votes themselves are redrawn.
@pytest.mark.parametrize(("m", "n"), [(4, 400), (8, 150)])
def test_resampled_tables_are_multinomial_draws_of_the_cells(m, n):
    _, (wins, ties) = _table(2, m=m, n=n)
    rounds = 4000
    boot_wins, boot_ties = resample_count_tables(wins, ties, rounds=rounds, seed=0)
    total = wins.sum() + ties.sum() / 2
    per_round = boot_wins.sum(axis=(1, 2)) + boot_ties.sum(axis=(1, 2)) / 2
    np.testing.assert_array_equal(per_round, total)  # the number of comparisons is fixed
    np.testing.assert_array_equal(boot_ties, boot_ties.transpose(0, 2, 1))
    assert (boot_wins[:, wins == 0] == 0).all()  # empty cells stay empty
    # Multinomial moments: mean N p, variance N p (1 - p), within sampling error.
    p = wins / total
    se = np.sqrt(total * p * (1 - p) / rounds)
    assert (np.abs(boot_wins.mean(axis=0) - wins) <= 4.5 * se + 1e-12).all()
    mask = wins > 0
    np.testing.assert_allclose(boot_wins.var(axis=0)[mask], (total * p * (1 - p))[mask], rtol=0.15)
    # Cells compete for the fixed total: covariance -N p_i p_j between the two largest cells.
    flat = np.argsort(wins, axis=None)[-2:]
    i, j = np.unravel_index(flat, wins.shape)
    cov = np.cov(boot_wins[:, i[0], j[0]], boot_wins[:, i[1], j[1]])[0, 1]
    pi, pj = p[i[0], j[0]], p[i[1], j[1]]
    se_cov = total * np.sqrt(pi * (1 - pi) * pj * (1 - pj) / rounds)
    assert cov == pytest.approx(-total * pi * pj, abs=4 * se_cov)
    assert cov < 0


def test_interval_widths_agree_with_resampling_the_votes_themselves():
    (a, b, outcome), (wins, ties) = _table(3, m=6, n=4000)
    samples = bootstrap_bradley_terry(wins, ties, rounds=1000, seed=0)
    lo, hi = intervals(samples)
    # Reference: the textbook bootstrap, votes drawn with replacement, refitted with scipy.
    rng = np.random.default_rng(99)
    ref = []
    for _ in range(300):
        pick = rng.integers(0, len(a), len(a))
        w, t = count_table(a[pick], b[pick], outcome[pick], num_contestants=6)
        ref.append(scipy_table_fit(w, t))
    ref_lo, ref_hi = intervals(np.array(ref))
    np.testing.assert_allclose(hi - lo, ref_hi - ref_lo, rtol=0.2)
    np.testing.assert_allclose((hi + lo) / 2, (ref_hi + ref_lo) / 2, atol=0.15 * (hi - lo).mean())


def test_anchored_bootstrap_pins_the_anchor_in_every_round():
    _, (wins, ties) = _table(4)
    samples = bootstrap_bradley_terry(wins, ties, rounds=30, anchor=(2, 1114))
    np.testing.assert_allclose(samples[:, 2], 1114)
    centred = bootstrap_bradley_terry(wins, ties, rounds=30)
    np.testing.assert_allclose(samples - samples[:, [2]], centred - centred[:, [2]], atol=1e-9)


def test_pair_weights_apply_to_every_resampled_table():
    _, (wins, ties) = _table(5)
    rng = np.random.default_rng(0)
    pair_w = rng.uniform(0.5, 2, (6, 6))
    pair_w = (pair_w + pair_w.T) / 2
    samples = bootstrap_bradley_terry(wins, ties, rounds=10, seed=1, weights=pair_w)
    boot_wins, boot_ties = resample_count_tables(wins, ties, rounds=10, seed=1)
    for r in range(10):
        expected = fit_bradley_terry(boot_wins[r], boot_ties[r], weights=pair_w)
        np.testing.assert_allclose(samples[r], expected, atol=1e-3)


def test_bootstrap_refuses_weighted_tables():
    _, (wins, ties) = _table(6)
    with pytest.raises(ValueError, match="whole counts"):
        bootstrap_bradley_terry(wins * 0.5, ties, rounds=5)

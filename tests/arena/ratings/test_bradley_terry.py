import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from arena.ratings import count_table, fit_bradley_terry
from tests.arena.ratings.simulate import LN10, scipy_vote_fit, simulate_votes

CASES = [(m, seed) for m in (3, 8, 20) for seed in (0, 1, 2)]


def _votes(m, seed):
    rng = np.random.default_rng(seed)
    truth = rng.normal(1000, 120, m)
    a, b, outcome = simulate_votes(rng, truth, 300 * m, tie_rate=0.15)
    return rng, a, b, outcome


def _sklearn_fit(a, b, outcome, m, weights=None):
    """FastChat's legacy design: +ln(10) in column a, -ln(10) in column b, no intercept.

    One row per decisive vote; a tie becomes a y=1 row and a y=0 row of half weight each.
    ``C=np.inf`` is scikit-learn's spelling of ``penalty=None`` since 1.8.
    """
    w = np.ones(len(a)) if weights is None else np.asarray(weights, dtype=float)
    tie = outcome == 0.5
    rows_a = np.concatenate([a, a[tie]])
    rows_b = np.concatenate([b, b[tie]])
    y = np.concatenate([np.where(tie, 1, outcome), np.zeros(tie.sum())]).astype(int)
    sw = np.concatenate([np.where(tie, 0.5, 1.0) * w, 0.5 * w[tie]])
    x = np.zeros((len(rows_a), m))
    x[np.arange(len(rows_a)), rows_a] = LN10
    x[np.arange(len(rows_a)), rows_b] = -LN10
    model = LogisticRegression(fit_intercept=False, C=np.inf, tol=1e-12, max_iter=100_000)
    model.fit(x, y, sample_weight=sw)
    r = 400 * model.coef_[0]
    return r - r.mean() + 1000


@pytest.mark.parametrize(("m", "seed"), CASES)
def test_fit_matches_sklearn_logistic_regression(m, seed):
    _, a, b, outcome = _votes(m, seed)
    wins, ties = count_table(a, b, outcome, num_contestants=m)
    ours = fit_bradley_terry(wins, ties)
    np.testing.assert_allclose(ours, _sklearn_fit(a, b, outcome, m), atol=0.01, rtol=0)


@pytest.mark.parametrize(("m", "seed"), CASES)
def test_fit_matches_scipy_per_vote_likelihood(m, seed):
    _, a, b, outcome = _votes(m, seed)
    wins, ties = count_table(a, b, outcome, num_contestants=m)
    np.testing.assert_allclose(
        fit_bradley_terry(wins, ties), scipy_vote_fit(a, b, outcome, m), atol=0.01, rtol=0
    )


@pytest.mark.parametrize(("m", "seed"), CASES)
def test_per_vote_weights_match_sklearn_sample_weight(m, seed):
    rng, a, b, outcome = _votes(m, seed)
    w = rng.uniform(0.2, 3.0, len(a))
    wins, ties = count_table(a, b, outcome, num_contestants=m, weights=w)
    np.testing.assert_allclose(
        fit_bradley_terry(wins, ties), _sklearn_fit(a, b, outcome, m, w), atol=0.01, rtol=0
    )


@pytest.mark.parametrize(("m", "seed"), CASES)
def test_pair_weight_matrix_matches_weighted_per_vote_likelihood(m, seed):
    rng, a, b, outcome = _votes(m, seed)
    pair_w = rng.uniform(0.1, 2.0, (m, m))
    pair_w = (pair_w + pair_w.T) / 2  # pair weights, e.g. inverse pair frequency
    wins, ties = count_table(a, b, outcome, num_contestants=m)
    ours = fit_bradley_terry(wins, ties, weights=pair_w)
    reference = scipy_vote_fit(a, b, outcome, m, weights=pair_w[a, b])
    np.testing.assert_allclose(ours, reference, atol=0.01, rtol=0)
    np.testing.assert_allclose(ours, _sklearn_fit(a, b, outcome, m, pair_w[a, b]), atol=0.01)


def test_inverse_pair_frequency_weights_like_arena_rank():
    rng = np.random.default_rng(7)
    m = 8
    truth = rng.normal(1000, 100, m)
    # Unbalanced pairing: pair (0, 1) gets a third of all votes.
    a, b, outcome = simulate_votes(rng, truth, 6000)
    a2, b2, o2 = simulate_votes(rng, truth[:2], 3000)
    a, b, outcome = np.concatenate([a, a2]), np.concatenate([b, b2]), np.concatenate([outcome, o2])
    wins, ties = count_table(a, b, outcome, num_contestants=m)
    pair_count = wins + wins.T + ties
    pair_w = 1.0 / np.maximum(pair_count, 50)
    ours = fit_bradley_terry(wins, ties, weights=pair_w)
    reference = scipy_vote_fit(a, b, outcome, m, weights=pair_w[a, b])
    np.testing.assert_allclose(ours, reference, atol=0.01, rtol=0)


def test_ratings_are_centred_on_init_by_default():
    _, a, b, outcome = _votes(8, 3)
    wins, ties = count_table(a, b, outcome, num_contestants=8)
    r = fit_bradley_terry(wins, ties, init=1500)
    assert r.mean() == pytest.approx(1500, abs=1e-9)


def test_anchor_pins_one_contestant_and_keeps_differences():
    _, a, b, outcome = _votes(8, 4)
    wins, ties = count_table(a, b, outcome, num_contestants=8)
    centred = fit_bradley_terry(wins, ties)
    anchored = fit_bradley_terry(wins, ties, anchor=(5, 1114.0))
    assert anchored[5] == pytest.approx(1114.0, abs=1e-9)
    np.testing.assert_allclose(anchored - anchored[5], centred - centred[5], atol=1e-9)


def test_scale_and_base_change_the_units_only():
    _, a, b, outcome = _votes(8, 5)
    wins, ties = count_table(a, b, outcome, num_contestants=8)
    elo_units = fit_bradley_terry(wins, ties) - 1000
    natural = fit_bradley_terry(wins, ties, scale=1, base=np.e, init=0)
    np.testing.assert_allclose(elo_units, natural * 400 / LN10, atol=1e-6)


def test_multiplying_all_counts_changes_nothing():
    _, a, b, outcome = _votes(8, 6)
    wins, ties = count_table(a, b, outcome, num_contestants=8)
    np.testing.assert_allclose(
        fit_bradley_terry(wins, ties), fit_bradley_terry(7.5 * wins, 7.5 * ties), atol=1e-6
    )


def test_fit_recovers_the_simulated_ratings():
    rng = np.random.default_rng(11)
    truth = np.array([800.0, 950, 1000, 1100, 1250])
    a, b, outcome = simulate_votes(rng, truth, 200_000)
    wins, ties = count_table(a, b, outcome, num_contestants=5)
    # Standard error here is about 2 points; 10 leaves a wide margin.
    np.testing.assert_allclose(fit_bradley_terry(wins, ties), truth - truth.mean() + 1000, atol=10)


def test_a_tie_is_half_a_win_each_way():
    ties = np.array([[0, 4], [4, 0]])
    with_ties = fit_bradley_terry(np.array([[0, 6], [2, 0]]), ties)
    as_wins = fit_bradley_terry(np.array([[0, 8], [4, 0]]), np.zeros((2, 2)))
    np.testing.assert_allclose(with_ties, as_wins, atol=1e-6)
    # Two contestants: P(0 beats 1) = 8 / 12 = 2/3, so R_0 - R_1 = 400 log10(2).
    # (abs=1e-3: the ridge moves this toy fit by about 5e-4 points.)
    assert with_ties[0] - with_ties[1] == pytest.approx(400 * np.log10(2), abs=1e-3)

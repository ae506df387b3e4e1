"""Do the bootstrap intervals cover the truth at their nominal rate?

Votes are simulated from known ratings, the intervals recomputed, and the share of repetitions
whose interval contains the true value counted. What "the true value" is depends on how the
ratings are pinned down, since the data only identify differences:

- centred ratings (the default) estimate ``R_i - mean(R)``; their intervals must cover the true
  ratings centred the same way;
- differences to a reference contestant (equivalently: ratings anchored on it) estimate
  ``R_i - R_ref``; their intervals come from the same bootstrap rows, ``s[:, i] - s[:, ref]``, and
  must cover the true differences. Centred intervals must not be used for that: they leave out
  the reference's own uncertainty and are too narrow.
"""

import numpy as np

from arena.ratings import bootstrap_bradley_terry, count_table, fit_bradley_terry, intervals
from tests.arena.ratings.simulate import simulate_votes

TRUTH = np.array([900.0, 960, 1000, 1010, 1060, 1150])
REPETITIONS = 200


def _coverage():
    rng = np.random.default_rng(2024)
    m = TRUTH.size
    centred_truth = TRUTH - TRUTH.mean() + 1000
    diff_truth = TRUTH[1:] - TRUTH[0]
    hit_centred = np.zeros((REPETITIONS, m), dtype=bool)
    hit_diff = np.zeros((REPETITIONS, m - 1), dtype=bool)
    hit_anchor = np.zeros((REPETITIONS, m - 1), dtype=bool)
    narrow_diff = np.zeros((REPETITIONS, m - 1), dtype=bool)
    for rep in range(REPETITIONS):
        a, b, outcome = simulate_votes(rng, TRUTH, 2500, tie_rate=0.15)
        wins, ties = count_table(a, b, outcome, num_contestants=m)
        seed = int(rng.integers(2**31))
        samples = bootstrap_bradley_terry(wins, ties, rounds=400, seed=seed)
        lo, hi = intervals(samples)
        hit_centred[rep] = (lo <= centred_truth) & (centred_truth <= hi)
        d_lo, d_hi = intervals(samples[:, 1:] - samples[:, [0]])
        hit_diff[rep] = (d_lo <= diff_truth) & (diff_truth <= d_hi)
        anchored = bootstrap_bradley_terry(wins, ties, rounds=400, seed=seed, anchor=(0, TRUTH[0]))
        a_lo, a_hi = intervals(anchored[:, 1:])
        hit_anchor[rep] = (a_lo <= TRUTH[1:]) & (TRUTH[1:] <= a_hi)
        # The tempting mistake: read a difference off the centred intervals of i alone.
        point = fit_bradley_terry(wins, ties)
        half = (hi - lo)[1:] / 2
        est = point[1:] - point[0]
        narrow_diff[rep] = np.abs(est - diff_truth) <= half
    return hit_centred, hit_diff, hit_anchor, narrow_diff


def test_bootstrap_intervals_cover_the_truth_at_about_95_percent():
    hit_centred, hit_diff, hit_anchor, narrow_diff = _coverage()
    for hits in (hit_centred, hit_diff, hit_anchor):
        assert 0.92 <= hits.mean() <= 0.98, hits.mean(axis=0)
        assert (hits.mean(axis=0) >= 0.88).all() and (hits.mean(axis=0) <= 0.99).all()
    # Anchoring is the difference to the anchor, so the two agree round for round.
    np.testing.assert_array_equal(hit_diff, hit_anchor)
    # Centred half-widths are too narrow for differences: visibly under-cover.
    assert narrow_diff.mean() < 0.9

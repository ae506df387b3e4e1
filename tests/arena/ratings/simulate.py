"""Vote simulation and independent reference fits for the ratings tests.

Nothing here calls the code under test: the references are written from the formulas, so a bug in
``arena.ratings`` cannot hide in them.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import minimize

LN10 = np.log(10.0)
POINTS = 400 / LN10  # rating points per natural-log unit at scale 400, base 10


def simulate_votes(rng, ratings, num_votes, *, tie_rate=0.1, scale=400, base=10):
    """Random pairs; outcome 1 / 0 / 0.5 with expected score exactly the BT win probability.

    A tie happens with probability ``tie_rate`` (capped where a win is nearly certain) and the
    rest is split so that ``E[score] = P(a beats b)``: then the half-win treatment of ties is an
    unbiased estimating equation and the fitted ratings are consistent for ``ratings``.
    """
    ratings = np.asarray(ratings, dtype=float)
    m = ratings.size
    a = rng.integers(0, m, num_votes)
    b = (a + rng.integers(1, m, num_votes)) % m
    p = 1.0 / (1.0 + base ** ((ratings[b] - ratings[a]) / scale))
    tie = np.minimum(tie_rate, 2 * np.minimum(p, 1 - p))
    u = rng.random(num_votes)
    outcome = np.where(u < tie, 0.5, np.where(u < tie + p - tie / 2, 1.0, 0.0))
    return a, b, outcome


def expand_votes_loop(a, b, outcome, m, weights=None):
    """Count tables built vote by vote (the obvious, slow way)."""
    wins = np.zeros((m, m))
    ties = np.zeros((m, m))
    for v in range(len(a)):
        w = 1.0 if weights is None else weights[v]
        if outcome[v] == 1:
            wins[a[v], b[v]] += w
        elif outcome[v] == 0:
            wins[b[v], a[v]] += w
        else:
            ties[a[v], b[v]] += w
            ties[b[v], a[v]] += w
    return wins, ties


def scipy_vote_fit(a, b, outcome, m, weights=None, *, scale=400, base=10):
    """Unregularised per-vote maximum likelihood with scipy, ratings centred on mean 1000.

    Maximises sum_v w_v [s_v log P_v + (1 - s_v) log(1 - P_v)], P_v = sigma(t_a - t_b), with
    t_0 = 0 fixed (identifiability) and BFGS on the other M - 1 natural-log strengths.
    """
    w = np.ones(len(a)) if weights is None else np.asarray(weights, dtype=float)
    total = w.sum()

    def loss(x):
        t = np.concatenate([[0.0], x])
        d = t[a] - t[b]
        value = (w * (outcome * np.logaddexp(0, -d) + (1 - outcome) * np.logaddexp(0, d))).sum()
        resid = w * (1.0 / (1.0 + np.exp(-d)) - outcome)  # d loss / d d_v
        grad = np.bincount(a, resid, minlength=m) - np.bincount(b, resid, minlength=m)
        return value / total, grad[1:] / total

    res = minimize(loss, np.zeros(m - 1), jac=True, method="BFGS", options={"gtol": 1e-11})
    t = np.concatenate([[0.0], res.x])
    r = scale / np.log(base) * t
    return r - r.mean() + 1000


def scipy_table_fit(wins, ties):
    """Unregularised maximum likelihood on a count table (tie = half a win each way), centred."""
    m = wins.shape[0]
    eff = wins + ties / 2
    i, j = np.nonzero(eff)
    c = eff[i, j]

    def loss(x):
        t = np.concatenate([[0.0], x])
        d = t[i] - t[j]
        value = (c * np.logaddexp(0, -d)).sum()
        g = -c / (1.0 + np.exp(d))
        grad = np.bincount(i, g, minlength=m) - np.bincount(j, g, minlength=m)
        return value / c.sum(), grad[1:] / c.sum()

    res = minimize(loss, np.zeros(m - 1), jac=True, method="BFGS", options={"gtol": 1e-11})
    r = POINTS * np.concatenate([[0.0], res.x])
    return r - r.mean() + 1000

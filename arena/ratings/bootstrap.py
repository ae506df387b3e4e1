"""Bootstrap of Bradley-Terry ratings: multinomial resampling of the table, all rounds at once.

A bootstrap round redraws the whole vote log with replacement. Because the fit only sees the count
table, that is the same as drawing the table itself from a multinomial (``_resample``): ``N``
comparisons (the total, fixed), spread over the cells "i beat j", "j beat i" and "i tied j" of
every pair with probabilities proportional to the observed counts. This is what FastChat's
``compute_bootstrap_bt`` does with its unique (model_a, model_b, outcome) rows since PR #3523;
cells per unordered pair give the same distribution for the fit.

Every round is then fitted by the batched Newton solver of ``_newton``, warm-started at the
full-data strengths: a resample differs from the data by O(1/sqrt(N)), so two to four Newton
steps converge. There is no Python loop per round (rounds go in blocks, at most 1,000 and fewer for
big tables, only to bound memory).

Each round's ratings are centred (mean ``init``) or anchored exactly like the point estimate, so
the percentile interval of contestant ``i`` describes ``R_i - mean(R)`` (or ``R_i - R_anchor``):
under an anchor the anchor itself has a zero-width interval and everyone else's interval also
carries the anchor's uncertainty (FastChat issue #3377). Intervals of *differences* between two
contestants are taken from the same rows: ``samples[:, i] - samples[:, j]``.
"""

from __future__ import annotations

import numpy as np

from arena.ratings._newton import newton_fit, pair_design
from arena.ratings._resample import check_rounds, resampled_cells, resampled_sums
from arena.ratings._tables import PairCells, check_integer_counts, check_tables, pair_cells
from arena.ratings.bradley_terry import (
    RIDGE,
    check_anchor,
    check_scale,
    fit_strengths,
    to_ratings,
)


def bootstrap_bradley_terry(
    wins,
    ties,
    *,
    rounds=1000,
    seed=0,
    scale=400,
    base=10,
    init=1000,
    anchor=None,
    weights=None,
) -> np.ndarray:
    """Bootstrap ratings, a ``rounds x M`` array with one fitted row per resampled table.

    ``wins`` and ``ties`` must hold whole counts (the resampling draws whole comparisons); any
    weighting is given as ``weights`` and applied to each resampled table. ``seed`` goes to
    ``np.random.default_rng``; the draws are those of :func:`resample_count_tables`. Keywords as
    in :func:`fit_bradley_terry`; each row is centred or anchored like it.
    """
    check_scale(scale, base)
    wins, ties, weights = check_tables(wins, ties, weights)
    check_integer_counts("wins", wins)
    check_integer_counts("ties", ties)
    size = wins.shape[0]
    anchor = check_anchor(anchor, size)
    cells = pair_cells(wins, ties, weights)
    _, theta = fit_and_bootstrap(cells, size, rounds=rounds, seed=seed)
    return to_ratings(theta, scale=scale, base=base, init=init, anchor=anchor)


def fit_and_bootstrap(cells: PairCells, size: int, *, rounds: int, seed) -> tuple:
    """Full-data strengths ``(M,)`` and bootstrap strengths ``(rounds, M)``, natural-log units."""
    rounds = check_rounds(rounds)
    full = fit_strengths(cells, size)
    out = np.empty((rounds, size))
    out[:] = full
    if int(cells.cells.sum()) == 0 or rounds == 0:
        return full, out  # nothing to resample: every round is the data
    design = pair_design(cells.first, cells.second, size)

    for lo, y, n in resampled_sums(cells, rounds, seed):
        out[lo : lo + y.shape[1]] = newton_fit(design, y, n, full, reg=RIDGE).T
    return full, out


def resample_count_tables(wins, ties, *, rounds=1000, seed=0) -> tuple[np.ndarray, np.ndarray]:
    """The resampled tables behind :func:`bootstrap_bradley_terry`, ``(rounds, M, M)`` each.

    Each round is one multinomial draw over all cells with the total count fixed; for
    reproducing or checking a bootstrap one round at a time. Same seed, same draws.
    """
    wins, ties, _ = check_tables(wins, ties)
    check_integer_counts("wins", wins)
    check_integer_counts("ties", ties)
    cells = pair_cells(wins, ties, None)
    rounds = check_rounds(rounds)
    size = wins.shape[0]
    out_wins = np.zeros((rounds, size, size))
    out_ties = np.zeros((rounds, size, size))
    first, second = cells.first, cells.second
    for lo, draws in resampled_cells(cells, rounds, seed):
        hi = lo + len(draws)
        out_wins[lo:hi, first, second] = draws[:, :, 0]
        out_wins[lo:hi, second, first] = draws[:, :, 1]
        out_ties[lo:hi, first, second] = draws[:, :, 2]
        out_ties[lo:hi, second, first] = draws[:, :, 2]
    return out_wins, out_ties

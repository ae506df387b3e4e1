"""A full leaderboard refresh: fit, bootstrap, intervals, ranks and per-contestant totals."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from arena.ratings._resample import check_rounds
from arena.ratings._tables import check_integer_counts, check_tables, pair_cells
from arena.ratings.bootstrap import fit_and_bootstrap
from arena.ratings.bradley_terry import check_anchor, check_scale, to_ratings
from arena.ratings.ranks import intervals, rank_from_intervals


@dataclass(frozen=True)
class Leaderboard:
    """Per-contestant arrays, all of length M, in the contestants' index order.

    ``ratings``: Bradley-Terry fit (mean ``init``, or anchored); ``lower``/``upper``: bootstrap
    percentile interval at the requested level; ``rank``: 1 + the number of contestants whose
    lower bound is above this one's upper bound; ``votes``: comparisons the contestant took part
    in (unweighted); ``win_rate``: share of them it won, ties counting half (NaN with no votes).
    """

    ratings: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    rank: np.ndarray
    votes: np.ndarray
    win_rate: np.ndarray


def leaderboard(
    wins,
    ties,
    *,
    rounds=1000,
    seed=0,
    level=0.95,
    anchor=None,
    scale=400,
    base=10,
    init=1000,
    weights=None,
) -> Leaderboard:
    """Fit, bootstrap ``rounds`` resampled tables and rank, in one call (arguments as in
    ``fit_bradley_terry`` and ``bootstrap_bradley_terry``; the bootstrap is warm-started at the
    fit, so this costs one fit plus the bootstrap)."""
    check_scale(scale, base)
    wins, ties, weights = check_tables(wins, ties, weights)
    check_integer_counts("wins", wins)
    check_integer_counts("ties", ties)
    size = wins.shape[0]
    anchor = check_anchor(anchor, size)
    if check_rounds(rounds) < 1:
        raise ValueError("leaderboard needs rounds >= 1 to give intervals")
    full, boot = fit_and_bootstrap(pair_cells(wins, ties, weights), size, rounds=rounds, seed=seed)
    scaling = {"scale": scale, "base": base, "init": init, "anchor": anchor}
    ratings = to_ratings(full, **scaling)
    if size == 0:
        lower = upper = ratings.copy()
    else:
        lower, upper = intervals(to_ratings(boot, **scaling), level=level)
    battles = (wins + wins.T + ties).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        win_rate = np.where(battles > 0, (wins + 0.5 * ties).sum(axis=1) / battles, np.nan)
    return Leaderboard(
        ratings=ratings,
        lower=lower,
        upper=upper,
        rank=rank_from_intervals(lower, upper),
        votes=battles.astype(np.int64),
        win_rate=win_rate,
    )

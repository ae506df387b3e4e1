"""Pairwise views for the researcher pages: battles, observed and predicted win rates.

All three are M x M with row ``i`` read as "i against column j"; the diagonal is NaN (or 0 for
counts) because a contestant never meets itself, matching FastChat's heatmaps.
"""

from __future__ import annotations

import math

import numpy as np

from arena.ratings._tables import check_tables


def battle_count_matrix(wins, ties) -> np.ndarray:
    """Comparisons between i and j: ``wins[i, j] + wins[j, i] + ties[i, j]`` (symmetric)."""
    wins, ties, _ = check_tables(wins, ties)
    return wins + wins.T + ties


def win_rate_matrix(wins, ties) -> np.ndarray:
    """Share of i's comparisons against j that i won, a tie counting half; NaN where none."""
    wins, ties, _ = check_tables(wins, ties)
    battles = wins + wins.T + ties
    with np.errstate(invalid="ignore", divide="ignore"):
        rate = (wins + 0.5 * ties) / battles
    rate[battles == 0] = np.nan
    return rate


def predicted_win_matrix(ratings, scale=400, base=10) -> np.ndarray:
    """Model probability that i beats j: ``1 / (1 + base ** ((R_j - R_i) / scale))``."""
    ratings = np.asarray(ratings, dtype=np.float64)
    if ratings.ndim != 1:
        raise ValueError(f"ratings must be 1-D, got shape {ratings.shape}")
    # Written with the logistic function so that huge rating gaps give 0 or 1, never overflow.
    diff = (ratings[:, None] - ratings[None, :]) * (math.log(base) / scale)
    prob = np.exp(-np.logaddexp(0.0, -diff))
    np.fill_diagonal(prob, np.nan)
    return prob

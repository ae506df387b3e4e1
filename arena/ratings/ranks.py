"""Percentile intervals from bootstrap samples, and ranks that respect them."""

from __future__ import annotations

import numpy as np


def intervals(samples, level=0.95) -> tuple[np.ndarray, np.ndarray]:
    """Percentile interval per column: the ``(1 - level) / 2`` and ``(1 + level) / 2`` quantiles.

    ``samples`` is ``rounds x M`` (e.g. from ``bootstrap_bradley_terry``); returns
    ``(lower, upper)``, each of length M. ``level=0.95`` gives FastChat's 2.5 / 97.5 percentiles
    (numpy's default linear interpolation, as pandas' ``quantile`` there).
    """
    samples = np.asarray(samples, dtype=np.float64)
    if samples.ndim != 2 or samples.shape[0] == 0:
        raise ValueError(f"samples must be a non-empty rounds x M array, got shape {samples.shape}")
    if not 0 < level < 1:
        raise ValueError(f"level must be strictly between 0 and 1, got {level!r}")
    lower, upper = np.quantile(samples, [(1 - level) / 2, (1 + level) / 2], axis=0)
    return lower, upper


def rank_from_intervals(lower, upper) -> np.ndarray:
    """Rank = 1 + the number of contestants whose lower bound is above this one's upper bound.

    FastChat's "Rank (UB)": a contestant is only ranked below those that beat it with confidence,
    so contestants whose intervals overlap can share a rank. Returns int64 ranks, 1 is best.
    """
    lower = np.asarray(lower, dtype=np.float64)
    upper = np.asarray(upper, dtype=np.float64)
    if lower.shape != upper.shape or lower.ndim != 1:
        raise ValueError(
            f"lower and upper must be 1-D of one length, got {lower.shape} and {upper.shape}"
        )
    if np.isnan(lower).any() or np.isnan(upper).any():
        raise ValueError("lower and upper must not contain NaN")
    # Counting lower bounds strictly above each upper bound is one sorted search, O(M log M).
    above = lower.size - np.searchsorted(np.sort(lower), upper, side="right")
    return 1 + above.astype(np.int64)

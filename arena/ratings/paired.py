"""Paired comparison of two contestants' verdicts on the same prompts.

The DPO loop asks whether the tuned model is right more often than the base on the same held-out
prompts (each prompt's image of both drawn from the same noise). Two accuracies with their own
intervals waste that pairing: most prompts get the same verdict from both, and only the
*discordant* ones (one right, the other wrong) carry information about the difference. So the
difference ``mean(second) - mean(first)`` gets

- a percentile interval from a bootstrap over prompts (a resampled prompt brings both verdicts),
  which works for any per-prompt score, not only right/wrong; and
- for right/wrong verdicts, the exact McNemar test: under "no difference" each discordant prompt
  favours either side with probability 1/2, so the p-value is a two-sided binomial test on the
  discordant counts.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.stats import binomtest

from arena.ratings._resample import check_rounds


@dataclass(frozen=True)
class PairedDifference:
    n: int  # prompts
    difference: float  # mean(second) - mean(first)
    lower: float
    upper: float
    first_only: int  # prompts the first got right and the second wrong (binary verdicts)
    second_only: int
    p_value: float | None  # exact McNemar, binary verdicts only


def paired_difference(
    first, second, *, rounds: int = 1000, level: float = 0.95, seed: int = 0
) -> PairedDifference:
    """``second - first`` on the same prompts, with a bootstrap interval (module docstring).

    ``first[i]`` and ``second[i]`` are the two contestants' scores on prompt i (booleans or
    numbers). The same inputs, rounds and seed always give the same interval.
    """
    a = np.asarray(first, dtype=np.float64)
    b = np.asarray(second, dtype=np.float64)
    if a.ndim != 1 or a.shape != b.shape:
        raise ValueError(
            f"first and second must be 1-D with one score per prompt each, got shapes "
            f"{a.shape} and {b.shape}"
        )
    if a.size == 0:
        raise ValueError("no prompts to compare")
    if np.isnan(a).any() or np.isnan(b).any():
        raise ValueError("scores must not contain NaN")
    if not 0 < level < 1:
        raise ValueError(f"level must be strictly between 0 and 1, got {level!r}")
    if check_rounds(rounds) == 0:
        raise ValueError("rounds must be at least 1 for an interval")
    delta = b - a
    rng = np.random.default_rng(seed)
    # Rounds in blocks so memory stays bounded for big suites (rounds x prompts indices).
    means = np.empty(rounds)
    block = max(1, 4_000_000 // a.size)
    for lo in range(0, rounds, block):
        hi = min(rounds, lo + block)
        picks = rng.integers(0, a.size, size=(hi - lo, a.size))
        means[lo:hi] = delta[picks].mean(axis=1)
    lower, upper = np.quantile(means, [(1 - level) / 2, (1 + level) / 2])
    binary = bool(np.isin(a, (0.0, 1.0)).all() and np.isin(b, (0.0, 1.0)).all())
    first_only = int(((a == 1) & (b == 0)).sum()) if binary else 0
    second_only = int(((a == 0) & (b == 1)).sum()) if binary else 0
    p_value = None
    if binary:
        discordant = first_only + second_only
        p_value = 1.0 if discordant == 0 else float(binomtest(second_only, discordant).pvalue)
    return PairedDifference(
        n=int(a.size),
        difference=float(delta.mean()),
        lower=float(lower),
        upper=float(upper),
        first_only=first_only,
        second_only=second_only,
        p_value=p_value,
    )

"""Position bias: Bradley-Terry with a left-side intercept.

Input is the side-ordered table of :func:`arena.ratings.counts.side_count_table`, an
``(M, M, 3)`` array: ``outcomes[i, j]`` counts the battles shown with ``i`` on the LEFT and ``j``
on the RIGHT, as (left won, right won, tie). The model is

    P(left i beats right j) = 1 / (1 + base ** ((R_j - R_i - A) / scale))

with ``A`` the left advantage in rating points: the left image plays as if it were ``A`` points
stronger (``A > 0``: raters favour the left side; a 52.6 % first-position win rate between equals
is about 18 points). A tie counts half a win each way. The fit is the maximum-likelihood fit of
ratings and ``A`` together (``_newton``, with the same tiny ridge as the plain fit, so it stays
finite even if, say, the left side won every battle), so ``A`` is measured net of who was shown
more often on which side.

``A`` is identified from contestants seen on both sides; if every pair was only ever shown in one
arrangement it is confounded with the ratings and the ridge decides, so always randomise sides.
"""

from __future__ import annotations

import math

import numpy as np

from arena.ratings._newton import newton_fit, pair_design
from arena.ratings._resample import check_rounds, resampled_sums
from arena.ratings._tables import PairCells, check_integer_counts
from arena.ratings.bradley_terry import RIDGE, check_scale
from arena.ratings.ranks import intervals


def fit_position_bias(outcomes, *, scale=400, base=10) -> float:
    """Left advantage ``A`` in rating points, maximum likelihood (see module docstring)."""
    check_scale(scale, base)
    cells, size = _side_cells(outcomes)
    return float(_fit(cells, size)[-1] * scale / math.log(base))


def bootstrap_position_bias(outcomes, *, rounds=1000, seed=0, scale=400, base=10) -> np.ndarray:
    """Bootstrap samples of the left advantage, ``(rounds,)`` rating points.

    Each round redraws the side-ordered table from one multinomial (the total fixed, the
    ``M * M * 3`` cells with probabilities proportional to their counts) and refits ratings and
    ``A`` together; all rounds are fitted at once by the batched Newton solver, warm-started at
    the full-data fit. ``outcomes`` must hold whole counts.
    """
    check_scale(scale, base)
    cells, size = _side_cells(outcomes)
    check_integer_counts("outcomes", np.asarray(outcomes, dtype=np.float64))
    rounds = check_rounds(rounds)
    full = _fit(cells, size)
    out = np.full(rounds, full[-1])
    if int(cells.cells.sum()) > 0 and rounds > 0:
        design = pair_design(cells.first, cells.second, size + 1, intercept=size)

        for lo, y, n in resampled_sums(cells, rounds, seed):
            out[lo : lo + y.shape[1]] = newton_fit(design, y, n, full, reg=RIDGE)[-1]
    return out * (scale / math.log(base))


def position_bias_interval(
    outcomes, *, rounds=1000, seed=0, level=0.95, scale=400, base=10
) -> tuple[float, float]:
    """Percentile bootstrap interval ``(lower, upper)`` of the left advantage, rating points."""
    samples = bootstrap_position_bias(outcomes, rounds=rounds, seed=seed, scale=scale, base=base)
    lower, upper = intervals(samples[:, None], level=level)
    return float(lower[0]), float(upper[0])


def _fit(cells: PairCells, size: int) -> np.ndarray:
    """Natural-log strengths of the M contestants followed by the left advantage, ``(M + 1,)``."""
    design = pair_design(cells.first, cells.second, size + 1, intercept=size)
    y, n = cells.sums()
    return newton_fit(design, y[:, None], n[:, None], np.zeros(size + 1), reg=RIDGE)[:, 0]


def _side_cells(outcomes) -> tuple[PairCells, int]:
    """Ordered (left, right) pairs with at least one battle, cells (left won, right won, tie)."""
    table = np.asarray(outcomes, dtype=np.float64)
    if table.ndim != 3 or table.shape[0] != table.shape[1] or table.shape[2] != 3:
        raise ValueError(f"outcomes must be an (M, M, 3) side table, got shape {table.shape}")
    bad = ~np.isfinite(table) | (table < 0)
    if bad.any():
        where = tuple(int(v) for v in np.argwhere(bad)[0])
        raise ValueError(f"outcomes{list(where)} = {float(table[where])}: must be finite and >= 0")
    size = table.shape[0]
    diag = np.flatnonzero(table[np.arange(size), np.arange(size)].sum(axis=1))
    if diag.size:
        i = diag[0]
        raise ValueError(f"outcomes[{i}, {i}] is not zero: a contestant cannot meet itself")
    left, right = np.nonzero(table.sum(axis=2) > 0)
    cells = table[left, right]
    return PairCells(first=left, second=right, cells=cells, cell_weights=None), size

"""Count tables from per-vote arrays (one ``np.bincount``, no Python loop per vote).

A vote is ``(a, b, outcome)``: contestant indices and ``outcome`` 1 if ``a`` won, 0 if ``b`` won,
0.5 for a tie or "both bad" (FastChat and arena-rank map both to 0.5).
"""

from __future__ import annotations

import numpy as np

from arena.ratings._votes import check_votes


def count_table(a, b, outcome, *, num_contestants, weights=None) -> tuple[np.ndarray, np.ndarray]:
    """``(wins, ties)``, M x M: ``wins[i, j]`` = times i beat j, ``ties`` symmetric.

    A tie between ``a`` and ``b`` is stored in both ``ties[a, b]`` and ``ties[b, a]`` (it is one
    tie, seen from either side). With per-vote ``weights`` the tables hold weight sums (float64);
    without, whole counts (int64).
    """
    a, b, outcome, weights = check_votes(a, b, outcome, num_contestants, weights)
    by_cell = _bincount3(a, b, np.rint(2.0 * outcome).astype(np.int64), num_contestants, weights)
    # by_cell[i, j, k]: votes with (a, b) = (i, j) and outcome k / 2.
    wins = by_cell[:, :, 2] + by_cell[:, :, 0].T
    ties = by_cell[:, :, 1] + by_cell[:, :, 1].T
    return wins, ties


def side_count_table(left, right, outcome, *, num_contestants, weights=None) -> np.ndarray:
    """Side-ordered outcomes for the position-bias fit, an ``(M, M, 3)`` array.

    ``table[i, j]`` counts the battles shown with ``i`` on the LEFT and ``j`` on the RIGHT:
    ``table[i, j, 0]`` the left side (i) won, ``table[i, j, 1]`` the right side (j) won,
    ``table[i, j, 2]`` tie or both bad. ``outcome`` is 1 if the left image won, 0 if the right
    one did, 0.5 for a tie. Every cell is one arrangement, so nothing is symmetric here.
    """
    left, right, outcome, weights = check_votes(left, right, outcome, num_contestants, weights)
    # outcome 1 -> slot 0 (left won), 0 -> slot 1 (right won), 0.5 -> slot 2 (tie).
    slot = np.array([1, 2, 0])[np.rint(2.0 * outcome).astype(np.int64)]
    return _bincount3(left, right, slot, num_contestants, weights)


def _bincount3(a, b, slot, size, weights) -> np.ndarray:
    flat = (a * size + b) * 3 + slot
    return np.bincount(flat, weights=weights, minlength=size * size * 3).reshape(size, size, 3)

"""Checks on count tables and their reduction to per-pair sums, shared by the fitting modules.

Conventions used across the package, for M contestants:

- ``wins[i, j]``: (weighted) number of comparisons that ``i`` won against ``j``; diagonal zero.
- ``ties[i, j] == ties[j, i]``: (weighted) number of ties between ``i`` and ``j`` ("both bad"
  counts as a tie); each tie is stored once in each of the two cells, it is not two ties.
- ``weights[i, j]``: optional multiplier of ``wins[i, j]``; a tie between ``i`` and ``j`` is
  multiplied by ``(weights[i, j] + weights[j, i]) / 2``. Pair weights (symmetric) are the usual
  case, e.g. arena-rank's inverse pair frequency ``1 / max(pair_count, 50)``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def as_square(name: str, table, size: int | None = None) -> np.ndarray:
    """Return ``table`` as a finite, non-negative, square float array or raise ValueError."""
    arr = np.asarray(table, dtype=np.float64)
    if arr.ndim != 2 or arr.shape[0] != arr.shape[1]:
        raise ValueError(f"{name} must be a square M x M array, got shape {arr.shape}")
    if size is not None and arr.shape[0] != size:
        raise ValueError(f"{name} must be {size} x {size} like wins, got shape {arr.shape}")
    bad = ~np.isfinite(arr) | (arr < 0)
    if bad.any():
        i, j = np.argwhere(bad)[0]
        raise ValueError(f"{name}[{i}, {j}] = {float(arr[i, j])}: entries must be finite and >= 0")
    return arr


def check_tables(wins, ties, weights=None):
    """Validate a (wins, ties[, weights]) triple; returns float arrays (weights may be None)."""
    wins = as_square("wins", wins)
    ties = as_square("ties", ties, wins.shape[0])
    for name, arr in (("wins", wins), ("ties", ties)):
        diag = np.flatnonzero(np.diagonal(arr))
        if diag.size:
            i = diag[0]
            raise ValueError(
                f"{name}[{i}, {i}] = {float(arr[i, i])}: a contestant cannot meet itself"
            )
    asym = np.abs(ties - ties.T) > 1e-9 * np.maximum(np.abs(ties), 1.0)
    if asym.any():
        i, j = np.argwhere(asym)[0]
        raise ValueError(
            f"ties must be symmetric: ties[{i}, {j}] = {float(ties[i, j])} but "
            f"ties[{j}, {i}] = {float(ties[j, i])} (store each tie in both cells)"
        )
    if weights is not None:
        weights = as_square("weights", weights, wins.shape[0])
    return wins, ties, weights


def check_integer_counts(name: str, arr: np.ndarray) -> None:
    """Resampling draws whole comparisons, so it needs whole counts."""
    frac = arr != np.round(arr)
    if frac.any():
        where = tuple(int(v) for v in np.argwhere(frac)[0])
        raise ValueError(
            f"{name} must hold whole counts to be resampled, got {name}{list(where)} = "
            f"{float(arr[where])}; pass raw counts and give any weighting as `weights` instead"
        )


@dataclass(frozen=True)
class PairCells:
    """The non-empty unordered pairs ``first[k] < second[k]`` and their three outcome cells.

    ``cells[k] = (first won, second won, tie)`` counts; ``cell_weights[k]`` the matching weights
    ``(weights[first, second], weights[second, first], mean of the two)``, or None.
    """

    first: np.ndarray
    second: np.ndarray
    cells: np.ndarray  # (K, 3)
    cell_weights: np.ndarray | None  # (K, 3); None: every weight is 1

    def sums(self, cells: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Half-credit wins of ``first`` and comparisons per pair, weighted.

        ``cells`` may carry extra leading axes (resamples), ``(..., K, 3)``; the default is the
        table's own counts. Returns ``y, n`` of shape ``(..., K)``, float64.
        """
        c = self.cells if cells is None else cells
        if self.cell_weights is not None:
            c = c * self.cell_weights
        y = c[..., 0] + 0.5 * c[..., 2]
        n = (c[..., 0] + c[..., 1] + c[..., 2]).astype(np.float64)
        return y, n


def pair_cells(wins: np.ndarray, ties: np.ndarray, weights: np.ndarray | None) -> PairCells:
    """Collect the pairs with at least one comparison (weights applied later, never dropped)."""
    first, second = np.triu_indices(wins.shape[0], k=1)
    cells = np.stack([wins[first, second], wins[second, first], ties[first, second]], axis=1)
    keep = cells.sum(axis=1) > 0
    first, second, cells = first[keep], second[keep], cells[keep]
    cell_weights = None
    if weights is not None:
        w_fs, w_sf = weights[first, second], weights[second, first]
        cell_weights = np.stack([w_fs, w_sf, 0.5 * (w_fs + w_sf)], axis=1)
    return PairCells(first=first, second=second, cells=cells, cell_weights=cell_weights)

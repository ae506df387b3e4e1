"""Multinomial resampling of outcome cells, in fixed blocks of rounds, shared by the bootstraps.

A bootstrap round redraws the whole vote log with replacement. The fits only see counts, so that
is the same as drawing the counts themselves: one Multinomial(N, counts / N) per round, ``N`` the
total number of comparisons (fixed), over all outcome cells. Drawing it is most of a bootstrap's
time, so it is done one of three exact ways, whichever a cost model (measured on the benchmark
machine, ``_costs``) says is cheapest for the table:

- **multinomial**: numpy's ``Generator.multinomial``, one conditional binomial per cell (35 to
  130 ns each, depending on the counts);
- **votes**: draw the N votes themselves, uniform indices into the vote list, and count them per
  cell with ``np.bincount`` (about 8 ns a vote): best when votes are few;
- **Poisson, then top up**: draw independent ``X_k ~ Poisson(mu * p_k)`` with
  ``mu = N - 2 sqrt(N)``; a round whose total ``S`` exceeds N is drawn again (about 2 %); then the
  ``N - S`` missing votes are drawn one by one from ``p`` (Walker's alias table, about 2 sqrt(N)
  votes a round). Exact: given ``S = s``, independent Poissons are Multinomial(s, p) whatever
  ``mu``, and adding ``N - s`` independent draws from ``p`` makes Multinomial(N, p); rejecting
  ``s > N`` only changes how ``s`` is distributed. A Poisson draw costs 33 to 52 ns against 46 to
  101 ns for a binomial at the counts big arenas have, but the top-up grows with sqrt(N): best
  for many cells with many votes each.

Rounds go in fixed blocks (at most ``BLOCK_ROUNDS``, fewer for big tables, to bound memory), each
with its own child generator of ``np.random.default_rng(seed)``: the same table, number of rounds
and seed always give the same rounds. (Drawing the next block on a background thread while the
current one was fitted was tried: on a busy 2-core machine it made the wall time worse, so
everything runs on the caller's thread.)
"""

from __future__ import annotations

import math

import numpy as np

from arena.ratings._tables import PairCells

BLOCK_ROUNDS = 1000
# Cells drawn at once per block (int64): 16 MB.
DRAW_ELEMENTS = 2_000_000


def check_rounds(rounds) -> int:
    if isinstance(rounds, bool) or int(rounds) != rounds or rounds < 0:
        raise ValueError(f"rounds must be a whole number >= 0, got {rounds!r}")
    return int(rounds)


def resampled_sums(cells: PairCells, rounds: int, seed):
    """Yield ``(first round, y, n)`` per block, ``y`` and ``n`` of shape ``(K, rounds in block)``.

    ``y, n`` are ``cells.sums`` of the block's draws (half-credit wins, comparisons per row),
    laid out for ``newton_fit``.
    """
    for lo, draws in resampled_cells(cells, rounds, seed):
        y, n = cells.sums(draws)
        yield lo, np.ascontiguousarray(y.T), np.ascontiguousarray(n.T)


def resampled_cells(cells: PairCells, rounds: int, seed):
    """Yield ``(first round, draws)`` per block, draws ``(rounds in block, K, 3)`` int64."""
    counts = cells.cells.ravel().astype(np.int64)
    total = int(counts.sum())
    if total == 0 or rounds == 0:
        return
    costs = _costs(counts)
    cheapest = min(costs, key=costs.get)
    draw = {"votes": _VoteSampler, "poisson": _PoissonSampler, "multinomial": _MultinomialSampler}[
        cheapest
    ](counts)
    block = max(1, min(BLOCK_ROUNDS, DRAW_ELEMENTS // counts.size))
    starts = range(0, rounds, block)
    for lo, rng in zip(starts, np.random.default_rng(seed).spawn(len(starts)), strict=True):
        size = min(block, rounds - lo)
        yield lo, draw(size, rng).reshape(size, -1, 3)


def _costs(counts: np.ndarray) -> dict[str, float]:
    """Rough nanoseconds per round of each sampler (fits to timings on the benchmark machine)."""
    cells = counts.size
    total = float(counts.sum())
    per_cell = min(total / max(1, np.count_nonzero(counts)), 1e9)
    binomial = 40.0 + 5.0 * per_cell if per_cell <= 30 else 60.0
    return {
        "votes": 8.0 * total + 3.0 * cells,
        "poisson": 45.0 * cells + 30.0 * math.sqrt(total),
        "multinomial": binomial * cells,
    }


class _MultinomialSampler:
    """numpy's own sampler: one conditional binomial per cell and round."""

    def __init__(self, counts: np.ndarray):
        self.total = int(counts.sum())
        self.p = counts / self.total

    def __call__(self, size: int, rng) -> np.ndarray:
        return rng.multinomial(self.total, self.p, size=size)


class _VoteSampler:
    """Multinomial counts by drawing the votes themselves with replacement."""

    def __init__(self, counts: np.ndarray):
        self.num_cells = counts.size
        self.total = int(counts.sum())
        self.cell_of_vote = np.repeat(np.arange(self.num_cells), counts)

    def __call__(self, size: int, rng) -> np.ndarray:
        cells, total = self.num_cells, self.total
        out = np.empty((size, cells), dtype=np.int64)
        chunk = max(1, DRAW_ELEMENTS // max(total, cells))
        for lo in range(0, size, chunk):
            rows = min(chunk, size - lo)
            flat = self.cell_of_vote[rng.integers(0, total, size=(rows, total))]
            flat += np.arange(rows)[:, None] * cells  # one bincount for all rows of the chunk
            out[lo : lo + rows] = np.bincount(flat.ravel(), minlength=rows * cells).reshape(
                rows, cells
            )
        return out


class _PoissonSampler:
    """Multinomial counts from Poisson draws topped up to the total (exact; module docstring)."""

    def __init__(self, counts: np.ndarray):
        self.num_cells = counts.size
        self.total = int(counts.sum())
        p = counts / self.total
        self.mean = p * max(self.total - 2.0 * math.sqrt(self.total), 0.0)
        self.keep, self.alias = _alias_table(p)

    def __call__(self, size: int, rng) -> np.ndarray:
        cells, total = self.num_cells, self.total
        out = rng.poisson(self.mean, size=(size, cells))
        got = out.sum(axis=1)
        over = np.flatnonzero(got > total)
        while over.size:
            out[over] = rng.poisson(self.mean, size=(over.size, cells))
            got[over] = out[over].sum(axis=1)
            over = over[got[over] > total]
        missing = total - got
        extra = int(missing.sum())
        pick = rng.integers(0, cells, extra)
        cell = np.where(rng.random(extra) < self.keep[pick], pick, self.alias[pick])
        cell += np.repeat(np.arange(size) * cells, missing)
        out += np.bincount(cell, minlength=size * cells).reshape(size, cells)
        return out


def _alias_table(p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Walker's alias table (Vose's construction): draw ``k`` uniform, keep it with probability
    ``keep[k]``, else take ``alias[k]``; the result is distributed as ``p``. O(cells), once."""
    num = p.size
    scaled = (p * num).tolist()
    keep = [1.0] * num
    alias = list(range(num))
    small = [i for i, v in enumerate(scaled) if v < 1.0]
    large = [i for i, v in enumerate(scaled) if v >= 1.0]
    while small and large:
        s, big = small.pop(), large.pop()
        keep[s], alias[s] = scaled[s], big
        scaled[big] += scaled[s] - 1.0
        (small if scaled[big] < 1.0 else large).append(big)
    # Whatever is left is 1 up to rounding and keeps itself.
    return np.array(keep), np.array(alias, dtype=np.int64)

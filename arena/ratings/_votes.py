"""Checks on per-vote arrays ``(a, b, outcome[, weights])``, shared by the vote-level functions."""

from __future__ import annotations

import numpy as np


def check_votes(a, b, outcome, num_contestants, weights=None):
    """Validate per-vote arrays; returns ``(a, b, outcome, weights)`` as int64/float64 arrays."""
    if isinstance(num_contestants, bool) or int(num_contestants) != num_contestants:
        raise ValueError(f"num_contestants must be a whole number, got {num_contestants!r}")
    size = int(num_contestants)
    if size < 0:
        raise ValueError(f"num_contestants must be >= 0, got {size}")
    a = np.asarray(a)
    b = np.asarray(b)
    outcome = np.asarray(outcome, dtype=np.float64)
    if not (a.ndim == b.ndim == outcome.ndim == 1 and a.size == b.size == outcome.size):
        raise ValueError(
            "the vote arrays must be 1-D and of one length, got shapes "
            f"{a.shape}, {b.shape} and {outcome.shape}"
        )
    for name, idx in (("a", a), ("b", b)):
        if idx.size and not np.issubdtype(idx.dtype, np.integer):
            raise ValueError(f"{name} must hold integer contestant indices, got dtype {idx.dtype}")
        out = np.flatnonzero((idx < 0) | (idx >= size))
        if out.size:
            v = out[0]
            raise ValueError(
                f"vote {v}: {name} = {idx[v]} is not a contestant index in 0..{size - 1}"
            )
    a = a.astype(np.int64, copy=False)
    b = b.astype(np.int64, copy=False)
    same = np.flatnonzero(a == b)
    if same.size:
        raise ValueError(f"vote {same[0]}: contestant {a[same[0]]} cannot battle itself")
    bad = np.flatnonzero((outcome != 0.0) & (outcome != 0.5) & (outcome != 1.0))
    if bad.size:
        raise ValueError(f"vote {bad[0]}: outcome {float(outcome[bad[0]])} is not 1, 0 or 0.5")
    if weights is not None:
        weights = np.asarray(weights, dtype=np.float64)
        if weights.shape != a.shape:
            raise ValueError(f"weights must have one entry per vote, got shape {weights.shape}")
        wrong = np.flatnonzero(~np.isfinite(weights) | (weights < 0))
        if wrong.size:
            v = wrong[0]
            raise ValueError(f"vote {v}: weight {float(weights[v])} is not finite and >= 0")
    return a, b, outcome, weights

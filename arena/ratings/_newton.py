"""Batched damped Newton for pairwise logistic models (Bradley-Terry, with or without a side term).

Every model in this package is a logistic regression on "pair rows". Row ``k`` has a design vector
``x_k`` (``+1`` on the first contestant's parameter, ``-1`` on the second's, optionally ``+1`` on
an intercept such as the left-side advantage), a weighted number of comparisons ``n_k`` and a
weighted number of successes ``y_k`` (a tie is half a success). With ``d_k = x_k . beta`` and
``sigma(d) = 1 / (1 + exp(-d))`` the fit minimises

    f(beta) = sum_k [ n_k * softplus(d_k) - y_k * d_k ]  +  1/2 * sum_p lam_p * beta_p^2

which is the negative log-likelihood ``-sum_k [y_k log s(d_k) + (n_k - y_k) log(1 - s(d_k))]``
(``s = sigma``) plus a tiny ridge. Its gradient and Hessian are

    g = X^T (n * sigma(d) - y) + lam * beta
    H = X^T diag(n * sigma(d) * (1 - sigma(d))) X + diag(lam)

The ridge ``lam_p = reg * (weighted comparisons that involve parameter p)`` exists only to make
``H`` positive definite and the optimum finite: without it the likelihood is flat along a shift of
all strengths in a connected group, and a contestant that won (or lost) every comparison has its
maximum at infinity. Scaling the ridge with each parameter's own comparison count makes the fit
invariant to multiplying all counts by a constant, and keeps the bias small everywhere: about
``reg * beta_p / mean(sigma (1 - sigma))`` in natural-log units, below 0.001 rating points at
``reg = 1e-8`` even for a field spread over 1,600 points. A parameter with no comparisons gets
``lam_p = 1``, which puts it at 0 (the prior mean) whatever the start.

Many problems ("rounds", e.g. bootstrap resamples of one table) that share the same rows are solved
at once: arrays carry the rounds on their last axis, ``y`` and ``n`` are ``(K, R)``, ``beta`` is
``(P, R)``. The products with ``X`` are sparse-times-dense matrix products, the Hessians are
assembled for all rounds by one more sparse product, and the ``R`` Newton systems are solved by one
batched ``np.linalg.solve``. No Python loop runs per round.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from arena.ratings._blas import one_blas_thread

# Convergence. Newton converges quadratically here: the step after a step of size s is about
# C * s**2 (measured C = 0.15 to 0.35 on arena-like tables), and so is the error left after it.
# A round stops when that estimate, with C taken from its own last two steps, is below
# ERROR_TOLERANCE natural-log units (2e-4 rating points, far below any bootstrap spread), or
# when its step is below STEP_TOLERANCE outright. On bootstrap rounds warm-started at the
# full-data fit this means two or three Hessian solves.
ERROR_TOLERANCE = 1e-6
STEP_TOLERANCE = 1e-9
MAX_ITERATIONS = 200
MAX_HALVINGS = 60
# Rounds processed together: P*P + 4*K floats per round, at most this many in all (64 MB). Large
# enough that a bootstrap's draw block (see ``_resample``) is never split into a small remainder.
_BLOCK_ELEMENTS = 8_000_000


@dataclass(frozen=True)
class PairDesign:
    """Sparse design of a pairwise logistic model: K rows over P parameters.

    ``x`` is ``(K, P)``, ``xt`` its transpose, ``abs_xt`` the transpose of ``|x|`` (it counts each
    parameter's comparisons) and ``hess`` maps per-row curvatures ``c`` (K,) to the flattened
    Hessian ``X^T diag(c) X`` (P*P,) by one sparse product.
    """

    x: sp.csr_matrix
    xt: sp.csr_matrix
    abs_xt: sp.csr_matrix
    hess: sp.csr_matrix
    num_params: int

    @property
    def num_rows(self) -> int:
        return self.x.shape[0]


def pair_design(
    first: np.ndarray, second: np.ndarray, num_params: int, intercept: int | None = None
) -> PairDesign:
    """Design with ``+1`` at ``first[k]``, ``-1`` at ``second[k]`` and ``+1`` at ``intercept``."""
    first = np.asarray(first, dtype=np.int64)
    second = np.asarray(second, dtype=np.int64)
    k = first.size
    cols = [first, second]
    signs = [np.ones(k), -np.ones(k)]
    if intercept is not None:
        cols.append(np.full(k, intercept, dtype=np.int64))
        signs.append(np.ones(k))
    cols_arr = np.stack(cols, axis=1)  # (K, nnz per row)
    signs_arr = np.stack(signs, axis=1)
    rows = np.repeat(np.arange(k), cols_arr.shape[1])
    x = sp.csr_matrix(
        (signs_arr.ravel(), (rows, cols_arr.ravel())), shape=(k, num_params), dtype=np.float64
    )
    # Every ordered pair (a, b) of a row's non-zeros contributes s_a * s_b * c_k to H[a, b].
    per_row = cols_arr.shape[1] ** 2
    hess_rows = (cols_arr[:, :, None] * num_params + cols_arr[:, None, :]).reshape(k, per_row)
    hess_vals = (signs_arr[:, :, None] * signs_arr[:, None, :]).reshape(k, per_row)
    hess_cols = np.repeat(np.arange(k), hess_rows.shape[1])
    hess = sp.csr_matrix(
        (hess_vals.ravel(), (hess_rows.ravel(), hess_cols)),
        shape=(num_params * num_params, k),
        dtype=np.float64,
    )  # duplicates (the diagonal entries shared by many rows) are summed by scipy
    xt = x.T.tocsr()
    return PairDesign(x=x, xt=xt, abs_xt=abs(xt).tocsr(), hess=hess, num_params=num_params)


def newton_fit(
    design: PairDesign,
    y: np.ndarray,
    n: np.ndarray,
    start: np.ndarray,
    *,
    reg: float,
) -> np.ndarray:
    """Minimise ``f`` (module docstring) for every round; returns ``beta`` of shape ``(P, R)``.

    ``y`` and ``n`` are ``(K, R)``; ``start`` is ``(P,)`` (shared warm start) or ``(P, R)``.
    """
    num_params = design.num_params
    y = np.asarray(y, dtype=np.float64)
    n = np.asarray(n, dtype=np.float64)
    rounds = y.shape[1]
    start = np.asarray(start, dtype=np.float64)
    out = np.empty((num_params, rounds))
    if design.num_rows == 0:
        out[:] = 0.0  # no data at all: the ridge alone puts every strength at 0
        return out
    block = max(1, _BLOCK_ELEMENTS // (num_params * num_params + 4 * design.num_rows))
    with one_blas_thread():
        for lo in range(0, rounds, block):
            hi = min(rounds, lo + block)
            out[:, lo:hi] = _newton_block(
                design,
                np.ascontiguousarray(y[:, lo:hi]),
                np.ascontiguousarray(n[:, lo:hi]),
                start if start.ndim == 1 else np.array(start[:, lo:hi]),
                reg,
            )
    return out


def _sigma(design, beta):
    """``sigma(d)`` for every row and round, with ``d = X beta`` (in place: the hot loop)."""
    d = design.x @ beta
    positive = d >= 0.0
    np.abs(d, out=d)
    np.negative(d, out=d)
    np.exp(d, out=d)  # exp(-|d|) in (0, 1]: no overflow for any d
    p = np.where(positive, 1.0, d)
    d += 1.0
    p /= d  # 1 / (1 + e^-d) for d >= 0, e^d / (1 + e^d) for d < 0
    return p


def _objective(design, y, n, lam, beta):
    """``f`` per round: sum n * softplus(d) - y * d + ridge, softplus written to never overflow."""
    d = design.x @ beta
    terms = np.log1p(np.exp(-np.abs(d)))
    terms += np.maximum(d, 0.0)
    terms *= n
    terms -= y * d
    return terms.sum(axis=0) + 0.5 * (lam * beta * beta).sum(axis=0)


def _newton_block(design, y, n, start, reg):
    num_params = design.num_params
    rounds = y.shape[1]
    lam = reg * (design.abs_xt @ n)
    lam[lam <= 0.0] = 1.0  # a parameter without comparisons: keep H invertible, beta goes to 0
    if start.ndim == 1:
        # A start shared by all rounds (the bootstrap's warm start): one sigma for all of them.
        beta = np.repeat(start[:, None], rounds, axis=1)
        p = np.broadcast_to(_sigma(design, start[:, None]), (design.num_rows, rounds))
    else:
        beta = start
        p = _sigma(design, beta)
    # Largest |x_k . s| per unit of max|s|: 2 for a pair, 3 with an intercept.
    row_l1 = float(abs(design.x).sum(axis=1).max())
    result = np.empty_like(beta)
    idx = np.arange(rounds)  # original column of each active round
    last_step = np.full(rounds, np.inf)  # inf: no full Newton step taken yet
    diag = np.arange(num_params) * (num_params + 1)
    for _ in range(MAX_ITERATIONS):
        np_ = n * p
        grad = design.xt @ (np_ - y) + lam * beta
        hess_flat = design.hess @ (np_ * (1.0 - p))
        hess_flat[diag] += lam
        # A strided view is fine: LAPACK gets a packed copy of each matrix from numpy anyway.
        hess = hess_flat.reshape(num_params, num_params, -1).transpose(2, 0, 1)
        step = np.linalg.solve(hess, grad.T[:, :, None])[:, :, 0].T
        size = np.abs(step).max(axis=0)
        t = np.ones(beta.shape[1])
        # Damping, only where it can matter. The third derivative of softplus is bounded by its
        # second, so along a step that moves no row's d by more than delta the curvature stays
        # within a factor e^delta of H's, and the full Newton step lowers f by at least
        # 1 - (e^delta - 1 - delta) / delta^2 of its predicted decrease: 28 % at delta = 1. Only
        # rounds with a longer step (cold starts, degenerate resamples) have f evaluated, and
        # their step halved until f goes down; the slack absorbs rounding in f.
        risky = np.flatnonzero(row_l1 * size > 1.0)
        if risky.size:
            args = (design, y[:, risky], n[:, risky], lam[:, risky])
            f_old = _objective(*args, beta[:, risky])
            slack = 1e-12 * (np.abs(f_old) + 1.0)
            for _ in range(MAX_HALVINGS):
                trial = beta[:, risky] - t[risky] * step[:, risky]
                worse = _objective(*args, trial) > f_old + slack
                if not worse.any():
                    break
                t[risky[worse]] *= 0.5
        beta = beta - t * step
        p = _sigma(design, beta)
        size *= t
        with np.errstate(divide="ignore", invalid="ignore"):
            left = size**3 / last_step**2  # C * size**2 with C = size / last_step**2
        # Only a full step that follows a full step, and is shorter, shows quadratic convergence.
        contracting = (t == 1.0) & np.isfinite(last_step) & (size < last_step)
        done = (size <= STEP_TOLERANCE) | (contracting & (left <= ERROR_TOLERANCE))
        last_step = np.where(t == 1.0, size, np.inf)
        if done.all():
            result[:, idx] = beta
            return result
        if done.any():
            result[:, idx[done]] = beta[:, done]
            keep = ~done
            idx, beta, p, last_step = idx[keep], beta[:, keep], p[:, keep], last_step[keep]
            y, n, lam = y[:, keep], n[:, keep], lam[:, keep]
    # Not reached on any input we know of (Newton on a strictly convex objective); keep the last
    # iterate rather than fail, it is within a few steps of the optimum.
    result[:, idx] = beta
    return result

"""Ratings engine: fit, 1,000-round bootstrap and full refresh, against today's public arenas.

    .venv/bin/python -m benchmarks.ratings            # 20 and 100 contestants, 10k..10M votes
    .venv/bin/python -m benchmarks.ratings --quick    # 10k and 100k votes, fewer baseline rounds

Votes are simulated from known strengths (ratings ~ N(1000, 100), 10 % ties, random pairs),
generated in chunks of 1M so the 10M case stays at about 170 MB of vote arrays.

Ours (``arena.ratings``): ``count_table`` from the per-vote arrays (timed on its own), then
``fit_bradley_terry``, ``bootstrap_bradley_terry(rounds=1000)``, and ``leaderboard`` (the full
refresh: fit + 1,000 rounds + intervals + ranks).

Baseline, measured in the same run: FastChat after PR #3523 (``rating_systems.py``). The votes are
collapsed to unique (a, b, outcome) rows weighted by count (``np.unique(axis=0)``, timed on its
own like our count table); the fit is scipy L-BFGS-B (maxiter 100, gtol 1e-6) on the weighted
log-likelihood; the bootstrap redraws the unique-row counts from one multinomial and refits with
L-BFGS-B per round. FastChat spreads the rounds over a process pool; here they run one after the
other, so on this 2-core machine an ideal pool would halve the baseline bootstrap, and the
speed-ups below would halve with it. The per-round loop is too slow for 1,000 rounds: it is timed
on fewer rounds and extrapolated linearly to 1,000 (marked with ``*``).

Every time is the best of ``--repeats`` runs (the baseline bootstrap: of one run), wall clock;
the full refreshes also show CPU time in brackets, which other processes on the machine disturb
less. "max diff" is the largest gap between our fit and the baseline's (both centred), in points.
BLAS is held at one thread for both sides (threadpoolctl, installed with scikit-learn): OpenBLAS
threads make small dense solves, ours and those inside scipy's L-BFGS-B alike, several times
slower when other processes share the cores, and gain nothing at these sizes when they do not.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import time

import numpy as np
from scipy.optimize import minimize
from scipy.special import expit
from threadpoolctl import threadpool_limits

from arena.ratings import (
    bootstrap_bradley_terry,
    count_table,
    fit_bradley_terry,
    leaderboard,
)

CHUNK = 1_000_000
ROUNDS = 1000
LN10 = math.log(10.0)


def simulate(rng, ratings, num_votes):
    """Per-vote arrays ``(a, b, outcome)``, built chunk by chunk."""
    m = ratings.size
    a = np.empty(num_votes, dtype=np.int32)
    b = np.empty(num_votes, dtype=np.int32)
    outcome = np.empty(num_votes, dtype=np.float64)
    for lo in range(0, num_votes, CHUNK):
        n = min(CHUNK, num_votes - lo)
        ca = rng.integers(0, m, n)
        cb = (ca + rng.integers(1, m, n)) % m
        p = 1.0 / (1.0 + 10.0 ** ((ratings[cb] - ratings[ca]) / 400.0))
        u = rng.random(n)
        a[lo : lo + n], b[lo : lo + n] = ca, cb
        outcome[lo : lo + n] = np.where(u < 0.1, 0.5, np.where(u < 0.1 + 0.9 * p, 1.0, 0.0))
    return a, b, outcome


# --- baseline: FastChat rating_systems.py after PR #3523, minus pandas ---------------------------


def baseline_preprocess(a, b, outcome):
    """Unique (a, b, outcome) rows and their counts (FastChat's ``preprocess_for_bt``)."""
    schedule = np.empty((a.size, 3), dtype=np.int32)
    schedule[:, 0], schedule[:, 1] = a, b
    schedule[:, 2] = np.rint(outcome * 2).astype(np.int32)  # 2: a won, 1: tie, 0: b won
    rows, counts = np.unique(schedule, return_counts=True, axis=0)
    return rows[:, :2], rows[:, 2].astype(np.float64) / 2.0, counts.astype(np.float64)


def baseline_loss_and_grad(ratings, matchups, outcomes, weights, alpha):
    matchup_ratings = ratings[matchups]
    logits = alpha * (matchup_ratings[:, 0] - matchup_ratings[:, 1])
    probs = expit(logits)
    loss = -((np.log(probs) * outcomes + np.log(1.0 - probs) * (1.0 - outcomes)) * weights).sum()
    matchups_grads = -alpha * (outcomes - probs) * weights
    model_grad = np.zeros_like(ratings)
    np.add.at(
        model_grad,
        matchups[:, [0, 1]],
        matchups_grads[:, None] * np.array([1.0, -1.0], dtype=np.float64),
    )
    return loss, model_grad


def baseline_fit(matchups, outcomes, weights, n_models, alpha=LN10, tol=1e-6):
    result = minimize(
        fun=baseline_loss_and_grad,
        x0=np.zeros(n_models),
        args=(matchups, outcomes, weights, alpha),
        jac=True,
        method="L-BFGS-B",
        options={"maxiter": 100, "gtol": tol},  # FastChat also passes disp=False (deprecated)
    )
    return result["x"] * 400 + 1000


def baseline_bootstrap(matchups, outcomes, weights, n_models, num_votes, rounds):
    rng = np.random.default_rng(seed=0)
    idxs = rng.multinomial(n=num_votes, pvals=weights / weights.sum(), size=rounds)
    boot_weights = idxs.astype(np.float64) / num_votes
    return np.array([baseline_fit(matchups, outcomes, w, n_models) for w in boot_weights])


def baseline_ranks(samples):
    lower, upper = np.quantile(samples, [0.025, 0.975], axis=0)
    return 1 + (lower[None, :] > upper[:, None]).sum(axis=1)


# --- measurement ----------------------------------------------------------------------------------


def best_of(repeats, fn):
    """``(best wall seconds, best CPU seconds, result)`` over ``repeats`` calls."""
    wall = cpu = math.inf
    result = None
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = fn()
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return wall, cpu, result


def measure(m, num_votes, *, repeats, baseline_rounds, seed=0):
    rng = np.random.default_rng(seed)
    ratings = rng.normal(1000, 100, m)
    a, b, outcome = simulate(rng, ratings, num_votes)
    row = {"m": m, "votes": num_votes, "base_rounds": baseline_rounds}

    row["count"], _, (wins, ties) = best_of(
        repeats, lambda: count_table(a, b, outcome, num_contestants=m)
    )
    row["fit"], _, ours = best_of(repeats, lambda: fit_bradley_terry(wins, ties))
    row["boot"], _, _ = best_of(repeats, lambda: bootstrap_bradley_terry(wins, ties, rounds=ROUNDS))
    row["refresh"], row["refresh_cpu"], _ = best_of(
        repeats, lambda: leaderboard(wins, ties, rounds=ROUNDS)
    )

    row["collapse"], _, (matchups, outcomes, weights) = best_of(
        1, lambda: baseline_preprocess(a, b, outcome)
    )
    row["base_fit"], fit_cpu, theirs = best_of(
        repeats, lambda: baseline_fit(matchups, outcomes, weights, m)
    )
    wall, cpu, samples = best_of(
        1,
        lambda: baseline_bootstrap(matchups, outcomes, weights, m, num_votes, baseline_rounds),
    )
    row["base_boot"] = wall * ROUNDS / baseline_rounds
    ranks_wall, ranks_cpu, _ = best_of(repeats, lambda: baseline_ranks(samples))
    row["base_refresh"] = row["base_fit"] + row["base_boot"] + ranks_wall
    row["base_refresh_cpu"] = fit_cpu + cpu * ROUNDS / baseline_rounds + ranks_cpu
    row["speedup"] = row["base_refresh"] / row["refresh"]
    row["diff"] = np.abs((ours - ours.mean()) - (theirs - theirs.mean())).max()
    return row


def print_table(rows):
    header = (
        "| M | votes | count table | collapse (base) | fit | fit (base) | 1,000 rounds "
        "| 1,000 rounds (base) | full refresh (cpu) | full refresh (base, cpu) | speed-up "
        "| max diff |"
    )
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    for r in rows:
        star = "*" if r["base_rounds"] < ROUNDS else ""
        print(
            f"| {r['m']} | {r['votes']:,} | {r['count']:.3f} s | {r['collapse']:.3f} s "
            f"| {r['fit'] * 1000:.1f} ms | {r['base_fit'] * 1000:.1f} ms "
            f"| {r['boot']:.3f} s | {r['base_boot']:.1f} s{star} "
            f"| {r['refresh']:.3f} s ({r['refresh_cpu']:.3f}) "
            f"| {r['base_refresh']:.1f} s ({r['base_refresh_cpu']:.1f}){star} "
            f"| {r['speedup']:.0f}x | {r['diff']:.3f} pts |",
            flush=True,
        )
    print()
    for r in rows:
        if r["base_rounds"] < ROUNDS:
            print(
                f"* M={r['m']}, {r['votes']:,} votes: baseline bootstrap timed on "
                f"{r['base_rounds']} rounds, extrapolated linearly to {ROUNDS}."
            )


def _cpu_name() -> str:
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10k and 100k votes only")
    parser.add_argument("--repeats", type=int, default=3, help="best of this many runs")
    args = parser.parse_args(argv)
    votes = (10_000, 100_000) if args.quick else (10_000, 100_000, 1_000_000, 10_000_000)
    base_rounds = {20: 20 if args.quick else 100, 100: 5 if args.quick else 20}
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, {_cpu_name()}; "
        f"numpy {np.__version__}; load average {os.getloadavg()[0]:.2f} at start"
    )
    rows = []
    with threadpool_limits(limits=1, user_api="blas"):
        for m in (20, 100):
            for n in votes:
                rows.append(measure(m, n, repeats=args.repeats, baseline_rounds=base_rounds[m]))
                print(f"  measured M={m}, {n:,} votes", flush=True)
    print()
    print_table(rows)
    print(f"\nload average {os.getloadavg()[0]:.2f} at end")


if __name__ == "__main__":
    main()

"""A loss curve as a small standalone SVG, from pretrain's loss.csv (no plotting library).

    .venv/bin/python -m modelhub.training.plot modelhub/checkpoints/demo/train_log.csv \\
        docs/demo-model-loss.svg

Plots the per-step loss (light) and its moving average (dark) against the step, on a log
scale, with a dashed line where the resolution changes.
"""

from __future__ import annotations

import csv
import math
import sys
from pathlib import Path

WIDTH, HEIGHT = 720, 360
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 28, 48


def read_log(path: str | Path) -> tuple[list[int], list[float], list[int]]:
    steps, losses, resolutions = [], [], []
    with Path(path).open() as fh:
        for row in csv.DictReader(fh):
            steps.append(int(row["step"]))
            losses.append(float(row["loss"]))
            resolutions.append(int(row["resolution"]))
    return steps, losses, resolutions


def moving_average(values: list[float], window: int) -> list[float]:
    out, total = [], 0.0
    for i, v in enumerate(values):
        total += v
        if i >= window:
            total -= values[i - window]
        out.append(total / min(i + 1, window))
    return out


def _polyline(points: list[tuple[float, float]], colour: str, width: float) -> str:
    coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    return f'<polyline fill="none" stroke="{colour}" stroke-width="{width}" points="{coords}"/>'


def loss_curve_svg(steps: list[int], losses: list[float], resolutions: list[int]) -> str:
    lo = math.log10(max(min(losses), 1e-6))
    hi = math.log10(max(losses))
    lo, hi = math.floor(lo * 2) / 2, math.ceil(hi * 2) / 2
    last = max(steps) or 1

    def x(step: float) -> float:
        return LEFT + (WIDTH - LEFT - RIGHT) * step / last

    def y(loss: float) -> float:
        return TOP + (HEIGHT - TOP - BOTTOM) * (hi - math.log10(max(loss, 1e-6))) / (hi - lo)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'font-family="sans-serif" font-size="12">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
        f'<text x="{LEFT}" y="18" font-size="14">flow-matching loss (MSE of the velocity), '
        f"per step and moving average of 100</text>",
    ]
    decade = lo
    while decade <= hi + 1e-9:
        for mantissa in (1, 2, 5):
            value = mantissa * 10 ** math.floor(decade)
            if 10**lo <= value <= 10**hi:
                parts.append(
                    f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(value):.1f}" '
                    f'y2="{y(value):.1f}" stroke="#eee"/>'
                    f'<text x="{LEFT - 6}" y="{y(value) + 4:.1f}" '
                    f'text-anchor="end">{value:g}</text>'
                )
        decade += 1
    tick = 10 ** math.floor(math.log10(last))
    tick = tick // 2 if last / tick < 3 else tick
    for step in range(0, last + 1, max(1, int(tick))):
        parts.append(
            f'<text x="{x(step):.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle">{step}</text>'
        )
    parts.append(
        f'<text x="{(LEFT + WIDTH) / 2:.0f}" y="{HEIGHT - 10}" text-anchor="middle">step</text>'
    )
    for i in range(1, len(steps)):
        if resolutions[i] != resolutions[i - 1]:
            parts.append(
                f'<line x1="{x(steps[i]):.1f}" x2="{x(steps[i]):.1f}" y1="{TOP}" '
                f'y2="{HEIGHT - BOTTOM}" stroke="#888" stroke-dasharray="4 4"/>'
                f'<text x="{x(steps[i]) + 4:.1f}" y="{TOP + 12}">{resolutions[i - 1]} px → '
                f"{resolutions[i]} px</text>"
            )
    raw = [(x(s), y(v)) for s, v in zip(steps, losses, strict=True)]
    smooth = [(x(s), y(v)) for s, v in zip(steps, moving_average(losses, 100), strict=True)]
    parts.append(_polyline(raw[:: max(1, len(raw) // 1500)], "#9ecae1", 0.6))
    parts.append(_polyline(smooth, "#08519c", 1.6))
    parts.append(
        f'<rect x="{LEFT}" y="{TOP}" width="{WIDTH - LEFT - RIGHT}" '
        f'height="{HEIGHT - TOP - BOTTOM}" fill="none" stroke="#444"/>'
    )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m modelhub.training.plot LOSS_CSV OUT_SVG", file=sys.stderr)
        return 2
    Path(args[1]).write_text(loss_curve_svg(*read_log(args[0])))
    return 0


if __name__ == "__main__":
    sys.exit(main())

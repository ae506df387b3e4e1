"""Small server-rendered SVG charts for the leaderboard pages (no JavaScript charting library).

Pure functions from plain numbers to SVG text; labels are escaped here.
"""

from html import escape

PALETTE = ["#2456d6", "#d6452a", "#1f8a4c", "#8a3fc2", "#c28a0f", "#0f8ac2", "#c20f6a", "#555555"]


def _scale(lo: float, hi: float, start: float, end: float):
    span = (hi - lo) or 1.0
    return lambda v: start + (v - lo) / span * (end - start)


def interval_plot(items: list[tuple[str, float, float, float]], *, width: int = 640) -> str:
    """Rating with its confidence interval, one row per (label, estimate, lower, upper)."""
    if not items:
        return ""
    row_height, left, right, top = 26, 190, 30, 24
    height = top + row_height * len(items) + 30
    lo = min(i[2] for i in items)
    hi = max(i[3] for i in items)
    pad = max(5.0, (hi - lo) * 0.05)
    x = _scale(lo - pad, hi + pad, left, width - right)
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Ratings with 95% intervals" xmlns="http://www.w3.org/2000/svg">'
    ]
    for tick in _ticks(lo - pad, hi + pad):
        at = f"{x(tick):.1f}"
        parts.append(
            f'<line x1="{at}" x2="{at}" y1="{top - 8}" y2="{height - 24}" class="grid"/>'
            f'<text x="{at}" y="{height - 8}" class="tick" text-anchor="middle">{tick:g}</text>'
        )
    for n, (label, estimate, lower, upper) in enumerate(items):
        y = top + row_height * n + row_height / 2
        parts.append(
            f'<text x="{left - 10}" y="{y + 4:.1f}" text-anchor="end" class="label">'
            f"{escape(label)}</text>"
            f'<line x1="{x(lower):.1f}" x2="{x(upper):.1f}" y1="{y:.1f}" y2="{y:.1f}" class="ci"/>'
            f'<circle cx="{x(estimate):.1f}" cy="{y:.1f}" r="5" class="point">'
            f"<title>{escape(label)}: {estimate:.1f} [{lower:.1f}, {upper:.1f}]</title></circle>"
        )
    parts.append("</svg>")
    return "".join(parts)


def line_plot(
    xs: list[float], series: list[tuple[str, list[float]]], *, width: int = 640, height: int = 300
) -> str:
    """One line per (label, ys) over shared ``xs``, with a legend."""
    if not xs or not series:
        return ""
    left, right, top, bottom = 50, 170, 14, 34
    ys = [y for _, values in series for y in values]
    lo, hi = min(ys), max(ys)
    pad = max(5.0, (hi - lo) * 0.08)
    x = _scale(min(xs), max(xs) if max(xs) > min(xs) else min(xs) + 1, left, width - right)
    y = _scale(lo - pad, hi + pad, height - bottom, top)
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Ratings over time" xmlns="http://www.w3.org/2000/svg">'
    ]
    for tick in _ticks(lo - pad, hi + pad):
        at = y(tick)
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{at:.1f}" y2="{at:.1f}" class="grid"/>'
            f'<text x="{left - 6}" y="{at + 4:.1f}" text-anchor="end" class="tick">{tick:g}</text>'
        )
    parts.append(
        f'<text x="{(left + width - right) / 2:.0f}" y="{height - 6}" text-anchor="middle" '
        f'class="tick">'
        f"votes counted (max {max(xs):g})</text>"
    )
    for n, (label, values) in enumerate(series):
        colour = PALETTE[n % len(PALETTE)]
        points = " ".join(f"{x(a):.1f},{y(b):.1f}" for a, b in zip(xs, values, strict=True))
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>'
        )
        parts.append(
            f'<text x="{width - right + 8}" y="{top + 14 + 16 * n}" fill="{colour}" class="label">'
            f"{escape(label)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def heat_colour(value: float | None) -> str:
    """A background for a win rate: red below one half, blue above, white at one half."""
    if value is None:
        return "#f0f0f0"
    strength = min(1.0, abs(value - 0.5) * 2)
    base = (36, 86, 214) if value >= 0.5 else (214, 69, 42)
    r, g, b = (round(255 - (255 - c) * strength * 0.75) for c in base)
    return f"rgb({r},{g},{b})"


def _ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    span = hi - lo
    if span <= 0:
        return [lo]
    raw = span / count
    magnitude = 10 ** len(str(int(raw))) / 10 if raw >= 1 else 1
    step = max(1.0, round(raw / magnitude) * magnitude)
    first = (lo // step + 1) * step
    ticks = []
    value = first
    while value < hi:
        ticks.append(round(value, 6))
        value += step
    return ticks

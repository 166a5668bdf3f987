"""Inline SVG charts: no script, no external asset, readable on screen and on paper."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from html import escape

from smarketing.reporting.document import PacingPoint
from smarketing.reporting.printable import printable

__all__ = ["bar_chart", "column_chart", "pacing_chart", "xml_text"]


def xml_text(text: str) -> str:
    """Text for XML content or an attribute value: printable, then escaped."""
    return escape(printable(text))


_WIDTH, _HEIGHT = 640, 260
_LEFT, _RIGHT, _TOP, _BOTTOM = 56, 16, 16, 36


def _x(value: float) -> str:
    return f"{value:.1f}"


def pacing_chart(
    points: Sequence[PacingPoint],
    *,
    title: str,
    ideal_label: str,
    actual_label: str,
    format_value: Callable[[Decimal], str] = str,
) -> str:
    """The ideal line from 0 to the goal, and the actual cumulative, day by day.

    Each actual point is also a circle carrying its day and value
    (``data-day``, ``data-value``, as the JSON writes them), so that a reader
    (or a test) can check the chart against the figures.
    """
    length = max(point.elapsed for point in points) or 1
    values = [point.ideal for point in points]
    values += [point.actual for point in points if point.actual is not None]
    top = max(values) or Decimal(1)
    plot_w, plot_h = _WIDTH - _LEFT - _RIGHT, _HEIGHT - _TOP - _BOTTOM

    def xy(elapsed: int, value: Decimal) -> tuple[str, str]:
        x = _LEFT + plot_w * elapsed / length
        y = _TOP + plot_h * (1 - float(value) / float(top))
        return _x(x), _x(y)

    ideal = " ".join(",".join(xy(p.elapsed, p.ideal)) for p in points)
    actual_points = [(p.day, p.elapsed, p.actual) for p in points if p.actual is not None]
    actual = " ".join(",".join(xy(elapsed, value)) for _, elapsed, value in actual_points)
    circles = "".join(
        f'<circle class="actual-point" cx="{cx}" cy="{cy}" r="2.5" '
        f'data-day="{xml_text(day.isoformat())}" data-value="{xml_text(format(value, "f"))}"/>'
        for day, elapsed, value in actual_points
        for cx, cy in [xy(elapsed, value)]
    )
    first, last = points[0].day.isoformat(), points[-1].day.isoformat()
    axis = (
        f'<line class="axis" x1="{_LEFT}" y1="{_TOP + plot_h}" x2="{_LEFT + plot_w}" '
        f'y2="{_TOP + plot_h}"/><line class="axis" x1="{_LEFT}" y1="{_TOP}" x2="{_LEFT}" '
        f'y2="{_TOP + plot_h}"/>'
        f'<text x="{_LEFT}" y="{_HEIGHT - 12}" class="tick">{xml_text(first)}</text>'
        f'<text x="{_LEFT + plot_w}" y="{_HEIGHT - 12}" class="tick" text-anchor="end">'
        f"{xml_text(last)}</text>"
        f'<text x="{_LEFT - 6}" y="{_TOP + 4}" class="tick" text-anchor="end">'
        f"{xml_text(format_value(top))}</text>"
        f'<text x="{_LEFT - 6}" y="{_TOP + plot_h}" class="tick" text-anchor="end">0</text>'
    )
    legend = (
        f'<text x="{_LEFT + 8}" y="{_TOP + 12}" class="legend ideal-text">- - '
        f"{xml_text(ideal_label)}</text>"
        f'<text x="{_LEFT + 8}" y="{_TOP + 28}" class="legend actual-text">— '
        f"{xml_text(actual_label)}</text>"
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart pacing" viewBox="0 0 {_WIDTH} '
        f'{_HEIGHT}" role="img" aria-label="{xml_text(title)}"><title>{xml_text(title)}</title>'
        f"{axis}"
        f'<polyline class="ideal" points="{ideal}"/>'
        f'<polyline class="actual" points="{actual}"/>{circles}{legend}</svg>'
    )


def bar_chart(
    bars: Sequence[tuple[str, Decimal, str, Decimal | None]],
    *,
    title: str,
) -> str:
    """Horizontal bars: (label, value, value as text, goal or None); a goal is a tick mark."""
    if not bars:
        return ""
    row, label_w = 26, 190
    plot_w = _WIDTH - label_w - 110
    height = _TOP + row * len(bars) + 8
    top = max([value for _, value, _, _ in bars] + [goal or 0 for _, _, _, goal in bars])
    top = top or Decimal(1)
    parts = []
    for index, (label, value, text, goal) in enumerate(bars):
        y = _TOP + index * row
        width = plot_w * float(value) / float(top)
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 14}" class="label" text-anchor="end">'
            f"{xml_text(label)}</text>"
            f'<rect class="bar" x="{label_w}" y="{y + 2}" width="{_x(width)}" height="16"/>'
            f'<text x="{_x(label_w + width + 6)}" y="{y + 14}" class="value">'
            f"{xml_text(text)}</text>"
        )
        if goal is not None:
            gx = label_w + plot_w * float(goal) / float(top)
            parts.append(f'<line class="goal" x1="{_x(gx)}" y1="{y}" x2="{_x(gx)}" y2="{y + 20}"/>')
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart bars" viewBox="0 0 {_WIDTH} '
        f'{height}" role="img" aria-label="{xml_text(title)}"><title>{xml_text(title)}</title>'
        + "".join(parts)
        + "</svg>"
    )


def column_chart(
    columns: Sequence[tuple[str, Decimal | None, str, Decimal | None]],
    *,
    title: str,
    empty_label: str,
) -> str:
    """Columns over periods: (label, value or None when empty, value as text, goal or None).

    An empty period has no column, only ``empty_label``: it is not a zero.
    Each column carries its period and value (``data-period``,
    ``data-value``) and each goal is a tick mark (``data-goal``).
    """
    if not columns:
        return ""
    plot_w, plot_h = _WIDTH - _LEFT - _RIGHT, _HEIGHT - _TOP - _BOTTOM
    known = [value for _, value, _, _ in columns if value is not None]
    known += [goal for _, _, _, goal in columns if goal is not None]
    top = max(known, default=Decimal(0)) or Decimal(1)
    step = plot_w / len(columns)
    base = _TOP + plot_h
    parts = [f'<line class="axis" x1="{_LEFT}" y1="{base}" x2="{_LEFT + plot_w}" y2="{base}"/>']
    for index, (label, value, text, goal) in enumerate(columns):
        x = _LEFT + index * step
        middle = _x(x + step / 2)
        parts.append(
            f'<text x="{middle}" y="{_HEIGHT - 12}" class="tick" text-anchor="middle">'
            f"{xml_text(label)}</text>"
        )
        if value is None:
            parts.append(
                f'<text x="{middle}" y="{_x(base - 6)}" class="value empty" '
                f'text-anchor="middle" data-period="{xml_text(label)}">'
                f"{xml_text(empty_label)}</text>"
            )
            continue
        height = plot_h * float(value) / float(top)
        parts.append(
            f'<rect class="bar" x="{_x(x + step * 0.15)}" y="{_x(base - height)}" '
            f'width="{_x(step * 0.7)}" height="{_x(height)}" '
            f'data-period="{xml_text(label)}" data-value="{xml_text(str(value))}"/>'
            f'<text x="{middle}" y="{_x(base - height - 4)}" class="value" '
            f'text-anchor="middle">{xml_text(text)}</text>'
        )
        if goal is not None:
            gy = _x(base - plot_h * float(goal) / float(top))
            parts.append(
                f'<line class="goal" x1="{_x(x + step * 0.1)}" y1="{gy}" '
                f'x2="{_x(x + step * 0.9)}" y2="{gy}" data-goal="{xml_text(str(goal))}"/>'
            )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart columns" viewBox="0 0 {_WIDTH} '
        f'{_HEIGHT}" role="img" aria-label="{xml_text(title)}"><title>{xml_text(title)}</title>'
        + "".join(parts)
        + "</svg>"
    )

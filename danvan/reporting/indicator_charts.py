"""Charts of the dashboard drawn on the server as SVG (no script): horizontal bars by child unit (long Vietnamese
names fit a 360 px screen: the name sits above its bar) and a column trend by period. Each bar may link somewhere
(the drill-down). The SVG scales to its container (``viewBox``, width 100%)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from danvan.reporting.phrasing import number

WIDTH = 320
BAR = 14
ROW = 36


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | Decimal | None
    href: str = ""


def _scale(bars: Sequence[Bar]) -> float:
    top = max((float(bar.value or 0) for bar in bars), default=0.0)
    return top or 1.0


def bars_svg(bars: Sequence[Bar], *, title: str) -> SafeString:
    """Horizontal bars, one per child unit: its name, then a bar and the value."""
    top = _scale(bars)
    height = max(ROW * len(bars), ROW)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'class="chart chart-bars" aria-label="{escape(title)}"><title>{escape(title)}</title>'
    ]
    for index, bar in enumerate(bars):
        y = index * ROW
        width = 0 if not bar.value else max(1.0, (WIDTH - 70) * float(bar.value) / top)
        row = (
            f'<text x="0" y="{y + 12}" font-size="11">{escape(bar.label)}</text>'
            f'<rect x="0" y="{y + 17}" width="{width:.1f}" height="{BAR}" fill="#1d6fb8"></rect>'
            f'<text x="{width + 4:.1f}" y="{y + 28}" font-size="11">{escape(number(bar.value))}</text>'
        )
        if bar.href:
            row = f'<a href="{escape(bar.href)}">{row}</a>'
        parts.append(row)
    if not bars:
        parts.append('<text x="0" y="20" font-size="11">–</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text is escaped above)


def trend_svg(points: Sequence[Bar], *, title: str) -> SafeString:
    """Columns by period, oldest first, the value above each and the period below."""
    top = _scale(points)
    count = max(len(points), 1)
    slot = WIDTH / count
    height = 150
    chart = 100
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'class="chart chart-trend" aria-label="{escape(title)}"><title>{escape(title)}</title>'
    ]
    for index, point in enumerate(points):
        x = index * slot + slot * 0.2
        bar_height = 0 if not point.value else max(1.0, chart * float(point.value) / top)
        y = 15 + chart - bar_height
        column = (
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.6:.1f}" height="{bar_height:.1f}" fill="#1d6fb8"></rect>'
            f'<text x="{x + slot * 0.3:.1f}" y="{y - 3:.1f}" font-size="10" text-anchor="middle">'
            f"{escape(number(point.value))}</text>"
            f'<text x="{x + slot * 0.3:.1f}" y="{height - 20}" font-size="9" text-anchor="middle">'
            f"{escape(point.label)}</text>"
        )
        if point.href:
            column = f'<a href="{escape(point.href)}">{column}</a>'
        parts.append(column)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text is escaped above)

"""Bar charts as inline SVG, written on the server: no script (the Content-Security-Policy
allows none inline), the same picture on screen and on paper."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

BAR = "#3f51b5"
ACCENT = "#c62828"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    part: float = 0  # the share drawn in the accent colour (e.g. overdue of waiting)
    text: str = ""  # the figure written after the bar (default: the value)


def _number(value: float) -> str:
    return f"{value:,.1f}".replace(",", " ").replace(".", ",").removesuffix(",0")


def hbar_chart(bars: Sequence[Bar], *, title: str, legend: Sequence[tuple[str, str]] = (),
               label_width: int = 260, width: int = 640, row: int = 26) -> SafeString:
    """Horizontal bars, one per label; `legend` is (colour, text) pairs."""
    top = 28 + (18 if legend else 0)
    height = top + row * max(len(bars), 1) + 8
    scale_max = max((b.value for b in bars), default=0) or 1
    span = width - label_width - 70
    parts = [format_html('<text x="0" y="16" class="kt-chart__title">{}</text>', title)]
    x = 0
    for colour, text in legend:
        parts.append(format_html(
            '<rect x="{}" y="26" width="10" height="10" fill="{}"></rect>'
            '<text x="{}" y="35" class="kt-chart__legend">{}</text>', x, colour, x + 14, text))
        x += 14 + 7 * len(text) + 16
    for i, bar in enumerate(bars):
        y = top + i * row
        full = round(span * bar.value / scale_max, 1)
        part = round(span * min(bar.part, bar.value) / scale_max, 1)
        parts.append(format_html(
            '<text x="{}" y="{}" text-anchor="end" class="kt-chart__label">{}</text>'
            '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}</title></rect>'
            '{}<text x="{}" y="{}" class="kt-chart__value">{}</text>',
            label_width - 8, y + row / 2 + 4, _short(bar.label),
            label_width, y + 4, full, row - 8, BAR, bar.label, bar.text or _number(bar.value),
            format_html('<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>',
                        label_width + full - part, y + 4, part, row - 8, ACCENT)
            if part else "",
            label_width + full + 6, y + row / 2 + 4, bar.text or _number(bar.value)))
    if not bars:
        parts.append(format_html('<text x="{}" y="{}" class="kt-chart__label">—</text>',
                                 label_width, top + row / 2))
    body = format_html_join("", "{}", ((p,) for p in parts))
    return format_html(
        '<svg class="kt-chart" role="img" aria-label="{}" viewBox="0 0 {} {}" width="{}" '
        'height="{}" xmlns="http://www.w3.org/2000/svg">{}</svg>',
        title, width, height, width, height, mark_safe(body))


def _short(label: str, limit: int = 40) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"

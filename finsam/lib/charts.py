"""Small SVG charts drawn from the data (no chart library: a bar chart is a few rectangles)."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from finsam.lib.money import format_tkr


def bar_chart(*, title: str, items: list[tuple[str, int]], width: int = 640) -> SafeString:
    """Horizontal bars, one per item, labelled with the amount in tkr; with a text description for screen readers."""
    bar_height, gap, label_width = 18, 8, 200
    top = 28
    height = top + len(items) * (bar_height + gap) + 8
    biggest = max(amount for _label, amount in items) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chart-title chart-desc" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" class="chart">',
        f'<title id="chart-title">{escape(title)}</title>',
        '<desc id="chart-desc">'
        + escape("; ".join(f"{label}: {format_tkr(amount)}" for label, amount in items))
        + "</desc>",
        f'<text x="0" y="16" font-size="13" font-weight="bold">{escape(title)}</text>',
    ]
    for index, (label, amount) in enumerate(items):
        y = top + index * (bar_height + gap)
        length = int((width - label_width - 110) * amount / biggest)
        parts.append(f'<text x="0" y="{y + 13}" font-size="11">{escape(label[:32])}</text>')
        parts.append(
            f'<rect x="{label_width}" y="{y}" width="{max(length, 1)}" height="{bar_height}" fill="#1f5fa8"/>'
        )
        parts.append(
            f'<text x="{label_width + length + 6}" y="{y + 13}" font-size="11">{escape(format_tkr(amount))}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text is escaped above)

"""Small SVG charts drawn from the data (no chart library: a bar chart is a few rectangles).

Every chart is an `<svg role="img">` with a Swedish title and a description that says in words what it shows
(read by screen readers, and kept as text in the tagged PDF). Long labels wrap onto several lines rather than
being cut. Text is set in the documents' typeface.
"""

import hashlib
import re
import textwrap
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from finsam.lib.money import format_tkr, group_thousands, kronor_to_thousands

FONT = 'font-family="Carlito, DejaVu Sans, sans-serif"'
BAR = "#1f5fa8"
# Distinguishable in print and for common colour blindness (Okabe–Ito), for the parts of one whole.
PALETTE = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#999999"]
LINE_HEIGHT = 13


def _wrap(label: str, width: int) -> list[str]:
    return textwrap.wrap(label, width=width, break_long_words=False, break_on_hyphens=False) or [""]


def _text_lines(x: int, y: int, lines: list[str], size: int = 11, anchor: str = "start") -> str:
    spans = "".join(
        f'<tspan x="{x}" dy="{0 if index == 0 else LINE_HEIGHT}">{escape(line)}</tspan>'
        for index, line in enumerate(lines)
    )
    return f'<text x="{x}" y="{y}" font-size="{size}" text-anchor="{anchor}">{spans}</text>'


def _svg(width: int, height: int, title: str, description: str, body: list[str]) -> SafeString:
    # ids from the content: the same chart renders to the same bytes, and two charts on a page differ
    number = hashlib.sha1(f"{title}\n{description}".encode(), usedforsecurity=False).hexdigest()[:10]
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chart-{number}-title '
        f'chart-{number}-desc" width="{width}" height="{height}" viewBox="0 0 {width} {height}" class="chart" '
        f"{FONT}>"
        f'<title id="chart-{number}-title">{escape(title)}</title>'
        f'<desc id="chart-{number}-desc">{escape(description)}</desc>'
        f'<text x="0" y="16" font-size="13" font-weight="bold">{escape(title)}</text>'
    )
    return mark_safe(head + "".join(body) + "</svg>")  # noqa: S308 (every text is escaped)


def share_text(amount: int, total: int) -> str:
    """ "12,5 %": a part of a whole in one decimal, as the plan prints shares."""
    return f"{amount * 100 / total:.1f}".replace(".", ",") + "\u00a0%" if total else "–"


def bar_chart(
    *, title: str, items: list[tuple[str, int]], width: int = 640, show_share: bool = False
) -> SafeString:
    """Horizontal bars, one per item, labelled with the amount in tkr (and its share of the whole)."""
    label_width, label_chars, bar_height, gap, top = 210, 34, 16, 8, 30
    total = sum(amount for _label, amount in items)
    biggest = max((amount for _label, amount in items), default=0) or 1
    body, y = [], top
    value_room = 150 if show_share else 90
    for label, amount in items:
        lines = _wrap(label, label_chars)
        row_height = max(bar_height, len(lines) * LINE_HEIGHT)
        length = max(int((width - label_width - value_room) * max(amount, 0) / biggest), 1)
        value = format_tkr(amount) + (f" ({share_text(amount, total)})" if show_share else "")
        body.append(_text_lines(0, y + 12, lines))
        body.append(f'<rect x="{label_width}" y="{y}" width="{length}" height="{bar_height}" fill="{BAR}"/>')
        body.append(
            f'<text x="{label_width + length + 6}" y="{y + 12}" font-size="11">{escape(value)}</text>'
        )
        y += row_height + gap
    description = "; ".join(
        f"{label}: {format_tkr(amount)}" + (f", {share_text(amount, total)}" if show_share else "")
        for label, amount in items
    )
    return _svg(width, y, title, description, body)


def composition_chart(*, title: str, items: list[tuple[str, int]], width: int = 640) -> SafeString:
    """One bar split into the parts of a whole (a budget's costs), with a legend of amounts and shares."""
    parts = [(label, amount) for label, amount in items if amount > 0]
    total = sum(amount for _label, amount in parts)
    top, bar_height = 28, 22
    body, x = [], 0.0
    for index, (_label, amount) in enumerate(parts):
        part = width * amount / total if total else 0
        colour = PALETTE[index % len(PALETTE)]
        body.append(f'<rect x="{x:.1f}" y="{top}" width="{part:.1f}" height="{bar_height}" fill="{colour}"/>')
        x += part
    y = top + bar_height + 16
    for index, (label, amount) in enumerate(parts):
        lines = _wrap(label, 60)
        colour = PALETTE[index % len(PALETTE)]
        body.append(f'<rect x="0" y="{y - 10}" width="10" height="10" fill="{colour}"/>')
        body.append(_text_lines(16, y, lines))
        body.append(
            f'<text x="{width}" y="{y}" font-size="11" text-anchor="end">'
            f"{escape(format_tkr(amount))} ({escape(share_text(amount, total))})</text>"
        )
        y += len(lines) * LINE_HEIGHT + 6
    description = f"Totalt {format_tkr(total)}: " + "; ".join(
        f"{label} {format_tkr(amount)} ({share_text(amount, total)})" for label, amount in parts
    )
    return _svg(width, y, title, description, body)


@dataclass(frozen=True)
class Period:
    """A bar of the timeline: a project from its first to its last year, its amount in each year it has one,
    and a note to print beside it."""

    label: str
    first_year: int
    last_year: int
    note: str = ""  # e.g. "beviljat 3 320 tkr"
    amounts: tuple[tuple[int, int], ...] = ()  # (year, kronor), printed under the bar in each year's column

    @property
    def description(self) -> str:
        """The bar in words, for the chart's text alternative: "TUNA: 2008–2011 (2010: 3 330 tkr, …), beviljat …"."""
        text = f"{self.label}: {self.first_year}–{self.last_year}"
        if self.amounts:
            text += " (" + ", ".join(f"{year}: {format_tkr(amount)}" for year, amount in self.amounts) + ")"
        return text + (f", {self.note}" if self.note else "")


def timeline_chart(*, title: str, periods: list[Period], mark_year: int | None = None, width: int = 640):
    """The projects over time: one row per project, a bar over the years it runs with its amount under each year
    (in tkr, without the unit, which the chart's subtitle gives), the grant beside it, the plan's year marked."""
    if not periods:
        return None
    first = min(p.first_year for p in periods)
    last = max(max(p.last_year, p.first_year) for p in periods)
    if mark_year is not None:
        first, last = min(first, mark_year), max(last, mark_year)
    label_width, label_chars, top = 200, 32, 44
    span = last - first + 1
    year_width = (width - label_width) / span
    body = []
    for index in range(span):
        x = label_width + index * year_width
        year = first + index
        fill = "#eef3fa" if year == mark_year else ("#f7f7f7" if index % 2 else "#ffffff")
        body.append(
            f'<rect x="{x:.1f}" y="{top - 16}" width="{year_width:.1f}" height="100%" fill="{fill}"/>'
        )
        body.append(
            f'<text x="{x + year_width / 2:.1f}" y="{top - 4}" font-size="10" text-anchor="middle">{year}</text>'
        )
    body.append(f'<text x="{width}" y="16" font-size="10" text-anchor="end">Belopp per år i tkr</text>')
    y = top + 4
    for period in periods:
        lines = _wrap(period.label, label_chars)
        figure_lines = bool(period.amounts) + bool(period.note)
        row_height = max(len(lines) * LINE_HEIGHT, 14 + 12 * figure_lines)
        start = label_width + (period.first_year - first) * year_width + 2
        length = max((max(period.last_year, period.first_year) - period.first_year + 1) * year_width - 4, 4)
        body.append(_text_lines(0, y + 11, lines))
        body.append(
            f'<rect x="{start:.1f}" y="{y + 2}" width="{length:.1f}" height="10" rx="2" fill="{BAR}"/>'
        )
        for year, amount in period.amounts:
            middle = label_width + (year - first + 0.5) * year_width
            body.append(
                f'<text x="{middle:.1f}" y="{y + 24}" font-size="10" text-anchor="middle">'
                f"{escape(group_thousands(kronor_to_thousands(amount)))}</text>"
            )
        if period.note:
            note_y = y + (36 if period.amounts else 24)
            body.append(f'<text x="{start:.1f}" y="{note_y}" font-size="9">{escape(period.note)}</text>')
        y += row_height + 8
    description = "; ".join(period.description for period in periods)
    return _svg(width, y, title, description, body)


def attainment_chart(*, title: str, items: list[tuple[str, float, float, str]], width: int = 640):
    """Goal attainment: per result target (label, outcome, target, unit) a bar of the outcome measured against
    its own target, drawn to the same mark for every target (the line: target reached), green when reached."""
    if not items:
        return None
    label_width, label_chars, top, bar_height = 250, 42, 30, 14
    reach = 1.5  # the scale runs to 150 % of the target; beyond that the bar stops at the edge
    room = width - label_width - 150
    target_x = label_width + room / reach
    body, y = [], top
    for label, outcome, target, unit in items:
        lines = _wrap(label, label_chars)
        row_height = max(bar_height, len(lines) * LINE_HEIGHT)
        share = min(outcome / target, reach) if target else reach
        length = max(room * share / reach, 1)
        colour = "#009e73" if outcome >= target else "#d55e00"
        body.append(_text_lines(0, y + 11, lines))
        body.append(
            f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_height}" fill="{colour}"/>'
        )
        value = f"{_number(outcome)}{unit} av {_number(target)}{unit}"
        body.append(
            f'<text x="{label_width + max(length, room / reach) + 8:.1f}" y="{y + 11}" font-size="10">'
            f"{escape(value)}</text>"
        )
        y += row_height + 10
    body.append(
        f'<line x1="{target_x:.1f}" x2="{target_x:.1f}" y1="{top - 6}" y2="{y - 4}" stroke="#111" stroke-width="1.5"/>'
    )
    body.append(f'<text x="{target_x:.1f}" y="{y + 8}" font-size="9" text-anchor="middle">målet</text>')
    description = "; ".join(
        f"{label}: utfall {_number(o)}{unit}, mål {_number(t)}{unit}, "
        + ("uppnått" if o >= t else "inte uppnått")
        for label, o, t, unit in items
    )
    return _svg(width, y + 12, title, description, body)


def _number(value: float) -> str:
    return f"{value:.1f}".replace(".", ",").removesuffix(",0")


YEAR = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")


def years_in(text: str) -> list[int]:
    """The years a (vague) date text names: "2006-02-01" → [2006], "Preliminär, prel. 2007-01-01" → [2007]."""
    return [int(match[0]) for match in YEAR.finditer(text or "")]

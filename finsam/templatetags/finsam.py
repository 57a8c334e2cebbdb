"""Template filters for amounts and vague dates; loaded as builtins in every template."""

from django import template
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from finsam.lib import money
from finsam.lib.periods import format_vague_date

register = template.Library()


@register.filter
def kr(value):
    """`{{ 1308750|kr }}` -> `1 308 750 kr`; empty for None."""
    if value is None or value == "":
        return ""
    return money.format_kr(int(value))


@register.filter
def tkr(value):
    """`{{ 1308750|tkr }}` -> `1 309 tkr`; empty for None."""
    if value is None or value == "":
        return ""
    return money.format_tkr(int(value))


@register.filter
def amount(value):
    """Grouped digits without unit, for table cells whose header names the unit."""
    if value is None or value == "":
        return ""
    return money.group_thousands(int(value))


@register.simple_tag
def vague_date(value, precision):
    return format_vague_date(value, precision)


def table_rows(table):
    """A Table's rows as formatted cells, in column order, for `table_body_rows`."""
    from finsam.lib.tables import CellKind, RowKind, format_cell

    numeric = {CellKind.AMOUNT, CellKind.COUNT, CellKind.PERCENT}
    rendered = []
    rows = table.rows
    for index, row in enumerate(rows):
        cells = [
            {
                "text": format_cell(row.cells.get(column.key), column),
                "numeric": column.kind in numeric,
                "mark": row.marks.get(column.key),
            }
            for column in table.columns
        ]
        following = rows[index + 1] if index + 1 < len(rows) else None
        rendered.append(
            {
                "kind": row.kind.value,
                "level": row.level,
                "note": row.note,
                "source": row.source,
                "cells": cells,
                # print keeps a sum with the two rows before it and a group heading with the line after it
                "keep_with_previous": index > 0
                and (
                    row.is_derived
                    or (following is not None and following.is_derived)
                    or rows[index - 1].kind == RowKind.HEADING
                ),
            }
        )
    return rendered


@register.filter
def get_item(mapping, key):
    """`{{ warnings|get_item:project.pk }}`: a dict lookup with a variable key."""
    return mapping.get(key) if mapping else None


@register.filter
def tkr_amount(value):
    """Kronor shown as grouped thousands without unit, for cells under a header that says tkr."""
    if value is None or value == "":
        return ""
    return money.group_thousands(money.kronor_to_thousands(int(value)))


@register.simple_tag
def table_body_rows(table, show_marks=False, hide_sources=False):
    """The `<tr>` rows of `partials/table.html`, written here rather than by template tags per cell.

    A plan preview holds a few hundred cells, and four or five template nodes per cell made the table the
    larger part of the page's time. Every text is escaped (conditional_escape); the markup is the partial's.
    """
    muted = '<small class="text-body-secondary">({})</small>'
    lines = []
    for row in table_rows(table):
        classes = f"row-{row['kind']}"
        if row["kind"] in ("subtotal", "total"):
            classes += " sum-row"
        if row["keep_with_previous"]:
            classes += " keep-with-previous"
        cells = []
        for index, cell in enumerate(row["cells"]):
            text = conditional_escape(cell["text"])
            if index == 0 and not cell["text"] and not row["note"]:
                # an empty first cell (a project without a number) names no row: not a header
                cells.append(f'<td class="level-{row["level"]}"></td>')
            elif index == 0:
                source = format_html(" " + muted, row["source"]) if row["source"] and not hide_sources else ""
                note = format_html(" " + muted, row["note"]) if row["note"] else ""
                cells.append(f'<th scope="row" class="level-{row["level"]}">{text}{source}{note}</th>')
            else:
                mark = cell["mark"]  # {"symbol": …, "text": …}
                shown = (
                    format_html(
                        ' <span class="source-mark" title="{}" aria-hidden="true">{}</span>'
                        '<span class="visually-hidden"> ({})</span>',
                        mark["text"],
                        mark["symbol"],
                        mark["text"],
                    )
                    if show_marks and mark
                    else ""
                )
                amount_class = ' class="amount"' if cell["numeric"] else ""
                cells.append(f"<td{amount_class}>{text}{shown}</td>")
        lines.append(f'<tr class="{classes}">{"".join(cells)}</tr>')
    return mark_safe("\n".join(lines))  # noqa: S308 (every text above is escaped)


@register.simple_tag(takes_context=True)
def history_rows(context, changes):
    """The history page's `<tr>` rows (finsam/history.html), written here: fifty changes with their fields made
    the template's per-cell tags most of the page's time. Every text is escaped (`esc`); a word diff is already
    escaped word by word (finsam.history.word_diff), so it is safe and passes through as it is."""
    from django.urls import reverse
    from django.utils import dateformat
    from django.utils.text import capfirst
    from django.utils.timezone import localtime

    esc = conditional_escape
    access, association = context["access"], context["association"]
    restore_label = esc(_("Återställ"))
    token = esc(context.get("csrf_token", ""))
    rows = []
    for change in changes:
        fields = []
        for f in change.fields:
            if f.diff:
                value = f'<span class="word-diff">{esc(f.diff)}</span>'
            elif change.kind_code == "~":
                value = f"{esc(f.old)} &rarr; {esc(f.new)}"
            else:
                value = esc(f.new)
            fields.append(f"<li><strong>{esc(capfirst(f.label))}</strong>: {value}</li>")
        restore = ""
        if change.restorable and access.can_edit:
            url = reverse("association_restore", args=[association.slug, change.model_key, change.history_id])
            restore = (
                f'<form method="post" action="{esc(url)}" class="mt-1">'
                f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
                f'<button type="submit" class="btn btn-sm btn-outline-primary">{restore_label}'
                f'<span class="visually-hidden"> {esc(change.object_label)}</span></button></form>'
            )
        reason = f"<br><small>{esc(change.reason)}</small>" if change.reason else ""
        listed = f'<ul class="change-fields">{"".join(fields)}</ul>' if fields else ""
        rows.append(
            f'<tr><td class="text-nowrap">{esc(dateformat.format(localtime(change.when), "Y-m-d H:i"))}</td>'
            f"<td>{esc(change.who)}</td><td>{esc(change.kind)}</td>"
            f"<td>{esc(capfirst(change.model_label))}: {esc(change.object_label)}{reason}{restore}</td>"
            f"<td>{listed}</td></tr>"
        )
    return mark_safe("\n".join(rows))  # noqa: S308 (every text above is escaped)


@register.simple_tag(takes_context=True)
def association_switcher(context):
    """The menu's "Byt förbund" items (templates/base.html), written here because they are on every page: one
    address is reversed and the others follow it, instead of a reverse and a model per association."""
    from urllib.parse import quote

    from django.urls import reverse

    placeholder = "association-slug"
    before, _placeholder, after = reverse("association", kwargs={"slug": placeholder}).rpartition(placeholder)
    current = getattr(context.get("association"), "slug", None)
    return format_html_join(
        "\n",
        '<li><a class="dropdown-item" href="{}"{}>{}</a></li>',
        (
            (
                f"{before}{quote(slug)}{after}",
                mark_safe(' aria-current="true"') if slug == current else "",  # noqa: S308 (a constant)
                name,
            )
            for slug, name in context.get("nav_associations") or ()
        ),
    )

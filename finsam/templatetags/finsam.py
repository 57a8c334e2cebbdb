"""Template filters for amounts and vague dates; loaded as builtins in every template."""

from django import template

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


@register.filter
def table_rows(table):
    """A Table's rows as formatted cells, in column order, for `partials/table.html`."""
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

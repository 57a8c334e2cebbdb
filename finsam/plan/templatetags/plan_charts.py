"""The plan's charts on the pages that show the same tables: `{{ table|budget_chart:year }}`, `{{ table|fee_chart }}`.

The same functions draw them in the plan (finsam/plan/charts.py), so a page and the printed plan picture a table
alike; each is an SVG with a Swedish title and a text alternative, and no inline script or style.
"""

from django import template

from finsam.plan import charts

register = template.Library()


@register.filter
def budget_chart(table, year):
    """The budget's costs in the plan year's column, or nothing when the table has too few to compare."""
    return charts.budget_composition(table, year) if table is not None else None


@register.filter
def fee_chart(table):
    """Each member's fee of the first year shown, with its share."""
    return charts.member_fee_split(table) if table is not None else None

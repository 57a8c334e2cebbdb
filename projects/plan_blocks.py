"""The projects app's block in the annual plan: the funded projects, with a chart of the year's money."""

from django.utils.translation import gettext_lazy as _

from finsam.lib.charts import bar_chart
from finsam.lib.tables import CellKind
from finsam.plan.blocks import Block, register
from projects.exports import project_table


def _projects(plan, section):
    return [project_table(plan.association, plan.year)]


def _chart(tables):
    """A picture where it says more than the table: each project's share of the year's money."""
    if not tables:
        return None
    table = tables[0]
    amount_key = next((c.key for c in reversed(table.columns) if c.kind == CellKind.AMOUNT), None)
    items = [
        (row.cells["name"], row.cells[amount_key])
        for row in table.rows
        if not row.is_derived and row.cells.get(amount_key)
    ]
    return bar_chart(title=table.caption, items=items) if items else None


def register_blocks() -> None:
    register(Block("projects", _("Insatser"), _projects, chart=_chart))

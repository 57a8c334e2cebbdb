"""The projects app's blocks: in the annual plan the funded projects, with a chart of the year's money; in the
year's report the projects funded that year with the money granted and requisitioned."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from finsam.lib.charts import bar_chart
from finsam.lib.tables import CellKind
from finsam.plan.blocks import Block, no_outcome_note, register
from projects.exports import project_table, requisition_table
from projects.models import Requisition


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


def _funded(plan, section):
    """Each project with money for the year: granted and requisitioned, once any requisition is registered."""
    requested = Requisition.objects.filter(
        project__association=plan.association, period_start__year=plan.year
    ).exists()
    table = requisition_table(plan.association, plan.year, requested=requested)
    table.key = "funded_projects"
    table.caption = _("Insatser %(year)s: beviljat och rekvirerat") % {"year": plan.year}
    table.sheet = _("Beviljat och rekvirerat %(year)s") % {"year": plan.year}
    if len(table.rows) == 1:  # the sum row alone
        table.columns, table.rows = [], []
        table.notes.append(_("Inga insatser hade medel för %(year)s.") % {"year": plan.year})
    elif not requested:
        table.notes.append(
            no_outcome_note(plan.year) + " " + _("Rekvirerade medel visas när de är registrerade.")
        )
    return [table]


def register_blocks() -> None:
    register(Block("projects", gettext_lazy("Insatser"), _projects, chart=_chart))
    register(
        Block(
            "funded_projects",
            gettext_lazy("Insatser under året: beviljat och rekvirerat"),
            _funded,
            documents=("report",),
        )
    )

"""Generated blocks of the plan: each names the app function that builds its tables from the data.

A block returns a list of finsam.lib.tables.Table; the preview page, the PDF and the workbook all render those
same tables, so they cannot disagree.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from finsam.lib.tables import CellKind, Column, Row, Table


@dataclass(frozen=True)
class Block:
    key: str
    label: str
    build: Callable  # (plan, section) -> list[Table]


def _member_fees(plan, section):
    from members.exports import fee_table

    return [fee_table(plan.association, section.years())]


def _budget(plan, section):
    from budget.exports import budget_table
    from budget.feeds import budget_view, current_version, source_changes
    from budget.models import Budget

    budget = (
        Budget.objects.filter(association=plan.association, plan_year=plan.year)
        .prefetch_related("versions")
        .first()
    )
    version = current_version(budget) if budget else None
    if version is None:
        return [
            Table(
                key="budget",
                caption=_("Budget %(year)s") % {"year": plan.year},
                columns=[],
                notes=[_("Ingen budget är upplagd för året.")],
            )
        ]
    view = budget_view(version)
    # An adopted budget stays as adopted; where its fed figures differ from today's sources (which the plan's
    # other tables show), the table says so with both figures rather than mixing two moments silently.
    return [budget_table(view, source_changes=source_changes(view, plan.association))]


def _projects(plan, section):
    from projects.exports import project_table

    return [project_table(plan.association, plan.year)]


def _goals(plan, section):
    from followup.exports import goals_table

    return [goals_table(plan.association, plan.year)]


def _board(plan, section):
    from members.exports import board_table

    return [board_table(plan.association, plan.year)]


def _cycle(plan, section):
    table = Table(
        key="cycle", caption=_("Årsprocess"), columns=[Column("when", _("När")), Column("what", _("Vad"))]
    )
    for item in plan.cycle_items.all():
        table.add(Row({"when": item.when, "what": item.what}))
    return [table]


def _risks(plan, section):
    table = Table(
        key="risks",
        caption=_("Riskanalys och internkontrollplan"),
        columns=[
            Column("risk", _("Risk")),
            Column("likelihood", _("Sannolikhet"), CellKind.COUNT),
            Column("consequence", _("Konsekvens"), CellKind.COUNT),
            Column("control", _("Kontroll/åtgärd")),
            Column("responsible", _("Ansvarig")),
        ],
    )
    for item in plan.risk_items.all():
        table.add(
            Row(
                {
                    "risk": item.risk,
                    "likelihood": item.likelihood,
                    "consequence": item.consequence,
                    "control": item.control,
                    "responsible": item.responsible,
                }
            )
        )
    return [table]


BLOCKS = {
    block.key: block
    for block in (
        Block("member_fees", gettext_lazy("Medlemsavgifter"), _member_fees),
        Block("budget", gettext_lazy("Budget"), _budget),
        Block("projects", gettext_lazy("Insatser"), _projects),
        Block("goals", gettext_lazy("Mål och uppföljning"), _goals),
        Block("board", gettext_lazy("Styrelse"), _board),
        Block("cycle", gettext_lazy("Årsprocess"), _cycle),
        Block("risks", gettext_lazy("Riskanalys och internkontroll"), _risks),
    )
}


def block_choices() -> list[tuple[str, str]]:
    return [(key, str(block.label)) for key, block in BLOCKS.items()]

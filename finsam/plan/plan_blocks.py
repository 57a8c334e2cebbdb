"""The plan's own blocks: the yearly cycle and the risk analysis, both kept with the plan."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from finsam.lib.tables import CellKind, Column, Row, Table
from finsam.plan.blocks import Block, register


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
        sheet=_("Riskanalys och internkontroll"),
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


def register_blocks() -> None:
    register(Block("cycle", gettext_lazy("Årsprocess"), _cycle))
    register(Block("risks", gettext_lazy("Riskanalys och internkontroll"), _risks))

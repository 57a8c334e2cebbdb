"""The follow-up app's block in the annual plan (goals), the follow-up sheets of the plan's workbook, and the
year's report's goal attainment and participants by gender."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from finsam.lib.tables import Table
from finsam.plan.blocks import Block, no_outcome, no_outcome_note, register, register_workbook_extra
from followup.exports import (
    goals_table,
    indicator_table,
    national_return_tables,
    participants_table,
    year_followup,
)


def _goals(plan, section):
    return [goals_table(plan.association, plan.year)]


def _workbook_extras(plan):
    """The figures an auditor checks beside the plan: indicators, and the Uppföljning Finsam return on one sheet
    laid out as the national page's workbook (the association's part, then the projects)."""
    return [
        indicator_table(plan.association, plan.year),
        *national_return_tables(plan.association, plan.year),
    ]


def _attainment(plan, section):
    """The year's result targets against their outcome; before any figure of the year is registered, the
    targets alone with a note, so no "0" or "Nej" reads as a result."""
    data = year_followup(plan.association, plan.year)
    if not data.goals:
        caption = _("Mål och resultatmål %(year)s") % {"year": plan.year}
        note = _("Inga mål är registrerade för %(year)s.") % {"year": plan.year}
        return [Table(key="goals", caption=caption, columns=[], notes=[note])]
    table = goals_table(plan.association, plan.year, data=data)
    if not data.reports and not data.activities:
        for row in table.rows:
            row.cells["outcome"] = row.cells["met"] = ""
        table.notes.append(no_outcome_note(plan.year))
    return [table]


def _participants(plan, section):
    table = participants_table(plan.association, plan.year)
    caption = _("Deltagare %(year)s efter kön") % {"year": plan.year}
    return [table or no_outcome("participants", caption, plan.year)]


def register_blocks() -> None:
    register(Block("goals", gettext_lazy("Mål och uppföljning"), _goals))
    register_workbook_extra(_workbook_extras)
    register(Block("attainment", gettext_lazy("Måluppfyllelse"), _attainment, documents=("report",)))
    register(Block("participants", gettext_lazy("Deltagare efter kön"), _participants, documents=("report",)))

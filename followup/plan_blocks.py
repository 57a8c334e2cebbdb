"""The follow-up app's block in the annual plan (goals), and the follow-up sheets of the plan's workbook."""

from django.utils.translation import gettext_lazy as _

from finsam.plan.blocks import Block, register, register_workbook_extra
from followup.exports import goals_table, indicator_table, national_return_tables


def _goals(plan, section):
    return [goals_table(plan.association, plan.year)]


def _workbook_extras(plan):
    """The figures an auditor checks beside the plan: indicators, and the Uppföljning Finsam return on one sheet
    laid out as the national page's workbook (the association's part, then the projects)."""
    return [
        indicator_table(plan.association, plan.year),
        *national_return_tables(plan.association, plan.year),
    ]


def register_blocks() -> None:
    register(Block("goals", _("Mål och uppföljning"), _goals))
    register_workbook_extra(_workbook_extras)

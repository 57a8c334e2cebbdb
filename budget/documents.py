"""A budget version on its own, as PDF and as workbook, from the same table as its page."""

import datetime

from django.template.loader import render_to_string
from django.utils import translation

from budget.exports import budget_table, outcome_and_examples, outcome_table
from budget.record import BudgetView
from finsam.lib.pdf import render_pdf
from finsam.lib.workbook import workbook_bytes


def budget_pdf(view: BudgetView, association) -> bytes:
    """A4, the table with its notes; a draft is marked as one on every page, an adopted version carries the
    adoption line. Printed in Swedish whatever the reader's interface language."""
    with translation.override("sv"):
        html = render_to_string(
            "budget/document.html",
            {
                "view": view,
                "association": association,
                "table": budget_table(view),
                "today": datetime.date.today(),
            },
        )
    return render_pdf(html)


def budget_workbook(view: BudgetView, association) -> bytes:
    """The version's table, and the plan year's outcome against it on a sheet of its own once entered."""
    with translation.override("sv"):
        tables = [budget_table(view)]
        outcome = outcome_table(view, *outcome_and_examples(association, view.plan_year))
        if outcome is not None:
            tables.append(outcome)
        return workbook_bytes(tables, title=view.title, author=association.name)


def filename(association, view: BudgetView, number: int, extension: str) -> str:
    return f"{association.slug}-budget-{view.plan_year}-v{number}.{extension}"

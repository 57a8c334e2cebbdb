"""Page = PDF = evaluated workbook, for any budget: drafts, adopted versions, and adopted versions edited after.

Hypothesis generates a line structure (groups, sums, a result, fed lines), amounts, projects and fees, adopts
the budget or not, and edits its sources afterwards. For each, the page's table, the PDF's text and the workbook
with every formula evaluated must show the same figures, and an adopted budget the figures it was adopted with.
"""

import datetime
import html
import re

import pytest
from django.db import transaction
from django.template.loader import render_to_string
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budget import services
from budget.documents import budget_pdf, budget_workbook
from budget.exports import budget_table
from budget.feeds import budget_view
from budget.models import BudgetLine, LineGroup, LineKind
from finsam.lib.money import NBSP, group_thousands, kronor_to_thousands
from projects.models import ProjectYearAmount
from tests.documents import evaluated_rows, formula_cells, pdf_text, sum_formula_rows
from tests.factories import (
    BudgetColumnFactory,
    BudgetLineFactory,
    BudgetVersionFactory,
    FeeYearFactory,
    granted_project,
)

GROUPS = [LineGroup.INCOME, LineGroup.COSTS, LineGroup.FINANCIAL_INCOME, LineGroup.FINANCIAL_COSTS]
KINDS = [LineKind.ENTERED, LineKind.ENTERED, LineKind.SUBTOTAL, LineKind.MEMBER_FEES, LineKind.PROJECTS]

lines_strategy = st.lists(st.tuples(st.sampled_from(GROUPS), st.sampled_from(KINDS)), min_size=1, max_size=8)
amount = st.integers(min_value=0, max_value=50_000_000)


@st.composite
def budgets(draw):
    years = draw(st.sampled_from([[2010], [2010, 2011], [2009, 2010, 2011]]))
    return {
        "years": years,
        "lines": draw(lines_strategy),
        "result": draw(st.booleans()),
        "carryover": draw(st.booleans()),
        "negative": draw(st.booleans()),
        "breakdown": draw(st.booleans()),
        "amounts": draw(st.lists(amount, min_size=30, max_size=30)),
        # a granted project has a grant above 0 kr (projects' a_grant_or_reduction_has_an_amount)
        "projects": draw(
            st.lists(st.tuples(amount, amount).filter(lambda pair: sum(pair) > 0), min_size=0, max_size=3)
        ),
        "fees": draw(st.lists(amount, min_size=3, max_size=3)),
        "adopt": draw(st.booleans()),
        "edit": draw(st.sampled_from(["none", "fees", "projects", "lines", "habit"])),
    }


def _build(association, spec):
    lines = []
    for index, (group, kind) in enumerate(spec["lines"]):
        lines.append(
            BudgetLineFactory(
                association=association, name=f"Rad {index}", group=group, kind=kind, position=index * 10
            )
        )
    if spec["carryover"]:
        lines.append(
            BudgetLineFactory(
                association=association,
                name="Överfört",
                group=LineGroup.INCOME,
                kind=LineKind.CARRYOVER,
                position=5,
            )
        )
    if spec["result"]:
        lines.append(
            BudgetLineFactory(association=association, name="Resultat", kind=LineKind.RESULT, position=1000)
        )
    BudgetLine.objects.filter(association=association, kind=LineKind.PROJECTS).update(
        show_project_breakdown=spec["breakdown"]
    )
    for year, total in zip([2009, 2010, 2011], spec["fees"], strict=True):
        FeeYearFactory(association=association, year=year, total=total or 1)
    for index, (first, second) in enumerate(spec["projects"]):
        granted_project(
            {2010: first, 2011: second}, owner__association=association, name=f"Insats {chr(65 + index)}"
        )
    version = BudgetVersionFactory(
        budget__association=association,
        budget__plan_year=2010,
        budget__income_shown_negative=spec["negative"],
    )
    for year in spec["years"]:
        BudgetColumnFactory(version=version, year=year, kind="budget")
    typed = iter(spec["amounts"])
    values = {}
    for line in lines:
        if line.kind in (LineKind.ENTERED,):
            for year in spec["years"]:
                values[(line.pk, year)] = next(typed)
    services.save_amounts(version=version, values=values)
    version.refresh_from_db()
    return version


def _edit(association, spec):
    if spec["edit"] == "fees":
        association.fee_years.update(total=123_456_789)
    elif spec["edit"] == "projects":
        ProjectYearAmount.objects.filter(project__association=association).update(amount=7_777_777)
    elif spec["edit"] == "lines":
        BudgetLine.objects.filter(association=association).update(name="Omdöpt", group=LineGroup.COSTS)
    elif spec["edit"] == "habit":
        association.budgets.update(income_shown_negative=not spec["negative"], title="Ny rubrik")


def _tkr(value) -> str:
    return "" if value is None else group_thousands(kronor_to_thousands(int(value)))


def _expected(table) -> list[list[str]]:
    keys = [c.key for c in table.figure_columns()]
    return [[row.cells["label"], *(_tkr(row.cells.get(k)) for k in keys)] for row in table.rows]


def _page_rows(page: str) -> list[list[str]]:
    rows = []
    for row in re.findall(r"<tr class=\"row-.*?</tr>", page, re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        texts = [
            html.unescape(re.sub(r"<small.*?</small>|<span.*?</span>|<[^>]+>", "", c)).strip() for c in cells
        ]
        rows.append(texts)
    return rows


def _pdf_rows(text: str, labels: list[str]) -> list[list[str]]:
    """Each table row in the PDF: its label and the figures after it (columns are 2+ spaces apart)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    rows, start = [], 0
    for label in labels:
        for index in range(start, len(lines)):
            parts = re.split(r"\s{2,}", lines[index])
            if parts[0] == label or parts[0].startswith(label + " ("):  # "(från insatserna)": the row's note
                rows.append([label, *[p.replace("\u2212", "−") for p in parts[1:]]])
                start = index + 1
                break
        else:
            rows.append([label, "?"])
    return rows


def _agree(version, association):
    """The page, the PDF and the evaluated workbook of the version, each as rows of label + figures."""
    view = budget_view(version)
    table = budget_table(view)
    assert table.inconsistencies() == []
    expected = _expected(table)
    page = render_to_string("finsam/partials/table.html", {"table": table})
    page_rows = [[r[0], *(c.replace(NBSP, " ") for c in r[1:])] for r in _page_rows(page)]
    flat = [[cell.replace(NBSP, " ") for cell in row] for row in expected]
    assert page_rows == flat
    pdf_rows = _pdf_rows(pdf_text(budget_pdf(view, association)), [row[0] for row in expected])
    figures_only = [[row[0], *[c for c in row[1:] if c]] for row in flat]
    assert pdf_rows == figures_only
    workbook = budget_workbook(view, association)
    keys = [c.key for c in table.figure_columns()]
    evaluated = evaluated_rows(workbook)
    assert [label for label, _figures in evaluated[: len(table.rows)]] == [
        r.cells["label"] for r in table.rows
    ]
    for row, (label, figures) in zip(table.rows, evaluated, strict=False):
        want = [row.cells.get(k) for k in keys]
        got = [None if v in ("", None) else int(v) for v in figures[: len(keys)]]
        assert got == want, label
    for _sheet, _cell, formula in formula_cells(workbook):
        assert sum_formula_rows(formula)
    return expected


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(spec=budgets())
def test_page_pdf_and_workbook_show_the_same_figures_before_and_after_adoption(association, spec):
    # Labels must be unique within a table to be found again in the PDF: generated lines are numbered.
    savepoint = transaction.savepoint()
    try:
        version = _build(association, spec)
        before = _agree(version, association)
        if spec["adopt"]:
            services.adopt(version=version, adopted_on=datetime.date(2009, 11, 20), reference="§ 1")
            version.refresh_from_db()
            assert _agree(version, association) == before
        _edit(association, spec)
        version.refresh_from_db()
        after = _agree(version, association)
        if spec["adopt"]:
            assert after == before
    finally:
        transaction.savepoint_rollback(savepoint)

"""The plan's charts, drawn from the tables the blocks built (by their keys), where a picture says more:
the budget's composition, the member fee split, the projects over time and goal attainment against target."""

import re
from decimal import Decimal, InvalidOperation

from django.utils.safestring import SafeString, mark_safe

from finsam.lib import charts
from finsam.lib.tables import CellKind, Row, RowKind, Table, format_percent

# The groups of budget lines that are costs (budget.models.LineGroup): a row's group says what it is, whatever
# sign the association's habit prints it with (RAR shows income negative, Landskrona-Svalöv positive).
COST_GROUPS = {"costs", "fin_costs"}


def _first_figure_column(table: Table):
    return next((c for c in table.columns if c.kind == CellKind.AMOUNT), None)


def _year_column(table: Table, year: int | None):
    """The column of the plan year (a budget's "y2010"), else the first column of figures."""
    wanted = next((c for c in table.columns if c.key == f"y{year}"), None) if year is not None else None
    return wanted or _first_figure_column(table)


def budget_composition(table: Table, year: int | None = None) -> SafeString | None:
    """The costs of the budget's bottom line in the plan year's column, each a part of the whole (a line summed
    from its projects stays one part). Costs are the rows of the cost groups, never told by their sign."""
    column = _year_column(table, year)
    total = next((row for row in table.rows if row.kind == RowKind.TOTAL), None)
    if column is None or total is None:
        return None
    label_key = table.columns[0].key
    parts = [
        (table.rows[index].cells.get(label_key) or "", abs(table.rows[index].cells.get(column.key) or 0))
        for index, _sign in total.terms
        if table.rows[index].group in COST_GROUPS
    ]
    if len([amount for _label, amount in parts if amount]) < 2:
        return None
    return charts.composition_chart(title=f"Kostnaderna i {column.label.lower()}", items=parts)


def member_fee_split(table: Table) -> SafeString | None:
    """Each member's fee of the first year shown, with its share of the total."""
    column = _first_figure_column(table)
    if column is None:
        return None
    label_key = table.columns[0].key
    items = [
        (row.cells.get(label_key) or "", row.cells.get(column.key) or 0)
        for row in table.rows
        if row.kind == RowKind.ITEM and row.level == 0 and row.cells.get(column.key)
    ]
    if len(items) < 2:
        return None
    return charts.bar_chart(title=f"Medlemsavgifterna, {column.label.lower()}", items=items, show_share=True)


def _yearly_amounts(row: Row, year: int) -> tuple[tuple[int, int], ...]:
    """A project row's amount per calendar year (the projects table's `amounts` cell: year -> kronor); a table
    stored before it carried them gives the plan year's amount only."""
    amounts = row.cells.get("amounts")
    if isinstance(amounts, dict):
        return tuple(sorted((int(y), int(a)) for y, a in amounts.items()))
    if row.cells.get("year_amount"):
        return ((year, int(row.cells["year_amount"])),)
    return ()


def projects_over_time(table: Table, year: int) -> SafeString | None:
    """Each project's period from its start to its end, with its amount in each year and the grant."""
    periods = []
    for row in table.rows:
        if row.kind != RowKind.ITEM:
            continue
        start = charts.years_in(str(row.cells.get("start") or ""))
        end = charts.years_in(str(row.cells.get("end") or ""))
        if not start:
            continue  # a project whose period is not known has no bar to draw
        amounts = _yearly_amounts(row, year)
        first = min(start[0], *(y for y, _amount in amounts))
        last = max(end[-1] if end else year, first, *(y for y, _amount in amounts))
        note = f"beviljat {charts.format_tkr(row.cells['total'])}" if row.cells.get("total") else ""
        periods.append(
            charts.Period(str(row.cells.get("name") or ""), first, last, note=note, amounts=amounts)
        )
    if not periods:
        return None
    return charts.timeline_chart(title="Insatserna över tid", periods=periods, mark_year=year)


_PERCENT = re.compile(r"(\d+(?:[.,]\d+)?)\s?%")
_NUMBER = re.compile(r"(?<![\d.,])(\d+(?:[.,]\d+)?)(?![\d.,])")


def _number(text: str, pattern: re.Pattern) -> Decimal | None:
    match = pattern.search(text.replace("\u00a0", " "))
    if not match:
        return None
    try:
        return Decimal(match[1].replace(",", "."))
    except InvalidOperation:
        return None


def _attainment(row: Row) -> tuple[str, float, float, str] | None:
    target_text = str(row.cells.get("target") or "")
    outcome = row.cells.get("outcome")
    # a measured share is a Decimal (0–100), an example or a count is text: both read as the page prints them
    outcome_text = format_percent(outcome) if isinstance(outcome, Decimal) else str(outcome or "")
    for pattern, unit in ((_PERCENT, " %"), (_NUMBER, "")):
        target, outcome = _number(target_text, pattern), _number(outcome_text, pattern)
        if target is not None and outcome is not None and target > 0:
            return target_text, float(outcome), float(target), unit
    return None


def goal_attainment(table: Table) -> SafeString | None:
    """Result targets with a measurable figure and an outcome: how far the outcome reached the target."""
    items = [item for row in table.rows if (item := _attainment(row))]
    if not items:
        return None
    title = "Måluppfyllelse mot resultatmålen"
    if any("exempel" in note.lower() for note in table.notes):
        title += " (exempeldata)"
    return charts.attainment_chart(title=title, items=items)


def charts_for(tables: list[Table], year: int) -> SafeString | None:
    """The charts of a block's tables, in the tables' order; None when none of them has one."""
    drawn = []
    for table in tables:
        if table.key == "budget" or table.key.startswith("budget"):
            drawn.append(budget_composition(table, year))
        elif table.key.startswith("member_fees"):
            drawn.append(member_fee_split(table))
        elif table.key == "projects":
            drawn.append(projects_over_time(table, year))
        elif table.key == "goals":
            drawn.append(goal_attainment(table))
    drawn = [chart for chart in drawn if chart]
    return mark_safe("".join(drawn)) if drawn else None  # noqa: S308 (each chart escapes its text)

"""The budget table, built once for the page, the plan PDF and the workbook."""

from django.utils.translation import gettext as _

from budget.compute import ComputedBudget, displayed
from budget.feeds import compute_version
from budget.models import GROUP_SIGN, BudgetColumn, BudgetSettings, BudgetVersion, LineGroup, LineKind
from finsam.lib.tables import CellKind, Column, Row, RowKind, Table


def settings_for(association) -> BudgetSettings:
    """The association's budget settings and rules, or empty defaults (no rule) if none are saved."""
    return BudgetSettings.objects.filter(association=association).first() or BudgetSettings(
        association=association
    )


def column_label(column: BudgetColumn) -> str:
    return column.label or f"{column.get_kind_display()} {column.year}"


def budget_table(
    version: BudgetVersion, unit: str = "tkr", *, computed: ComputedBudget | None = None
) -> Table:
    """All columns of the version in the association's line structure and sign habit.

    Sub-totals and the result are derived rows whose terms are the item rows they sum (with the sign the habit
    gives), so the workbook can write them as formulas. With the project breakdown on, the project line is the
    sum of one row per project.
    """
    computed = computed or compute_version(version)
    negative = version.budget.income_shown_negative
    columns = list(version.columns.all())
    table = Table(
        key="budget",
        caption=str(version.budget),
        columns=[Column("label", _("Kostnad/intäkt"))]
        + [Column(f"y{c.year}", column_label(c), CellKind.AMOUNT, unit) for c in columns],
    )
    years = computed.years
    pending: dict[str, list[int]] = {}  # group -> item rows since the group's last sum row
    result_terms: list[tuple[int, int]] = []  # every item row with its sign in the result
    for computed_line in computed.lines:
        line = computed_line.line
        values = {f"y{y}": displayed(computed_line.cells[y].value, line, negative) for y in years}
        if line.kind == LineKind.SUBTOTAL:
            terms = tuple((index, 1) for index in pending.pop(line.group, []))
            table.add(Row({"label": line.name, **values}, RowKind.SUBTOTAL, terms=terms))
            continue
        if line.kind == LineKind.RESULT:
            table.add(Row({"label": line.name, **values}, RowKind.TOTAL, terms=tuple(result_terms)))
            continue
        sign = GROUP_SIGN[LineGroup(line.group)]
        result_sign = 0 if sign == 0 else (1 if negative else sign)
        note = _fed_note(line.kind)
        if (
            line.kind == LineKind.PROJECTS
            and line.show_project_breakdown
            and any(computed.breakdown.values())
        ):
            index = _add_breakdown(table, line, values, computed, years, note)
        else:
            index = table.add(Row({"label": line.name, **values}, note=note))
        pending.setdefault(line.group, []).append(index)
        if result_sign:
            result_terms.append((index, result_sign))
    for note in _equity_notes(computed):
        table.notes.append(note)
    if version.revision_note:
        table.notes.append(version.revision_note)
    return table


def _add_breakdown(table: Table, line, values, computed: ComputedBudget, years, note) -> int:
    names = []
    for year in years:
        for name, owner, _amount in computed.breakdown.get(year, []):
            if (name, owner) not in names:
                names.append((name, owner))
    detail_rows = []
    for name, owner in names:
        cells = {"label": f"{name} ({owner})" if owner else name}
        for year in years:
            amounts = {(n, o): a for n, o, a in computed.breakdown.get(year, [])}
            cells[f"y{year}"] = amounts.get((name, owner), 0) if computed.breakdown.get(year) else None
        detail_rows.append(table.add(Row(cells, level=1)))
    return table.add(
        Row(
            {"label": line.name, **values},
            RowKind.SUBTOTAL,
            terms=tuple((i, 1) for i in detail_rows),
            note=note,
        )
    )


def _fed_note(kind: str) -> str:
    return {
        LineKind.MEMBER_FEES: _("från avgiftsåret"),
        LineKind.PROJECTS: _("från insatserna"),
        LineKind.CARRYOVER: _("föregående års resultat"),
    }.get(kind, "")


def _equity_notes(computed: ComputedBudget) -> list[str]:
    from finsam.lib.money import format_kr

    notes = []
    for year in computed.years:
        start, end = computed.equity_start[year], computed.equity_end[year]
        if start is None:
            continue
        notes.append(
            _(
                "%(year)s: eget kapital vid årets början %(start)s, årets resultat %(result)s, vid årets slut %(end)s."
            )
            % {
                "year": year,
                "start": format_kr(start),
                "result": format_kr(computed.surplus[year]),
                "end": format_kr(end),
            }
        )
    return notes

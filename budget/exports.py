"""The budget table, built once from a BudgetView for the page, the plan PDF and the workbook.

A draft's view is live, an adopted version's view comes from its adoption record (budget/feeds.py), and both go
through this one builder, so a page, its PDF and its workbook cannot drift apart.
"""

from django.utils.translation import gettext as _

from budget.compute import FED, OVERRIDE, ComputedBudget, displayed, not_granted
from budget.models import GROUP_SIGN, LineGroup, LineKind, Outcome
from budget.record import BudgetView, SourceChange
from finsam.lib.examples import example_note, marked_example
from finsam.lib.money import format_kr
from finsam.lib.tables import CellKind, Column, Row, RowKind, Table


def budget_table(view: BudgetView, *, source_changes: list[SourceChange] = ()) -> Table:
    """All columns of the version in the association's line structure and sign habit.

    Sub-totals and the result are derived rows whose terms are the item rows they sum (with the sign the habit
    gives), so the workbook can write them as formulas. With the project breakdown on, the project line is the
    sum of one row per project (plus a row for any typed figure the projects do not explain).
    """
    computed = view.computed
    negative = view.income_shown_negative
    table = Table(
        key="budget",
        caption=view.title,
        columns=[Column("label", _("Kostnad/intäkt"))]
        + [Column(f"y{c.year}", c.heading, CellKind.AMOUNT, view.unit) for c in view.columns],
    )
    years = computed.years
    pending: dict[str, list[int]] = {}  # group -> item rows since the group's last sum row
    result_terms: list[tuple[int, int]] = []  # every item row with its sign in the result
    headed: set[str] = set()
    for computed_line in computed.lines:
        line = computed_line.line
        values = {f"y{y}": displayed(computed_line.cells[y].value, line, negative) for y in years}
        if line.kind == LineKind.SUBTOTAL:
            terms = tuple((index, 1) for index in pending.pop(line.group, []))
            table.add(Row({"label": line.name, **values}, RowKind.SUBTOTAL, terms=terms, group=line.group))
            continue
        if line.kind == LineKind.RESULT:
            table.add(Row({"label": line.name, **values}, RowKind.TOTAL, terms=tuple(result_terms)))
            continue
        add_group_heading(table, line, headed)
        sign = GROUP_SIGN[LineGroup(line.group)]
        result_sign = 0 if sign == 0 else (1 if negative else sign)
        source = _source_note(computed_line, years)
        marks = _marks(computed_line, line, negative)
        if (
            line.kind == LineKind.PROJECTS
            and line.show_project_breakdown
            and any(computed.breakdown.values())
        ):
            index = _add_breakdown(table, line, computed_line, values, computed, source, marks, negative)
        else:
            index = table.add(
                Row({"label": line.name, **values}, source=source, marks=marks, group=line.group)
            )
        pending.setdefault(line.group, []).append(index)
        if result_sign:
            result_terms.append((index, result_sign))
    table.notes.extend(equity_notes(computed))
    if view.revision_note:
        table.notes.append(view.revision_note)
    table.notes.extend(source_change_notes(source_changes))
    return table


def add_group_heading(table: Table, line, headed: set[str]) -> None:
    """A heading row where a group's lines first appear (Intäkter, Verksamhetens kostnader, Finansiella intäkter …),
    as the sources print INTÄKTER and KOSTNADER, so that two lines of one name (Landskrona-Svalöv's "Ränta" under
    financial income and under financial costs) read in context. A group whose first line already bears the
    group's name (RAR 2010's "Intäkter", "Finansiella intäkter") needs none; a group met again later (a cost line
    placed after the financial lines) is not headed twice."""
    if line.group in headed:
        return
    headed.add(line.group)
    label = str(LineGroup(line.group).label)
    if line.name.strip().casefold() != label.casefold():
        table.add(Row({"label": label}, RowKind.HEADING, group=line.group))


def outcome_by_line(association, year: int) -> dict[int, int]:
    """The outcome (utfall) entered for `year`, kronor per budget line id, in the line's own sign."""
    return dict(
        Outcome.objects.filter(line__association=association, year=year).values_list("line_id", "amount")
    )


def outcome_and_examples(association, year: int) -> tuple[dict[int, int], set[int]]:
    """`outcome_by_line`, and the line ids whose outcome is example data (the demo's), in one query."""
    outcome, examples = {}, set()
    for line_id, amount, is_example in Outcome.objects.filter(
        line__association=association, year=year
    ).values_list("line_id", "amount", "is_example"):
        outcome[line_id] = amount
        if is_example:
            examples.add(line_id)
    return outcome, examples


def outcome_table(
    view: BudgetView, outcome: dict[int, int], examples: set[int] = frozenset()
) -> Table | None:
    """Budget, outcome and deviation (outcome − budget) of the plan year, per line, in the budget's sign habit.

    Sub-totals and the result are derived rows over the same lines as in the budget table, so the workbook writes
    them as sums. A line without an entered outcome shows no outcome and no deviation, and counts as 0 in the
    sums of those two columns (a note says so). None when the version has no column for the plan year or no
    outcome is entered. A line whose outcome is example data (`examples`, line ids) says so in its label, which
    the workbook carries too, as does the caption.
    """
    year = view.plan_year
    computed = view.computed
    if year not in computed.years or not outcome:
        return None
    negative = view.income_shown_negative
    unit = view.unit
    table = Table(
        key="outcome",
        caption=_("Utfall %(year)s mot budget") % {"year": year},
        columns=[
            Column("label", _("Kostnad/intäkt")),
            Column("budget", _("Budget"), CellKind.AMOUNT, unit),
            Column("outcome", _("Utfall"), CellKind.AMOUNT, unit),
            Column("deviation", _("Avvikelse"), CellKind.AMOUNT, unit),
        ],
    )
    pending: dict[str, list[int]] = {}
    result_terms: list[tuple[int, int]] = []
    missing = False
    headed: set[str] = set()
    for computed_line in computed.lines:
        line = computed_line.line
        if not line.used_in(year):
            continue
        if line.kind not in (LineKind.SUBTOTAL, LineKind.RESULT):
            add_group_heading(table, line, headed)
        if line.kind in (LineKind.SUBTOTAL, LineKind.RESULT):
            terms = (
                tuple((index, 1) for index in pending.pop(line.group, []))
                if line.kind == LineKind.SUBTOTAL
                else tuple(result_terms)
            )
            cells = {
                key: sum(sign * (table.rows[i].cells[key] or 0) for i, sign in terms)
                for key in ("budget", "outcome", "deviation")
            }
            kind = RowKind.SUBTOTAL if line.kind == LineKind.SUBTOTAL else RowKind.TOTAL
            table.add(Row({"label": line.name, **cells}, kind, terms=terms))
            continue
        budgeted = computed_line.cells[year].value
        actual = outcome.get(line.id)
        missing = missing or actual is None
        deviation = None if actual is None else actual - (budgeted or 0)
        index = table.add(
            Row(
                {
                    "label": marked_example(line.name) if line.id in examples else line.name,
                    "budget": displayed(budgeted, line, negative),
                    "outcome": displayed(actual, line, negative),
                    "deviation": displayed(deviation, line, negative),
                },
                group=line.group,
            )
        )
        pending.setdefault(line.group, []).append(index)
        sign = GROUP_SIGN[LineGroup(line.group)]
        if sign:
            result_terms.append((index, 1 if negative else sign))
    if missing:
        table.notes.append(_("Rader utan registrerat utfall saknar avvikelse och räknas som 0 i summorna."))
    if examples & set(outcome):
        table.sheet, table.caption = table.caption, marked_example(table.caption)
        table.notes.append(example_note())
    return table


def _marks(computed_line, line, negative) -> dict[str, dict]:
    """● a figure taken from its source, ✎ a figure typed in instead of what the source gives.

    The mark's text starts with the same words as the row's note (`source_label`), so the page and the PDF say
    the same thing about the same figure.
    """
    marks = {}
    for year, cell in computed_line.cells.items():
        label = source_label(line.kind, cell.source)
        if cell.source == FED:
            marks[f"y{year}"] = {"symbol": "●", "text": label}
        elif cell.source == OVERRIDE:
            fed = displayed(cell.fed_value, line, negative)
            text = (
                _("%(label)s; källan har inget belopp för året") % {"label": label}
                if fed is None
                else _("%(label)s i stället för källans %(fed)s") % {"label": label, "fed": format_kr(fed)}
            )
            marks[f"y{year}"] = {"symbol": "✎", "text": text}
    return marks


def _add_breakdown(
    table: Table, line, computed_line, values, computed: ComputedBudget, source, marks, negative
):
    """One row per project under the project line; the line is their sum in every column.

    Where the line holds a typed figure the projects do not add up to (a forecast made before the projects were
    entered), a row "not allotted to projects" carries the difference, so the sum holds in every column.
    """
    years = computed.years
    names: list[tuple[str, str]] = []
    for year in years:
        for name, owner, _amount in computed.breakdown.get(year, []):
            if (name, owner) not in names:
                names.append((name, owner))
    sign = -1 if negative and GROUP_SIGN[LineGroup(line.group)] > 0 else 1
    detail_rows = []
    for name, owner in names:
        cells = {"label": f"{name} ({owner})" if owner else name}
        for year in years:
            amounts = {(n, o): a for n, o, a in computed.breakdown.get(year, [])}
            cells[f"y{year}"] = sign * amounts.get((name, owner), 0) if line.used_in(year) else None
        detail_rows.append(table.add(Row(cells, level=1, group=line.group)))
    rest = {}
    for year in years:
        unallotted = not_granted(computed_line, computed, year)
        if unallotted:
            rest[f"y{year}"] = sign * unallotted
    if rest:
        cells = {"label": _("Ej fördelat på insatser")}
        cells.update({f"y{year}": rest.get(f"y{year}", 0) if line.used_in(year) else None for year in years})
        detail_rows.append(table.add(Row(cells, level=1, group=line.group)))
    return table.add(
        Row(
            {"label": line.name, **values},
            RowKind.SUBTOTAL,
            terms=tuple((i, 1) for i in detail_rows),
            source=source,
            marks=marks,
            group=line.group,
        )
    )


def source_label(kind: str, source: str | None) -> str:
    """What a figure on a fed line is: the one wording of the page's marks and the documents' row notes."""
    if source == FED:
        return {
            LineKind.MEMBER_FEES: _("från avgiftsåret"),
            LineKind.PROJECTS: _("från insatserna"),
            LineKind.CARRYOVER: _("föregående års resultat"),
        }.get(kind, "")
    if source == OVERRIDE:
        return _("inmatat")
    return ""


def _source_note(computed_line, years: list[int]) -> str:
    """The row's note: where its figures come from, per year where the years differ.

    "från avgiftsåret" only when every figure shown is the fee year's; RAR 2010's income line, fed for the 2009
    forecast and typed for 2010–2012, reads "från avgiftsåret 2009; inmatat 2010, 2011, 2012".
    """
    line = computed_line.line
    by_label: dict[str, list[int]] = {}
    for year in years:
        cell = computed_line.cells.get(year)
        label = source_label(line.kind, cell.source) if cell is not None else ""
        if label:
            by_label.setdefault(label, []).append(year)
    if len(by_label) <= 1:
        return next(iter(by_label), "")
    return "; ".join(f"{label} {', '.join(str(y) for y in ys)}" for label, ys in by_label.items())


def equity_notes(computed: ComputedBudget) -> list[str]:
    """Equity per year as budget/compute.py defines it, with any carry-over named so it is not added twice."""
    notes = []
    for year in computed.years:
        start, end = computed.equity_start[year], computed.equity_end[year]
        if start is None:
            continue
        values = {
            "year": year,
            "start": format_kr(start),
            "result": format_kr(computed.surplus[year]),
            "carried": format_kr(computed.carried_over.get(year, 0)),
            "end": format_kr(end),
        }
        if computed.carried_over.get(year):
            notes.append(
                _(
                    "%(year)s: eget kapital vid årets början %(start)s, årets resultat %(result)s varav "
                    "%(carried)s överfört från tidigare år (redan i eget kapital), vid årets slut %(end)s."
                )
                % values
            )
        else:
            notes.append(
                _(
                    "%(year)s: eget kapital vid årets början %(start)s, årets resultat %(result)s, "
                    "vid årets slut %(end)s."
                )
                % values
            )
    return notes


def source_change_notes(changes: list[SourceChange]) -> list[str]:
    """One note per fed figure that today's source gives differently from the adopted budget."""
    return [
        _(
            "%(line)s %(year)s: %(adopted)s i den fastställda budgeten; i dag %(today)s. Den fastställda "
            "budgeten ändras inte; en ändring kräver en revision."
        )
        % {
            "line": change.line,
            "year": change.year,
            "adopted": "–" if change.adopted is None else format_kr(change.adopted),
            "today": "–" if change.today is None else format_kr(change.today),
        }
        for change in changes
    ]

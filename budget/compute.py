"""Every derived figure of a budget: line values per year (entered or fed), sub-totals, result and equity.

Pure functions over plain values: the database is read in budget/feeds.py and budget/services.py, so the rules
here can be tested with hand-made numbers. Values are whole kronor, each line as a positive magnitude; the result
is the surplus (income minus costs, positive when money is left over).

Equity, once. Equity (eget kapital: unused funds) moves only by what the year itself adds or uses. A carry-over
line brings earlier years' unused funds into the year as income, so that the plan can spend them; those funds are
already in the equity at the year's start. So the year's change in equity is its result *without* the carry-over:

    equity_end = equity_start + surplus - carried_over

Worked example (kronor). Year 1: opening equity 1 000; member fees 5 000, costs 4 000: result 1 000, equity at
the end 2 000. Year 2: a carry-over line takes year 1's result, 1 000, as income; fees 5 000, costs 5 500: the
result shown is 6 000 - 5 500 = 500 (of the carried funds, 500 are left). Equity at the end of year 2 is
2 000 + 500 - 1 000 = 1 500: the year used 500 of its equity. Adding the shown result (2 000 + 500 = 2 500)
would count year 1's 1 000 twice. The liquidity and equity rules (budget/rules.py) read `equity_end`.
"""

from dataclasses import dataclass, field

from budget.models import GROUP_SIGN, LineGroup, LineKind

ENTERED = "entered"  # typed into the budget
FED = "fed"  # taken from its source (fee year, projects, last year's result)
OVERRIDE = "override"  # typed in on a fed line where the source does not hold the figure
DERIVED = "derived"  # a sum or the result


@dataclass(frozen=True)
class LineSpec:
    """What the computation needs of a BudgetLine."""

    id: int
    name: str
    group: str
    kind: str
    first_year: int | None = None
    last_year: int | None = None
    show_project_breakdown: bool = False
    position: int = 0
    administration: bool = False  # counted as the association's own administration (Uppföljning Finsam)

    def used_in(self, year: int) -> bool:
        return (self.first_year is None or self.first_year <= year) and (
            self.last_year is None or self.last_year >= year
        )


@dataclass
class Feeds:
    """The sources of fed lines, per year (missing year: the source has no figure)."""

    member_fees: dict[int, int] = field(default_factory=dict)
    projects: dict[int, int] = field(default_factory=dict)
    project_breakdown: dict[int, list[tuple[str, str, int]]] = field(
        default_factory=dict
    )  # (name, owner, kr)
    previous_result: dict[int, int] = field(default_factory=dict)  # year -> result of the year before
    frozen: dict[tuple[int, int], int] = field(default_factory=dict)  # (line, year) -> value at adoption


@dataclass
class Cell:
    value: int | None
    source: str | None = None
    fed_value: int | None = None  # what the source says, when an entered figure overrides it


@dataclass
class ComputedLine:
    line: LineSpec
    cells: dict[int, Cell]


@dataclass
class ComputedBudget:
    years: list[int]
    lines: list[ComputedLine]
    surplus: dict[int, int]  # the result as the result line shows it, carry-over included
    carried_over: dict[int, int]  # earlier years' funds brought in by carry-over lines (already in equity)
    equity_start: dict[int, int | None]
    equity_end: dict[int, int | None]
    breakdown: dict[int, list[tuple[str, str, int]]]

    def value(self, line_id: int, year: int) -> int | None:
        for computed in self.lines:
            if computed.line.id == line_id:
                return computed.cells[year].value
        raise KeyError(line_id)


def _fed_value(line: LineSpec, year: int, feeds: Feeds, surplus_so_far: dict[int, int]) -> int | None:
    if (line.id, year) in feeds.frozen:
        return feeds.frozen[(line.id, year)]
    if line.kind == LineKind.MEMBER_FEES:
        return feeds.member_fees.get(year)
    if line.kind == LineKind.PROJECTS:
        return feeds.projects.get(year, 0)
    if line.kind == LineKind.CARRYOVER:
        if year - 1 in surplus_so_far:
            return surplus_so_far[year - 1]
        return feeds.previous_result.get(year)
    return None


def compute_budget(
    *,
    lines: list[LineSpec],
    years: list[int],
    entered: dict[tuple[int, int], int],
    feeds: Feeds,
    opening_equity: int | None = None,
) -> ComputedBudget:
    """All values of the budget. Years are computed in order, so a carry-over line can take the year before."""
    years = sorted(years)
    cells: dict[int, dict[int, Cell]] = {line.id: {} for line in lines}
    surplus: dict[int, int] = {}
    carried_over: dict[int, int] = {}
    for year in years:
        for line in lines:
            if not line.used_in(year) or line.kind in (LineKind.SUBTOTAL, LineKind.RESULT):
                continue
            typed = entered.get((line.id, year))
            if line.kind == LineKind.ENTERED:
                cells[line.id][year] = Cell(typed, ENTERED if typed is not None else None)
                continue
            fed = _fed_value(line, year, feeds, surplus)
            if typed is not None:
                cells[line.id][year] = Cell(typed, OVERRIDE, fed_value=fed)
            else:
                cells[line.id][year] = Cell(fed, FED if fed is not None else None)
        items = [line for line in lines if line.id in cells and year in cells[line.id]]
        for line, members in subtotal_members(lines, year).items():
            cells[line.id][year] = Cell(sum(cells[m.id][year].value or 0 for m in members), DERIVED)
        surplus[year] = sum(GROUP_SIGN[LineGroup(i.group)] * (cells[i.id][year].value or 0) for i in items)
        carried_over[year] = sum(
            GROUP_SIGN[LineGroup(i.group)] * (cells[i.id][year].value or 0)
            for i in items
            if i.kind == LineKind.CARRYOVER
        )
        for line in lines:
            if line.kind == LineKind.RESULT and line.used_in(year):
                cells[line.id][year] = Cell(surplus[year], DERIVED)

    equity_start, equity_end = equity_over_years(years, surplus, carried_over, opening_equity)

    computed_lines = [
        ComputedLine(line, {year: cells[line.id].get(year, Cell(None)) for year in years}) for line in lines
    ]
    breakdown = {year: feeds.project_breakdown.get(year, []) for year in years}
    return ComputedBudget(years, computed_lines, surplus, carried_over, equity_start, equity_end, breakdown)


def equity_over_years(
    years: list[int], surplus: dict[int, int], carried_over: dict[int, int], opening_equity: int | None
) -> tuple[dict[int, int | None], dict[int, int | None]]:
    """Equity at each year's start and end: `equity_end = equity_start + surplus - carried_over` (see above).

    Without an opening equity nothing is guessed: every figure is None.
    """
    equity_start: dict[int, int | None] = {}
    equity_end: dict[int, int | None] = {}
    running = opening_equity
    for year in sorted(years):
        equity_start[year] = running
        if running is not None:
            running = running + surplus[year] - carried_over.get(year, 0)
        equity_end[year] = running
    return equity_start, equity_end


def subtotal_members(lines: list[LineSpec], year: int) -> dict[LineSpec, list[LineSpec]]:
    """Each sum row and the lines it sums: the lines of its group above it, back to the group's previous sum.

    As in a hand-kept table, a line placed after its group's "Summa" (Landskrona-Svalöv's "Medel för insatser
    att fördela") counts in the result but not in that sum.
    """
    members: dict[LineSpec, list[LineSpec]] = {}
    pending: dict[str, list[LineSpec]] = {}
    for line in lines:
        if not line.used_in(year) or line.kind == LineKind.RESULT:
            continue
        if line.kind == LineKind.SUBTOTAL:
            members[line] = pending.pop(line.group, [])
        else:
            pending.setdefault(line.group, []).append(line)
    return members


def displayed(value: int | None, line: LineSpec, income_shown_negative: bool) -> int | None:
    """A line's value in the association's sign habit (RAR: income negative, result positive for a deficit)."""
    if value is None or not income_shown_negative:
        return value
    if line.kind == LineKind.RESULT:
        return -value
    if GROUP_SIGN[LineGroup(line.group)] > 0:
        return -value
    return value


def not_granted(computed_line: ComputedLine, computed: ComputedBudget, year: int) -> int | None:
    """Money a project line budgets for `year` that no project has been granted ("Ej fördelat på insatser").

    The line's figure minus the projects' own amounts for the year: those shown under it when it lists them,
    else what its source (the projects) says. A line fed by the projects is their sum, so nothing is left.
    """
    cell = computed_line.cells.get(year)
    if cell is None or cell.value is None:
        return None
    if computed_line.line.show_project_breakdown:
        granted = sum(amount for _name, _owner, amount in computed.breakdown.get(year, []))
    elif cell.source == OVERRIDE:
        granted = cell.fed_value or 0
    else:
        granted = cell.value
    return cell.value - granted


def unallotted_to_projects(computed: ComputedBudget, year: int) -> int | None:
    """`not_granted` over the year's project lines (kronor); None when the budget has no project line."""
    lines = [c for c in computed.lines if c.line.kind == LineKind.PROJECTS and c.line.used_in(year)]
    if not lines or year not in computed.years:
        return None
    return sum(not_granted(line, computed, year) or 0 for line in lines)

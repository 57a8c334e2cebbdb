"""Every derived figure of a budget: line values per year (entered or fed), sub-totals, result and equity.

Pure functions over plain values: the database is read in budget/feeds.py and budget/services.py, so the rules
here can be tested with hand-made numbers. Values are whole kronor, each line as a positive magnitude; the result
is the surplus (income minus costs, positive when money is left over).
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
    surplus: dict[int, int]
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
        for line in lines:
            if line.kind == LineKind.RESULT and line.used_in(year):
                cells[line.id][year] = Cell(surplus[year], DERIVED)

    equity_start: dict[int, int | None] = {}
    equity_end: dict[int, int | None] = {}
    running = opening_equity
    for year in years:
        equity_start[year] = running
        equity_end[year] = None if running is None else running + surplus[year]
        running = equity_end[year]

    computed_lines = [
        ComputedLine(line, {year: cells[line.id].get(year, Cell(None)) for year in years}) for line in lines
    ]
    breakdown = {year: feeds.project_breakdown.get(year, []) for year in years}
    return ComputedBudget(years, computed_lines, surplus, equity_start, equity_end, breakdown)


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

"""Reading a budget version from the database: its lines, columns, amounts and the sources of fed lines.

`budget_view(version)` is the one entry point for showing a version. A draft is computed live from its lines,
amounts and sources; an adopted version is read from its adoption record only (budget/record.py), so later edits
of lines, settings, projects or fees never move it. `compute_version` is the computed part of that view.
"""

from django.db.models import Prefetch

from budget.compute import FED, ComputedBudget, Feeds, LineSpec, compute_budget
from budget.models import (
    Budget,
    BudgetColumn,
    BudgetLine,
    BudgetSettings,
    BudgetVersion,
    LineKind,
    VersionStatus,
)
from budget.record import BudgetView, ColumnSpec, SourceChange, from_content
from budget.rules import RULE_SETTINGS, check_rules
from members.models import FeeYear
from projects.amounts import year_breakdown


def line_specs(lines) -> list[LineSpec]:
    return [
        LineSpec(
            id=line.pk,
            name=line.name,
            group=line.group,
            kind=line.kind,
            first_year=line.first_year,
            last_year=line.last_year,
            show_project_breakdown=line.show_project_breakdown,
            position=line.position,
            administration=line.administration,
        )
        for line in lines
    ]


def lines_for(association, years: list[int]) -> list[BudgetLine]:
    """The association's lines used in any of `years`, in order."""
    return [
        line
        for line in BudgetLine.objects.filter(association=association).order_by("position", "pk")
        if any(line.used_in(year) for year in years)
    ]


def settings_for(association) -> BudgetSettings:
    """The association's budget settings and rules, or empty defaults (no rule) if none are saved."""
    return BudgetSettings.objects.filter(association=association).first() or BudgetSettings(
        association=association
    )


def load_feeds(association, years: list[int], lines, *, depth: int = 0) -> Feeds:
    """Today's figures of the sources that fed lines take (`lines`: BudgetLines or LineSpecs)."""
    kinds = {line.kind for line in lines}
    feeds = Feeds()
    if LineKind.MEMBER_FEES in kinds:
        feeds.member_fees = dict(
            FeeYear.objects.filter(association=association, year__in=years).values_list("year", "total")
        )
    if LineKind.PROJECTS in kinds:
        # Always, not only for a line that shows them: an adoption record keeps which projects made up the total
        # (the page and documents still show the rows only where the line asks, budget/exports.py).
        feeds.project_breakdown = year_breakdown(association, years)
        # the year's total is the sum of those rows (the same rows projects.amounts.year_totals adds up)
        feeds.projects = {
            year: sum(amount for _label, _owner, amount in rows)
            for year, rows in feeds.project_breakdown.items()
        }
    if LineKind.CARRYOVER in kinds and depth == 0:
        first = min(years)
        previous = previous_year_result(association, first - 1)
        if previous is not None:
            feeds.previous_result[first] = previous
    return feeds


def current_version(budget: Budget) -> BudgetVersion | None:
    """The version that counts: the latest adopted one, else the latest draft."""
    versions = sorted(budget.versions.all(), key=lambda v: v.number)  # prefetched by the callers that can
    adopted = [v for v in versions if v.status == VersionStatus.ADOPTED]
    return (adopted or versions or [None])[-1]


def previous_year_result(association, year: int) -> int | None:
    """The result of `year` in the budget whose plan year it is (adopted or latest version), if there is one."""
    budget = (
        Budget.objects.filter(association=association, plan_year=year).prefetch_related("versions").first()
    )
    version = current_version(budget) if budget else None
    if version is None:
        return None
    return compute_version(version, depth=1).surplus.get(year)


def _columns(version: BudgetVersion) -> list[BudgetColumn]:
    return sorted(version.columns.all(), key=lambda column: column.year)


def column_heading(column: BudgetColumn) -> str:
    return column.label or f"{column.get_kind_display()} {column.year}"


def compute_live(version: BudgetVersion, *, depth: int = 0, columns=None) -> ComputedBudget:
    """The version's figures from today's lines, amounts and sources.

    An adopted version from before adoption records existed kept its fed figures as frozen amounts; they are
    used here only to build its record once (budget/apps.py). `columns`: the version's, when already read.
    """
    association = version.budget.association
    years = [column.year for column in (columns if columns is not None else _columns(version))]
    lines = lines_for(association, years)
    amounts = list(version.amounts.all())
    entered = {(a.line_id, a.year): a.amount for a in amounts if not a.frozen}
    feeds = load_feeds(association, years, lines, depth=depth)
    feeds.frozen = {(a.line_id, a.year): a.amount for a in amounts if a.frozen}
    return compute_budget(
        lines=line_specs(lines),
        years=years,
        entered=entered,
        feeds=feeds,
        opening_equity=version.opening_equity,
    )


def fee_figures(computed: ComputedBudget) -> dict[int, int | None]:
    """Each year's member contribution as the budget has it (fed or entered), for the rules."""
    fee_line = next((c for c in computed.lines if c.line.kind == LineKind.MEMBER_FEES), None)
    return {year: fee_line.cells[year].value for year in computed.years} if fee_line else {}


def live_view(version: BudgetVersion, *, depth: int = 0) -> BudgetView:
    """The version as it stands today: what a draft shows, and what adoption stores."""
    budget = version.budget
    columns = _columns(version)
    computed = compute_live(version, depth=depth, columns=columns)
    settings = settings_for(budget.association)
    return BudgetView(
        title=str(budget),
        plan_year=budget.plan_year,
        income_shown_negative=budget.income_shown_negative,
        columns=[ColumnSpec(c.year, c.kind, column_heading(c)) for c in columns],
        computed=computed,
        opening_equity=version.opening_equity,
        rule_results=check_rules(computed, settings, fee_figures(computed)),
        rule_settings={name: getattr(settings, name) for name in RULE_SETTINGS},
        revision_note=version.revision_note,
        adopted_on=version.adopted_on,
        reference=version.decision_reference,
    )


def budget_view(version: BudgetVersion, *, depth: int = 0) -> BudgetView:
    """The version as it is shown: a draft live, an adopted version from its adoption record only."""
    if version.status == VersionStatus.ADOPTED:
        record = getattr(version, "record", None)
        if record is not None:
            return from_content(record.content)
    return live_view(version, depth=depth)


def compute_version(version: BudgetVersion, *, depth: int = 0) -> ComputedBudget:
    return budget_view(version, depth=depth).computed


def source_changes(view: BudgetView, association) -> list[SourceChange]:
    """Fed figures of an adopted view that today's sources would give differently.

    A document that embeds an adopted budget beside live tables (a draft plan with today's fee table) says so
    with both figures instead of mixing the two moments silently.
    """
    if not view.frozen:
        return []
    fed_lines = [c for c in view.computed.lines if c.line.kind in (LineKind.MEMBER_FEES, LineKind.PROJECTS)]
    if not fed_lines:
        return []
    today = load_feeds(association, view.computed.years, [c.line for c in fed_lines], depth=1)
    changes = []
    for computed_line in fed_lines:
        line = computed_line.line
        for year, cell in computed_line.cells.items():
            if cell.source != FED:
                continue
            now = (
                today.member_fees.get(year)
                if line.kind == LineKind.MEMBER_FEES
                else today.projects.get(year, 0)
            )
            if now != cell.value:
                changes.append(SourceChange(line.name, year, cell.value, now, line.kind))
        if line.kind == LineKind.PROJECTS:
            changes += _breakdown_changes(line.name, view.computed.breakdown, today.project_breakdown)
    return changes


def _breakdown_changes(name: str, adopted: dict, today: dict) -> list[SourceChange]:
    """Per project: money moved between projects after adoption, even where the year's total stayed.

    Only the years the record kept per-project rows for (a record from before they were always kept has none
    for a line that did not show them, budget/record.py).
    """
    changes = []
    for year in sorted(adopted):
        then = {(n, o): a for n, o, a in adopted.get(year, [])}
        now = {(n, o): a for n, o, a in today.get(year, [])}
        # in the rows' own order (by project name), not by label: "10 Trappan" sorted as text before "9 Steget"
        for key in dict.fromkeys([*then, *now]):
            if then.get(key) != now.get(key):
                label = f"{name}: {key[0]}"
                changes.append(SourceChange(label, year, then.get(key), now.get(key), LineKind.PROJECTS))
    return changes


def versions_of(budget_queryset):
    return budget_queryset.prefetch_related(
        Prefetch("versions", queryset=BudgetVersion.objects.order_by("number").select_related("record"))
    )

"""Reading a budget version from the database: its lines, columns, amounts and the sources of fed lines."""

from django.db.models import Prefetch

from budget.compute import ComputedBudget, Feeds, LineSpec, compute_budget
from budget.models import Budget, BudgetLine, BudgetVersion, LineKind, VersionStatus
from members.models import FeeYear
from projects.amounts import year_breakdown, year_totals


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


def load_feeds(association, years: list[int], lines: list[BudgetLine], *, depth: int = 0) -> Feeds:
    kinds = {line.kind for line in lines}
    feeds = Feeds()
    if LineKind.MEMBER_FEES in kinds:
        feeds.member_fees = dict(
            FeeYear.objects.filter(association=association, year__in=years).values_list("year", "total")
        )
    if LineKind.PROJECTS in kinds:
        feeds.projects = year_totals(association, years)
        if any(line.show_project_breakdown for line in lines):
            feeds.project_breakdown = year_breakdown(association, years)
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
    computed = compute_version(version, depth=1)
    return computed.surplus.get(year)


def compute_version(version: BudgetVersion, *, depth: int = 0) -> ComputedBudget:
    """The version's figures: entered (and, once adopted, frozen) amounts plus live sources for a draft."""
    association = version.budget.association
    columns = sorted(version.columns.all(), key=lambda column: column.year)
    years = [column.year for column in columns]
    lines = lines_for(association, years)
    amounts = {(a.line_id, a.year): a for a in version.amounts.all()}
    entered = {key: a.amount for key, a in amounts.items() if not a.frozen}
    if version.status == VersionStatus.ADOPTED:
        # An adopted budget shows the fed figures as they were when the board adopted it.
        feeds = Feeds(frozen={key: a.amount for key, a in amounts.items() if a.frozen})
        projects_line = next((line for line in lines if line.kind == LineKind.PROJECTS), None)
        if projects_line is not None and projects_line.show_project_breakdown:
            live = year_breakdown(association, years)
            feeds.project_breakdown = {
                year: rows
                for year, rows in live.items()
                if sum(r[2] for r in rows) == feeds.frozen.get((projects_line.pk, year))
            }
    else:
        feeds = load_feeds(association, years, lines, depth=depth)
    return compute_budget(
        lines=line_specs(lines),
        years=years,
        entered=entered,
        feeds=feeds,
        opening_equity=version.opening_equity,
    )


def versions_of(budget_queryset):
    return budget_queryset.prefetch_related(
        Prefetch("versions", queryset=BudgetVersion.objects.order_by("number"))
    )

"""A project's money: the granted total, its split over calendar years, and a year's sum over projects."""

import datetime

from django.db.models import Sum
from django.utils.translation import gettext as _

from finsam.lib.allocation import allocate
from finsam.lib.money import format_kr
from projects.models import SIGNED_AMOUNT, Project, ProjectStatus, ProjectYearAmount, project_label


def days_per_year(start: datetime.date, end: datetime.date) -> dict[int, int]:
    """Days of the period (both ends included) in each calendar year."""
    if end < start:
        raise ValueError("the period ends before it starts")
    days = {}
    for year in range(start.year, end.year + 1):
        first = max(start, datetime.date(year, 1, 1))
        last = min(end, datetime.date(year, 12, 31))
        days[year] = (last - first).days + 1
    return days


def propose_split(
    total: int, start: datetime.date, end: datetime.date, fixed: dict[int, int] | None = None
) -> dict[int, int]:
    """The total spread over the period's calendar years pro rata to days, in whole kronor.

    `fixed` years keep the amount given (e.g. the one year a plan states); the rest of the total is spread over the
    other years by days. A project running 2008-09-01 to 2011-08-31 gets amounts in 2008, 2009, 2010 and 2011
    whose sum is the total.
    """
    fixed = fixed or {}
    days = days_per_year(start, end)
    free = {year: count for year, count in days.items() if year not in fixed}
    rest = total - sum(fixed.values())
    split = dict(fixed)
    if free:
        split.update(allocate(rest, free))
    elif rest != 0:
        raise ValueError("the fixed years do not add up to the total and no year is left to take the rest")
    return dict(sorted(split.items()))


def mismatch_message(years_sum: int, total: int) -> str | None:
    """None if the years add up to the total, else a message naming the difference."""
    if years_sum == total:
        return None
    difference = abs(total - years_sum)
    if years_sum < total:
        text = _(
            "Åren summerar till %(sum)s, %(difference)s mindre än det beviljade totalbeloppet %(total)s."
        )
    else:
        text = _("Åren summerar till %(sum)s, %(difference)s mer än det beviljade totalbeloppet %(total)s.")
    return text % {
        "sum": format_kr(years_sum),
        "difference": format_kr(difference),
        "total": format_kr(total),
    }


def granted_total(project: Project) -> int:
    """What the board has granted the project: its grants less its reductions (kronor)."""
    return project.decisions.aggregate(total=Sum(SIGNED_AMOUNT))["total"] or 0


def year_total(association, year: int) -> int:
    """The sum of the association's project amounts for `year`, cancelled projects excluded (kronor).

    This is what the budget's project line ("Befintliga projekt", "Samverkansinsatser") uses.
    """
    result = (
        ProjectYearAmount.objects.filter(project__association=association, year=year)
        .exclude(project__status=ProjectStatus.CANCELLED)
        .aggregate(total=Sum("amount"))
    )
    return result["total"] or 0


def year_totals(association, years) -> dict[int, int]:
    """`year_total` for several years in one query (years without amounts are left out)."""
    rows = (
        ProjectYearAmount.objects.filter(project__association=association, year__in=list(years))
        .exclude(project__status=ProjectStatus.CANCELLED)
        .values("year")
        .annotate(total=Sum("amount"))
    )
    return {row["year"]: row["total"] for row in rows}


def year_breakdown(association, years) -> dict[int, list[tuple[str, str, int]]]:
    """Per year, each project's amount with its owner: (name, owner, kronor), in one query."""
    # plain values, not model instances: the budget page, the dashboard and the plan all ask for this
    rows = (
        ProjectYearAmount.objects.filter(project__association=association, year__in=list(years))
        .exclude(project__status=ProjectStatus.CANCELLED)
        .order_by("year", "project__name")
        .values_list("year", "project__number", "project__name", "project__owner__name", "amount")
    )
    breakdown: dict[int, list[tuple[str, str, int]]] = {}
    for year, number, name, owner, amount in rows:
        breakdown.setdefault(year, []).append((project_label(number, name), owner or "", amount))
    return breakdown

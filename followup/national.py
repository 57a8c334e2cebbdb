"""The association's figures for Försäkringskassan's Uppföljning Finsam (the successor of SUS).

Per year: allocated funds (the member contributions), equity at the year's end, and the budget and outcome of the
association's own administration (the budget lines marked as administration).
"""

from dataclasses import dataclass

from django.db.models import Sum

from budget.feeds import compute_version, current_version
from budget.models import Budget, LineKind, Outcome
from members.models import FeeYear


@dataclass(frozen=True)
class NationalFigures:
    allocated: int | None  # kronor
    equity_end: int | None
    administration_budget: int | None
    administration_outcome: int | None


def budget_figures(association, year: int) -> NationalFigures:
    fee_year = FeeYear.objects.filter(association=association, year=year).first()
    allocated = fee_year.total if fee_year else None
    equity_end = administration_budget = None
    budget = (
        Budget.objects.filter(association=association, plan_year=year).prefetch_related("versions").first()
    )
    version = current_version(budget) if budget else None
    if version is not None:
        computed = compute_version(version)
        if year in computed.years:
            equity_end = computed.equity_end[year]
            admin_lines = [c for c in computed.lines if c.line.administration]
            administration_budget = sum(c.cells[year].value or 0 for c in admin_lines)
            if allocated is None:
                fee_line = next((c for c in computed.lines if c.line.kind == LineKind.MEMBER_FEES), None)
                allocated = fee_line.cells[year].value if fee_line else None
    outcome = Outcome.objects.filter(
        line__association=association, line__administration=True, year=year
    ).aggregate(total=Sum("amount"))["total"]
    return NationalFigures(allocated, equity_end, administration_budget, outcome)

"""Whole situations the tests start from, built through the product's own services."""

import datetime

from budget import services
from budget.models import Budget, BudgetLine, BudgetSettings, LineGroup, LineKind
from tests.factories import (
    BudgetColumnFactory,
    BudgetLineFactory,
    BudgetVersionFactory,
    FeeYearFactory,
    granted_project,
)

INC, COSTS = LineGroup.INCOME, LineGroup.COSTS


def budget_scenario(association, *, adopt_by=None, adopt: bool = True) -> dict:
    """A 2010 budget in RAR's habit (income negative) with fed fees, a carry-over of 2009's result and projects
    shown one by one; adopted 2009-11-20 unless `adopt` is false."""
    lines = {
        key: BudgetLineFactory(association=association, name=name, group=group, kind=kind, position=pos)
        for key, name, group, kind, pos in [
            ("fees", "Medlemsavgifter", INC, LineKind.MEMBER_FEES, 10),
            ("carry", "Överfört från föregående år", INC, LineKind.CARRYOVER, 20),
            ("income", "Summa intäkter", INC, LineKind.SUBTOTAL, 30),
            ("staff", "Kansli", COSTS, LineKind.ENTERED, 40),
            ("projects", "Insatser", COSTS, LineKind.PROJECTS, 50),
            ("costs", "Summa kostnader", COSTS, LineKind.SUBTOTAL, 60),
            ("result", "Resultat", COSTS, LineKind.RESULT, 70),
        ]
    }
    BudgetLine.objects.filter(pk=lines["projects"].pk).update(show_project_breakdown=True)
    for year in (2009, 2010, 2011):
        FeeYearFactory(association=association, year=year, total=15_000_000)
    # 2009's budget: its result (15 000 000 - 11 000 000) is carried into 2010
    previous = BudgetVersionFactory(budget__association=association, budget__plan_year=2009)
    BudgetColumnFactory(version=previous, year=2009)
    services.save_amounts(version=previous, values={(lines["staff"].pk, 2009): 11_000_000})
    first = granted_project(
        {2010: 3_000_000, 2011: 1_000_000},
        owner__association=association,
        name="Steget",
        end=datetime.date(2011, 12, 31),
    )
    second = granted_project(
        {2010: 2_000_000}, owner__association=association, name="Trappan", owner=first.owner
    )
    version = BudgetVersionFactory(
        budget__association=association, budget__plan_year=2010, budget__income_shown_negative=True
    )
    Budget.objects.filter(pk=version.budget_id).update(title="Budget 2010")
    BudgetColumnFactory(version=version, year=2010)
    BudgetColumnFactory(version=version, year=2011, kind="plan")
    services.save_amounts(
        version=version, values={(lines["staff"].pk, 2010): 2_000_000, (lines["staff"].pk, 2011): 2_100_000}
    )
    services.set_opening_equity(version=version, amount=6_000_000)
    BudgetSettings.objects.create(association=association, min_liquidity=500_000, equity_ceiling=12_000_000)
    version.refresh_from_db()
    if adopt:
        services.adopt(
            version=version, adopted_on=datetime.date(2009, 11, 20), reference="Dnr 09-19 § 7", by=adopt_by
        )
        version.refresh_from_db()
    return {"version": version, "lines": lines, "projects": (first, second), "previous": previous}

"""Writes of budgets; each in one transaction, and none of them can touch an adopted version."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from budget.compute import FED
from budget.feeds import compute_version
from budget.models import (
    Budget,
    BudgetAmount,
    BudgetColumn,
    BudgetVersion,
    ColumnKind,
    Outcome,
    VersionStatus,
    refuse_if_adopted,
)
from finsam.lib.sync import sync_figures


@transaction.atomic
def create_budget(
    *, association, plan_year: int, title: str = "", columns: list[tuple[int, str, str]]
) -> Budget:
    """A budget with its first draft version and its columns: (year, kind, label)."""
    if Budget.objects.filter(association=association, plan_year=plan_year).exists():
        raise ValidationError(f"Det finns redan en budget för {plan_year}.")
    budget = Budget.objects.create(association=association, plan_year=plan_year, title=title)
    version = BudgetVersion.objects.create(budget=budget, number=1)
    for year, kind, label in columns:
        BudgetColumn.objects.create(version=version, year=year, kind=kind, label=label)
    return budget


def default_columns(plan_year: int, *, forecast: bool, plan_years_after: int) -> list[tuple[int, str, str]]:
    """Prognos for the year before (optional), the budget year, and plan years after it."""
    columns = [(plan_year - 1, ColumnKind.FORECAST, "")] if forecast else []
    columns.append((plan_year, ColumnKind.BUDGET, ""))
    columns += [(plan_year + n, ColumnKind.PLAN, "") for n in range(1, plan_years_after + 1)]
    return columns


@transaction.atomic
def save_amounts(*, version: BudgetVersion, values: dict[tuple[int, int], int | None]) -> None:
    """Store entered amounts ((line id, year) -> kronor, None to clear); only changed cells are written."""
    refuse_if_adopted(version.pk)
    sync_figures(
        {(a.line_id, a.year): a for a in version.amounts.filter(frozen=False)},
        values,
        lambda key, amount: BudgetAmount.objects.create(
            version=version, line_id=key[0], year=key[1], amount=amount
        ),
    )


@transaction.atomic
def set_opening_equity(*, version: BudgetVersion, amount: int | None) -> None:
    """Unused funds at the start of the first column's year (kronor), the base of the equity rows and rules."""
    refuse_if_adopted(version.pk)
    if version.opening_equity != amount:
        version.opening_equity = amount
        version.save(update_fields=["opening_equity"])


@transaction.atomic
def adopt(*, version: BudgetVersion, adopted_on: datetime.date, reference: str) -> None:
    """The board adopts the version: its fed figures are frozen as they are now, and it becomes read-only."""
    refuse_if_adopted(version.pk)
    computed = compute_version(version)
    for line in computed.lines:
        for year, cell in line.cells.items():
            if cell.source == FED and cell.value is not None:
                BudgetAmount.objects.create(
                    version=version, line_id=line.line.id, year=year, amount=cell.value, frozen=True
                )
    version.status = VersionStatus.ADOPTED
    version.adopted_on = adopted_on
    version.decision_reference = reference
    version.save()


@transaction.atomic
def revise(*, version: BudgetVersion, revised_on: datetime.date, reason: str) -> BudgetVersion:
    """A new draft version from an adopted one, with the revision's date and reason; the old one stays intact."""
    number = version.budget.versions.order_by("-number").values_list("number", flat=True).first() + 1
    revision = BudgetVersion.objects.create(
        budget=version.budget,
        number=number,
        revised_on=revised_on,
        revision_reason=reason,
        opening_equity=version.opening_equity,
    )
    for column in version.columns.all():
        BudgetColumn.objects.create(version=revision, year=column.year, kind=column.kind, label=column.label)
    for amount in version.amounts.filter(frozen=False):
        BudgetAmount.objects.create(
            version=revision, line_id=amount.line_id, year=amount.year, amount=amount.amount
        )
    return revision


@transaction.atomic
def save_outcome(*, values: dict[tuple[int, int], int | None]) -> None:
    """Outcome per (line id, year); None clears it."""
    keys = list(values)
    existing = Outcome.objects.filter(line_id__in={k[0] for k in keys}, year__in={k[1] for k in keys})
    sync_figures(
        {(o.line_id, o.year): o for o in existing},
        values,
        lambda key, amount: Outcome.objects.create(line_id=key[0], year=key[1], amount=amount),
    )

"""Writes of budgets; each in one transaction, and none of them can touch an adopted version."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from budget.allocation import recorded_ceiling
from budget.feeds import live_view
from budget.models import (
    Budget,
    BudgetAmount,
    BudgetColumn,
    BudgetRecord,
    BudgetVersion,
    ColumnKind,
    Outcome,
    VersionStatus,
    refuse_if_adopted,
)
from budget.record import content_sha256, to_content
from finsam.lib.sync import sync_figures
from finsam.models import check_values


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


def _locked(version: BudgetVersion) -> BudgetVersion:
    """The version's row, locked until the transaction ends: of two simultaneous adoptions or revisions, the
    second waits here and then sees what the first did (PostgreSQL; SQLite serialises writers anyway)."""
    return BudgetVersion.objects.select_for_update().select_related("budget__association").get(pk=version.pk)


@transaction.atomic
def adopt(*, version: BudgetVersion, adopted_on: datetime.date, reference: str, by=None) -> BudgetRecord:
    """The board adopts the version: what it shows now is stored as its adoption record, and it becomes read-only.

    The record holds every figure, label, column, per-project row, equity and rule result as they are at this
    moment (budget/record.py); from then on the version is shown from the record only.
    """
    check_values(BudgetVersion, adopted_on=adopted_on, decision_reference=reference)
    locked = _locked(version)
    if locked.status == VersionStatus.ADOPTED:
        raise ValidationError(
            _("Versionen fastställdes redan %(date)s%(reference)s; den har inte ändrats.")
            % {
                "date": locked.adopted_on.isoformat(),
                "reference": f" ({locked.decision_reference})" if locked.decision_reference else "",
            },
            code="already_adopted",
        )
    with translation.override("sv"):  # a document of record is kept in the plan's language
        view = live_view(locked)
    view.adopted_on, view.reference = adopted_on, reference
    view.ceiling = recorded_ceiling(locked.budget.association, view)
    content = to_content(view)
    record = BudgetRecord.objects.create(
        version=locked,
        adopted_on=adopted_on,
        reference=reference,
        content=content,
        sha256=content_sha256(content),
        created_by=by,
    )
    locked.status = VersionStatus.ADOPTED
    locked.adopted_on = adopted_on
    locked.decision_reference = reference
    locked.save(update_fields=["status", "adopted_on", "decision_reference"])
    version.status, version.adopted_on, version.decision_reference = (
        locked.status,
        locked.adopted_on,
        locked.decision_reference,
    )
    return record


@transaction.atomic
def revise(*, version: BudgetVersion, revised_on: datetime.date, reason: str) -> BudgetVersion:
    """A new draft version from an adopted one, with the revision's date and reason; the old one stays intact.

    Only the latest version is revised, and only once: a second "Revidera" (a double click, a colleague at the
    same moment) is told about the draft that already exists instead of starting another.
    """
    check_values(BudgetVersion, revised_on=revised_on, revision_reason=reason)
    Budget.objects.select_for_update().filter(pk=version.budget_id).first()  # one revision at a time
    locked = _locked(version)
    if locked.status != VersionStatus.ADOPTED:
        raise ValidationError(_("Bara en fastställd version revideras; ett utkast ändras direkt."))
    latest = locked.budget.versions.order_by("-number").first()
    if latest.pk != locked.pk:
        raise ValidationError(
            _("Det finns redan en senare version (version %(number)s, %(status)s). Ändra den i stället.")
            % {"number": latest.number, "status": latest.get_status_display().lower()},
            code="newer_version_exists",
        )
    revision = BudgetVersion.objects.create(
        budget=locked.budget,
        number=latest.number + 1,
        revised_on=revised_on,
        revision_reason=reason,
        opening_equity=locked.opening_equity,
    )
    for column in locked.columns.all():
        BudgetColumn.objects.create(version=revision, year=column.year, kind=column.kind, label=column.label)
    for amount in locked.amounts.filter(frozen=False):
        BudgetAmount.objects.create(
            version=revision, line_id=amount.line_id, year=amount.year, amount=amount.amount
        )
    return revision


@transaction.atomic
def save_outcome(*, values: dict[tuple[int, int], int | None]) -> None:
    """Outcome per (line id, year); None clears it. A figure entered over an example figure is no example."""
    keys = list(values)
    existing = {
        (o.line_id, o.year): o
        for o in Outcome.objects.filter(line_id__in={k[0] for k in keys}, year__in={k[1] for k in keys})
    }
    entered = [
        row
        for key, row in existing.items()
        if row.is_example and values.get(key, row.amount) not in (None, row.amount)
    ]
    sync_figures(
        existing,
        values,
        lambda key, amount: Outcome.objects.create(line_id=key[0], year=key[1], amount=amount),
    )
    for row in entered:
        row.is_example = False
        row.save(update_fields=["is_example"])


def backfill_adoption_records(*, using: str = "default") -> int:
    """Adoption records for adopted versions without one (adopted before records existed); returns how many.

    Their fed figures were frozen as amounts at adoption and are used as they were; everything else is taken
    as it stands now, the best that can still be known.
    """
    missing = BudgetVersion.objects.using(using).filter(status=VersionStatus.ADOPTED, record__isnull=True)
    count = 0
    for version in missing.select_related("budget__association"):
        with transaction.atomic(using=using), translation.override("sv"):
            view = live_view(version)
            view.ceiling = recorded_ceiling(version.budget.association, view)
            content = to_content(view)
            BudgetRecord.objects.using(using).create(
                version=version,
                adopted_on=version.adopted_on,
                reference=version.decision_reference,
                content=content,
                sha256=content_sha256(content),
            )
        count += 1
    return count

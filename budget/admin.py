from django.contrib import admin

from budget.models import (
    Budget,
    BudgetAmount,
    BudgetColumn,
    BudgetLine,
    BudgetRecord,
    BudgetSettings,
    BudgetVersion,
    EquityCeilingStep,
    Outcome,
    StateAllocationBasis,
)
from finsam.admin import AssociationScopedAdmin, ReadOnlyRecordAdmin, ScopedInline


@admin.register(BudgetLine)
class BudgetLineAdmin(AssociationScopedAdmin):
    list_display = ["name", "group", "kind", "position", "first_year", "last_year"]
    list_filter = ["group", "kind"]


@admin.register(BudgetSettings)
class BudgetSettingsAdmin(AssociationScopedAdmin):
    list_display = [
        "association",
        "min_liquidity",
        "new_project_reserve",
        "reservation_threshold",
        "equity_ceiling",
    ]


@admin.register(Budget)
class BudgetAdmin(AssociationScopedAdmin):
    list_display = ["plan_year", "title", "association"]


class BudgetColumnInline(ScopedInline):
    model = BudgetColumn
    extra = 0


@admin.register(BudgetVersion)
class BudgetVersionAdmin(AssociationScopedAdmin):
    list_display = ["budget", "number", "status", "adopted_on", "revised_on"]
    inlines = [BudgetColumnInline]


@admin.register(BudgetAmount)
class BudgetAmountAdmin(AssociationScopedAdmin):
    list_display = ["version", "line", "year", "amount", "frozen"]


@admin.register(Outcome)
class OutcomeAdmin(AssociationScopedAdmin):
    list_display = ["line", "year", "amount"]


@admin.register(BudgetRecord)
class BudgetRecordAdmin(ReadOnlyRecordAdmin):
    list_display = ["version", "adopted_on", "reference", "sha256", "created_by"]
    exclude = ["content"]


@admin.register(StateAllocationBasis)
class StateAllocationBasisAdmin(AssociationScopedAdmin):
    list_display = ["year", "statistics_year", "national_amount", "associations", "base_amount"]


@admin.register(EquityCeilingStep)
class EquityCeilingStepAdmin(AssociationScopedAdmin):
    list_display = ["association", "up_to", "max_share"]

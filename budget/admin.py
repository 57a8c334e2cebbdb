from django.contrib import admin

from budget.models import (
    Budget,
    BudgetAmount,
    BudgetColumn,
    BudgetLine,
    BudgetSettings,
    BudgetVersion,
    Outcome,
)
from finsam.admin import AssociationScopedAdmin, ScopedInline


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


class LockedWhenAdopted:
    """An adopted version and its rows are read-only in the admin too (the models refuse the write anyway)."""

    @staticmethod
    def _version_of(obj):
        return obj if isinstance(obj, BudgetVersion) else getattr(obj, "version", None)

    def has_change_permission(self, request, obj=None):
        version = self._version_of(obj) if obj else None
        if version is not None and version.is_adopted:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        version = self._version_of(obj) if obj else None
        if version is not None and version.is_adopted:
            return False
        return super().has_delete_permission(request, obj)


class BudgetColumnInline(LockedWhenAdopted, ScopedInline):
    model = BudgetColumn
    extra = 0


@admin.register(BudgetVersion)
class BudgetVersionAdmin(LockedWhenAdopted, AssociationScopedAdmin):
    list_display = ["budget", "number", "status", "adopted_on", "revised_on"]
    inlines = [BudgetColumnInline]


@admin.register(BudgetAmount)
class BudgetAmountAdmin(LockedWhenAdopted, AssociationScopedAdmin):
    list_display = ["version", "line", "year", "amount", "frozen"]


@admin.register(Outcome)
class OutcomeAdmin(AssociationScopedAdmin):
    list_display = ["line", "year", "amount"]

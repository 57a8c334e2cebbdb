from django.contrib import admin
from django.utils.translation import gettext as _

from finsam.admin import AssociationScopedAdmin, ScopedInline
from finsam.forms import GuardedModelForm
from projects.models import (
    Application,
    ApplicationRound,
    ApplicationYearAmount,
    Decision,
    Project,
    ProjectRules,
    ProjectYearAmount,
    Requisition,
)
from projects.services import outside_period


class ReadOnlyMoney:
    """Granted amounts and their yearly split are changed only through the project pages, where the services
    keep years and total in agreement; the admin shows them."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ProjectYearAmountInline(ReadOnlyMoney, ScopedInline):
    model = ProjectYearAmount
    extra = 0


class DecisionInline(ReadOnlyMoney, ScopedInline):
    model = Decision
    fk_name = "project"
    extra = 0


class ProjectAdminForm(GuardedModelForm):
    """The admin moves a project's dates but not its money (ReadOnlyMoney), so dates that would leave a yearly
    amount outside the period are refused here; the project's page moves both together."""

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if self.instance.pk is None or start is None or "start" in self.errors or "end" in self.errors:
            return cleaned
        amounts = dict(self.instance.year_amounts.values_list("year", "amount"))
        problem = outside_period(amounts, start, end)
        if problem:
            field = "start" if "start" in self.changed_data and "end" not in self.changed_data else "end"
            self.add_error(
                field,
                f"{problem} "
                + _("Ändra datumen på insatsens sida i stället; där fördelas beloppen per år om efter dem."),
            )
        return cleaned


@admin.register(Project)
class ProjectAdmin(AssociationScopedAdmin):
    form = ProjectAdminForm
    list_display = ["number", "name", "owner", "kind", "status", "start", "end"]
    list_filter = ["status", "kind", "long_term_county_wide", "esf_funded"]
    search_fields = ["number", "name"]
    inlines = [DecisionInline, ProjectYearAmountInline]


class ApplicationYearAmountInline(ScopedInline):
    model = ApplicationYearAmount
    extra = 0


@admin.register(Application)
class ApplicationAdmin(AssociationScopedAdmin):
    list_display = ["name", "applicant", "round", "status", "start", "end"]
    list_filter = ["status"]
    inlines = [ApplicationYearAmountInline]


@admin.register(ApplicationRound)
class ApplicationRoundAdmin(AssociationScopedAdmin):
    list_display = ["name", "deadline", "decision_meeting"]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyMoney, AssociationScopedAdmin):
    list_display = ["decided_on", "reference", "outcome", "granted_amount", "project", "application"]
    list_filter = ["outcome"]


@admin.register(Requisition)
class RequisitionAdmin(AssociationScopedAdmin):
    list_display = ["project", "period_start", "period_end", "amount"]


@admin.register(ProjectRules)
class ProjectRulesAdmin(AssociationScopedAdmin):
    list_display = ["association", "max_length_months", "min_long_term_share"]

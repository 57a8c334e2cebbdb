from django.contrib import admin

from finsam.admin import AssociationScopedAdmin, ScopedInline
from followup.models import (
    Activity,
    ActivityParticipants,
    BenefitSum,
    FollowupSettings,
    Goal,
    PeriodReport,
    PlannedParticipants,
    ResultTarget,
    StaffReached,
    StatusReport,
    StructuralReport,
)


class ResultTargetInline(ScopedInline):
    model = ResultTarget
    extra = 0


@admin.register(Goal)
class GoalAdmin(AssociationScopedAdmin):
    list_display = ["year", "number", "text"]
    list_filter = ["year"]
    inlines = [ResultTargetInline]


class ActivityParticipantsInline(ScopedInline):
    model = ActivityParticipants
    extra = 0


@admin.register(Activity)
class ActivityAdmin(AssociationScopedAdmin):
    list_display = ["date", "title", "kind", "is_example"]
    inlines = [ActivityParticipantsInline]


class StaffReachedInline(ScopedInline):
    model = StaffReached
    extra = 0


@admin.register(StructuralReport)
class StructuralReportAdmin(AssociationScopedAdmin):
    list_display = ["project", "year", "period", "activities"]
    inlines = [StaffReachedInline]


for model in (FollowupSettings, PeriodReport, PlannedParticipants, StatusReport, BenefitSum):
    admin.site.register(model, AssociationScopedAdmin)

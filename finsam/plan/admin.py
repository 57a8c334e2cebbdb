from django.contrib import admin

from finsam.admin import AssociationScopedAdmin, ReadOnlyRecordAdmin, ScopedInline
from finsam.plan.models import CycleItem, Plan, PlanVersion, RiskItem, Section


class SectionInline(ScopedInline):
    model = Section
    extra = 0


@admin.register(Plan)
class PlanAdmin(AssociationScopedAdmin):
    list_display = ["year", "kind", "title", "association", "status", "reference"]
    list_filter = ["kind", "status"]
    inlines = [SectionInline]


for plan_model in (CycleItem, RiskItem):
    admin.site.register(plan_model, AssociationScopedAdmin)


@admin.register(PlanVersion)
class PlanVersionAdmin(ReadOnlyRecordAdmin):
    list_display = ["plan", "number", "adopted_on", "reference", "paragraph", "pdf_sha256"]
    exclude = ["document", "pdf", "xlsx"]

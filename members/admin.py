from django.contrib import admin

from finsam.admin import AssociationScopedAdmin, ScopedInline
from members.models import (
    BoardSeat,
    FeeYear,
    FixedShare,
    LocalGroup,
    MemberOrganisation,
    Population,
    PreparatoryGroupMember,
)


@admin.register(MemberOrganisation)
class MemberOrganisationAdmin(AssociationScopedAdmin):
    list_display = ["name", "kind", "association", "member_from", "member_to", "local_group"]
    list_filter = ["kind"]
    search_fields = ["name", "org_number"]


@admin.register(LocalGroup)
class LocalGroupAdmin(AssociationScopedAdmin):
    list_display = ["name", "association"]


class FixedShareInline(ScopedInline):
    model = FixedShare
    extra = 0


@admin.register(FeeYear)
class FeeYearAdmin(AssociationScopedAdmin):
    list_display = ["year", "association", "total", "status", "split_method"]
    list_filter = ["status", "split_method"]
    inlines = [FixedShareInline]


@admin.register(Population)
class PopulationAdmin(AssociationScopedAdmin):
    list_display = ["member", "reference_date", "age_band", "inhabitants"]
    list_filter = ["reference_date", "age_band"]


@admin.register(BoardSeat)
class BoardSeatAdmin(AssociationScopedAdmin):
    list_display = ["person_name", "role", "office", "member", "term_from", "term_to"]
    list_filter = ["role"]
    search_fields = ["person_name"]


@admin.register(PreparatoryGroupMember)
class PreparatoryGroupMemberAdmin(AssociationScopedAdmin):
    list_display = ["person_name", "title", "member"]

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction
from simple_history.admin import SimpleHistoryAdmin

from finsam.access import Role, associations_for
from finsam.forms import GuardedModelForm
from finsam.models import AccessGrant, Association, RecordGuarded


def _locked(obj) -> bool:
    """A row of a document of record (adopted budget or plan): the admin shows it read-only."""
    if not isinstance(obj, RecordGuarded) or obj.pk is None:
        return False
    try:
        obj.refuse_write()
    except ValidationError:
        return True
    return False


class ScopedChoicesMixin:
    """Foreign-key and many-to-many choices limited to the office user's own associations' rows."""

    def _limit(self, db_field, request, kwargs):
        related = db_field.related_model
        if not request.user.is_superuser and hasattr(related, "association_path"):
            allowed = associations_for(request.user, roles=[Role.KANSLI])
            kwargs["queryset"] = related._default_manager.filter(
                **{f"{related.association_path}__in": allowed}
            )
        return kwargs

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return super().formfield_for_foreignkey(db_field, request, **self._limit(db_field, request, kwargs))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return super().formfield_for_manytomany(db_field, request, **self._limit(db_field, request, kwargs))


class ScopedInline(ScopedChoicesMixin, admin.TabularInline):
    """An inline of an AssociationScopedAdmin; its choices are scoped the same way, each row is guarded
    against lost updates, and it is read-only while its parent is a document of record."""

    form = GuardedModelForm

    def has_add_permission(self, request, obj=None):
        return not _locked(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not _locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _locked(obj) and super().has_delete_permission(request, obj)


class AssociationScopedAdmin(ScopedChoicesMixin, SimpleHistoryAdmin):
    """Admin for a domain model: office staff see and change rows of their own associations only.

    Django's per-model permissions are not used for this; the association grants decide. Choices of
    foreign keys are limited the same way, so a row cannot be moved into another association. The change form
    carries the same change marker as the site's own forms (finsam/concurrency.py), so of two simultaneous
    saves one wins and the other is told to reload.
    """

    form = GuardedModelForm

    def _office_association_ids(self, request):
        return associations_for(request.user, roles=[Role.KANSLI])

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(
            **{f"{self.model.association_path}__in": self._office_association_ids(request)}
        )

    def _may_use(self, request, obj=None) -> bool:
        user = request.user
        if not user.is_active:
            return False
        if user.is_superuser:
            return True
        allowed = self._office_association_ids(request)
        if obj is None:
            return allowed.exists()
        return allowed.filter(association_id=obj.get_association_id()).exists()

    def has_module_permission(self, request):
        return self._may_use(request)

    def has_view_permission(self, request, obj=None):
        return self._may_use(request, obj)

    def has_add_permission(self, request):
        return self._may_use(request)

    def has_change_permission(self, request, obj=None):
        return self._may_use(request, obj) and not _locked(obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_use(request, obj) and not _locked(obj)

    @transaction.atomic
    def delete_queryset(self, request, queryset):
        """ "Delete selected" deletes each row through its own `delete`, as the site's delete pages do.

        Django's default is one bulk `queryset.delete()`, which skips the model's `delete` and so the deletion
        batch (finsam/history.py): the history page would then restore only the rows themselves, not what each
        deletion emptied or unlinked. One batch per selected row, so each can be restored on its own; a row
        already gone with an earlier one of the selection (a cascade) is not deleted twice.
        """
        for obj in queryset:
            if type(obj)._default_manager.filter(pk=obj.pk).exists():
                obj.delete()


class ReadOnlyRecordAdmin(AssociationScopedAdmin):
    """A document of record in the admin: shown, never added, changed or deleted here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SuperuserOnlyAdmin(SimpleHistoryAdmin):
    """Associations and grants are managed by superusers only."""

    form = GuardedModelForm

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_delete_permission(self, request, obj=None):
        return self.has_module_permission(request)


class AccessGrantInline(admin.TabularInline):
    model = AccessGrant
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Association)
class AssociationAdmin(SuperuserOnlyAdmin):
    list_display = ["name", "short_name", "slug", "org_number", "county"]
    search_fields = ["name", "short_name", "slug", "org_number"]
    prepopulated_fields = {"slug": ["short_name"]}
    inlines = [AccessGrantInline]


@admin.register(AccessGrant)
class AccessGrantAdmin(SuperuserOnlyAdmin):
    list_display = ["user", "association", "role"]
    list_filter = ["role", "association"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "association__name"]
    autocomplete_fields = ["user", "association"]

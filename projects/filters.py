"""The filters of the project and application lists (django-filter), limited to the association's own rows.

The query-string names stay Swedish (`status`, `slag`, `agare`, `omgang`) so bookmarked lists keep working. An
invalid value filters nothing and says why beside its field; it never fails the page.
"""

import django_filters
from django.utils.translation import gettext_lazy as _

from members.models import MemberOrganisation
from projects.models import ApplicationRound, ApplicationStatus, ProjectKind, ProjectStatus

ALL = _("Alla")


class _BootstrapFilterSet(django_filters.FilterSet):
    def __init__(self, data=None, *args, association, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.association = association
        for name, field in self.form.fields.items():
            field.widget.attrs.update({"class": "form-select", "id": f"f-{name}"})
            if hasattr(field, "queryset"):
                field.queryset = field.queryset.filter(association=association)

    def chosen(self) -> dict[str, str]:
        """The values as typed (for links that keep the filter)."""
        return {name: self.form[name].value() or "" for name in self.form.fields}


class ProjectFilter(_BootstrapFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ProjectStatus.choices, empty_label=ALL)
    slag = django_filters.ChoiceFilter(
        field_name="kind", label=_("Slag"), choices=ProjectKind.choices, empty_label=ALL
    )
    agare = django_filters.ModelChoiceFilter(
        field_name="owner",
        label=_("Insatsägare"),
        queryset=MemberOrganisation.objects.order_by("name"),
        empty_label=ALL,
    )


class ApplicationFilter(_BootstrapFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ApplicationStatus.choices, empty_label=ALL
    )
    omgang = django_filters.ModelChoiceFilter(
        field_name="round",
        label=_("Ansökningsomgång"),
        queryset=ApplicationRound.objects.order_by("-deadline"),
        empty_label=ALL,
    )
    sokande = django_filters.ModelChoiceFilter(
        field_name="applicant",
        label=_("Sökande"),
        queryset=MemberOrganisation.objects.order_by("name"),
        empty_label=ALL,
    )

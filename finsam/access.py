"""Who may do what: every view fetches its association through `get_access`.

Rules (tested as a matrix in tests/finsam/test_access.py):
- no grant for the association (or it does not exist): 404, so outsiders cannot even learn it exists;
- a grant whose role lacks the capability: 403;
- superusers act as office staff in every association.
"""

from dataclasses import dataclass
from enum import Enum

from django.core.exceptions import PermissionDenied
from django.http import Http404

from finsam.models import AccessGrant, Association, Role


class Need(Enum):
    VIEW = "view"
    EDIT = "edit"
    DOWNLOAD_DOCUMENTS = "download_documents"
    EXPORT_SPREADSHEETS = "export_spreadsheets"
    VIEW_HISTORY = "view_history"


CAPABILITIES: dict[str, frozenset[Need]] = {
    Role.KANSLI: frozenset(Need),
    Role.STYRELSE: frozenset({Need.VIEW, Need.DOWNLOAD_DOCUMENTS}),
    Role.REVISOR: frozenset(
        {Need.VIEW, Need.DOWNLOAD_DOCUMENTS, Need.EXPORT_SPREADSHEETS, Need.VIEW_HISTORY}
    ),
}


@dataclass(frozen=True)
class Access:
    """An association as one user may use it; templates ask `access.can_edit` and so on."""

    association: Association
    role: str

    def can(self, need: Need) -> bool:
        return need in CAPABILITIES[self.role]

    @property
    def can_edit(self) -> bool:
        return self.can(Need.EDIT)

    @property
    def can_download_documents(self) -> bool:
        return self.can(Need.DOWNLOAD_DOCUMENTS)

    @property
    def can_export_spreadsheets(self) -> bool:
        return self.can(Need.EXPORT_SPREADSHEETS)

    @property
    def can_view_history(self) -> bool:
        return self.can(Need.VIEW_HISTORY)

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label)


def find_access(user, slug: str) -> Access | None:
    """The user's access to the association `slug`, or None. One query."""
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        association = Association.objects.filter(slug=slug).first()
        return Access(association, Role.KANSLI) if association else None
    grant = (
        AccessGrant.objects.select_related("association").filter(user=user, association__slug=slug).first()
    )
    return Access(grant.association, grant.role) if grant else None


def get_access(user, slug: str, need: Need = Need.VIEW) -> Access:
    access = find_access(user, slug)
    if access is None:
        raise Http404("Inget sådant samordningsförbund.")
    if not access.can(need):
        raise PermissionDenied
    return access


def associations_for(user, roles=None):
    """Ids of the associations the user holds a grant in (a subquery, not evaluated here)."""
    grants = AccessGrant.objects.filter(user=user)
    if roles is not None:
        grants = grants.filter(role__in=roles)
    return grants.values("association_id")


def visible_associations(user):
    if user.is_superuser:
        return Association.objects.all()
    return Association.objects.filter(pk__in=associations_for(user))


def is_office_staff_anywhere(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or AccessGrant.objects.filter(user=user, role=Role.KANSLI).exists()

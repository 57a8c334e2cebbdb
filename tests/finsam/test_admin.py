from django.urls import reverse

from finsam.models import AccessGrant, Association


def test_office_staff_may_enter_the_admin(client, office_user):
    client.force_login(office_user)
    assert client.get(reverse("admin:index")).status_code == 200


def test_board_members_and_auditors_are_kept_out_of_the_admin(client, board_user, auditor_user):
    for user in (board_user, auditor_user):
        client.force_login(user)
        assert client.get(reverse("admin:index")).status_code == 403


def test_anonymous_admin_visitors_are_sent_to_the_sites_login(client, db):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/logga-in/")


def test_only_superusers_manage_associations_and_grants(client, office_user, association, django_user_model):
    client.force_login(office_user)
    assert client.get(reverse("admin:finsam_association_changelist")).status_code == 403
    assert client.get(reverse("admin:finsam_accessgrant_changelist")).status_code == 403
    root = django_user_model.objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(root)
    assert client.get(reverse("admin:finsam_association_changelist")).status_code == 200
    response = client.post(
        reverse("admin:finsam_accessgrant_add"),
        {"user": office_user.pk, "association": association.pk, "role": "revisor"},
    )
    # one role per user and association: refused, nothing stored twice
    assert response.status_code == 200
    assert AccessGrant.objects.filter(user=office_user).count() == 1
    assert Association.objects.count() == 1


def test_the_admin_login_address_leads_office_staff_on_into_the_admin(client, office_user):
    response = client.get("/admin/login/?next=/admin/")
    assert response["Location"] == "/konto/logga-in/?next=/admin/"
    client.force_login(office_user)
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def _scoped_admin_request(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def test_scoped_admin_shows_office_staff_only_their_associations_rows(
    office_user, association, other_association
):
    from django.contrib import admin as django_admin

    from finsam.admin import AssociationScopedAdmin
    from members.models import MemberOrganisation
    from projects.models import Project
    from tests.factories import MemberOrganisationFactory, ProjectFactory

    own = MemberOrganisationFactory(association=association, name="Egen kommun")
    foreign = MemberOrganisationFactory(association=other_association, name="Annans kommun")
    request = _scoped_admin_request(office_user)

    member_admin = AssociationScopedAdmin(MemberOrganisation, django_admin.site)
    assert list(member_admin.get_queryset(request)) == [own]
    assert member_admin.has_change_permission(request, own)
    assert not member_admin.has_change_permission(request, foreign)
    assert not member_admin.has_delete_permission(request, foreign)

    # a project's owner can only be chosen among the user's own associations' members
    project_admin = AssociationScopedAdmin(Project, django_admin.site)
    owner_field = project_admin.formfield_for_foreignkey(Project._meta.get_field("owner"), request)
    assert list(owner_field.queryset) == [own]

    # rows below another model are scoped along their association path
    own_project = ProjectFactory(owner=own)
    ProjectFactory(owner=foreign)
    from projects.models import ProjectYearAmount

    ProjectYearAmount.objects.create(project=own_project, year=2010, amount=5)
    amount_admin = AssociationScopedAdmin(ProjectYearAmount, django_admin.site)
    assert [row.project for row in amount_admin.get_queryset(request)] == [own_project]


def test_scoped_admin_refuses_board_members(board_user, association):
    from django.contrib import admin as django_admin

    from finsam.admin import AssociationScopedAdmin
    from members.models import MemberOrganisation

    member_admin = AssociationScopedAdmin(MemberOrganisation, django_admin.site)
    request = _scoped_admin_request(board_user)
    assert not member_admin.has_module_permission(request)
    assert list(member_admin.get_queryset(request)) == []

import pytest
from django.urls import reverse

from finsam.access import Need
from finsam.models import Role
from tests.access_matrix import ROLES, assert_login_required, assert_matrix_cell
from tests.factories import AccessGrantFactory

# (url name, extra kwargs, capability needed)
URLS = [
    ("association", {}, Need.VIEW),
    ("association_edit", {}, Need.EDIT),
    ("association_history", {}, Need.VIEW_HISTORY),
    ("plan_year", {"year": 2023}, Need.VIEW),
]


@pytest.mark.parametrize("name,kwargs,need", URLS)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("own", [True, False])
def test_access_matrix(client, users_by_role, association, other_association, name, kwargs, need, role, own):
    target = association if own else other_association
    url = reverse(name, kwargs={"slug": target.slug, **kwargs})
    assert_matrix_cell(client, users_by_role[role], url, role, need, own)


@pytest.mark.parametrize("name,kwargs,need", URLS)
def test_anonymous_users_are_sent_to_login(client, association, name, kwargs, need):
    assert_login_required(client, reverse(name, kwargs={"slug": association.slug, **kwargs}))


def test_an_unknown_association_answers_404_like_a_foreign_one(client, office_user):
    client.force_login(office_user)
    assert client.get("/finns-inte/").status_code == 404


def test_superuser_acts_as_office_staff_everywhere(client, association, other_association, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(admin)
    assert client.get(reverse("association_edit", kwargs={"slug": other_association.slug})).status_code == 200


def test_inactive_user_loses_access(client, office_user, association):
    client.force_login(office_user)
    office_user.is_active = False
    office_user.save()
    response = client.get(reverse("association", kwargs={"slug": association.slug}))
    assert response.status_code == 302


def test_plan_year_outside_the_planning_window_answers_404(client, office_user, association):
    client.force_login(office_user)
    assert (
        client.get(reverse("plan_year", kwargs={"slug": association.slug, "year": 1999})).status_code == 404
    )
    assert (
        client.get(reverse("plan_year", kwargs={"slug": association.slug, "year": 2004})).status_code == 200
    )


def test_home_lists_only_the_users_associations(client, office_user, association, other_association):
    AccessGrantFactory(user=office_user, association=other_association, role=Role.STYRELSE)
    third = AccessGrantFactory(role=Role.KANSLI).association
    client.force_login(office_user)
    response = client.get("/")
    assert response.status_code == 200
    content = response.content.decode()
    assert association.name in content
    assert other_association.name in content
    assert third.name not in content


def test_home_goes_straight_to_the_only_association(client, office_user, association):
    client.force_login(office_user)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/eget/"


def test_board_member_sees_no_edit_button_but_office_staff_do(client, office_user, board_user, association):
    url = reverse("association", kwargs={"slug": association.slug})
    edit_url = reverse("association_edit", kwargs={"slug": association.slug})
    client.force_login(board_user)
    assert edit_url not in client.get(url).content.decode()
    client.force_login(office_user)
    assert edit_url in client.get(url).content.decode()

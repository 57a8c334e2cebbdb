"""Every import page: office staff only (board and auditors 403, outsiders 404, anonymous to login)."""

import pytest
from django.urls import reverse

from finsam.access import Need
from finsam.models import PendingImport
from tests.access_matrix import ROLES, assert_login_required, assert_matrix_cell
from tests.workbooks import upload, workbook

URLS = ["budget:import", "members:fee_import", "members:population_import", "projects:import"]


@pytest.mark.parametrize("name", URLS)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("own", [True, False])
def test_access_matrix(client, users_by_role, association, other_association, name, role, own):
    target = association if own else other_association
    url = reverse(name, kwargs={"slug": target.slug})
    assert_matrix_cell(client, users_by_role[role], url, role, Need.EDIT, own)


@pytest.mark.parametrize("name", URLS)
def test_anonymous_users_are_sent_to_login(client, association, name):
    assert_login_required(client, reverse(name, kwargs={"slug": association.slug}))


@pytest.mark.parametrize("name", URLS)
def test_read_only_roles_and_outsiders_cannot_upload(
    client, board_user, auditor_user, outsider, association, name
):
    url = reverse(name, kwargs={"slug": association.slug})
    data = workbook([["Rad", "Budget 2010"], ["Styrelse", 230]])
    for user, status in [(board_user, 403), (auditor_user, 403), (outsider, 404)]:
        client.force_login(user)
        assert client.post(url, {"file": upload(data)}).status_code == status
        assert client.post(url, {"confirm": "1", "sha256": "0" * 64}).status_code == status
    assert not PendingImport.objects.exists()


def test_a_preview_of_another_user_cannot_be_confirmed(client, office_user, association):
    from finsam.models import Role
    from tests.factories import AccessGrantFactory, UserFactory

    colleague = UserFactory(username="kansli2")
    AccessGrantFactory(user=colleague, association=association, role=Role.KANSLI)
    url = reverse("budget:import", kwargs={"slug": association.slug})
    client.force_login(office_user)
    preview = client.post(url, {"file": upload(workbook([["Rad", "Budget 2010"], ["Styrelse", 230]]))})
    client.force_login(colleague)
    assert client.post(url, {"confirm": "1", "sha256": preview.context["sha256"]}).status_code == 302
    from budget.models import BudgetAmount

    assert not BudgetAmount.objects.exists()

import pytest
from django.urls import reverse

from budget.models import Budget
from finsam.access import Need
from tests.access_matrix import ROLES, assert_login_required, assert_matrix_cell
from tests.factories import BudgetColumnFactory, BudgetLineFactory, BudgetVersionFactory


def _objects(association):
    line = BudgetLineFactory(association=association)
    version = BudgetVersionFactory(budget__association=association, budget__plan_year=2010)
    BudgetColumnFactory(version=version, year=2010)
    BudgetVersionFactory(budget=version.budget, number=2)
    return {"line": line.pk}


URLS = [
    ("budget:list", lambda o: {}, Need.VIEW),
    ("budget:lines", lambda o: {}, Need.VIEW),
    ("budget:line_create", lambda o: {}, Need.EDIT),
    ("budget:line_edit", lambda o: {"pk": o["line"]}, Need.EDIT),
    ("budget:line_delete", lambda o: {"pk": o["line"]}, Need.EDIT),
    ("budget:settings", lambda o: {}, Need.EDIT),
    ("budget:detail", lambda o: {"year": 2010}, Need.VIEW),
    ("budget:compare", lambda o: {"year": 2010}, Need.VIEW),
    ("budget:outcome", lambda o: {"year": 2010}, Need.EDIT),
    ("budget:grid", lambda o: {"year": 2010, "number": 1}, Need.EDIT),
    ("budget:pdf", lambda o: {"year": 2010}, Need.DOWNLOAD_DOCUMENTS),
    ("budget:xlsx", lambda o: {"year": 2010}, Need.EXPORT_SPREADSHEETS),
]
POST_ONLY = [
    ("budget:create", {}),
    ("budget:adopt", {"year": 2010, "number": 1}),
    ("budget:revise", {"year": 2010, "number": 1}),
]


@pytest.mark.parametrize("name,kwargs,need", URLS)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("own", [True, False])
def test_access_matrix(client, users_by_role, association, other_association, name, kwargs, need, role, own):
    target = association if own else other_association
    url = reverse(name, kwargs={"slug": target.slug, **kwargs(_objects(target))})
    assert_matrix_cell(client, users_by_role[role], url, role, need, own)


@pytest.mark.parametrize("name,kwargs,need", URLS)
def test_anonymous_users_are_sent_to_login(client, association, name, kwargs, need):
    assert_login_required(
        client, reverse(name, kwargs={"slug": association.slug, **kwargs(_objects(association))})
    )


@pytest.mark.parametrize("name,kwargs", POST_ONLY)
def test_post_only_urls_refuse_get_read_only_roles_and_outsiders(
    client, office_user, board_user, auditor_user, outsider, association, name, kwargs
):
    _objects(association)
    url = reverse(name, kwargs={"slug": association.slug, **kwargs})
    client.force_login(office_user)
    assert client.get(url).status_code == 405
    for user in (board_user, auditor_user):
        client.force_login(user)
        assert (
            client.post(
                url,
                {"plan_year": 2030, "adopted_on": "2010-01-01", "revised_on": "2010-01-01", "reason": "x"},
            ).status_code
            == 403
        )
    client.force_login(outsider)
    assert client.post(url, {"plan_year": 2030}).status_code == 404
    assert not Budget.objects.filter(plan_year=2030).exists()


def test_office_staff_create_a_budget_with_forecast_and_plan_columns(client, office_user, association):
    client.force_login(office_user)
    response = client.post(
        reverse("budget:create", kwargs={"slug": association.slug}),
        {"plan_year": 2027, "forecast": "on", "plan_years_after": 2},
    )
    assert response.status_code == 302
    version = Budget.objects.get(association=association, plan_year=2027).versions.get()
    assert list(version.columns.values_list("year", "kind")) == [
        (2026, "forecast"),
        (2027, "budget"),
        (2028, "plan"),
        (2029, "plan"),
    ]


def test_a_year_without_budget_offers_to_create_one_instead_of_a_dead_end(
    client, office_user, board_user, association
):
    client.force_login(office_user)
    response = client.get(reverse("budget:detail", kwargs={"slug": association.slug, "year": 2031}))
    assert response.status_code == 404
    page = response.content.decode()
    assert "Det finns ingen budget för 2031 ännu." in page
    assert 'value="2031"' in page
    client.force_login(board_user)
    assert (
        "Skapa budget"
        not in client.get(
            reverse("budget:detail", kwargs={"slug": association.slug, "year": 2031})
        ).content.decode()
    )

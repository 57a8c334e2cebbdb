"""Every edit form carries a change marker; a save without it, or with an old one, is refused with a message."""

from django.urls import reverse

from budget.models import BudgetAmount, BudgetLine
from tests.factories import BudgetColumnFactory, BudgetLineFactory, BudgetVersionFactory
from tests.forms import form_fields, submit

MISSING = "Sidan saknar uppgift om vilken version av uppgifterna den visade"
STALE = "efter att du öppnade sidan. Dina ändringar har inte sparats"


def _without_marker(client, url, changes, marker="history_marker"):
    data = form_fields(client.get(url).content.decode(), contains=next(iter(changes)))
    data.update({key: [value] for key, value in changes.items()})
    data.pop(marker)
    return client.post(url, data)


def test_an_edit_without_its_marker_is_refused_and_changes_nothing(office_client, association):
    line = BudgetLineFactory(association=association, name="Kansli")
    url = reverse("budget:line_edit", kwargs={"slug": "eget", "pk": line.pk})
    response = _without_marker(office_client, url, {"name": "Annat"})
    assert response.status_code == 200
    assert MISSING in response.content.decode()
    assert BudgetLine.objects.get(pk=line.pk).name == "Kansli"


def test_an_edit_after_someone_elses_save_is_refused_and_names_them(office_client, office_user, association):
    line = BudgetLineFactory(association=association, name="Kansli")
    url = reverse("budget:line_edit", kwargs={"slug": "eget", "pk": line.pk})
    stale = form_fields(office_client.get(url).content.decode(), contains="name")
    assert submit(office_client, url, {"name": "Kansliet"}).status_code == 302
    stale["name"] = ["Personal"]
    response = office_client.post(url, stale)
    assert STALE in response.content.decode()
    assert "kansli1 ändrade uppgifterna" in response.content.decode()
    assert BudgetLine.objects.get(pk=line.pk).name == "Kansliet"


def test_the_budget_grid_refuses_a_save_without_its_marker(office_client, association):
    staff = BudgetLineFactory(association=association, name="Kansli")
    version = BudgetVersionFactory(budget__association=association, budget__plan_year=2010)
    BudgetColumnFactory(version=version, year=2010)
    url = reverse("budget:grid", kwargs={"slug": "eget", "year": 2010, "number": 1})
    response = _without_marker(office_client, url, {f"cell_{staff.pk}_2010": "5"})
    assert MISSING in response.content.decode()
    assert not BudgetAmount.objects.exists()


def test_the_outcome_grid_refuses_a_stale_save(office_client, association):
    staff = BudgetLineFactory(association=association, name="Kansli")
    url = reverse("budget:outcome", kwargs={"slug": "eget", "year": 2010})
    stale = form_fields(office_client.get(url).content.decode(), contains=f"cell_{staff.pk}_2010")
    assert submit(office_client, url, {f"cell_{staff.pk}_2010": "7"}).status_code == 302
    stale[f"cell_{staff.pk}_2010"] = ["9"]
    assert STALE in office_client.post(url, stale).content.decode()
    assert staff.outcomes.get().amount == 7


def test_an_admin_change_form_refuses_a_save_without_its_marker(office_client, association):
    line = BudgetLineFactory(association=association, name="Kansli")
    url = reverse("admin:budget_budgetline_change", args=[line.pk])
    response = _without_marker(office_client, url, {"name": "Annat"})
    assert response.status_code == 200
    assert MISSING in response.content.decode()
    assert BudgetLine.objects.get(pk=line.pk).name == "Kansli"


def test_the_admin_refuses_an_amount_for_an_adopted_version_with_a_message(office_client, association):
    import datetime

    from budget import services

    line = BudgetLineFactory(association=association, name="Kansli")
    version = BudgetVersionFactory(budget__association=association, budget__plan_year=2010)
    BudgetColumnFactory(version=version, year=2010)
    services.adopt(version=version, adopted_on=datetime.date(2009, 11, 20), reference="")
    url = reverse("admin:budget_budgetamount_add")
    data = {"version": version.pk, "line": line.pk, "year": 2010, "amount": 5, "frozen": ""}
    response = office_client.post(url, data)
    assert response.status_code == 200
    assert (
        "Versionen är fastställd och kan inte ändras. Gör en revision i stället." in response.content.decode()
    )
    assert not BudgetAmount.objects.exists()

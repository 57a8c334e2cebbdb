"""Every edit form carries a change marker; a save without it, or with an old one, is refused with a message."""

import datetime

from django.urls import reverse

from budget.models import BudgetAmount, BudgetLine, Outcome
from followup import services
from followup.models import Activity, PeriodReport, StructuralReport
from projects.models import ProjectKind, ProjectYearAmount
from tests.factories import (
    BudgetColumnFactory,
    BudgetLineFactory,
    BudgetVersionFactory,
    MemberOrganisationFactory,
    PeriodReportFactory,
    granted_project,
)
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


def test_the_outcome_grid_refuses_a_save_without_its_marker(office_client, association):
    staff = BudgetLineFactory(association=association, name="Kansli")
    Outcome.objects.create(line=staff, year=2010, amount=7)
    url = reverse("budget:outcome", kwargs={"slug": "eget", "year": 2010})
    response = _without_marker(office_client, url, {f"cell_{staff.pk}_2010": "9"})
    assert response.status_code == 200
    assert MISSING in response.content.decode()
    assert list(Outcome.objects.values_list("line_id", "year", "amount")) == [(staff.pk, 2010, 7)]


def _followup_project(association, **kwargs):
    return granted_project(
        {2023: 600_000},
        owner__association=association,
        name="Steget",
        start=datetime.date(2023, 1, 1),
        end=datetime.date(2023, 12, 31),
        **kwargs,
    )


def _period_url(project):
    return reverse("followup:period", kwargs={"slug": "eget", "year": 2023, "pk": project.pk, "period": 1})


def test_a_period_report_without_its_marker_is_refused_and_changes_nothing(office_client, association):
    report = PeriodReportFactory(project=_followup_project(association))
    response = _without_marker(office_client, _period_url(report.project), {"participated_women": "3"})
    assert response.status_code == 200
    assert MISSING in response.content.decode()
    report.refresh_from_db()
    assert (report.participated_women, report.participated_men) == (10, 10)
    assert PeriodReport.history.filter(id=report.pk).count() == 1  # only its creation


def test_the_structural_grid_refuses_a_save_without_its_marker(office_client, association):
    member = MemberOrganisationFactory(association=association, name="Flens kommun")
    project = _followup_project(association, kind=ProjectKind.STRUCTURAL)
    services.save_structural_report(
        project=project, year=2023, period=1, activities=2, staff={member: {"women": 4}}
    )
    changes = {"activities": "5", f"personal-m{member.pk}_women": "9"}
    response = _without_marker(office_client, _period_url(project), changes, marker="personal-history_marker")
    assert response.status_code == 200
    assert MISSING in response.content.decode()
    report = StructuralReport.objects.get(project=project)
    assert report.activities == 2
    assert list(report.staff.values_list("member_id", "staff_women")) == [(member.pk, 4)]


def test_the_activity_grid_refuses_a_save_without_its_marker(office_client, association):
    member = MemberOrganisationFactory(association=association, name="Flens kommun")
    url = reverse("followup:activity_create", kwargs={"slug": "eget", "year": 2023})
    data = {
        "title": "Temadag",
        "date": "2023-03-01",
        "kind": "competence",
        f"deltagare-m{member.pk}_women": "12",
    }
    assert submit(office_client, url, data).status_code == 302
    activity = Activity.objects.get()
    url = reverse("followup:activity_edit", kwargs={"slug": "eget", "year": 2023, "pk": activity.pk})
    changes = {"title": "Annan dag", f"deltagare-m{member.pk}_women": "30"}
    response = _without_marker(office_client, url, changes, marker="deltagare-history_marker")
    assert response.status_code == 200
    assert MISSING in response.content.decode()
    activity.refresh_from_db()
    assert activity.title == "Temadag"
    assert list(activity.participants.values_list("member_id", "count_women")) == [(member.pk, 12)]


def _years(project) -> dict[int, int]:
    return dict(ProjectYearAmount.objects.filter(project=project).values_list("year", "amount"))


def test_the_project_years_form_refuses_a_save_without_its_marker(office_client, association):
    project = granted_project({2009: 600_000, 2010: 400_000}, owner__association=association, name="Steget")
    url = reverse("projects:years", kwargs={"slug": "eget", "pk": project.pk})
    changes = {"years-0-amount": "500000", "years-1-amount": "500000"}
    response = _without_marker(office_client, url, changes)
    assert response.status_code == 200
    assert MISSING in response.content.decode()
    assert _years(project) == {2009: 600_000, 2010: 400_000}


def test_the_project_years_form_refuses_a_stale_save_and_keeps_the_newer_one(office_client, association):
    project = granted_project({2009: 600_000, 2010: 400_000}, owner__association=association, name="Steget")
    url = reverse("projects:years", kwargs={"slug": "eget", "pk": project.pk})
    stale = form_fields(office_client.get(url).content.decode(), contains="years-0-year")
    assert (
        submit(office_client, url, {"years-0-amount": "500000", "years-1-amount": "500000"}).status_code
        == 302
    )
    stale.update({"years-0-amount": ["700000"], "years-1-amount": ["300000"]})
    response = office_client.post(url, stale)
    assert response.status_code == 200
    assert STALE in response.content.decode()
    assert "kansli1 ändrade uppgifterna" in response.content.decode()
    assert _years(project) == {2009: 500_000, 2010: 500_000}


def test_the_project_years_form_saves_with_a_fresh_marker(office_client, association):
    project = granted_project({2009: 600_000, 2010: 400_000}, owner__association=association, name="Steget")
    url = reverse("projects:years", kwargs={"slug": "eget", "pk": project.pk})
    response = submit(
        office_client, url, {"years-0-amount": "450000", "years-1-amount": "550000"}, follow=True
    )
    assert "Beloppen per år är sparade." in response.content.decode()
    assert _years(project) == {2009: 450_000, 2010: 550_000}

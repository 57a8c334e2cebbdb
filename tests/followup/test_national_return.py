"""Uppföljning Finsam in full: participants once a year, structure-oriented figures, actual equity, the CSV."""

import csv
import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from budget.models import BudgetAmount, LineGroup, LineKind, Outcome
from finsam.access import Need
from finsam.models import Association
from followup.exports import NATIONAL_PROJECT_COLUMNS, national_projects_table
from followup.models import StaffReached, StructuralReport
from followup.national import budget_figures, national_projects, participants_once
from projects.models import ProjectKind, Requisition, SpecifiedFocus
from tests.access_matrix import ROLES, assert_login_required, assert_matrix_cell
from tests.factories import (
    BudgetColumnFactory,
    BudgetLineFactory,
    BudgetVersionFactory,
    MemberOrganisationFactory,
    PeriodReportFactory,
    granted_project,
)


def test_a_participant_in_both_half_years_is_counted_once(association):
    project = granted_project({2023: 500_000}, owner__association=association)
    # 10 women and 10 men take part in the spring; in the autumn 3 women and 1 man start, and the spring's
    # participants go on: 13 women and 11 men take part. The year: 13 and 11, not 23 and 21.
    spring = PeriodReportFactory(project=project, period=1, started_women=10, started_men=10)
    autumn = PeriodReportFactory(
        project=project, period=2, started_women=3, started_men=1, participated_women=13, participated_men=11
    )
    assert participants_once([autumn, spring]) == {"women": 13, "men": 11, "other": 0}
    [row] = national_projects(association, 2023)
    assert row.participants == {"women": 13, "men": 11, "other": 0}
    assert row.participants_total == 24


def test_each_project_carries_every_field_of_the_return(association):
    owner = MemberOrganisationFactory(association=association, name="Eskilstuna kommun")
    individual = granted_project(
        {2023: 800_000},
        owner=owner,
        name="SIKTA",
        number="",
        start=datetime.date(2023, 1, 1),
        end=datetime.date(2024, 12, 31),
        esf_funded=True,
        specified_focus=SpecifiedFocus.PRE_REHABILITATION,
        follow_up_method="Antal deltagare per kön",
        target_group="Unga 16–29 år",
        focus="Förrehabilitering",
    )
    structural = granted_project(
        {2023: 200_000},
        owner=owner,
        name="Kompetens",
        number="",
        kind=ProjectKind.STRUCTURAL,
        start=datetime.date(2023, 1, 1),
        end=datetime.date(2023, 12, 31),
        specified_focus=SpecifiedFocus.STAFF_TRAINING,
    )
    Requisition.objects.create(
        project=individual,
        period_start=datetime.date(2023, 1, 1),
        period_end=datetime.date(2023, 6, 30),
        amount=350_000,
    )
    PeriodReportFactory(project=individual, period=1, started_women=10, started_men=10)
    for period, activities, women, men in ((1, 3, 5, 2), (2, 1, 4, 0)):
        report = StructuralReport.objects.create(
            project=structural, year=2023, period=period, activities=activities
        )
        StaffReached.objects.create(report=report, member=owner, staff_women=women, staff_men=men)
    table = national_projects_table(association, 2023)
    cells = {row.cells["name"]: row.cells for row in table.rows}
    assert cells["SIKTA"] == {
        "name": "SIKTA",
        "owner": "Eskilstuna kommun",
        "kind": "Individinriktad",
        "esf": "Ja",
        "specified_focus": "Förrehabilitering, förberedande insatser",
        "follow_up_method": "Antal deltagare per kön",
        "focus": "Förrehabilitering",
        "target_group": "Unga 16–29 år",
        "budget": 800_000,
        "outcome": 350_000,
        "planned": None,
        "women": 10,
        "men": 10,
        "other": 0,
        "participants": 20,
        "activities": None,
        "staff_women": None,
        "staff_men": None,
        "staff_other": None,
    }
    assert cells["Kompetens"]["kind"] == "Strukturinriktad"
    assert cells["Kompetens"]["esf"] == "Nej"
    assert (
        cells["Kompetens"]["activities"],
        cells["Kompetens"]["staff_women"],
        cells["Kompetens"]["staff_men"],
    ) == (
        4,
        9,
        2,
    )
    assert cells["Kompetens"]["women"] is None


def test_actual_equity_comes_from_the_outcome(association):
    version = BudgetVersionFactory(
        budget__association=association, budget__plan_year=2023, opening_equity=1_000_000
    )
    BudgetColumnFactory(version=version, year=2023)
    fees = BudgetLineFactory(association=association, name="Medlemsavgifter", group=LineGroup.INCOME)
    staff = BudgetLineFactory(
        association=association, name="Kansli", group=LineGroup.COSTS, administration=True
    )
    carried = BudgetLineFactory(
        association=association, name="Överfört", group=LineGroup.INCOME, kind=LineKind.CARRYOVER
    )
    BudgetAmount.objects.create(version=version, line=fees, year=2023, amount=5_000_000)
    BudgetAmount.objects.create(version=version, line=staff, year=2023, amount=1_200_000)
    assert budget_figures(association, 2023).equity_actual is None  # no outcome yet
    Outcome.objects.create(line=fees, year=2023, amount=5_000_000)
    assert budget_figures(association, 2023).equity_actual is None  # the office's outcome is missing
    Outcome.objects.create(line=staff, year=2023, amount=1_350_000)
    Outcome.objects.create(line=carried, year=2023, amount=400_000)  # already in the opening equity
    figures = budget_figures(association, 2023)
    assert figures.equity_actual == 1_000_000 + 5_000_000 - 1_350_000
    assert figures.equity_end == 1_000_000 + 5_000_000 - 1_200_000
    assert (figures.administration_budget, figures.administration_outcome) == (1_200_000, 1_350_000)


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    return Association.objects.get(slug="rar-sormland")


def test_the_demo_2023_page_and_csv_hold_every_field_of_the_return(client, demo):
    client.force_login(get_user_model().objects.get(username="revisor"))
    page = client.get(reverse("followup:national", kwargs={"slug": demo.slug, "year": 2023})).content.decode()
    for _key, label, _kind in NATIONAL_PROJECT_COLUMNS:
        assert str(label) in page
    for label in ("Tilldelade medel", "Eget kapital vid årets slut (utfall)", "Administration, utfall"):
        assert label in page
    response = client.get(reverse("followup:national_csv", kwargs={"slug": demo.slug, "year": 2023}))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Uppföljning Finsam", "Samordningsförbundet RAR i Sörmland", "2023"]
    assert [row[0] for row in rows[1:6]] == [
        "Tilldelade medel",
        "Eget kapital vid årets slut (utfall)",
        "Eget kapital vid årets slut (budget)",
        "Administrativa kostnader, budget",
        "Administrativa kostnader, utfall",
    ]
    header = rows[7]
    assert header == [str(label) for _key, label, _kind in NATIONAL_PROJECT_COLUMNS]
    projects = rows[8:]
    assert len(projects) == len(national_projects(demo, 2023)) > 0
    assert all(len(row) == len(header) for row in projects)
    table = national_projects_table(demo, 2023)
    assert [row[0] for row in projects] == [row.cells["name"] for row in table.rows]
    assert [int(row[8]) for row in projects] == [row.cells["budget"] for row in table.rows]


def test_the_national_page_runs_a_fixed_number_of_queries(
    client, auditor_user, association, django_assert_max_num_queries
):
    for _ in range(5):
        granted_project(
            {2023: 100_000},
            owner__association=association,
            start=datetime.date(2023, 1, 1),
            end=datetime.date(2023, 12, 31),
        )
    client.force_login(auditor_user)
    # session, user, grant; fee year, outcome, budget, administration outcome; requisitions, planned,
    # period reports, structural reports, staff, projects, their areas; navigation (two): the same for 5 or 50
    with django_assert_max_num_queries(17):
        response = client.get(reverse("followup:national", kwargs={"slug": association.slug, "year": 2023}))
    assert response.status_code == 200


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("own", [True, False])
def test_the_csv_is_for_those_who_export(client, users_by_role, association, other_association, role, own):
    target = association if own else other_association
    url = reverse("followup:national_csv", kwargs={"slug": target.slug, "year": 2023})
    assert_matrix_cell(client, users_by_role[role], url, role, Need.EXPORT_SPREADSHEETS, own)


def test_the_csv_requires_login(client, association):
    assert_login_required(
        client, reverse("followup:national_csv", kwargs={"slug": association.slug, "year": 2023})
    )


def test_csv_text_that_would_start_a_formula_opens_as_text_and_figures_stay_figures(
    client, auditor_user, association
):
    granted_project(
        {2023: 100_000},
        owner__association=association,
        number="",
        name='=HYPERLINK("http://example.com","klicka")',
        focus="+46 deltagare",
        target_group="-unga vuxna",
        follow_up_method="@enkät",
        start=datetime.date(2023, 1, 1),
        end=datetime.date(2023, 12, 31),
    )
    client.force_login(auditor_user)
    response = client.get(reverse("followup:national_csv", kwargs={"slug": association.slug, "year": 2023}))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header, (project,) = rows[7], rows[8:]
    cells = dict(zip(header, project, strict=True))
    assert cells["Insats"] == '\'=HYPERLINK("http://example.com","klicka")'
    assert cells["Inriktning (förbundets text)"] == "'+46 deltagare"
    assert cells["Målgrupp"] == "'-unga vuxna"
    assert cells["Uppföljningsmetod"] == "'@enkät"
    assert cells["Budget"] == "100000"  # a number stays a number

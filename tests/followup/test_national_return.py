"""Uppföljning Finsam in full: participants once a year, structure-oriented figures, actual equity, the CSV."""

import csv
import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

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
    FeeYearFactory,
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
        "note": "",
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


# The demo's 2023 return (RAR): the plan's budget and projects, with example outcome, requisitions, focus,
# target groups and follow-up figures (marked "exempeldata"). Budget equity: the plan's 1 488 000 at the start
# plus 18 500 000 income minus 16 635 000 costs (the projects at their own 9 353 000); actual equity: 1 488 000
# plus 16 000 000 + 2 350 000 minus 410 000 + 2 905 000 + 3 870 000 + 8 860 000 (the requisitions).
DEMO_2023_ASSOCIATION = [
    ["Tilldelade medel", "16000000", ""],
    ["Eget kapital vid årets slut (utfall)", "3793000", "exempeldata"],
    ["Eget kapital vid årets slut (budget)", "3353000", ""],
    ["Administrativa kostnader, budget", "3232000", ""],  # Styrelse 432 000 + Kansli 2 800 000
    ["Administrativa kostnader, utfall", "3315000", "exempeldata"],  # 410 000 + 2 905 000
]
WORK = "Deltagare per kön; avslut till arbete eller studier"
NEXT = "Deltagare per kön; avslut med efterföljande aktivitet"
IND, STR = "Individinriktad", "Strukturinriktad"
# name, owner, kind, ESF, specified focus, method, focus, target group, budget, outcome, planned,
# women, men, other, total (spring's "took part": the year's only period), activities, staff women, men, other, note
DEMO_2023_PROJECTS = [
    ["NUVAS", "Nyköpings kommun", STR, "Nej", "Utveckling av samverkan och strukturer",
     "Aktiviteter och nådd personal per kön", "Samverkan kring unga vuxna", "Personal hos medlemmarna i Nyköping",
     "1636000", "1560000", "", "", "", "", "", "5", "34", "13", "0", "exempeldata"],
    ["SIKTA", "Region Sörmland", IND, "Nej", "Arbetslivsinriktad rehabilitering", WORK,
     "Arbetslivsinriktad rehabilitering", "Personer med psykisk och/eller fysisk ohälsa",
     "3107000", "2880000", "92", "40", "32", "0", "72", "", "", "", "", "exempeldata"],
    ["Slussen", "Nyköpings kommun", IND, "Nej", "Förrehabilitering, förberedande insatser", NEXT,
     "Kartläggning och motivation", "Personer med neuropsykiatriska funktionsnedsättningar",
     "470000", "430000", "34", "6", "8", "0", "14", "", "", "", "", "exempeldata"],
    ["Steg för steg", "Gnesta kommun", IND, "Nej", "Förrehabilitering, förberedande insatser", NEXT,
     "Förrehabilitering", "Personer med långvarig sjukskrivning",
     "781000", "730000", "35", "9", "6", "0", "15", "", "", "", "", "exempeldata"],
    ["Steget före", "Region Sörmland", IND, "Nej", "Förrehabilitering, förberedande insatser", NEXT,
     "Förrehabilitering", "Personer med psykisk ohälsa långt från arbetsmarknaden",
     "841000", "810000", "48", "18", "10", "0", "28", "", "", "", "", "exempeldata"],
    ["Trappan mot arbete", "Trosa kommun", IND, "Nej", "Arbetslivsinriktad rehabilitering", WORK,
     "Stegvis väg till arbete", "Personer med försörjningsstöd och ohälsa",
     "1234000", "1210000", "46", "12", "14", "0", "26", "", "", "", "", "exempeldata"],
    ["Ung comeback", "", IND, "Nej", "Unga utanför arbete och studier", WORK,
     "Unga tillbaka till studier", "Unga med aktivitetsersättning",
     "0", "0", "", "0", "0", "0", "0", "", "", "", "", ""],
    ["Unga på väg", "Eskilstuna kommun", IND, "Nej", "Unga utanför arbete och studier", WORK,
     "Unga till arbete eller studier", "Unga vuxna 16–29 år utan arbete eller studier",
     "1284000", "1240000", "67", "22", "25", "0", "47", "", "", "", "", "exempeldata"],
]  # fmt: skip


def test_the_demo_2023_page_and_csv_hold_every_field_of_the_return(client, demo):
    client.force_login(get_user_model().objects.get(username="revisor"))
    page = client.get(reverse("followup:national", kwargs={"slug": demo.slug, "year": 2023})).content.decode()
    for _key, label, _kind in NATIONAL_PROJECT_COLUMNS:
        assert str(label) in page
    for figure in (
        "16\u00a0000\u00a0000\u00a0kr",
        "3\u00a0793\u00a0000\u00a0kr",
        "3\u00a0315\u00a0000\u00a0kr",
    ):
        assert figure in page
    assert (
        page.count('<span class="badge text-bg-secondary">exempeldata</span>') == 2
    )  # the outcome's figures
    response = client.get(reverse("followup:national_csv", kwargs={"slug": demo.slug, "year": 2023}))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Uppföljning Finsam", "Samordningsförbundet RAR i Sörmland", "2023"]
    assert rows[1:6] == DEMO_2023_ASSOCIATION
    assert rows[6] == []
    assert rows[7] == [str(label) for _key, label, _kind in NATIONAL_PROJECT_COLUMNS]
    assert rows[8:] == DEMO_2023_PROJECTS
    # the budget's project line is the projects' own 2023 amounts (the plan prints 8 119 tkr for them)
    assert sum(int(row[8]) for row in rows[8:]) == 9_353_000


def test_the_demo_2023_workbook_is_the_return_as_entered_with_numbers_as_numbers(client, demo):
    client.force_login(get_user_model().objects.get(username="revisor"))
    response = client.get(reverse("followup:national_xlsx", kwargs={"slug": demo.slug, "year": 2023}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert 'filename="uppfoljning-finsam-rar-sormland-2023.xlsx"' in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Uppföljning Finsam 2023"]
    sheet = workbook["Uppföljning Finsam 2023"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Uppföljning Finsam 2023: förbundet"
    assert values[1][:3] == ["Uppgift", "Belopp (kr)", "Anmärkning"]
    association = [row[:3] for row in values[2:7]]
    assert association == [
        [label, int(amount), note or None] for label, amount, note in DEMO_2023_ASSOCIATION
    ]
    top = next(i for i, row in enumerate(values) if row[0] == "Uppföljning Finsam 2023: insatser")
    header = values[top + 1]
    assert header == [
        f"{label} (kr)" if kind == "amount" else str(label) for _key, label, kind in NATIONAL_PROJECT_COLUMNS
    ]
    projects = values[top + 2 : top + 2 + len(DEMO_2023_PROJECTS)]
    numeric = {i for i, (_key, _label, kind) in enumerate(NATIONAL_PROJECT_COLUMNS) if kind != "text"}
    expected = [
        [(int(v) if v else None) if i in numeric else (v or None) for i, v in enumerate(row)]
        for row in DEMO_2023_PROJECTS
    ]
    assert projects == expected
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not any(cell.data_type == "f" for cell in cells)  # nothing is derived here, no text is a formula
    sikta = sheet.cell(row=top + 4, column=9)  # SIKTA's budget: a number in kronor
    assert sikta.data_type == "n" and sikta.number_format == "#,##0;-#,##0"


def test_the_plan_workbook_carries_the_same_complete_return(association):
    from finsam.lib.workbook import workbook_bytes
    from followup.plan_blocks import _workbook_extras

    FeeYearFactory(association=association, year=2023, total=4_000_000)
    granted_project({2023: 500_000}, owner__association=association, name="Steget", number="")

    class Plan:
        pass

    plan = Plan()
    plan.association, plan.year = association, 2023
    workbook = load_workbook(io.BytesIO(workbook_bytes(_workbook_extras(plan), title="t", author="a")))
    sheet = workbook["Uppföljning Finsam 2023"]
    column_a = [row[0].value for row in sheet.iter_rows()]
    assert column_a[:4] == [
        "Uppföljning Finsam 2023: förbundet",
        "Uppgift",
        "Tilldelade medel",
        "Eget kapital vid årets slut (utfall)",
    ]
    assert sheet["B3"].value == 4_000_000
    top = column_a.index("Uppföljning Finsam 2023: insatser")
    assert column_a[top + 2] == "Steget"
    assert sheet.cell(row=top + 3, column=9).value == 500_000


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
    # period reports, structural reports, staff, projects, their areas; years with follow-up figures (goals,
    # period reports, status reports); navigation (two): the same for 5 or 50
    with django_assert_max_num_queries(20):
        response = client.get(reverse("followup:national", kwargs={"slug": association.slug, "year": 2023}))
    assert response.status_code == 200


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("own", [True, False])
def test_the_csv_is_for_those_who_export(client, users_by_role, association, other_association, role, own):
    target = association if own else other_association
    url = reverse("followup:national_csv", kwargs={"slug": target.slug, "year": 2023})
    assert_matrix_cell(client, users_by_role[role], url, role, Need.EXPORT_SPREADSHEETS, own)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("own", [True, False])
def test_the_workbook_is_for_those_who_export(
    client, users_by_role, association, other_association, role, own
):
    target = association if own else other_association
    url = reverse("followup:national_xlsx", kwargs={"slug": target.slug, "year": 2023})
    assert_matrix_cell(client, users_by_role[role], url, role, Need.EXPORT_SPREADSHEETS, own)


@pytest.mark.parametrize("name", ["followup:national_csv", "followup:national_xlsx"])
def test_the_downloads_require_login(client, association, name):
    assert_login_required(client, reverse(name, kwargs={"slug": association.slug, "year": 2023}))


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

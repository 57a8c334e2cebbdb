"""Each wrong input that once gave a server error or went in silently, answered with its own Swedish message."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from budget.models import BudgetAmount, BudgetVersion, Outcome
from followup.indicators import Figures, evaluate
from followup.models import ActivityParticipants, BenefitSum, Comparison, Indicator
from members.models import FeeYear, Population
from projects.models import (
    Application,
    ApplicationYearAmount,
    Decision,
    Project,
    ProjectStatus,
    ProjectYearAmount,
)
from tests.factories import (
    BudgetColumnFactory,
    BudgetLineFactory,
    BudgetVersionFactory,
    MemberOrganisationFactory,
    PopulationFactory,
    granted_project,
)
from tests.forms import submit

HUGE = "100000000000000000000"  # 10^20
TOO_MUCH = "Ange högst 1 000 000 000 000 kr."


def _page(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.fixture
def grid(association):
    staff = BudgetLineFactory(association=association, name="Kansli")
    version = BudgetVersionFactory(budget__association=association, budget__plan_year=2010)
    BudgetColumnFactory(version=version, year=2010)
    return staff, reverse("budget:grid", kwargs={"slug": "eget", "year": 2010, "number": 1})


def test_ten_to_the_twentieth_in_a_budget_cell_is_a_message(office_client, grid):
    staff, url = grid
    assert TOO_MUCH in _page(submit(office_client, url, {f"cell_{staff.pk}_2010": HUGE}))
    assert not BudgetAmount.objects.exists()


def test_ten_to_the_twentieth_as_opening_equity_is_a_message(office_client, grid):
    _staff, url = grid
    assert TOO_MUCH in _page(submit(office_client, url, {"opening_equity": HUGE}))
    assert BudgetVersion.objects.get().opening_equity is None


def test_ten_to_the_twentieth_in_an_outcome_cell_is_a_message(office_client, association):
    staff = BudgetLineFactory(association=association, name="Kansli")
    url = reverse("budget:outcome", kwargs={"slug": "eget", "year": 2010})
    assert TOO_MUCH in _page(submit(office_client, url, {f"cell_{staff.pk}_2010": HUGE}))
    assert not Outcome.objects.exists()


def test_ten_to_the_twentieth_participants_in_an_activity_is_a_message(office_client, association):
    member = MemberOrganisationFactory(association=association)
    url = reverse("followup:activity_create", kwargs={"slug": "eget", "year": 2023})
    data = {
        "title": "Temadag",
        "date": "2023-03-01",
        "kind": "competence",
        f"deltagare-m{member.pk}_women": HUGE,
    }
    assert "Ange högst 10 000 000." in _page(submit(office_client, url, data))
    assert not ActivityParticipants.objects.exists()


def test_ten_to_the_twentieth_kronor_of_benefits_is_a_message(office_client, association):
    municipality = MemberOrganisationFactory(association=association, kind="kommun")
    url = reverse("followup:benefits", kwargs={"slug": "eget", "year": 2023, "half": 1})
    assert TOO_MUCH in _page(submit(office_client, url, {f"b{municipality.pk}": HUGE}))
    assert not BenefitSum.objects.exists()


def test_a_population_above_a_hundred_million_is_a_message(office_client, association):
    municipality = MemberOrganisationFactory(association=association, kind="kommun")
    url = reverse("members:population_edit", kwargs={"slug": "eget"})
    page = _page(submit(office_client, url, {f"count_{municipality.pk}": "2147483648"}))
    assert "Ange högst 100 000 000." in page
    assert not Population.objects.exists()


def test_populations_of_zero_for_every_municipality_are_refused(office_client, association):
    first = MemberOrganisationFactory(association=association, kind="kommun")
    second = MemberOrganisationFactory(association=association, kind="kommun")
    url = reverse("members:population_edit", kwargs={"slug": "eget"})
    data = {"reference_date": "2008-11-01", f"count_{first.pk}": "0", f"count_{second.pk}": "0"}
    page = _page(submit(office_client, url, data))
    assert "Ange antalet invånare för minst en kommun per 2008-11-01; alla kan inte ha 0 invånare." in page
    assert not Population.objects.exists()


def test_a_fee_split_by_a_population_date_without_inhabitants_is_refused_naming_the_date(
    office_client, association
):
    municipality = MemberOrganisationFactory(association=association, kind="kommun")
    PopulationFactory(member=municipality, reference_date=datetime.date(2008, 11, 1), inhabitants=0)
    url = reverse("members:fee_year_create", kwargs={"slug": "eget"})
    data = {
        "year": "2009",
        "total": "15000000",
        "status": "final",
        "split_method": "population",
        "population_date": "2008-11-01",
        "age_band": "16-64",
    }
    page = _page(submit(office_client, url, data, contains="year"))
    assert "Per 2008-11-01 finns inga invånare registrerade i någon kommun (16-64 år)." in page
    assert not FeeYear.objects.exists()


def test_the_fee_page_explains_a_split_it_cannot_make_instead_of_crashing(office_client, association):
    municipality = MemberOrganisationFactory(association=association, kind="kommun")
    PopulationFactory(member=municipality, reference_date=datetime.date(2008, 11, 1), inhabitants=0)
    FeeYear.objects.create(
        association=association, year=2009, total=15_000_000, split_method="population",
        population_date=datetime.date(2008, 11, 1), age_band="16-64",
    )  # fmt: skip
    page = office_client.get(reverse("members:fees", kwargs={"slug": "eget"}) + "?ar=2009")
    assert "har inga invånare i någon kommun" in _page(page)


@pytest.fixture
def application(association):
    applicant = MemberOrganisationFactory(association=association, name="Trosa kommun")
    application = Application.objects.create(
        association=association, name="Trappan", applicant=applicant,
        start=datetime.date(2023, 1, 1), end=datetime.date(2024, 12, 31),
    )  # fmt: skip
    ApplicationYearAmount.objects.create(application=application, year=2023, amount=1_234_000)
    ApplicationYearAmount.objects.create(application=application, year=2024, amount=1_000_000)
    return application


def _decide(application):
    return reverse("projects:application_decide", kwargs={"slug": "eget", "pk": application.pk})


def test_a_decision_with_the_forms_defaults_is_refused_until_it_has_a_date_and_a_dnr(
    office_client, application
):
    page = _page(submit(office_client, _decide(application), {"meeting": ""}))
    assert "Ange datum för styrelsens beslut." in page
    assert "Ange beslutets diarienummer (Dnr)." in page
    assert not Decision.objects.exists()


def test_a_decision_starts_from_the_amounts_applied_for_and_grants_exactly_them(office_client, application):
    response = submit(office_client, _decide(application), {"decided_on": "2022-11-20", "reference": "22-7"})
    assert response.status_code == 302
    assert Decision.objects.get().granted_amount == 2_234_000
    years = dict(ProjectYearAmount.objects.values_list("year", "amount"))
    assert years == {2023: 1_234_000, 2024: 1_000_000}


@pytest.mark.parametrize(
    "amount,message", [("0", "Ange beloppet, större än 0 kr."), ("-1", "Ett belopp kan inte vara negativt.")]
)
def test_there_is_no_path_to_a_grant_of_zero_or_less(office_client, application, amount, message):
    data = {"decided_on": "2022-11-20", "reference": "22-7", "granted_amount": amount}
    assert message in _page(submit(office_client, _decide(application), data))
    assert not Decision.objects.exists() and not Project.objects.exists()


def test_a_negative_grant_on_a_running_project_is_a_message(office_client, association):
    project = granted_project(
        {2023: 1_000_000}, owner__association=association, end=datetime.date(2023, 12, 31)
    )
    url = reverse("projects:decision_create", kwargs={"slug": "eget", "pk": project.pk})
    data = {"decided_on": "2023-05-01", "reference": "23-1", "outcome": "granted", "granted_amount": "-5"}
    assert "Ett belopp kan inte vara negativt." in _page(submit(office_client, url, data))
    assert project.decisions.count() == 1


def test_a_nul_byte_in_the_projects_number_is_a_message(office_client, application):
    data = {"decided_on": "2022-11-20", "reference": "22-7", "number": "4\x001"}
    page = _page(submit(office_client, _decide(application), data))
    assert (
        "Texten innehåller osynliga styrtecken (t.ex. från en kopierad text). Ta bort dem och spara igen."
        in page
    )
    assert "Null-tecken" not in page  # one message for it, not two
    assert not Project.objects.exists()


def test_a_wrong_decision_is_corrected_and_the_years_follow(office_client, association):
    project = granted_project(
        {2023: 600_000, 2024: 400_000}, owner__association=association, end=datetime.date(2024, 12, 31)
    )
    decision = project.decisions.get()
    url = reverse("projects:decision_edit", kwargs={"slug": "eget", "pk": project.pk, "dpk": decision.pk})
    data = {"granted_amount": "500000", "reference": "23-2", "decided_on": "2022-12-01"}
    assert submit(office_client, url, data).status_code == 302
    assert dict(project.year_amounts.values_list("year", "amount")) == {2023: 300_000, 2024: 200_000}
    assert decision.history.latest().history_type == "~"


def test_a_wrong_decision_is_withdrawn_and_the_history_keeps_it(office_client, association):
    project = granted_project({2023: 1_000}, owner__association=association, end=datetime.date(2023, 12, 31))
    decision = project.decisions.get()
    url = reverse("projects:decision_delete", kwargs={"slug": "eget", "pk": project.pk, "dpk": decision.pk})
    assert office_client.post(url).status_code == 302
    assert not project.decisions.exists() and not project.year_amounts.exists()
    assert not Project.objects.filter(pk=project.pk).exists()  # its only decision took the project with it
    assert Decision.history.filter(id=decision.pk, history_type="-").exists()


def test_a_yearly_amount_outside_the_projects_period_is_refused(office_client, association):
    project = granted_project(
        {2025: 1_000},
        owner__association=association,
        start=datetime.date(2025, 1, 1),
        end=datetime.date(2025, 6, 30),
    )
    url = reverse("projects:years", kwargs={"slug": "eget", "pk": project.pk})
    data = {"years-0-year": "2025", "years-0-amount": "0", "years-1-year": "2027", "years-1-amount": "1000"}
    page = _page(submit(office_client, url, data, contains="years-0-year"))
    assert (
        "2027 ligger utanför perioden 2025-01-01–2025-06-30; belopp kan bara läggas på åren 2025–2025."
        in page
    )
    assert dict(project.year_amounts.values_list("year", "amount")) == {2025: 1_000}


def test_a_target_of_at_least_35_percent_is_not_met_by_85_of_243():
    figures = Figures()
    figures.ended["women"] = 243
    figures.outcomes["work"]["women"] = 85

    class Target:
        indicator, comparison, target_value = (
            Indicator.WORK_OR_STUDIES_SHARE,
            Comparison.AT_LEAST,
            Decimal("35"),
        )

    outcome = evaluate(Target, figures, None)
    assert outcome.value == Decimal("35.0")  # shown rounded
    assert outcome.met is False  # judged exactly: 34.979… %


def test_the_project_lists_sum_leaves_cancelled_projects_out(office_client, association):
    granted_project({2023: 1_000}, owner__association=association, end=datetime.date(2023, 12, 31))
    cancelled = granted_project({2023: 500}, owner__association=association, end=datetime.date(2023, 12, 31))
    Project.objects.filter(pk=cancelled.pk).update(status=ProjectStatus.CANCELLED)
    page = _page(office_client.get(reverse("projects:list", kwargs={"slug": "eget"}) + "?ar=2023"))
    assert "Summa (utom avbrutna insatser)" in page
    row = page[page.index("Summa (utom avbrutna insatser)") :]
    assert row.split("</tr>")[0].count(">1\xa0000<") == 2  # granted and the year's amount, without the 500
    assert "Avbruten insats, ingår inte i summan" in page


def test_a_date_far_outside_an_associations_life_is_refused(office_client, association):
    url = reverse("projects:application_create", kwargs={"slug": "eget"})
    applicant = MemberOrganisationFactory(association=association)
    data = {
        "name": "X",
        "applicant": str(applicant.pk),
        "kind": "individ",
        "start": "0001-01-01",
        "end": "2024-01-01",
    }
    page = _page(submit(office_client, url, data, contains="name"))
    assert "Datumet 0001-01-01 ligger utanför 1990–2100; kontrollera året." in page


def test_control_characters_in_text_are_refused(office_client, association):
    url = reverse("members:create", kwargs={"slug": "eget", "kind": "medlem"})
    page = _page(
        submit(office_client, url, {"name": "Flen\x07s kommun", "kind": "municipality"}, contains="name")
    )
    assert "Texten innehåller osynliga styrtecken" in page

"""The input rules hold on every path, not only the main pages: each case once found going through, with its
own message and the data left as it was."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from budget import services as budget_services
from budget.models import BudgetRecord, BudgetVersion, VersionStatus
from finsam.plan import services as plan_services
from finsam.plan.models import Plan, PlanStatus, PlanVersion
from followup.models import StaffReached, StructuralReport
from projects.models import ProjectKind
from tests.factories import (
    BudgetColumnFactory,
    BudgetLineFactory,
    BudgetVersionFactory,
    MemberOrganisationFactory,
    ProjectFactory,
)
from tests.forms import submit

HUGE = "100000000000000000000"  # 10^20
CONTROL = "Texten innehåller osynliga styrtecken (t.ex. från en kopierad text). Ta bort dem och spara igen."


def _page(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# The structural report: activities within the count's bounds


@pytest.fixture
def structural(association):
    member = MemberOrganisationFactory(association=association, name="Flens kommun")
    project = ProjectFactory(owner=member, kind=ProjectKind.STRUCTURAL)
    url = reverse("followup:period", kwargs={"slug": "eget", "year": 2010, "pk": project.pk, "period": 1})
    return project, member, url


@pytest.mark.parametrize("activities", [HUGE, "99999999999", "10000001"])
def test_activities_of_a_structural_project_above_ten_million_are_a_message(
    office_client, structural, activities
):
    project, member, url = structural
    data = {"activities": activities, f"personal-m{member.pk}_women": "3"}
    page = _page(submit(office_client, url, data))
    assert "Ange högst 10 000 000." in page
    assert not StructuralReport.objects.exists() and not StaffReached.objects.exists()


def test_ten_million_activities_are_still_a_count_a_structural_project_can_report(office_client, structural):
    project, member, url = structural
    assert submit(office_client, url, {"activities": "10000000"}).status_code == 302
    assert StructuralReport.objects.get(project=project).activities == 10_000_000


def test_saving_a_structural_report_from_the_shell_checks_the_count_too(structural):
    project, _member, _url = structural
    with pytest.raises(ValidationError) as refused:
        from followup.services import save_structural_report

        save_structural_report(project=project, year=2010, period=1, activities=10**11, staff={})
    assert refused.value.message_dict == {"activities": ["Ange högst 10 000 000."]}
    assert not StructuralReport.objects.exists()


# Adopting and revising a budget or a plan: dates 1990–2100, no control characters


@pytest.fixture
def draft_version(association):
    BudgetLineFactory(association=association, name="Kansli")
    version = BudgetVersionFactory(budget__association=association, budget__plan_year=2010)
    BudgetColumnFactory(version=version, year=2010)
    return version


@pytest.fixture
def adopted_version(association):
    return BudgetVersionFactory(
        budget__association=association,
        budget__plan_year=2010,
        status=VersionStatus.ADOPTED,
        adopted_on=datetime.date(2009, 11, 20),
    )


def _budget_url(name):
    return reverse(f"budget:{name}", kwargs={"slug": "eget", "year": 2010, "number": 1})


@pytest.mark.parametrize(
    "data,message",
    [
        (
            {"adopted_on": "0001-01-01", "reference": "09-19"},
            "Fastställd av styrelsen: Datumet 0001-01-01 ligger utanför 1990–2100; kontrollera året.",
        ),
        (
            {"adopted_on": "2999-12-31", "reference": "09-19"},
            "Fastställd av styrelsen: Datumet 2999-12-31 ligger utanför 1990–2100; kontrollera året.",
        ),
        ({"adopted_on": "2009-11-20", "reference": "Dnr\x07 1\x1b"}, f"Beslut (Dnr/paragraf): {CONTROL}"),
        ({"adopted_on": "", "reference": "09-19"}, "Ange datum för styrelsens beslut."),
    ],
)
def test_a_budget_is_not_adopted_with_an_implausible_date_or_control_characters(
    office_client, draft_version, data, message
):
    response = office_client.post(_budget_url("adopt"), data, follow=True)
    assert _messages(response) == [message]
    draft_version.refresh_from_db()
    assert (draft_version.status, draft_version.adopted_on, draft_version.decision_reference) == (
        VersionStatus.DRAFT,
        None,
        "",
    )
    assert not BudgetRecord.objects.exists()


@pytest.mark.parametrize(
    "data,message",
    [
        (
            {"revised_on": "2999-12-31", "reason": "förändrad budget"},
            "Revisionens datum: Datumet 2999-12-31 ligger utanför 1990–2100; kontrollera året.",
        ),
        ({"revised_on": "2010-01-13", "reason": "skäl\x07"}, f"Skäl: {CONTROL}"),
    ],
)
def test_a_budget_is_not_revised_with_an_implausible_date_or_control_characters(
    office_client, adopted_version, data, message
):
    response = office_client.post(_budget_url("revise"), data, follow=True)
    assert _messages(response) == [message]
    assert list(BudgetVersion.objects.values_list("number", flat=True)) == [1]


def test_the_budget_services_refuse_an_implausible_date_from_the_shell(draft_version):
    adopted_version = BudgetVersionFactory(
        budget=draft_version.budget,
        number=2,
        status=VersionStatus.ADOPTED,
        adopted_on=datetime.date(2009, 12, 1),
    )
    with pytest.raises(ValidationError) as refused:
        budget_services.adopt(version=draft_version, adopted_on=datetime.date(1, 1, 1), reference="")
    assert refused.value.message_dict == {
        "adopted_on": ["Datumet 0001-01-01 ligger utanför 1990–2100; kontrollera året."]
    }
    with pytest.raises(ValidationError) as refused:
        budget_services.revise(
            version=adopted_version, revised_on=datetime.date(2999, 12, 31), reason="x\x00"
        )
    assert refused.value.message_dict == {
        "revised_on": ["Datumet 2999-12-31 ligger utanför 1990–2100; kontrollera året."],
        "revision_reason": [CONTROL],
    }
    assert not BudgetRecord.objects.exists()
    assert list(BudgetVersion.objects.values_list("number", "status")) == [(1, "draft"), (2, "adopted")]


@pytest.fixture
def plan(association):
    return plan_services.create_plan(association=association, year=2010, reference="09-19")


def _plan_url(name):
    return reverse(f"plan:{name}", kwargs={"slug": "eget", "year": 2010})


@pytest.mark.parametrize(
    "data,message",
    [
        (
            {"adopted_on": "0001-01-01"},
            "Styrelsens beslutsdatum: Datumet 0001-01-01 ligger utanför 1990–2100; kontrollera året.",
        ),
        ({"adopted_on": "2009-11-20", "paragraph": "§\x1b 7"}, f"Paragraf i protokollet: {CONTROL}"),
        ({"adopted_on": "2009-11-20", "reference": "09\x0019"}, f"Diarienummer (Dnr): {CONTROL}"),
    ],
)
def test_a_plan_is_not_adopted_with_an_implausible_date_or_control_characters(
    office_client, plan, data, message
):
    response = office_client.post(_plan_url("adopt"), data, follow=True)
    assert _messages(response) == [message]
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT
    assert not PlanVersion.objects.exists()


def test_a_plan_revision_is_not_started_with_an_implausible_date_or_control_characters(office_client, plan):
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.ADOPTED)
    data = {"revised_on": "2999-12-31", "reason": "skäl\x07"}
    response = office_client.post(_plan_url("revise"), data, follow=True)
    assert _messages(response) == [
        f"Revisionens datum: Datumet 2999-12-31 ligger utanför 1990–2100; kontrollera året. Skäl: {CONTROL}"
    ]
    plan.refresh_from_db()
    assert (plan.status, plan.revised_on, plan.revision_reason) == (PlanStatus.ADOPTED, None, "")


def test_the_plan_services_refuse_an_implausible_date_from_the_shell(plan):
    with pytest.raises(ValidationError) as refused:
        plan_services.adopt_plan(plan=plan, adopted_on=datetime.date(1, 1, 1))
    assert refused.value.message_dict == {
        "adopted_on": ["Datumet 0001-01-01 ligger utanför 1990–2100; kontrollera året."]
    }
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.ADOPTED)
    with pytest.raises(ValidationError) as refused:
        plan_services.start_revision(plan=plan, revised_on=datetime.date(2101, 1, 1), reason="skäl")
    assert refused.value.message_dict == {
        "revised_on": ["Datumet 2101-01-01 ligger utanför 1990–2100; kontrollera året."]
    }
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ADOPTED and not PlanVersion.objects.exists()

"""The input rules hold on every path, not only the main pages: each case once found going through, with its
own message and the data left as it was."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from budget import services as budget_services
from budget.models import BudgetRecord, BudgetSettings, BudgetVersion, StateAllocationBasis, VersionStatus
from finsam.fields import MAX_COUNT, MAX_POPULATION
from finsam.plan import services as plan_services
from finsam.plan.models import Plan, PlanStatus, PlanVersion
from followup.models import (
    Activity,
    ActivityParticipants,
    PeriodReport,
    PlannedParticipants,
    StaffReached,
    StructuralReport,
)
from projects.amounts import granted_total
from projects.models import (
    Application,
    ApplicationStatus,
    ApplicationYearAmount,
    Decision,
    Project,
    ProjectKind,
    ProjectYearAmount,
    Requisition,
)
from tests.factories import (
    BudgetColumnFactory,
    BudgetLineFactory,
    BudgetVersionFactory,
    MemberOrganisationFactory,
    ProjectFactory,
    granted_project,
)
from tests.forms import submit

HUGE = "100000000000000000000"  # 10^20
TOO_MUCH = "Ange högst 1 000 000 000 000 kr."
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


# The admin moves a project's dates only where its yearly amounts stay within them


def test_the_admin_refuses_an_end_date_that_leaves_a_yearly_amount_outside_the_period(
    office_client, association
):
    project = granted_project(
        {2023: 600, 2024: 400},
        owner__association=association,
        start=datetime.date(2023, 1, 1),
        end=datetime.date(2024, 12, 31),
    )
    url = reverse("admin:projects_project_change", args=[project.pk])
    page = _page(submit(office_client, url, {"end": "2023-06-30"}, contains="name"))
    field = page[page.index(' field-end"') :].split('<div class="form-row')[0]
    assert (
        "2024 ligger utanför perioden 2023-01-01–2023-06-30; belopp kan bara läggas på åren 2023–2023. "
        "Ändra datumen på insatsens sida i stället; där fördelas beloppen per år om efter dem."
    ) in field
    project.refresh_from_db()
    assert project.end == datetime.date(2024, 12, 31)
    assert dict(project.year_amounts.values_list("year", "amount")) == {2023: 600, 2024: 400}


def test_the_admin_moves_a_projects_end_within_the_years_that_have_money(office_client, association):
    project = granted_project(
        {2023: 600, 2024: 400},
        owner__association=association,
        start=datetime.date(2023, 1, 1),
        end=datetime.date(2024, 12, 31),
    )
    url = reverse("admin:projects_project_change", args=[project.pk])
    assert submit(office_client, url, {"end": "2024-06-30"}, contains="name").status_code == 302
    project.refresh_from_db()
    assert project.end == datetime.date(2024, 6, 30)


# Decisions: no correction, withdrawal or reduction leaves a project at 0 kr, and no application makes two projects


def _decision_url(name, project, decision):
    return reverse(f"projects:{name}", kwargs={"slug": "eget", "pk": project.pk, "dpk": decision.pk})


def test_correcting_a_projects_only_grant_to_a_refusal_is_refused_with_what_to_do(office_client, association):
    project = granted_project(
        {2023: 1_000},
        owner__association=association,
        start=datetime.date(2023, 1, 1),
        end=datetime.date(2023, 12, 31),
    )
    decision = project.decisions.get()
    data = {"outcome": "declined", "granted_amount": "0", "reference": "1", "decided_on": "2022-12-01"}
    page = _page(submit(office_client, _decision_url("decision_edit", project, decision), data))
    assert (
        "Efter rättelsen skulle insatsen stå utan beviljade medel. Var beslutet i själva verket ett avslag, "
        "återkalla det i stället (insatsen tas då bort med det) och registrera avslaget på ansökan; ska "
        "insatsen inte fortsätta, ändra dess status till Avbruten."
    ) in page
    decision.refresh_from_db()
    assert (decision.outcome, decision.granted_amount) == ("granted", 1_000)
    assert dict(project.year_amounts.values_list("year", "amount")) == {2023: 1_000}


@pytest.fixture
def application(association):
    applicant = MemberOrganisationFactory(association=association, name="Trosa kommun")
    application = Application.objects.create(
        association=association,
        name="Trappan",
        applicant=applicant,
        start=datetime.date(2023, 1, 1),
        end=datetime.date(2023, 12, 31),
    )
    ApplicationYearAmount.objects.create(application=application, year=2023, amount=1_000)
    return application


def _decide(client, application, **data):
    url = reverse("projects:application_decide", kwargs={"slug": "eget", "pk": application.pk})
    return submit(client, url, {"decided_on": "2022-11-20", "reference": "22-7", **data})


def test_withdrawing_the_grant_of_an_application_removes_its_project_and_deciding_again_makes_one(
    office_client, application
):
    assert _decide(office_client, application).status_code == 302
    project = Project.objects.get()
    decision = project.decisions.get()
    confirm = _page(office_client.get(_decision_url("decision_delete", project, decision)))
    assert "Beslutet är insatsens enda: insatsen Trappan tas bort med det." in confirm
    response = office_client.post(_decision_url("decision_delete", project, decision), follow=True)
    assert _messages(response) == [
        f"”{decision}” är återkallat och insatsen Trappan är borttagen med det. Båda kan återställas från historiken."
    ]
    assert not Project.objects.exists() and not Decision.objects.exists()
    assert not ProjectYearAmount.objects.exists()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.RECEIVED
    history = Project.history.get(id=project.pk, history_type="-")
    assert Decision.history.get(id=decision.pk, history_type="-").history_batch == history.history_batch

    assert _decide(office_client, application, reference="22-8").status_code == 302
    assert list(Project.objects.values_list("name", flat=True)) == ["Trappan"]
    assert dict(ProjectYearAmount.objects.values_list("year", "amount")) == {2023: 1_000}


def test_an_application_is_decided_once_even_by_two_calls_at_the_same_moment(application):
    from projects import services

    services.decide_application(
        application=application,
        decision=Decision(outcome="granted", granted_amount=1_000, decided_on=datetime.date(2022, 11, 20)),
    )
    with pytest.raises(ValidationError) as refused:
        services.decide_application(
            application=application,
            decision=Decision(
                outcome="granted", granted_amount=1_000, decided_on=datetime.date(2022, 11, 20)
            ),
        )
    assert refused.value.messages == ["Ansökan är redan beslutad."]
    assert Project.objects.count() == 1 and Decision.objects.count() == 1


def test_a_projects_only_decision_is_not_withdrawn_while_the_project_has_requisitions(
    office_client, association
):
    project = granted_project(
        {2023: 1_000},
        owner__association=association,
        start=datetime.date(2023, 1, 1),
        end=datetime.date(2023, 12, 31),
    )
    Requisition.objects.create(
        project=project,
        period_start=datetime.date(2023, 1, 1),
        period_end=datetime.date(2023, 6, 30),
        amount=500,
    )
    decision = project.decisions.get()
    response = office_client.post(_decision_url("decision_delete", project, decision), follow=True)
    assert _messages(response) == [
        "Beslutet är insatsens enda och kan inte återkallas, eftersom insatsen har rekvisitioner. Är beloppet fel, "
        "rätta beslutet; ska insatsen inte fortsätta, ändra dess status till Avbruten."
    ]
    assert project.decisions.get() == decision
    assert dict(project.year_amounts.values_list("year", "amount")) == {2023: 1_000}


def test_the_grant_an_application_became_a_project_by_is_not_withdrawn_while_later_decisions_stand(
    office_client, application
):
    assert _decide(office_client, application).status_code == 302
    project = Project.objects.get()
    origin = project.decisions.get()
    later = {"decided_on": "2023-03-01", "reference": "23-1", "outcome": "granted", "granted_amount": "500"}
    url = reverse("projects:decision_create", kwargs={"slug": "eget", "pk": project.pk})
    assert submit(office_client, url, later, follow=True).status_code == 200
    response = office_client.post(_decision_url("decision_delete", project, origin), follow=True)
    assert _messages(response) == [
        "Beslutet beviljade ansökan som insatsen kom från, och insatsen har fler beslut. Rätta beslutet i "
        "stället, eller återkalla de senare besluten först."
    ]
    assert project.decisions.count() == 2
    application.refresh_from_db()
    assert application.status == ApplicationStatus.GRANTED


@pytest.fixture
def two_year_project(association):
    return granted_project(
        {2023: 600_000, 2024: 400_000},
        owner__association=association,
        start=datetime.date(2023, 1, 1),
        end=datetime.date(2024, 12, 31),
    )


def _reduce(client, project, amount):
    url = reverse("projects:decision_create", kwargs={"slug": "eget", "pk": project.pk})
    data = {"decided_on": "2024-03-01", "reference": "24-3", "outcome": "reduced", "granted_amount": amount}
    return submit(client, url, data)


def test_a_reduction_takes_its_amount_from_the_years_from_its_own_year_on(office_client, two_year_project):
    assert _reduce(office_client, two_year_project, "100000").status_code == 302
    assert granted_total(two_year_project) == 900_000
    assert dict(two_year_project.year_amounts.values_list("year", "amount")) == {2023: 600_000, 2024: 300_000}


@pytest.mark.parametrize(
    "amount,message",
    [
        (
            "1200000",
            "Minskningen är större än vad insatsen har beviljats: kvar skulle bli −200\xa0000\xa0kr.",
        ),
        (
            "1000000",
            "Efter minskningen skulle insatsen stå utan beviljade medel. Ska insatsen inte fortsätta, ändra dess "
            "status till Avbruten.",
        ),
        ("0", "Ange hur mycket beslutet minskar insatsen, större än 0 kr."),
    ],
)
def test_a_reduction_of_all_or_more_than_was_granted_is_refused(
    office_client, two_year_project, amount, message
):
    assert message in _page(_reduce(office_client, two_year_project, amount))
    assert two_year_project.decisions.count() == 1
    assert dict(two_year_project.year_amounts.values_list("year", "amount")) == {2023: 600_000, 2024: 400_000}


def test_withdrawing_a_grant_that_a_reduction_leans_on_is_refused(office_client, two_year_project):
    url = reverse("projects:decision_create", kwargs={"slug": "eget", "pk": two_year_project.pk})
    for outcome, amount in [("granted", "200000"), ("reduced", "1100000")]:
        data = {"decided_on": "2023-02-01", "reference": "23-2", "outcome": outcome, "granted_amount": amount}
        assert submit(office_client, url, data, follow=True).status_code == 200
    assert granted_total(two_year_project) == 100_000
    before = dict(two_year_project.year_amounts.values_list("year", "amount"))
    first = two_year_project.decisions.order_by("pk").first()
    response = office_client.post(_decision_url("decision_delete", two_year_project, first), follow=True)
    assert _messages(response) == ["Utan beslutet skulle insatsens beviljade belopp bli negativt."]
    assert two_year_project.decisions.count() == 3
    assert dict(two_year_project.year_amounts.values_list("year", "amount")) == before


# Bounds the database keeps too: the rules' amounts, the opening equity, the national population and the counts


def test_a_rule_amount_above_a_thousand_billion_is_a_message_and_the_database_refuses_it(
    office_client, association
):
    settings = BudgetSettings.objects.create(association=association, min_liquidity=500_000)
    url = reverse("budget:settings", kwargs={"slug": "eget"})
    data = {"min_liquidity": HUGE, "equity_ceiling": "1000000000001"}
    page = _page(submit(office_client, url, data, contains="min_liquidity"))
    assert page.count(TOO_MUCH) == 2
    settings.refresh_from_db()
    assert (settings.min_liquidity, settings.equity_ceiling) == (500_000, None)
    for field in ("min_liquidity", "new_project_reserve", "reservation_threshold", "equity_ceiling"):
        with pytest.raises(IntegrityError), transaction.atomic():
            BudgetSettings.objects.filter(pk=settings.pk).update(**{field: 10**12 + 1})


def test_an_opening_equity_beyond_a_thousand_billion_either_way_is_refused_by_the_database(draft_version):
    draft_version.opening_equity = -(10**12) - 1
    with pytest.raises(ValidationError) as refused:
        draft_version.full_clean()
    assert refused.value.message_dict["opening_equity"] == ["Ange minst −1 000 000 000 000 kr."]
    for value in (-(10**12) - 1, 10**12 + 1):
        with pytest.raises(IntegrityError), transaction.atomic():
            BudgetVersion.objects.filter(pk=draft_version.pk).update(opening_equity=value)
    BudgetVersion.objects.filter(pk=draft_version.pk).update(
        opening_equity=-(10**12)
    )  # the bound itself is fine


def test_a_national_population_above_a_hundred_million_is_a_message(office_client, association):
    url = reverse("budget:allocation_basis", kwargs={"slug": "eget", "year": 2023})
    data = {
        "national_amount": "1000000",
        "associations": "80",
        "national_population": "3000000000",
        "national_benefits": "1000000",
    }
    page = _page(submit(office_client, url, data, contains="national_population"))
    assert page.count("Ange högst 100 000 000.") == 1
    assert re.search(
        r'<input[^>]*name="national_population"[^>]*is-invalid|<input[^>]*is-invalid[^>]*name="national_population"',
        page,
    )
    assert not StateAllocationBasis.objects.exists()
    basis = StateAllocationBasis.objects.create(
        association=association,
        year=2024,
        statistics_year=2022,
        national_amount=1,
        associations=80,
        national_population=6_500_000,
        national_benefits=1,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        StateAllocationBasis.objects.filter(pk=basis.pk).update(national_population=MAX_POPULATION + 1)


def test_the_database_keeps_every_count_within_ten_million(structural):
    project, member, _url = structural
    report = StructuralReport.objects.create(project=project, year=2010, period=1, activities=1)
    staff = StaffReached.objects.create(report=report, member=member, staff_women=1)
    planned = PlannedParticipants.objects.create(project=project, year=2010, count=1)
    period = PeriodReport.objects.create(project=project, year=2010, period=1)
    activity = Activity.objects.create(
        association=project.association, date=datetime.date(2010, 3, 1), title="X"
    )
    participants = ActivityParticipants.objects.create(activity=activity, member=member, count_men=1)
    too_many = MAX_COUNT + 1
    for rows, field in [
        (StructuralReport.objects.filter(pk=report.pk), "activities"),
        (StaffReached.objects.filter(pk=staff.pk), "staff_other"),
        (PlannedParticipants.objects.filter(pk=planned.pk), "count"),
        (PeriodReport.objects.filter(pk=period.pk), "unknown_men"),
        (ActivityParticipants.objects.filter(pk=participants.pk), "count_women"),
    ]:
        with pytest.raises(IntegrityError), transaction.atomic():
            rows.update(**{field: too_many})
    assert StructuralReport.objects.get().activities == 1


# A NUL in what a page reads from the address or a hidden field: PostgreSQL refuses NUL in a string parameter,
# so it must never reach a query


def test_a_nul_in_the_population_pages_age_group_opens_the_usual_group(office_client, association):
    municipality = MemberOrganisationFactory(association=association, kind="kommun")
    url = reverse("members:population_edit", kwargs={"slug": "eget"})
    page = _page(office_client.get(url, {"grupp": "16-64\x00", "datum": "2008-11-01"}))
    assert re.search(r'<option value="16-64" selected>', page)
    assert f'name="count_{municipality.pk}"' in page


def test_a_nul_in_the_import_confirmations_checksum_says_the_preview_is_gone(office_client, association):
    url = reverse("members:population_import", kwargs={"slug": "eget"})
    response = office_client.post(url, {"confirm": "1", "sha256": "\x00" + "0" * 63}, follow=True)
    assert _messages(response) == ["Förhandsgranskningen finns inte längre. Ladda upp filen igen."]


@pytest.mark.parametrize(
    "name,parameters",
    [
        ("projects:list", ["status", "slag", "agare", "ar"]),
        ("projects:applications", ["status", "omgang", "sokande"]),
        ("projects:requisitions", ["ar"]),
        ("members:fees", ["ar"]),
        ("members:board", ["ar"]),
        ("members:populations", ["grupp", "datum"]),
        ("budget:list", ["version"]),
    ],
)
def test_a_nul_in_a_lists_filter_filters_nothing(office_client, association, name, parameters):
    MemberOrganisationFactory(association=association, name="Flens kommun")
    url = reverse(name, kwargs={"slug": "eget"})
    for parameter in parameters:
        response = office_client.get(url, {parameter: "1\x00"})
        assert response.status_code == 200, (parameter, response.status_code)

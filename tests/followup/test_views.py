import datetime
import re

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from followup.models import OUTCOMES, Activity, ActivityParticipants, Goal, PeriodReport, ResultTarget
from tests.factories import MemberOrganisationFactory, PeriodReportFactory, ProjectFactory, granted_project
from tests.forms import submit


def _period_data(**counts):
    data = {
        f"{prefix}_{g}": 0
        for prefix in (
            "started",
            "participated",
            "ended",
            "work",
            "studies",
            "job_seeking",
            "activity",
            "sick_leave",
            "none",
            "unknown",
        )
        for g in ("women", "men", "other")
    }
    data.update(counts)
    return data


def _period_url(project, period=1):
    return reverse(
        "followup:period",
        kwargs={"slug": project.association.slug, "year": 2023, "pk": project.pk, "period": period},
    )


def test_office_staff_enter_half_year_figures(client, office_user, association):
    project = ProjectFactory(owner__association=association)
    client.force_login(office_user)
    data = _period_data(participated_women=10, ended_women=3, work_women=1, studies_women=1, none_women=1)
    assert client.post(_period_url(project), data).status_code == 302
    report = PeriodReport.objects.get(project=project)
    assert (report.participated_women, report.ended_women, report.work_women) == (10, 3, 1)


@pytest.mark.parametrize(
    "counts,field,message",
    [
        (
            {"participated_women": 8, "ended_women": 8, "work_women": 7},
            "ended_women",
            "Avslutade kvinnor: utfallen summerar till 7 men 8 avslutade.",
        ),
        (
            {"participated_men": 5, "ended_men": 4, "work_men": 1},
            "ended_men",
            "Avslutade män: utfallen summerar till 1 men 4 avslutade.",
        ),
        (
            {"participated_women": 2, "ended_women": 3, "work_women": 3},
            "ended_women",
            "Avslutade kvinnor: 3 avslutade men bara 2 deltog.",
        ),
        ({"participated_women": -1}, "participated_women", "Ett antal kan inte vara negativt."),
    ],
)
def test_inconsistent_figures_get_a_clear_message_beside_the_field_and_save_nothing(
    client, office_user, association, counts, field, message
):
    project = ProjectFactory(owner__association=association)
    client.force_login(office_user)
    page = client.post(_period_url(project), _period_data(**counts)).content.decode()
    # in the grid cell it concerns, tied to its input for screen readers
    assert re.search(rf'aria-describedby="id_{field}_error"', page)
    assert re.search(rf'id="id_{field}_error">{re.escape(message)}</div>', page), page[-3000:]
    assert "överträds" not in page and "outcomes_add_up" not in page
    assert not PeriodReport.objects.exists()


def test_the_database_refuses_outcomes_that_do_not_add_up(association):
    project = ProjectFactory(owner__association=association)
    with pytest.raises(IntegrityError), transaction.atomic():
        PeriodReport.objects.create(
            project=project, year=2023, period=1, participated_men=5, ended_men=4, work_men=1
        )


def test_a_period_outside_the_associations_division_is_refused(client, office_user, association):
    project = ProjectFactory(owner__association=association)
    client.force_login(office_user)
    response = client.get(_period_url(project, period=3), follow=True)
    assert "Perioden finns inte för förbundets indelning av året." in response.content.decode()


def test_goals_carry_over_to_next_year(client, office_user, association):
    project = ProjectFactory(owner__association=association)
    goal = Goal.objects.create(association=association, year=2023, number=1, text="Mål", follow_up="SUS")
    target = ResultTarget.objects.create(goal=goal, text="35 %", indicator="work_or_studies", target_value=35)
    target.projects.set([project])
    client.force_login(office_user)
    url = reverse("followup:carry_over", kwargs={"slug": association.slug, "year": 2023})
    assert client.post(url).status_code == 302
    copied = Goal.objects.get(association=association, year=2024)
    assert list(copied.targets.values_list("text", "target_value")) == [("35 %", 35)]
    assert list(copied.targets.get().projects.all()) == [project]
    response = client.post(url, follow=True)
    assert "Planåret 2024 har redan mål" in response.content.decode()
    assert Goal.objects.filter(year=2024).count() == 1


def test_an_activity_with_participants_per_member_organisation(client, office_user, association):
    member = MemberOrganisationFactory(association=association, name="Flens kommun")
    client.force_login(office_user)
    url = reverse("followup:activity_create", kwargs={"slug": association.slug, "year": 2023})
    data = {
        "title": "Temadag",
        "date": "2023-03-01",
        "kind": "competence",
        f"deltagare-m{member.pk}_women": "12",
        f"deltagare-m{member.pk}_men": "3",
    }
    assert submit(client, url, data).status_code == 302
    row = ActivityParticipants.objects.get()
    assert (row.activity.title, row.count_women, row.count_men, row.count_other) == ("Temadag", 12, 3, 0)
    data[f"deltagare-m{member.pk}_men"] = "-2"
    response = submit(client, url, data)
    assert "Ett antal kan inte vara negativt." in response.content.decode()
    assert Activity.objects.count() == 1


def test_missing_status_reports_are_listed(client, board_user, association):
    granted_project(
        {2023: 1},
        owner__association=association,
        name="SIKTA",
        start=datetime.date(2023, 1, 1),
        end=datetime.date(2023, 12, 31),
    )
    client.force_login(board_user)
    page = client.get(
        reverse("followup:overview", kwargs={"slug": association.slug, "year": 2023})
    ).content.decode()
    assert "SIKTA: period 1" in page
    assert "SIKTA: period 2" in page


@pytest.mark.parametrize("count", [3, 30])
def test_target_page_runs_a_fixed_number_of_queries(
    client, auditor_user, association, django_assert_num_queries, count
):
    goal = Goal.objects.create(association=association, year=2023, number=1, text="Mål")
    target = ResultTarget.objects.create(goal=goal, text="35 %", indicator="work_or_studies", target_value=35)
    ResultTarget.objects.create(goal=goal, text="12 aktiviteter", indicator="activities", target_value=12)
    owner = MemberOrganisationFactory(association=association)
    projects = [
        granted_project(
            {2023: 1}, owner=owner, start=datetime.date(2023, 1, 1), end=datetime.date(2023, 12, 31)
        )
        for _ in range(count)
    ]
    target.projects.set(projects[:2])
    for project in projects:
        for period in (1, 2):
            PeriodReportFactory(project=project, period=period, ended_women=2, work_women=1, none_women=1)
    client.force_login(auditor_user)
    url = reverse("followup:overview", kwargs={"slug": association.slug, "year": 2023})
    # session, user, grant; goals, targets, target projects; period reports; activities;
    # settings; projects of the year; received reports; due items: the projects that can still owe something
    # (none: 2023 is past the window, so no reports or requisitions are read for them), the yearly cycle; years
    # with follow-up figures (goals, period reports and status reports in one UNION); navigation.
    with django_assert_num_queries(15):
        response = client.get(url)
    assert response.status_code == 200


def test_planned_participants_are_saved_and_a_stale_form_is_refused(client, office_user, association):
    from followup.models import PlannedParticipants
    from tests.forms import form_fields

    project = granted_project({2023: 1}, owner__association=association)
    client.force_login(office_user)
    page = reverse("followup:project", kwargs={"slug": association.slug, "year": 2023, "pk": project.pk})
    url = reverse("followup:planned", kwargs={"slug": association.slug, "year": 2023, "pk": project.pk})
    stale = form_fields(client.get(page).content.decode(), contains="count")
    fresh = dict(stale, count=["40"])
    assert client.post(url, fresh).status_code == 302
    stale["count"] = ["12"]
    response = client.post(url, stale, follow=True)
    assert "efter att du öppnade sidan" in response.content.decode()
    assert PlannedParticipants.objects.get(project=project, year=2023).count == 40


def test_the_period_form_is_a_grid_with_row_and_outcome_sums(client, office_user, association):
    project = ProjectFactory(owner__association=association)
    PeriodReport.objects.create(
        project=project,
        year=2023,
        period=1,
        started_women=3,
        started_men=2,
        participated_women=10,
        participated_men=4,
        ended_women=3,
        work_women=1,
        studies_women=1,
        none_women=1,
        ended_men=1,
        work_men=1,
    )
    client.force_login(office_user)
    page = client.get(_period_url(project)).content.decode()
    assert '<th scope="col" class="amount">Kvinnor</th>' in page
    assert re.search(
        r'id="total_started" data-sum="id_started_women id_started_men id_started_other">5<', page
    )
    assert re.search(r'id="total_participated"[^>]*>14<', page)
    outcomes_women = " ".join(f"id_{o}_women" for o in OUTCOMES)
    assert re.search(rf'data-sum="{outcomes_women}">3<', page)
    assert re.search(r'data-sum="id_work_women [^"]*id_unknown_other">4<', page)
    assert "finsam/js/live-sums.js" in page


def test_a_constraint_message_without_a_form_check_lands_beside_its_field(association):
    from followup.forms import PeriodReportForm

    project = ProjectFactory(owner__association=association)
    form = PeriodReportForm(
        _period_data(participated_women=1),
        instance=PeriodReport(project=project, year=2023, period=1),
        association=association,
    )
    form.clean = lambda: form.cleaned_data  # without the form's own checks, only the database's remain
    form.data = form.data.copy()
    form.data.update({"ended_women": 2, "work_women": 2})
    assert not form.is_valid()
    assert form.errors["ended_women"] == ["Avslutade kvinnor: fler avslutade än deltog."]
    assert "__all__" not in form.errors


def test_a_structure_oriented_report_refuses_an_impossible_activity_count_and_stores_nothing(
    office_client, association
):
    from followup.models import StructuralReport
    from projects.models import ProjectKind

    project = ProjectFactory(
        owner__association=association,
        kind=ProjectKind.STRUCTURAL,
        start=datetime.date(2023, 1, 1),
        end=datetime.date(2023, 12, 31),
    )
    response = submit(office_client, _period_url(project), {"activities": "99999999999999999999999"})
    assert response.status_code == 200
    assert "Ange högst 10 000 000." in response.content.decode().replace("\xa0", " ")
    assert not StructuralReport.objects.exists()
    done = submit(office_client, _period_url(project), {"activities": "4"})
    assert done.status_code == 302
    assert StructuralReport.objects.get(project=project, period=1).activities == 4

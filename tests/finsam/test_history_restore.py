"""History without gaps (cascades and many-to-many links), deletions confirmed in full, and restored in full."""

import datetime

import pytest
from django.urls import reverse

from finsam.history import changes_for, restore_deletion
from followup.models import Goal, Indicator, PeriodReport, ResultTarget
from followup.services import carry_over_goals
from members.models import LocalGroup, MemberOrganisation
from projects.models import Application, ApplicationRound, Decision, Project, ProjectYearAmount, Requisition
from tests.factories import MemberOrganisationFactory, PeriodReportFactory, granted_project


def _history(client, association):
    return client.get(reverse("association_history", kwargs={"slug": association.slug})).content.decode()


def test_members_emptied_by_deleting_their_local_group_are_in_the_history(office_client, association):
    group = LocalGroup.objects.create(association=association, name="LSG norra")
    member = MemberOrganisationFactory(association=association, name="Flens kommun", local_group=group)
    group.delete()
    member.refresh_from_db()
    assert member.local_group is None
    change = next(
        c for c in changes_for(association) if c.object_label == "Flens kommun" and c.kind_code == "~"
    )
    assert [(f.label, f.old, f.new) for f in change.fields] == [("lokal samverkansgrupp", "LSG norra", "–")]


def test_applications_emptied_by_deleting_their_round_are_in_the_history(association):
    applicant = MemberOrganisationFactory(association=association)
    spring = ApplicationRound.objects.create(
        association=association, name="Våren 2023", deadline=datetime.date(2023, 3, 1)
    )
    application = Application.objects.create(
        association=association, round=spring, name="Vägen vidare", applicant=applicant,
        start=datetime.date(2023, 9, 1), end=datetime.date(2025, 8, 31),
    )  # fmt: skip
    spring_pk = spring.pk
    spring.delete()
    history = Application.history.filter(id=application.pk).order_by("history_id")
    assert [(h.history_type, h.round_id) for h in history] == [("+", spring_pk), ("~", None)]
    assert history.last().history_batch is not None


def test_the_projects_of_result_targets_carried_over_are_in_the_history(association):
    project = granted_project({2023: 1_000}, owner__association=association, name="Steget")
    goal = Goal.objects.create(association=association, year=2023, number=1, text="Arbete")
    target = ResultTarget.objects.create(
        goal=goal, text="35 %", indicator=Indicator.WORK_OR_STUDIES_SHARE, target_value=35
    )
    target.projects.set([project])
    carry_over_goals(association=association, from_year=2023, to_year=2024)
    copied = ResultTarget.objects.get(goal__year=2024)
    changes = [c for c in changes_for(association) if c.object_label == "35 %" and c.kind_code == "~"]
    assert any(
        (f.label, f.old, f.new) == ("insatser som målet gäller", "–", str(project))
        for c in changes
        for f in c.fields
    ), changes
    assert copied.projects.get() == project


@pytest.fixture
def full_project(association):
    """A project with a decision, yearly amounts, a requisition, follow-up figures and a result target."""
    project = granted_project({2023: 600_000, 2024: 400_000}, owner__association=association, name="Steget")
    Requisition.objects.create(
        project=project,
        period_start=datetime.date(2023, 1, 1),
        period_end=datetime.date(2023, 6, 30),
        amount=250_000,
    )
    PeriodReportFactory(project=project, year=2023, period=1, participated_women=7, participated_men=5)
    goal = Goal.objects.create(association=association, year=2023, number=1, text="Arbete")
    target = ResultTarget.objects.create(
        goal=goal, text="35 %", indicator=Indicator.WORK_OR_STUDIES_SHARE, target_value=35
    )
    target.projects.set([project])
    return project


def _snapshot(project_pk):
    return {
        "project": list(Project.objects.filter(pk=project_pk).values("name", "owner_id", "start", "end")),
        "decisions": list(
            Decision.objects.filter(project_id=project_pk).values("granted_amount", "decided_on")
        ),
        "amounts": list(
            ProjectYearAmount.objects.filter(project_id=project_pk).values_list("year", "amount")
        ),
        "requisitions": list(
            Requisition.objects.filter(project_id=project_pk).values_list("amount", flat=True)
        ),
        "figures": list(
            PeriodReport.objects.filter(project_id=project_pk).values_list(
                "participated_women", "participated_men"
            )
        ),
        "targets": list(ResultTarget.objects.filter(projects__pk=project_pk).values_list("text", flat=True)),
    }


def test_deleting_a_project_lists_everything_that_goes_and_changes_with_it(office_client, full_project):
    url = reverse("projects:delete", kwargs={"slug": "eget", "pk": full_project.pk})
    page = office_client.get(url).content.decode()
    assert "Det här tas också bort:" in page
    for what in ("Beslut (1)", "Belopp per år (2)", "Rekvisitioner (1)", "Periodrapporter (1)"):
        assert what in page, what
    assert "Resultatmål ”35 %” förlorar sin koppling till" in page


def test_office_staff_restore_a_deleted_project_with_everything_deleted_with_it(
    office_client, office_user, association, full_project
):
    before = _snapshot(full_project.pk)
    url = reverse("projects:delete", kwargs={"slug": "eget", "pk": full_project.pk})
    assert office_client.post(url).status_code == 302
    assert _snapshot(full_project.pk)["project"] == []
    assert _snapshot(full_project.pk)["targets"] == []

    deletion = next(
        c for c in changes_for(association) if c.kind_code == "-" and c.model_key == "projects.project"
    )
    assert deletion.restorable
    restore = reverse(
        "association_restore",
        kwargs={"slug": "eget", "model": "projects.project", "history_id": deletion.history_id},
    )
    response = office_client.post(restore, follow=True)
    assert "rader är återställda" in response.content.decode()
    assert _snapshot(full_project.pk) == before
    restored = Project.history.filter(id=full_project.pk).latest()
    assert (restored.history_type, restored.history_change_reason, restored.history_user) == (
        "+",
        "Återställd från historiken",
        office_user,
    )
    again = office_client.post(restore, follow=True).content.decode()
    assert "borttagningen är redan återställd" in again
    assert Project.objects.filter(pk=full_project.pk).count() == 1


def test_only_office_staff_restore_and_only_in_their_own_association(
    client, auditor_user, outsider, association, full_project
):
    full_project.delete()
    deletion = next(
        c for c in changes_for(association) if c.kind_code == "-" and c.model_key == "projects.project"
    )
    url = reverse(
        "association_restore",
        kwargs={"slug": "eget", "model": "projects.project", "history_id": deletion.history_id},
    )
    client.force_login(auditor_user)
    assert client.post(url).status_code == 403
    assert client.get(url).status_code == 405
    client.force_login(outsider)
    assert client.post(url).status_code == 404
    assert not Project.objects.filter(pk=full_project.pk).exists()


def test_a_deleted_member_restores_with_its_projects_links(association):
    owner = MemberOrganisationFactory(association=association, name="Region")
    participant = MemberOrganisationFactory(association=association, name="Flens kommun")
    project = granted_project({2023: 1}, owner=owner)
    project.participants.set([participant])
    participant_pk = participant.pk
    participant.delete()
    assert list(project.participants.all()) == []
    change = next(
        c for c in changes_for(association) if c.model_key == "projects.project" and c.kind_code == "~"
    )
    assert [(f.label, f.old, f.new) for f in change.fields] == [("deltagande medlemmar", "Flens kommun", "–")]
    from finsam.history import restore_deletion

    deletion = next(
        c
        for c in changes_for(association)
        if c.model_key == "members.memberorganisation" and c.kind_code == "-"
    )
    restore_deletion(association, model=MemberOrganisation, history_id=deletion.history_id, by=None)
    assert list(project.participants.values_list("pk", flat=True)) == [participant_pk]


def test_local_groups_deleted_by_the_admins_delete_selected_restore_one_by_one_with_their_members_links(
    client, office_user, association
):
    north = LocalGroup.objects.create(association=association, name="LSG norra")
    south = LocalGroup.objects.create(association=association, name="LSG södra")
    flen = MemberOrganisationFactory(association=association, name="Flens kommun", local_group=north)
    vingaker = MemberOrganisationFactory(association=association, name="Vingåkers kommun", local_group=south)
    client.force_login(office_user)
    response = client.post(
        reverse("admin:members_localgroup_changelist"),
        {"action": "delete_selected", "_selected_action": [north.pk, south.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not LocalGroup.objects.exists()
    assert list(MemberOrganisation.objects.values_list("local_group", flat=True)) == [None, None]

    deletion = next(
        c
        for c in changes_for(association)
        if c.kind_code == "-" and c.model_key == "members.localgroup" and c.object_label == "LSG norra"
    )
    restored = restore_deletion(association, model=LocalGroup, history_id=deletion.history_id, by=office_user)
    assert restored == 1  # the group; the member it had emptied is linked again below
    flen.refresh_from_db()
    vingaker.refresh_from_db()
    assert (flen.local_group_id, vingaker.local_group_id) == (north.pk, None)  # each deletion its own batch
    assert list(LocalGroup.objects.values_list("name", flat=True)) == ["LSG norra"]

import datetime

import pytest
from django.urls import reverse

from finsam.access import Need
from projects.models import Application, ApplicationRound, Requisition
from tests.access_matrix import ROLES, assert_login_required, assert_matrix_cell
from tests.factories import MemberOrganisationFactory, granted_project


def _objects(association):
    owner = MemberOrganisationFactory(association=association, name=f"Ägare i {association.slug}")
    project = granted_project({2023: 1000}, owner=owner)
    requisition = Requisition.objects.create(
        project=project,
        period_start=datetime.date(2023, 1, 1),
        period_end=datetime.date(2023, 6, 30),
        amount=5,
    )
    application = Application.objects.create(
        association=association,
        name="Ansökan",
        applicant=owner,
        start=datetime.date(2024, 1, 1),
        end=datetime.date(2025, 12, 31),
    )
    round_ = ApplicationRound.objects.create(
        association=association, name="Våren", deadline=datetime.date(2024, 3, 1)
    )
    return {
        "project": project.pk,
        "decision": project.decisions.get().pk,
        "requisition": requisition.pk,
        "application": application.pk,
        "round": round_.pk,
    }


URLS = [
    ("projects:list", lambda o: {}, Need.VIEW),
    ("projects:create", lambda o: {}, Need.EDIT),
    ("projects:rules", lambda o: {}, Need.EDIT),
    ("projects:requisitions", lambda o: {}, Need.VIEW),
    ("projects:detail", lambda o: {"pk": o["project"]}, Need.VIEW),
    ("projects:edit", lambda o: {"pk": o["project"]}, Need.EDIT),
    ("projects:delete", lambda o: {"pk": o["project"]}, Need.EDIT),
    ("projects:years", lambda o: {"pk": o["project"]}, Need.EDIT),
    ("projects:decision_create", lambda o: {"pk": o["project"]}, Need.EDIT),
    ("projects:decision_edit", lambda o: {"pk": o["project"], "dpk": o["decision"]}, Need.EDIT),
    ("projects:decision_delete", lambda o: {"pk": o["project"], "dpk": o["decision"]}, Need.EDIT),
    ("projects:requisition_create", lambda o: {"pk": o["project"]}, Need.EDIT),
    ("projects:requisition_edit", lambda o: {"pk": o["project"], "rpk": o["requisition"]}, Need.EDIT),
    ("projects:requisition_delete", lambda o: {"pk": o["project"], "rpk": o["requisition"]}, Need.EDIT),
    ("projects:applications", lambda o: {}, Need.VIEW),
    ("projects:application_create", lambda o: {}, Need.EDIT),
    ("projects:application_edit", lambda o: {"pk": o["application"]}, Need.EDIT),
    ("projects:application_decide", lambda o: {"pk": o["application"]}, Need.EDIT),
    ("projects:round_create", lambda o: {}, Need.EDIT),
    ("projects:round_edit", lambda o: {"pk": o["round"]}, Need.EDIT),
    ("projects:round_delete", lambda o: {"pk": o["round"]}, Need.EDIT),
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


def test_another_associations_project_under_ones_own_slug_answers_404(
    client, office_user, association, other_association
):
    foreign = _objects(other_association)
    client.force_login(office_user)
    assert (
        client.get(
            reverse("projects:detail", kwargs={"slug": association.slug, "pk": foreign["project"]})
        ).status_code
        == 404
    )
    url = reverse(
        "projects:requisition_edit",
        kwargs={"slug": association.slug, "pk": foreign["project"], "rpk": foreign["requisition"]},
    )
    assert client.get(url).status_code == 404

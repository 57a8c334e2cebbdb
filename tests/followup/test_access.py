import datetime

import pytest
from django.urls import reverse

from finsam.access import Need
from followup.models import Activity, Goal, ResultTarget
from tests.access_matrix import ROLES, assert_login_required, assert_matrix_cell
from tests.factories import ProjectFactory


def _objects(association):
    project = ProjectFactory(owner__association=association)
    goal = Goal.objects.create(association=association, year=2023, number=1, text="Mål")
    target = ResultTarget.objects.create(goal=goal, text="t", indicator="activities", target_value=1)
    activity = Activity.objects.create(association=association, date=datetime.date(2023, 5, 1), title="Dag")
    return {"project": project.pk, "goal": goal.pk, "target": target.pk, "activity": activity.pk}


URLS = [
    ("followup:overview", lambda o: {}, Need.VIEW),
    ("followup:settings", lambda o: {}, Need.EDIT),
    ("followup:goal_create", lambda o: {}, Need.EDIT),
    ("followup:goal_edit", lambda o: {"pk": o["goal"]}, Need.EDIT),
    ("followup:goal_delete", lambda o: {"pk": o["goal"]}, Need.EDIT),
    ("followup:target_create", lambda o: {"goal_pk": o["goal"]}, Need.EDIT),
    ("followup:target_edit", lambda o: {"pk": o["target"]}, Need.EDIT),
    ("followup:target_delete", lambda o: {"pk": o["target"]}, Need.EDIT),
    ("followup:project", lambda o: {"pk": o["project"]}, Need.VIEW),
    ("followup:period", lambda o: {"pk": o["project"], "period": 1}, Need.EDIT),
    ("followup:activities", lambda o: {}, Need.VIEW),
    ("followup:activity_create", lambda o: {}, Need.EDIT),
    ("followup:activity_edit", lambda o: {"pk": o["activity"]}, Need.EDIT),
    ("followup:activity_delete", lambda o: {"pk": o["activity"]}, Need.EDIT),
    ("followup:national", lambda o: {}, Need.VIEW),
    ("followup:support_measure", lambda o: {}, Need.VIEW),
    ("followup:benefits", lambda o: {"half": 1}, Need.EDIT),
]
POST_ONLY = ["followup:carry_over", "followup:status_report"]


@pytest.mark.parametrize("name,kwargs,need", URLS)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("own", [True, False])
def test_access_matrix(client, users_by_role, association, other_association, name, kwargs, need, role, own):
    target = association if own else other_association
    url = reverse(name, kwargs={"slug": target.slug, "year": 2023, **kwargs(_objects(target))})
    assert_matrix_cell(client, users_by_role[role], url, role, need, own)


@pytest.mark.parametrize("name,kwargs,need", URLS)
def test_anonymous_users_are_sent_to_login(client, association, name, kwargs, need):
    assert_login_required(
        client,
        reverse(name, kwargs={"slug": association.slug, "year": 2023, **kwargs(_objects(association))}),
    )


@pytest.mark.parametrize("name", POST_ONLY)
def test_post_only_urls(client, office_user, board_user, outsider, association, name):
    url = reverse(name, kwargs={"slug": association.slug, "year": 2023})
    client.force_login(office_user)
    assert client.get(url).status_code == 405
    client.force_login(board_user)
    assert client.post(url).status_code == 403
    client.force_login(outsider)
    assert client.post(url).status_code == 404

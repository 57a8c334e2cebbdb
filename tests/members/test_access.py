import pytest
from django.urls import reverse

from finsam.access import Need
from tests.access_matrix import ROLES, assert_login_required, assert_matrix_cell
from tests.factories import BoardSeatFactory, FeeYearFactory, MemberOrganisationFactory


def _objects(association):
    member = MemberOrganisationFactory(association=association, name=f"Kommun i {association.slug}")
    seat = BoardSeatFactory(member=member)
    FeeYearFactory(association=association, year=2009)
    return {"member": member.pk, "seat": seat.pk}


# (url name, kwargs builder from the target's objects, capability needed)
URLS = [
    ("members:list", lambda o: {}, Need.VIEW),
    ("members:create", lambda o: {"kind": "medlem"}, Need.EDIT),
    ("members:edit", lambda o: {"kind": "medlem", "pk": o["member"]}, Need.EDIT),
    ("members:delete", lambda o: {"kind": "medlem", "pk": o["member"]}, Need.EDIT),
    ("members:create", lambda o: {"kind": "ledamot"}, Need.EDIT),
    ("members:edit", lambda o: {"kind": "ledamot", "pk": o["seat"]}, Need.EDIT),
    ("members:create", lambda o: {"kind": "beredning"}, Need.EDIT),
    ("members:create", lambda o: {"kind": "lsg"}, Need.EDIT),
    ("members:fees", lambda o: {}, Need.VIEW),
    ("members:fee_year_create", lambda o: {}, Need.EDIT),
    ("members:fee_year_edit", lambda o: {"year": 2009}, Need.EDIT),
    ("members:fee_year_delete", lambda o: {"year": 2009}, Need.EDIT),
    ("members:populations", lambda o: {}, Need.VIEW),
    ("members:population_edit", lambda o: {}, Need.EDIT),
    ("members:board", lambda o: {}, Need.VIEW),
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


def test_an_object_of_another_association_answers_404_even_under_ones_own_slug(
    client, office_user, association, other_association
):
    foreign = MemberOrganisationFactory(association=other_association)
    client.force_login(office_user)
    url = reverse("members:edit", kwargs={"slug": association.slug, "kind": "medlem", "pk": foreign.pk})
    assert client.get(url).status_code == 404


def test_an_unknown_kind_answers_404(client, office_user, association):
    client.force_login(office_user)
    assert client.get(f"/{association.slug}/medlemmar/okand/ny/").status_code == 404

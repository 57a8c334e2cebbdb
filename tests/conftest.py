"""Named users around two associations: ours (`association`) and someone else's (`other_association`).

- office_user (kansli), board_user (styrelse), auditor_user (revisor) hold grants in `association`;
- outsider is office staff of `other_association` only.
"""

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from finsam.models import Role
from tests.factories import AccessGrantFactory, AssociationFactory, UserFactory

# The examples are bounded per test; how long one takes to draw depends on how busy the machine is (CI shares two
# cores), which says nothing about the product, so slowness is not a failure.
hypothesis_settings.register_profile("finsam", suppress_health_check=[HealthCheck.too_slow], deadline=None)
hypothesis_settings.load_profile("finsam")


@pytest.fixture
def association(db):
    return AssociationFactory(name="Samordningsförbundet Eget", short_name="Eget", slug="eget")


@pytest.fixture
def other_association(db):
    return AssociationFactory(name="Samordningsförbundet Annat", short_name="Annat", slug="annat")


def _user_with_role(username, association, role):
    user = UserFactory(username=username)
    AccessGrantFactory(user=user, association=association, role=role)
    return user


@pytest.fixture
def office_user(association):
    return _user_with_role("kansli1", association, Role.KANSLI)


@pytest.fixture
def board_user(association):
    return _user_with_role("styrelse1", association, Role.STYRELSE)


@pytest.fixture
def auditor_user(association):
    return _user_with_role("revisor1", association, Role.REVISOR)


@pytest.fixture
def outsider(other_association):
    return _user_with_role("utomstaende", other_association, Role.KANSLI)


@pytest.fixture
def users_by_role(office_user, board_user, auditor_user):
    return {Role.KANSLI: office_user, Role.STYRELSE: board_user, Role.REVISOR: auditor_user}


@pytest.fixture
def office_client(client, office_user):
    client.force_login(office_user)
    return client

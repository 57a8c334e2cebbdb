"""Which projects a year lists (`running_in`): each once, by amounts or by an active period."""

import datetime

import pytest

from projects.models import Project, ProjectStatus
from tests.factories import (
    AssociationFactory,
    MemberOrganisationFactory,
    ProjectFactory,
    ProjectYearAmountFactory,
)

pytestmark = pytest.mark.django_db


def _project(association, name, status, start, end, amount_years=()):
    owner = MemberOrganisationFactory(association=association)
    project = ProjectFactory(owner=owner, name=name, status=status, start=start, end=end)
    for year in amount_years:
        ProjectYearAmountFactory(project=project, year=year, amount=100_000)
    return project


def test_a_year_lists_projects_with_amounts_or_an_active_period_each_once():
    association = AssociationFactory()
    other = AssociationFactory()
    _project(
        association,
        "Tre år med belopp",
        ProjectStatus.RUNNING,
        datetime.date(2009, 1, 1),
        datetime.date(2011, 12, 31),
        [2009, 2010, 2011],
    )
    _project(association, "Pågår utan belopp", ProjectStatus.RUNNING, datetime.date(2010, 6, 1), None)
    _project(
        association,
        "Planerad i år",
        ProjectStatus.PLANNED,
        datetime.date(2010, 9, 1),
        datetime.date(2010, 12, 31),
    )
    _project(
        association,
        "Avslutad utan belopp",
        ProjectStatus.ENDED,
        datetime.date(2009, 1, 1),
        datetime.date(2010, 12, 31),
    )
    _project(association, "Avbruten utan belopp", ProjectStatus.CANCELLED, datetime.date(2010, 1, 1), None)
    _project(association, "Börjar nästa år", ProjectStatus.PLANNED, datetime.date(2011, 1, 1), None)
    _project(
        association,
        "Slutade i fjol",
        ProjectStatus.RUNNING,
        datetime.date(2008, 1, 1),
        datetime.date(2009, 12, 31),
    )
    _project(other, "Annat förbund", ProjectStatus.RUNNING, datetime.date(2010, 1, 1), None, [2010])

    names = list(
        Project.objects.filter(association=association).running_in(2010).values_list("name", flat=True)
    )

    # "Tre år med belopp" matches both by its amounts (three of them) and by its period: still listed once
    assert sorted(names) == ["Planerad i år", "Pågår utan belopp", "Tre år med belopp"]

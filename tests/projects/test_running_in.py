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


D = datetime.date
# name, status, start, end, years with an amount
PROJECTS = [
    ("Tre år med belopp", ProjectStatus.RUNNING, D(2009, 1, 1), D(2011, 12, 31), [2009, 2010, 2011]),
    ("Pågår utan belopp", ProjectStatus.RUNNING, D(2010, 6, 1), None, []),
    ("Planerad i år", ProjectStatus.PLANNED, D(2010, 9, 1), D(2010, 12, 31), []),
    ("Avslutad utan belopp", ProjectStatus.ENDED, D(2009, 1, 1), D(2010, 12, 31), []),
    ("Avbruten utan belopp", ProjectStatus.CANCELLED, D(2010, 1, 1), None, []),
    ("Börjar nästa år", ProjectStatus.PLANNED, D(2011, 1, 1), None, []),
    ("Slutade i fjol", ProjectStatus.RUNNING, D(2008, 1, 1), D(2009, 12, 31), []),
]


def test_a_year_lists_projects_with_amounts_or_an_active_period_each_once():
    association = AssociationFactory()
    for name, status, start, end, amount_years in PROJECTS:
        _project(association, name, status, start, end, amount_years)
    _project(AssociationFactory(), "Annat förbund", ProjectStatus.RUNNING, D(2010, 1, 1), None, [2010])

    names = list(
        Project.objects.filter(association=association).running_in(2010).values_list("name", flat=True)
    )

    # "Tre år med belopp" matches both by its amounts (three of them) and by its period: still listed once
    assert sorted(names) == ["Planerad i år", "Pågår utan belopp", "Tre år med belopp"]

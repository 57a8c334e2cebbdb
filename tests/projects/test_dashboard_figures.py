"""The dashboard's "Beviljat till insatser" is the requisition table's total row, and the budget's project line
sums its breakdown's rows: both must equal `year_total` for any projects, statuses and amounts."""

import datetime

from django.db import transaction
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from budget.compute import LineSpec
from budget.feeds import load_feeds
from budget.models import LineKind
from finsam.access import Access
from finsam.models import Role
from projects.amounts import year_total, year_totals
from projects.dashboard import _panel
from projects.models import ProjectStatus
from tests.factories import ProjectFactory, ProjectYearAmountFactory

YEARS = range(2020, 2025)

projects = st.lists(
    st.fixed_dictionaries(
        {
            "status": st.sampled_from(list(ProjectStatus.values)),
            "start": st.integers(min_value=2019, max_value=2024),
            "length": st.none() | st.integers(min_value=0, max_value=3),
            "amounts": st.dictionaries(
                st.sampled_from(list(YEARS)), st.integers(min_value=0, max_value=5_000_000), max_size=4
            ),
        }
    ),
    max_size=6,
)


def _create(association, drawn):
    for item in drawn:
        end = None if item["length"] is None else datetime.date(item["start"] + item["length"], 12, 31)
        project = ProjectFactory(
            owner__association=association,
            status=item["status"],
            start=datetime.date(item["start"], 3, 1),
            end=end,
        )
        for year, amount in item["amounts"].items():
            ProjectYearAmountFactory(project=project, year=year, amount=amount)


# each example rolls back its rows, so the fixture's association is fresh for every one
@hypothesis_settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(drawn=projects)
def test_the_granted_figure_is_the_budgets_year_total_for_any_projects(association, drawn):
    with transaction.atomic():
        _create(association, drawn)
        access = Access(association=association, role=Role.STYRELSE)
        for year in YEARS:
            (figure,) = _panel(access, year, datetime.date(2024, 6, 1))["figures"]
            assert figure.amount == year_total(association, year)
        transaction.set_rollback(True)


@hypothesis_settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(drawn=projects)
def test_the_budgets_fed_project_totals_are_the_year_totals_and_their_rows_sum_for_any_projects(
    association, drawn
):
    with transaction.atomic():
        _create(association, drawn)
        line = LineSpec(id=1, name="Insatser", group="costs", kind=LineKind.PROJECTS)
        feeds = load_feeds(association, list(YEARS), [line])
        assert feeds.projects == year_totals(association, YEARS)
        for year, rows in feeds.project_breakdown.items():
            assert feeds.projects[year] == sum(amount for _label, _owner, amount in rows)
        transaction.set_rollback(True)


def test_the_granted_figure_leaves_out_cancelled_projects_and_counts_the_years_amounts(association):
    running = ProjectFactory(owner__association=association, status=ProjectStatus.RUNNING)
    ProjectYearAmountFactory(project=running, year=2010, amount=1_018_000)
    cancelled = ProjectFactory(owner__association=association, status=ProjectStatus.CANCELLED)
    ProjectYearAmountFactory(project=cancelled, year=2010, amount=500_000)
    access = Access(association=association, role=Role.KANSLI)
    (figure,) = _panel(access, 2010, datetime.date(2010, 6, 1))["figures"]
    assert figure.amount == 1_018_000

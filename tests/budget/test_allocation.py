"""The state's allocation model, the estimate of next year's contribution, and the equity ceiling."""

import datetime

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from budget.allocation import (
    AreaFigures,
    area_figures,
    ceiling_for,
    equity_status,
    estimate_state_contribution,
    round_kronor,
    state_estimate,
)
from budget.models import BudgetAmount, BudgetSettings, EquityCeilingStep, LineGroup, StateAllocationBasis
from finsam.access import Need
from followup.models import BenefitSum
from members.models import MemberKind
from tests.access_matrix import ROLES, assert_login_required, assert_matrix_cell
from tests.factories import (
    BudgetColumnFactory,
    BudgetLineFactory,
    BudgetVersionFactory,
    FeeYearFactory,
    MemberOrganisationFactory,
    PopulationFactory,
)
from tests.forms import form_fields


def _basis(association, **overrides):
    values = {
        "association": association,
        "year": 2024,
        "statistics_year": 2022,
        "national_amount": 339_000_000,
        "associations": 80,
        "national_population": 6_000_000,
        "national_benefits": 100_000_000_000,
    }
    values.update(overrides)
    return StateAllocationBasis.objects.create(**values)


def test_the_estimate_is_the_base_plus_the_two_keys(association):
    basis = _basis(association)
    # 339 000 000 − 80 × 400 000 = 307 000 000 to split; the area has 1 % of the benefits and 2 % of the people
    estimate = estimate_state_contribution(basis, AreaFigures(120_000, 1_000_000_000, []))
    assert estimate.base == 400_000
    assert estimate.by_measure == 2_302_500  # 307 000 000 × 75 % × 1 %
    assert estimate.by_population == 1_535_000  # 307 000 000 × 25 % × 2 %
    assert estimate.total == 4_237_500
    assert estimate.member_contributions == 8_475_000


def test_without_area_figures_nothing_is_estimated(association):
    assert estimate_state_contribution(_basis(association), AreaFigures(None, None, ["Flen"])) is None


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=1, max_value=10**9), st.integers(min_value=1, max_value=10**6))
def test_rounding_to_kronor_is_half_up_and_exact(numerator, denominator):
    from fractions import Fraction

    value = Fraction(numerator, denominator)
    rounded = round_kronor(value)
    assert -Fraction(1, 2) < Fraction(rounded) - value <= Fraction(1, 2)  # a tie goes up, never down


def _area(association):
    flen = MemberOrganisationFactory(association=association, name="Flen", kind=MemberKind.MUNICIPALITY)
    gnesta = MemberOrganisationFactory(association=association, name="Gnesta", kind=MemberKind.MUNICIPALITY)
    PopulationFactory(member=flen, reference_date=datetime.date(2021, 11, 1), inhabitants=9_000)
    PopulationFactory(member=flen, reference_date=datetime.date(2022, 11, 1), inhabitants=9_500)
    PopulationFactory(member=flen, reference_date=datetime.date(2023, 11, 1), inhabitants=99_999)  # too late
    PopulationFactory(member=gnesta, reference_date=datetime.date(2022, 11, 1), inhabitants=6_500)
    for member, first, second in ((flen, 150_000_000, 160_000_000), (gnesta, 90_000_000, 100_000_000)):
        BenefitSum.objects.create(member=member, year=2022, half=1, amount=first)
        BenefitSum.objects.create(member=member, year=2022, half=2, amount=second)
    return flen, gnesta


def test_the_area_is_read_from_the_municipalities_population_and_benefits(association):
    flen, gnesta = _area(association)
    assert area_figures(association, 2022) == AreaFigures(16_000, 500_000_000, [])
    BenefitSum.objects.filter(member=gnesta, half=2).delete()
    assert area_figures(association, 2022) == AreaFigures(None, None, ["Gnesta"])


def test_the_budget_page_shows_next_years_estimate_and_the_ceiling(client, auditor_user, association):
    _area(association)
    _basis(association)
    version = BudgetVersionFactory(
        budget__association=association, budget__plan_year=2023, opening_equity=3_000_000
    )
    BudgetColumnFactory(version=version, year=2023)
    fees = BudgetLineFactory(association=association, group=LineGroup.INCOME, name="Avgifter")
    BudgetAmount.objects.create(version=version, line=fees, year=2023, amount=8_000_000)
    BudgetSettings.objects.create(association=association, equity_ceiling=5_000_000)
    # 307 000 000 × 75 % × 0,5 % = 1 151 250; × 25 % × 16 000 / 6 000 000 = 204 667 (204 666,67 rounded)
    estimate, _basis_row, _area_row = state_estimate(association, 2024)
    assert (estimate.by_measure, estimate.by_population, estimate.total) == (1_151_250, 204_667, 1_755_917)
    client.force_login(auditor_user)
    page = client.get(
        reverse("budget:detail", kwargs={"slug": association.slug, "year": 2023})
    ).content.decode()
    assert "1\u00a0755\u00a0917\u00a0kr" in page
    assert "3\u00a0511\u00a0834\u00a0kr" in page  # all members: twice the state's half
    assert "11\u00a0000\u00a0000\u00a0kr" in page  # equity: 3 000 000 + 8 000 000, nothing spent
    assert "Det egna kapitalet är 6\u00a0000\u00a0000\u00a0kr över den rimliga nivån" in page


def test_the_staircase_picks_the_step_that_holds_the_allocation(association):
    steps = [
        EquityCeilingStep(association=association, up_to=None, max_share=10),
        EquityCeilingStep(association=association, up_to=10_000_000, max_share=20),
        EquityCeilingStep(association=association, up_to=20_000_000, max_share=15),
    ]
    assert ceiling_for(8_000_000, steps) == 1_600_000
    assert ceiling_for(10_000_000, steps) == 2_000_000
    assert ceiling_for(12_345_679, steps) == 1_851_852  # 1 851 851,85 rounded
    assert ceiling_for(30_000_000, steps) == 3_000_000
    assert ceiling_for(30_000_000, steps[1:]) is None


def test_equity_over_the_staircase_is_reported_with_its_excess(association):
    version = BudgetVersionFactory(
        budget__association=association, budget__plan_year=2023, opening_equity=1_000_000
    )
    BudgetColumnFactory(version=version, year=2023)
    fees = BudgetLineFactory(association=association, group=LineGroup.INCOME, name="Avgifter")
    costs = BudgetLineFactory(association=association, group=LineGroup.COSTS, name="Insatser")
    BudgetAmount.objects.create(version=version, line=fees, year=2023, amount=10_000_000)
    BudgetAmount.objects.create(version=version, line=costs, year=2023, amount=8_500_000)
    EquityCeilingStep.objects.create(association=association, up_to=None, max_share=20)
    status = equity_status(association, 2023)
    # allocated: no fee year and no fed fee line here, so the staircase cannot be applied
    assert (status.allocated, status.ceiling, status.equity, status.equity_is_actual) == (
        None,
        None,
        2_500_000,
        False,
    )
    FeeYearFactory(association=association, year=2023, total=10_000_000)
    status = equity_status(association, 2023)
    assert (status.allocated, status.ceiling, status.rule, status.over) == (
        10_000_000,
        2_000_000,
        "steps",
        500_000,
    )


def test_office_staff_enter_the_basis_and_a_bad_sum_of_keys_changes_nothing(client, office_user, association):
    url = reverse("budget:allocation_basis", kwargs={"slug": association.slug, "year": 2023})
    client.force_login(office_user)
    data = {
        **form_fields(client.get(url).content.decode()),
        "statistics_year": "2022",
        "national_amount": "339000000",
        "associations": "80",
        "national_population": "6000000",
        "national_benefits": "100000000000",
        "base_amount": "400000",
        "measure_share": "75",
        "population_share": "30",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "tillsammans vara 100" in response.content.decode()
    assert not StateAllocationBasis.objects.exists()
    data["population_share"] = "25"
    assert client.post(url, data).status_code == 302
    basis = StateAllocationBasis.objects.get(association=association, year=2024)
    assert (basis.national_amount, basis.associations, basis.statistics_year) == (339_000_000, 80, 2022)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("own", [True, False])
def test_the_basis_page_is_for_office_staff(client, users_by_role, association, other_association, role, own):
    target = association if own else other_association
    url = reverse("budget:allocation_basis", kwargs={"slug": target.slug, "year": 2023})
    assert_matrix_cell(client, users_by_role[role], url, role, Need.EDIT, own)


def test_the_basis_page_requires_login(client, association):
    assert_login_required(
        client, reverse("budget:allocation_basis", kwargs={"slug": association.slug, "year": 2023})
    )

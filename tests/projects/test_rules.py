import datetime
from decimal import Decimal

from projects.models import ProjectRules
from projects.rules import length_warning, long_term_share, requisition_warning
from tests.factories import ProjectFactory, granted_project

D = datetime.date


def test_a_project_longer_than_the_maximum_is_warned_about(association):
    rules = ProjectRules(association=association, max_length_months=36)
    three_years = ProjectFactory(owner__association=association, start=D(2009, 1, 1), end=D(2011, 12, 31))
    longer = ProjectFactory(owner__association=association, start=D(2009, 1, 1), end=D(2012, 1, 31))
    assert length_warning(three_years, rules) is None
    assert length_warning(longer, rules) == (
        "Insatsen är längre än förbundets längsta insatstid på 36 månader: den slutar 2012-01-31, "
        "men borde sluta senast 2011-12-31."
    )


def test_a_year_below_the_long_term_share_is_warned_about(association):
    rules = ProjectRules(association=association, min_long_term_share=Decimal("75"))
    granted_project({2023: 700_000}, owner__association=association, long_term_county_wide=True)
    granted_project({2023: 300_000}, owner__association=association)
    share = long_term_share(association, 2023, rules)
    assert share.share == Decimal("70.0")
    assert share.warning == (
        "2023 går 70,0 % av insatsmedlen (700\u00a0000\u00a0kr av 1\u00a0000\u00a0000\u00a0kr) till långsiktiga, "
        "länsövergripande insatser; förbundets regel är minst 75 %."
    )


def test_a_year_meeting_the_share_or_without_money_has_no_warning(association):
    rules = ProjectRules(association=association, min_long_term_share=Decimal("75"))
    granted_project({2023: 750_000}, owner__association=association, long_term_county_wide=True)
    granted_project({2023: 250_000}, owner__association=association)
    assert long_term_share(association, 2023, rules).warning is None
    assert long_term_share(association, 2030, rules).share is None


def test_requisitions_above_the_grant_are_warned_about():
    assert requisition_warning(2_100_000, 2_000_000) == (
        "Rekvirerat 2\u00a0100\u00a0000\u00a0kr är 100\u00a0000\u00a0kr mer än beviljat 2\u00a0000\u00a0000\u00a0kr."
    )
    assert requisition_warning(1_900_000, 2_000_000) is None


def test_the_share_rule_applies_only_from_its_first_year(association):
    rules = ProjectRules(
        association=association, min_long_term_share=Decimal("75"), share_rule_from_year=2022
    )
    granted_project({2010: 100}, owner__association=association)
    granted_project({2022: 100}, owner__association=association)
    assert long_term_share(association, 2010, rules).warning is None
    assert long_term_share(association, 2022, rules).warning is not None

import datetime

from hypothesis import given
from hypothesis import strategies as st

from projects.amounts import days_per_year, mismatch_message, propose_split, year_total
from projects.models import ProjectStatus
from tests.factories import granted_project

D = datetime.date


def test_a_project_over_four_calendar_years_gets_an_amount_in_each_summing_to_the_total():
    split = propose_split(7_987_000, D(2008, 9, 1), D(2011, 8, 31))
    assert list(split) == [2008, 2009, 2010, 2011]
    assert sum(split.values()) == 7_987_000
    assert days_per_year(D(2008, 9, 1), D(2011, 8, 31)) == {2008: 122, 2009: 365, 2010: 365, 2011: 243}


def test_fixed_years_keep_their_amount_and_the_rest_is_spread_by_days():
    split = propose_split(5_894_000, D(2009, 1, 1), D(2011, 12, 31), fixed={2010: 1_965_000})
    assert split == {2009: 1_964_500, 2010: 1_965_000, 2011: 1_964_500}


@given(
    total=st.integers(min_value=0, max_value=10**9),
    start=st.dates(min_value=D(2004, 1, 1), max_value=D(2030, 12, 31)),
    length=st.integers(min_value=0, max_value=2000),
)
def test_the_proposal_always_sums_to_the_total(total, start, length):
    end = start + datetime.timedelta(days=length)
    split = propose_split(total, start, end)
    assert sum(split.values()) == total
    assert set(split) == set(range(start.year, end.year + 1))


def test_mismatch_names_the_difference():
    assert mismatch_message(2_923_000, 2_924_000) == (
        "Åren summerar till 2\u00a0923\u00a0000\u00a0kr, 1\u00a0000\u00a0kr mindre än det beviljade "
        "totalbeloppet 2\u00a0924\u00a0000\u00a0kr."
    )
    assert "mer än" in mismatch_message(3_000_000, 2_924_000)
    assert mismatch_message(2_924_000, 2_924_000) is None


def test_year_total_sums_the_years_amounts_and_leaves_out_cancelled_projects(association, other_association):
    granted_project({2010: 1_018_000, 2009: 5}, owner__association=association)
    granted_project({2010: 99_000}, owner__association=association)
    granted_project({2010: 500_000}, owner__association=association, status=ProjectStatus.CANCELLED)
    granted_project({2010: 7}, owner__association=other_association)
    assert year_total(association, 2010) == 1_117_000

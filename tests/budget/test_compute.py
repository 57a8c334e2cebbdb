from hypothesis import given
from hypothesis import strategies as st

from budget.compute import DERIVED, ENTERED, FED, OVERRIDE, Feeds, LineSpec, compute_budget, displayed
from budget.models import LineGroup, LineKind

INC, COST, FIN, MEMO = LineGroup.INCOME, LineGroup.COSTS, LineGroup.FINANCIAL_INCOME, LineGroup.MEMO


def _lines():
    return [
        LineSpec(1, "Ägarbidrag", INC, LineKind.MEMBER_FEES),
        LineSpec(2, "Övriga intäkter", INC, LineKind.CARRYOVER),
        LineSpec(3, "Summa intäkter", INC, LineKind.SUBTOTAL),
        LineSpec(4, "Kansli", COST, LineKind.ENTERED),
        LineSpec(5, "Insatser", COST, LineKind.PROJECTS),
        LineSpec(6, "Summa kostnader", COST, LineKind.SUBTOTAL),
        LineSpec(7, "Ränta", FIN, LineKind.ENTERED),
        LineSpec(8, "Att fördela", COST, LineKind.ENTERED),
        LineSpec(9, "Tidigare år", MEMO, LineKind.ENTERED),
        LineSpec(10, "Resultat", COST, LineKind.RESULT),
    ]


def test_sums_results_carry_over_and_equity_are_derived_from_the_lines():
    computed = compute_budget(
        lines=_lines(),
        years=[2009, 2010],
        entered={
            (4, 2009): 458_000,
            (4, 2010): 1_209_000,
            (7, 2010): 14_000,
            (8, 2010): 8_787_000,
            (9, 2010): 99,
        },
        feeds=Feeds(member_fees={2009: 5_440_000, 2010: 5_000_000}, projects={2009: 0, 2010: 0}),
        opening_equity=0,
    )
    assert computed.surplus == {2009: 4_982_000, 2010: 0}
    assert computed.value(2, 2010) == 4_982_000  # last year's result carried over
    assert computed.value(2, 2009) is None  # no year before: no source, nothing invented
    assert computed.value(3, 2010) == 9_982_000
    assert computed.value(6, 2010) == 1_209_000  # "Att fördela" comes after the sum: not in it
    assert computed.value(10, 2010) == 0
    assert computed.carried_over == {2009: 0, 2010: 4_982_000}
    # 2010 spends what 2009 left: equity goes back to 0, 2009's result is not counted a second time
    assert computed.equity_start == {2009: 0, 2010: 4_982_000}
    assert computed.equity_end == {2009: 4_982_000, 2010: 0}


def test_each_cell_says_where_its_figure_comes_from():
    computed = compute_budget(
        lines=_lines(),
        years=[2009],
        entered={(4, 2009): 1, (5, 2009): 23_786_000},
        feeds=Feeds(member_fees={2009: 5}, projects={2009: 7_745_000}),
    )
    cells = {line.line.id: line.cells[2009] for line in computed.lines}
    assert cells[1].source == FED
    assert cells[4].source == ENTERED
    assert (cells[5].source, cells[5].value, cells[5].fed_value) == (OVERRIDE, 23_786_000, 7_745_000)
    assert cells[6].source == DERIVED
    assert computed.equity_start[2009] is None  # without an opening equity, equity is not guessed


def test_a_line_outside_its_years_has_no_value():
    lines = [
        LineSpec(1, "Gammal", COST, LineKind.ENTERED, last_year=2006),
        LineSpec(2, "Resultat", COST, LineKind.RESULT),
    ]
    computed = compute_budget(
        lines=lines, years=[2006, 2007], entered={(1, 2006): 5, (1, 2007): 7}, feeds=Feeds()
    )
    assert computed.value(1, 2007) is None
    assert computed.surplus == {2006: -5, 2007: 0}


def test_the_sign_habit_only_changes_presentation():
    income, cost, result = (
        LineSpec(1, "I", INC, "entered"),
        LineSpec(2, "K", COST, "entered"),
        LineSpec(3, "R", COST, "result"),
    )
    assert displayed(15_000, income, True) == -15_000
    assert displayed(15_000, income, False) == 15_000
    assert displayed(475, cost, True) == 475
    assert displayed(-8_741, result, True) == 8_741  # a deficit shown positive, as RAR does
    assert displayed(None, income, True) is None


def test_the_docstring_example_counts_a_carried_over_result_once():
    lines = [
        LineSpec(1, "Avgifter", INC, LineKind.ENTERED),
        LineSpec(2, "Överfört", INC, LineKind.CARRYOVER),
        LineSpec(3, "Kostnader", COST, LineKind.ENTERED),
        LineSpec(4, "Resultat", COST, LineKind.RESULT),
    ]
    computed = compute_budget(
        lines=lines,
        years=[1, 2],
        entered={(1, 1): 5_000, (3, 1): 4_000, (1, 2): 5_000, (3, 2): 5_500},
        feeds=Feeds(),
        opening_equity=1_000,
    )
    assert computed.value(2, 2) == 1_000
    assert computed.surplus == {1: 1_000, 2: 500}
    assert computed.equity_end == {1: 2_000, 2: 1_500}


@given(
    st.lists(st.tuples(st.integers(0, 10**9), st.integers(0, 10**9)), min_size=1, max_size=6),
    st.integers(-(10**9), 10**9),
)
def test_equity_at_the_end_is_the_opening_plus_each_years_own_result(years, opening):
    """With a carry-over line in every year, the last year's equity is the opening equity plus fees minus costs."""
    lines = [
        LineSpec(1, "Avgifter", INC, LineKind.ENTERED),
        LineSpec(2, "Överfört", INC, LineKind.CARRYOVER),
        LineSpec(3, "Kostnader", COST, LineKind.ENTERED),
    ]
    entered = {}
    for year, (fees, costs) in enumerate(years, start=1):
        entered[(1, year)], entered[(3, year)] = fees, costs
    computed = compute_budget(
        lines=lines,
        years=list(range(1, len(years) + 1)),
        entered=entered,
        feeds=Feeds(),
        opening_equity=opening,
    )
    own = sum(fees - costs for fees, costs in years)
    assert computed.equity_end[len(years)] == opening + own

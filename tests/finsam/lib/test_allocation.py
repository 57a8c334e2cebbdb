from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from finsam.lib.allocation import allocate

RAR_PERCENTAGES = {
    "Eskilstuna": Decimal("34.9"),
    "Flen": Decimal("6.3"),
    "Gnesta": Decimal("3.8"),
    "Katrineholm": Decimal("12.4"),
    "Nyköping": Decimal("19.0"),
    "Oxelösund": Decimal("4.3"),
    "Strängnäs": Decimal("11.7"),
    "Trosa": Decimal("4.1"),
    "Vingåker": Decimal("3.5"),
}


def test_rar_2009_municipal_quarter_matches_the_plan():
    shares = allocate(3_750_000, RAR_PERCENTAGES)
    assert shares["Eskilstuna"] == 1_308_750
    assert shares["Flen"] == 236_250
    assert shares["Vingåker"] == 131_250
    assert sum(shares.values()) == 3_750_000


def test_left_over_kronor_go_to_the_largest_remainders():
    assert allocate(10, {"a": 1, "b": 1, "c": 1}) == {"a": 4, "b": 3, "c": 3}
    assert allocate(100, {"a": 2, "b": 1}) == {"a": 67, "b": 33}


def test_ties_follow_the_given_order_not_the_entry_order():
    assert allocate(1, {"b": 1, "a": 1}) == {"a": 1, "b": 0}
    assert allocate(1, {"a": 1, "b": 1}, order=["b", "a"]) == {"a": 0, "b": 1}


def test_negative_totals_split_symmetrically():
    assert allocate(-10, {"a": 1, "b": 1, "c": 1}) == {"a": -4, "b": -3, "c": -3}


@pytest.mark.parametrize("weights", [{}, {"a": 0}, {"a": -1, "b": 2}])
def test_impossible_weights_are_refused(weights):
    with pytest.raises(ValueError):
        allocate(100, weights)


weights_strategy = st.dictionaries(
    st.text(min_size=1, max_size=5), st.integers(min_value=0, max_value=10**7), min_size=1, max_size=30
).filter(lambda w: sum(w.values()) > 0)


@given(total=st.integers(min_value=0, max_value=10**10), weights=weights_strategy)
def test_parts_always_sum_to_the_total_and_stay_within_a_krona(total, weights):
    parts = allocate(total, weights)
    assert sum(parts.values()) == total
    weight_sum = sum(weights.values())
    for key, part in parts.items():
        assert abs(Fraction(part) - Fraction(total * weights[key], weight_sum)) < 1


@given(total=st.integers(min_value=0, max_value=10**9), weights=weights_strategy, data=st.data())
def test_the_result_does_not_depend_on_the_order_of_entry(total, weights, data):
    shuffled = dict(data.draw(st.permutations(list(weights.items()))))
    assert allocate(total, weights) == allocate(total, shuffled)

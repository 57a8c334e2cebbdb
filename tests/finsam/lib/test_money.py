import pytest
from hypothesis import given
from hypothesis import strategies as st

from finsam.lib.money import format_kr, format_tkr, group_thousands, kronor_to_thousands

NBSP = "\u00a0"


def test_format_kr_groups_thousands_with_spaces():
    assert format_kr(1_308_750) == f"1{NBSP}308{NBSP}750{NBSP}kr"
    assert format_kr(0) == f"0{NBSP}kr"
    assert format_kr(999) == f"999{NBSP}kr"


def test_negative_amounts_use_the_minus_sign():
    assert group_thousands(-15_000) == f"\u221215{NBSP}000"


def test_format_tkr_rounds_half_away_from_zero():
    assert format_tkr(1_308_750) == f"1{NBSP}309{NBSP}tkr"
    assert kronor_to_thousands(1_500) == 2
    assert kronor_to_thousands(1_499) == 1
    assert kronor_to_thousands(-1_500) == -2


def test_floats_are_refused():
    with pytest.raises(TypeError):
        group_thousands(1.5)


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_grouped_digits_read_back_to_the_same_amount(value):
    text = group_thousands(value).replace(NBSP, "").replace("\u2212", "-")
    assert int(text) == value

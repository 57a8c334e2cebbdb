"""The pure reader: Swedish numbers, units, years, and the cells' places as Excel names them."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from finsam.lib.money import group_thousands
from finsam.lib.sheets import (
    NumberError,
    SheetError,
    column_letter,
    is_sum_label,
    parse_number,
    read_upload,
    unit_hint,
    whole,
    year_in,
)


@pytest.mark.parametrize(
    "text,number",
    [
        ("1 308 750", 1308750),
        ("1\u00a0308\u00a0750 kr", 1308750),
        ("\u22121 760", -1760),
        ("-1 760", -1760),
        ("(1 760)", -1760),
        ("13.051.000", 13051000),
        ("2,5", Decimal("2.5")),
        ("15 401 tkr", 15401),
        ("", None),
        ("–", None),
        (426, 426),
        (2.5, Decimal("2.5")),
    ],
)
def test_swedish_numbers_are_read(text, number):
    assert parse_number(text) == number


@pytest.mark.parametrize("text", ["abc", "1 2O0", "1,2,3", "12e5", True])
def test_what_is_no_number_is_refused(text):
    with pytest.raises(NumberError):
        parse_number(text)


@settings(max_examples=50)
@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_every_amount_as_the_product_prints_it_reads_back(value):
    assert parse_number(group_thousands(value)) == value


def test_tkr_becomes_whole_kronor_and_a_fraction_of_a_krona_is_refused():
    assert whole(Decimal("2.5"), 1000) == 2500
    with pytest.raises(NumberError):
        whole(Decimal("2.5"), 1)


def test_units_years_and_sum_labels_are_recognised():
    assert unit_hint("EKONOMISK INFORMATION, belopp i TSK") == 1000
    assert unit_hint("Budget 2010") is None
    assert (year_in("Prognos 2009"), year_in(2010), year_in("Nr"), year_in(1500)) == (2009, 2010, None, None)
    assert all(
        map(
            is_sum_label,
            ["Summa", "S:A KOSTNADER", "Totalt", "Periodens resultat", "Årets beräknade resultat"],
        )
    )
    assert not any(
        map(is_sum_label, ["Samverkansinsatser", "Resultaträkning", "Över- underskott från tidigare år"])
    )
    assert (column_letter(1), column_letter(27)) == ("A", "AA")


def test_a_text_file_renamed_xlsx_is_refused():
    with pytest.raises(SheetError, match="ingen Excel-arbetsbok"):
        read_upload("budget.xlsx", b"Styrelse;230")

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from members.fees import FeeSplitError, percentage_problem, split_fee

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


def test_rar_2009_split_matches_the_plan_to_the_krona():
    split = split_fee(15_000_000, RAR_PERCENTAGES)
    assert split.state == 7_500_000
    assert split.region == 3_750_000
    assert split.municipalities_total == 3_750_000
    assert split.municipalities == {
        "Eskilstuna": 1_308_750,
        "Flen": 236_250,
        "Gnesta": 142_500,
        "Katrineholm": 465_000,
        "Nyköping": 712_500,
        "Oxelösund": 161_250,
        "Strängnäs": 438_750,
        "Trosa": 153_750,
        "Vingåker": 131_250,
    }


def test_an_odd_total_loses_no_krona():
    split = split_fee(15_000_001, {"a": 1, "b": 1})
    assert split.state + split.region + split.municipalities_total == 15_000_001
    assert split.state == 7_500_001  # the largest remainder (the state's half) takes the odd krona


def test_a_total_of_zero_is_refused():
    with pytest.raises(FeeSplitError, match="Den totala medlemsavgiften måste vara större än 0 kr."):
        split_fee(0, {"a": 1})


@pytest.mark.parametrize(
    "percentages,message",
    [
        (
            {"a": Decimal("60"), "b": Decimal("39.8")},
            "Procentsatserna summerar till 99,8 %, 0,2 procentenheter för lite.",
        ),
        (
            {"a": Decimal("60"), "b": Decimal("40.5")},
            "Procentsatserna summerar till 100,5 %, 0,5 procentenheter för mycket.",
        ),
    ],
)
def test_percentages_off_100_say_which_way_and_by_how_much(percentages, message):
    assert percentage_problem(percentages) == message


def test_percentages_of_exactly_100_are_accepted():
    assert percentage_problem(RAR_PERCENTAGES) is None


populations = st.dictionaries(
    st.sampled_from(
        ["Eskilstuna", "Flen", "Gnesta", "Katrineholm", "Nyköping", "Oxelösund", "Trosa", "Vingåker"]
    ),
    st.integers(min_value=0, max_value=200_000),
    min_size=1,
).filter(lambda p: sum(p.values()) > 0)


@given(total=st.integers(min_value=1, max_value=100_000_000), population=populations)
def test_shares_sum_to_the_total_for_any_population(total, population):
    split = split_fee(total, population)
    assert split.state + split.region + split.municipalities_total == total
    quarter = split.municipalities_total
    people = sum(population.values())
    for name, amount in split.municipalities.items():
        assert abs(Decimal(amount) - Decimal(quarter) * population[name] / people) < 1
    assert abs(Decimal(split.state) - Decimal(total) / 2) < 1
    assert abs(Decimal(split.region) - Decimal(total) / 4) < 1


@given(total=st.integers(min_value=1, max_value=100_000_000), population=populations, data=st.data())
def test_shares_do_not_depend_on_the_order_of_entry(total, population, data):
    reordered = dict(data.draw(st.permutations(list(population.items()))))
    assert split_fee(total, population) == split_fee(total, reordered)

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from members.exports import board_table, fee_table
from members.models import MemberKind, SplitMethod
from tests.factories import (
    BoardSeatFactory,
    FeeYearFactory,
    FixedShareFactory,
    MemberOrganisationFactory,
    PopulationFactory,
)

PERCENTAGES = [
    ("Eskilstuna kommun", "34.9"),
    ("Flens kommun", "6.3"),
    ("Gnesta kommun", "3.8"),
    ("Katrineholms kommun", "12.4"),
    ("Nyköpings kommun", "19.0"),
    ("Oxelösunds kommun", "4.3"),
    ("Strängnäs kommun", "11.7"),
    ("Trosa kommun", "4.1"),
    ("Vingåkers kommun", "3.5"),
]


def _rar_members(association):
    MemberOrganisationFactory(
        association=association, name="Försäkringskassan", kind=MemberKind.FORSAKRINGSKASSAN
    )
    MemberOrganisationFactory(
        association=association, name="Arbetsförmedlingen", kind=MemberKind.ARBETSFORMEDLINGEN
    )
    MemberOrganisationFactory(
        association=association,
        name="Region Sörmland",
        kind=MemberKind.REGION,
        former_name="Landstinget",
        name_since=datetime.date(2019, 1, 1),
    )
    return {name: MemberOrganisationFactory(association=association, name=name) for name, _p in PERCENTAGES}


def _fee_year_with_percentages(association, municipalities, year):
    fee_year = FeeYearFactory(association=association, year=year, split_method=SplitMethod.PERCENTAGES)
    for name, percent in PERCENTAGES:
        FixedShareFactory(fee_year=fee_year, member=municipalities[name], percent=Decimal(percent))
    return fee_year


def _column(table, key):
    return {row.cells["label"]: row.cells[key] for row in table.rows}


def test_rar_2009_fee_table_has_the_plans_figures(association):
    municipalities = _rar_members(association)
    _fee_year_with_percentages(association, municipalities, 2009)
    table = fee_table(association, [2009])
    assert table.inconsistencies() == []
    figures = _column(table, "y2009")
    assert figures["Eskilstuna kommun"] == 1_308_750
    assert figures["Vingåkers kommun"] == 131_250
    assert figures["Summa kommuner"] == 3_750_000
    assert figures["Landstinget"] == 3_750_000  # the region's name in 2009
    assert figures["Försäkringskassan/Arbetsförmedlingen"] == 7_500_000
    assert figures["Totalt"] == 15_000_000
    assert [row.cells["label"] for row in table.rows][-4:] == [
        "Summa kommuner",
        "Landstinget",
        "Försäkringskassan/Arbetsförmedlingen",
        "Totalt",
    ]


def test_a_split_by_population_follows_the_reference_dates_figures(association):
    a = MemberOrganisationFactory(association=association, name="A kommun")
    b = MemberOrganisationFactory(association=association, name="B kommun")
    date = datetime.date(2008, 11, 1)
    PopulationFactory(member=a, reference_date=date, inhabitants=30_000)
    PopulationFactory(member=b, reference_date=date, inhabitants=10_000)
    PopulationFactory(member=b, reference_date=datetime.date(2007, 11, 1), inhabitants=99_999)  # another date
    FeeYearFactory(
        association=association,
        year=2009,
        total=1_000_000,
        split_method=SplitMethod.POPULATION,
        population_date=date,
    )
    figures = _column(fee_table(association, [2009]), "y2009")
    assert figures["A kommun"] == 187_500
    assert figures["B kommun"] == 62_500


def test_a_fee_year_missing_a_municipalitys_population_names_it(association):
    a = MemberOrganisationFactory(association=association, name="A kommun")
    MemberOrganisationFactory(association=association, name="B kommun")
    date = datetime.date(2008, 11, 1)
    PopulationFactory(member=a, reference_date=date)
    FeeYearFactory(
        association=association, year=2009, split_method=SplitMethod.POPULATION, population_date=date
    )
    table = fee_table(association, [2009])
    assert table.notes == [
        "2009 kan inte beräknas: Befolkning per 2008-11-01 (16-64 år) saknas för B kommun."
    ]
    assert _column(table, "y2009")["Totalt"] is None


def test_a_member_that_left_before_the_year_is_not_counted(association):
    a = MemberOrganisationFactory(association=association, name="A kommun")
    MemberOrganisationFactory(association=association, name="B kommun", member_to=datetime.date(2007, 12, 31))
    date = datetime.date(2008, 11, 1)
    PopulationFactory(member=a, reference_date=date)
    FeeYearFactory(
        association=association, year=2009, split_method=SplitMethod.POPULATION, population_date=date
    )
    assert _column(fee_table(association, [2009]), "y2009")["A kommun"] == 3_750_000


def test_years_side_by_side_and_a_missing_year_noted(association):
    municipalities = _rar_members(association)
    _fee_year_with_percentages(association, municipalities, 2007)
    _fee_year_with_percentages(association, municipalities, 2008)
    table = fee_table(association, [2008, 2007, 2010])
    assert [c.label for c in table.columns] == ["Medlem", "År 2007", "År 2008", "År 2010"]
    assert _column(table, "y2007")["Totalt"] == _column(table, "y2008")["Totalt"] == 15_000_000
    assert "2010: inget avgiftsår är upplagt." in table.notes


@pytest.mark.parametrize("municipality_count,year_count", [(3, 1), (9, 4)])
def test_fee_table_page_runs_a_fixed_number_of_queries(
    client, office_user, association, django_assert_num_queries, municipality_count, year_count
):
    members = [
        MemberOrganisationFactory(association=association, name=f"K{i}") for i in range(municipality_count)
    ]
    for year in range(2007, 2007 + year_count):
        fee_year = FeeYearFactory(association=association, year=year)
        for member in members:
            FixedShareFactory(fee_year=fee_year, member=member, percent=Decimal(100) / municipality_count)
    client.force_login(office_user)
    url = (
        reverse("members:fees", kwargs={"slug": association.slug})
        + "?"
        + "&".join(f"ar={y}" for y in range(2007, 2007 + year_count))
    )
    # session, user, grant (a page that only reads runs in no transaction); fee years (page); fee years, members,
    # shares (the computation, populations only for splits by population); navigation associations.
    with django_assert_num_queries(8):
        response = client.get(url)
    assert response.status_code == 200


def test_board_table_lists_each_members_ledamot_and_ersattare(association):
    region = MemberOrganisationFactory(association=association, name="Region Skåne", kind=MemberKind.REGION)
    town = MemberOrganisationFactory(association=association, name="Landskrona stad")
    BoardSeatFactory(member=town, person_name="Mattias Adolfsson", party="fp", office="ordforande")
    BoardSeatFactory(member=town, person_name="Hans Petersson", party="s", role="ersattare")
    BoardSeatFactory(member=region, person_name="Lennart Ling", party="m")
    BoardSeatFactory(
        member=region,
        person_name="Gammal Ledamot",
        term_from=datetime.date(2005, 1, 1),
        term_to=datetime.date(2008, 12, 31),
    )
    rows = [row.cells for row in board_table(association, 2009).rows]
    assert rows == [
        {
            "member": "Landskrona stad",
            "ledamot": "Mattias Adolfsson (fp), ordförande",
            "ersattare": "Hans Petersson (s)",
        },
        {"member": "Region Skåne", "ledamot": "Lennart Ling (m)", "ersattare": ""},
    ]

import datetime

import pytest
from django.urls import reverse

from finsam.lib.periods import DatePrecision
from finsam.lib.tables import CellKind, DateValue
from projects.exports import project_table, requisition_table
from projects.models import Requisition, StartStatus
from tests.factories import MemberOrganisationFactory, ProjectFactory, granted_project

D = datetime.date


def test_project_table_has_the_plans_columns_and_a_computed_total(association):
    owner = MemberOrganisationFactory(association=association, name="Gnesta kommun")
    agera = granted_project(
        {2008: 953_000, 2009: 953_000, 2010: 1_018_000},
        owner=owner,
        number="12",
        name="AGERA/FLAK",
        focus="Stöd till unga",
        start=D(2007, 12, 1),
        end=D(2010, 5, 31),
    )
    agera.area_municipalities.set([owner])
    granted_project(
        {2010: 99_000}, owner__association=association, number="21", name="Smärtprojektet", whole_county=True
    )
    table = project_table(association, 2010)
    assert table.inconsistencies() == []
    rows = [row.cells for row in table.rows]
    assert rows[0]["name"] == "AGERA/FLAK"
    assert rows[0]["owner"] == "Gnesta kommun"
    assert rows[0]["area"] == "Gnesta kommun"
    assert rows[0]["start"] == DateValue(
        D(2007, 12, 1), "day", "2007-12-01"
    )  # a date, printed as the page does
    assert rows[0]["number"] == "12" and table.columns[0].kind == CellKind.CODE
    assert (rows[0]["total"], rows[0]["year_amount"]) == (2_924_000, 1_018_000)
    assert rows[1]["area"] == "Hela länet"
    assert (rows[-1]["name"], rows[-1]["total"], rows[-1]["year_amount"]) == ("Summa", 3_023_000, 1_117_000)
    assert [c.unit for c in table.columns if c.key in ("total", "year_amount")] == ["tkr", "tkr"]


def test_a_vague_start_is_shown_honestly(association):
    granted_project(
        {2007: 307_000},
        owner__association=association,
        name="Kungsgatans Läkarmottagning",
        start=D(2006, 7, 1),
        start_precision=DatePrecision.HALF_YEAR,
        start_status=StartStatus.DELAYED,
        end=None,
    )
    row = project_table(association, 2007).rows[0].cells
    assert row["start"] == "Försenad, prel. hösten 2006"
    assert row["end"] == ""


def test_requisition_table_sets_requested_against_granted(association):
    project = granted_project({2022: 2_000_000}, owner__association=association, name="SIKTA")
    Requisition.objects.create(
        project=project, period_start=D(2022, 1, 1), period_end=D(2022, 6, 30), amount=600_000
    )
    Requisition.objects.create(
        project=project, period_start=D(2022, 7, 1), period_end=D(2022, 12, 31), amount=400_000
    )
    table = requisition_table(association, 2022)
    assert table.inconsistencies() == []
    assert [(r.cells["granted"], r.cells["requested"], r.cells["difference"]) for r in table.rows] == [
        (2_000_000, 1_000_000, -1_000_000),
        (2_000_000, 1_000_000, -1_000_000),
    ]


@pytest.mark.parametrize("count", [5, 50])
def test_project_list_runs_a_fixed_number_of_queries(
    client, office_user, association, django_assert_num_queries, count
):
    owner = MemberOrganisationFactory(association=association)
    for _ in range(count):
        project = granted_project(
            {2023: 100_000, 2024: 50_000}, owner=owner, start=D(2023, 1, 1), end=D(2024, 6, 30)
        )
        project.area_municipalities.set([owner])
    client.force_login(office_user)
    # session, user, grant; rules; projects with sums; area prefetch; yearly amounts (the timeline chart);
    # long-term share; years with money (the year links); navigation associations; owners for the filter.
    with django_assert_num_queries(11):
        response = client.get(reverse("projects:list", kwargs={"slug": association.slug}), {"ar": 2023})
    assert response.status_code == 200
    assert response.content.decode().count('href="/eget/insatser/') >= count


def test_a_preliminary_start_says_so_once_and_an_unknown_period_shows_no_made_up_dates():
    preliminary = ProjectFactory.build(
        start=datetime.date(2007, 1, 1), start_precision="day", start_status=StartStatus.PRELIMINARY
    )
    assert preliminary.start_display == "prel. 2007-01-01"  # not "Preliminär, prel. 2007-01-01"
    delayed = ProjectFactory.build(
        start=datetime.date(2006, 7, 1), start_precision="half", start_status=StartStatus.DELAYED
    )
    assert delayed.start_display == "Försenad, prel. hösten 2006"
    unknown = ProjectFactory.build(
        start=datetime.date(2023, 1, 1),
        start_precision="year",
        end=datetime.date(2023, 12, 31),
        end_precision="year",
        start_status=StartStatus.UNKNOWN,
    )
    assert (unknown.start_display, unknown.end_display) == ("Okänd period", "")

import datetime
from decimal import Decimal

from django.core.management import call_command
from django.urls import reverse

from finsam.models import Association
from followup.exports import goals_table
from followup.measures import half_year_days, measure_rows, per_inhabitant_and_day
from followup.models import BenefitSum
from tests.factories import MemberOrganisationFactory, PopulationFactory


def test_support_measure_is_kronor_per_inhabitant_and_day():
    assert half_year_days(2023, 1) == 181
    assert half_year_days(2024, 1) == 182
    assert half_year_days(2023, 2) == 184
    assert per_inhabitant_and_day(181_000_000, 10_000, 181) == Decimal("100.00")
    assert per_inhabitant_and_day(5, 0, 181) is None


def test_support_measure_per_municipality_and_for_the_area(association):
    a = MemberOrganisationFactory(association=association, name="A kommun")
    b = MemberOrganisationFactory(association=association, name="B kommun")
    PopulationFactory(member=a, reference_date=datetime.date(2022, 11, 1), inhabitants=10_000)
    PopulationFactory(member=b, reference_date=datetime.date(2022, 11, 1), inhabitants=30_000)
    BenefitSum.objects.create(member=a, year=2023, half=1, amount=18_100_000)
    BenefitSum.objects.create(member=b, year=2023, half=1, amount=36_200_000)
    rows = measure_rows(
        [a, b], BenefitSum.objects.all(), list(a.populations.all()) + list(b.populations.all()), 2023, "16-64"
    )
    first_half = [(r.label, r.value) for r in rows if r.half == 1]
    assert first_half == [
        ("A kommun", Decimal("10.00")),
        ("B kommun", Decimal("6.67")),
        ("", Decimal("7.50")),
    ]
    assert all(r.value is None for r in rows if r.half == 2)  # no benefits entered: no figure, no error


def test_the_demo_goals_of_rar_2023_come_with_targets_and_outcomes(client, db):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    rar = Association.objects.get(slug="rar-sormland")
    table = goals_table(rar, 2023)
    targets = [row.cells["target"] for row in table.rows]
    assert len(targets) == 5
    assert targets[0].startswith("I insatser som syftar till arbetsåtergång ska 35 %")
    outcomes = {row.cells["target"][:20]: (row.cells["outcome"], row.cells["met"]) for row in table.rows}
    # ten example activities, marked as such: they are not results
    assert outcomes["Minst 12 aktiviteter"] == ("10 (exempeldata)", "Nej (exempeldata)")
    assert (table.rows[0].cells["outcome"], table.rows[0].cells["met"]) == (
        "43,5\u00a0% (exempeldata)",
        "Ja (exempeldata)",
    )
    assert "inte resultat" in table.notes[0]
    assert outcomes["Representanter från "] == ("kvalitativ uppföljning", "–")


def test_national_report_page_lists_the_figures(client, db):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="revisor"))
    page = client.get(
        reverse("followup:national", kwargs={"slug": "rar-sormland", "year": 2010})
    ).content.decode()
    assert "Administration, budget" in page
    assert (
        "3\u00a0146\u00a0000\u00a0kr" in page
    )  # 489 + 2 002 + 180 + 150 + 300 + 25 tkr: RAR 2010 administration
    assert "AGERA/FLAK" in page

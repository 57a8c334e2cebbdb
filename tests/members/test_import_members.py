"""Fee tables and population figures imported from Excel."""

import datetime
from decimal import Decimal

from django.urls import reverse

from members.exports import compute_fee_years
from members.models import FeeStatus, FeeYear, FixedShare, MemberKind, MemberOrganisation, Population
from tests.factories import MemberOrganisationFactory
from tests.workbooks import preview_and_confirm, upload, workbook

# RAR's fee table for 2009 (seed 000), in kronor as printed.
RAR_FEES_2009 = [
    ["Medlem", "År 2009"],
    ["Eskilstuna", "1 308 750 kr"],
    ["Flen", "236 250 kr"],
    ["Gnesta", "142 500 kr"],
    ["Katrineholm", "465 000 kr"],
    ["Nyköping", "712 500 kr"],
    ["Oxelösund", "161 250 kr"],
    ["Strängnäs", "438 750 kr"],
    ["Trosa", "153 750 kr"],
    ["Vingåker", "131 250 kr"],
    ["Summa", "3 750 000 kr"],
    ["Landstinget", "3 750 000 kr"],
    ["Försäkringskassan/LAN", "7 500 000 kr"],
    ["Totalt", "15 000 000 kr"],
]


def _plain(texts):
    return [text.replace("\xa0", " ") for text in texts]


def test_a_fee_table_gives_the_fee_year_and_the_product_splits_it_back_to_the_same_kronor(
    office_client, association
):
    region = MemberOrganisationFactory(
        association=association, name="Region Sörmland", former_name="Landstinget", kind=MemberKind.REGION,
        name_since=datetime.date(2019, 1, 1),
    )  # fmt: skip
    eskilstuna = MemberOrganisationFactory(association=association, name="Eskilstuna")
    url = reverse("members:fee_import", kwargs={"slug": association.slug})
    preview, done = preview_and_confirm(
        office_client, url, workbook(RAR_FEES_2009, title="Avgifter"), name="avgifter.xlsx"
    )
    shown = preview.context["preview"]
    assert shown.errors == [] and shown.differences == []
    assert "befintlig medlem ”Region Sörmland”" in [row.target for row in shown.rows]
    assert done.status_code == 302
    fee_year = FeeYear.objects.get(association=association, year=2009)
    assert (fee_year.total, fee_year.status) == (15_000_000, FeeStatus.FINAL)
    assert FixedShare.objects.get(fee_year=fee_year, member=eskilstuna).percent == Decimal("34.900")
    assert (
        MemberOrganisation.objects.filter(association=association).count() == 11
    )  # 8 new municipalities, the state
    results, _members = compute_fee_years(association, [2009])
    split = results[2009].split
    assert split.region == 3_750_000 and split.state == 7_500_000
    assert split.municipalities[eskilstuna] == 1_308_750
    assert sorted(split.municipalities.values()) == sorted(
        [1_308_750, 236_250, 142_500, 465_000, 712_500, 161_250, 438_750, 153_750, 131_250]
    )
    assert region.pk in {m.pk for m in MemberOrganisation.objects.filter(kind=MemberKind.REGION)}


def test_a_wrong_printed_fee_sum_is_reported_with_both_figures(office_client, association):
    rows = [list(row) for row in RAR_FEES_2009]
    rows[10][1] = "3 705 000 kr"
    url = reverse("members:fee_import", kwargs={"slug": association.slug})
    preview = office_client.post(url, {"file": upload(workbook(rows))})
    assert _plain(preview.context["preview"].differences) == [
        "Blad Budget, rad 11, kolumn B: Summa: 3 705 000 i filen, 3 750 000 enligt raderna"
    ]


def test_population_figures_are_imported_per_date_with_their_sum_checked(office_client, association):
    flen = MemberOrganisationFactory(association=association, name="Flen")
    rows = [
        ["Kommun", datetime.date(2008, 11, 1), "2009-11-01"],
        ["Flen", 9_850, "9 790"],
        ["Gnesta", 6_300, 6_320],
        ["Summa", 16_150, 16_000],
    ]
    url = reverse("members:population_import", kwargs={"slug": association.slug})
    preview, done = preview_and_confirm(office_client, url, workbook(rows, title="Befolkning"))
    assert _plain(preview.context["preview"].differences) == [
        "Blad Befolkning, rad 4, kolumn C: Summa: 16 000 i filen, 16 110 enligt raderna"
    ]
    assert done.status_code == 302
    stored = {
        (p.member.name, p.reference_date.isoformat(), p.age_band): p.inhabitants
        for p in Population.objects.all()
    }
    assert stored == {
        ("Flen", "2008-11-01", "16-64"): 9_850,
        ("Flen", "2009-11-01", "16-64"): 9_790,
        ("Gnesta", "2008-11-01", "16-64"): 6_300,
        ("Gnesta", "2009-11-01", "16-64"): 6_320,
    }
    assert Population.objects.filter(member=flen).count() == 2


def test_a_negative_population_stores_nothing_and_names_the_cell(office_client, association):
    rows = [["Kommun", "2009-11-01"], ["Flen", 9_850], ["Gnesta", -6]]
    url = reverse("members:population_import", kwargs={"slug": association.slug})
    preview = office_client.post(url, {"file": upload(workbook(rows, title="Befolkning"))})
    assert _plain(preview.context["preview"].errors) == [
        "Blad Befolkning, rad 3, kolumn B: ett invånarantal ligger mellan 0 och 100 000 000."
    ]
    office_client.post(url, {"confirm": "1", "sha256": preview.context["sha256"]})
    assert not Population.objects.exists() and not MemberOrganisation.objects.exists()


def test_the_fee_and_population_pages_link_to_their_imports(office_client, association):
    for page, target in [
        ("members:fees", "members:fee_import"),
        ("members:populations", "members:population_import"),
    ]:
        content = office_client.get(reverse(page, kwargs={"slug": association.slug})).content.decode()
        assert reverse(target, kwargs={"slug": association.slug}) in content


def test_a_csv_fee_table_is_imported(office_client, association):
    rows = "Medlem;År 2009\nEskilstuna;1 200 000 kr\nFlen;300 000 kr\nSumma;1 500 000 kr\nLandstinget;1 500 000 kr\n"
    rows += "Försäkringskassan/LAN;3 000 000 kr\nTotalt;6 000 000 kr\n"
    url = reverse("members:fee_import", kwargs={"slug": association.slug})
    preview, done = preview_and_confirm(office_client, url, rows.encode("cp1252"), name="avgifter.csv")
    shown = preview.context["preview"]
    assert shown.errors == [] and shown.differences == []
    assert done.status_code == 302
    fee_year = FeeYear.objects.get(association=association, year=2009)
    assert fee_year.total == 6_000_000
    results, _members = compute_fee_years(association, [2009])
    split = results[2009].split
    assert (split.region, split.state) == (1_500_000, 3_000_000)
    assert sorted(split.municipalities.values()) == [300_000, 1_200_000]  # 20 % and 80 %


def test_a_csv_population_table_is_imported_and_its_sum_checked(office_client, association):
    data = b"Kommun;2009-11-01\nFlen;9 790\nGnesta;6 320\nSumma;16 000\n"
    url = reverse("members:population_import", kwargs={"slug": association.slug})
    preview, done = preview_and_confirm(office_client, url, data, name="befolkning.csv")
    assert _plain(preview.context["preview"].differences) == [
        "Blad befolkning, rad 4, kolumn B: Summa: 16 000 i filen, 16 110 enligt raderna"
    ]
    assert done.status_code == 302
    stored = {(p.member.name, p.reference_date.isoformat()): p.inhabitants for p in Population.objects.all()}
    assert stored == {("Flen", "2009-11-01"): 9_790, ("Gnesta", "2009-11-01"): 6_320}

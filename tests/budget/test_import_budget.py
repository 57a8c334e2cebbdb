"""Budget import from Excel, with workbooks shaped like the source plans' tables and their wrong sums."""

import pytest
from django.urls import reverse

from budget.models import Budget, BudgetAmount, BudgetColumn, BudgetLine, LineGroup, LineKind
from finsam.models import ImportLog, PendingImport
from tests.factories import BudgetColumnFactory, BudgetLineFactory, BudgetVersionFactory
from tests.workbooks import preview_and_confirm, upload, workbook

TKR = 1000

# RAR 2010 (seed 000): four columns in tkr, income negative; the 2011 result prints 1 628 where lines make 1 627.
RAR_2010 = [
    ["Kostnad/intäkt", "Prognos 2009", "Budget 2010", "Budget 2011", "Budget 2012"],
    ["Intäkter", "-15 000", "-13 000", "-15 000", "-15 000"],
    ["Styrelse", 475, 489, 500, 512],
    ["Personal", "1 800", "2 002", "2 048", "2 095"],
    ["Lokaler", 175, 180, 183, 187],
    ["Revision", 150, 150, 153, 157],
    ["Administration", 288, 300, 307, 314],
    ["Avskrivningar", 22, 25, 25, 25],
    ["Övrigt inkl utbildning", 396, 500, 500, 500],
    ["Befintliga projekt", "23 786", "7 745", "3 511", 0],
    ["Nya insatser", None, "10 500", "9 500", "9 500"],
    ["Finansiella intäkter", -426, -150, -100, -50],
    ["Resultat", "11 666", "8 741", "1 628", "−1 760"],
]

# RAR 2023 (seed 002): projects listed under "Samverkansinsatser" sum to 9 353 under a printed 8 119.
RAR_2023 = [
    ["EKONOMISK INFORMATION, belopp i TSK", None, "Budget 2023"],
    ["INTÄKTER"],
    ["Medlemsavgifter", None, "16 000"],
    ["ESF-medel", None, "2 500"],
    ["S:A INTÄKTER", None, "18 500"],
    ["KOSTNADER"],
    ["Styrelse", None, 432],
    ["Kansli", None, 2800],
    ["Samverkansstöd, ESF, utvärdering", None, 4050],
    ["Samverkansinsatser", None, 8119],
    ["Namn på insats", "Insatsägare"],
    ["SIKTA", "Region Sörmland", 3107],
    ["NUVAS", "Nyköpings kommun", 1636],
    ["Steget före", "Region Sörmland", 841],
    ["Trappan mot arbete", "Trosa kommun", 1234],
    ["Steg för steg", "Gnesta kommun", 781],
    ["Unga på väg", "Eskilstuna kommun", 1284],
    ["Slussen", "Nyköpings kommun", 470],
    ["Ung comeback", None, 0],
    [None, "Summa samverkansinsatser", 8119],
    ["S:A KOSTNADER", None, "15 401"],
    ["Över- underskott från tidigare år", None, 1488],
    ["Årets beräknade resultat", None, 3099],
]

# Landskrona-Svalöv 2010 (seed 004): "Summa 10 422" printed for 5 000 + 4 982; the year heading is over three rows.
LANDSKRONA_2010 = [
    ["Samordningsförbundet Landskrona-Svalöv", None, "Budget"],
    [None, None, 2010],
    [None, None, "tkr"],
    ["Verksamhetens ägarbidrag", None, "5 000"],
    ["Övriga intäkter", None, "4 982"],
    [None, "Summa", "10 422"],
    ["Verksamhetens kostnader"],
    ["Styrelse och revisorer", None, 230],
    ["Samordnare", None, 510],
    ["Konsulter", None, 60],
    ["Marknadsföring", None, 70],
    ["Utvärdering", None, 100],
    ["Kontor", None, 39],
    ["Utbildning och resor", None, 200],
    [None, "Summa", 1209],
    ["Finansiella intäkter"],
    ["Ränta", None, 14],
    [None, "Summa", 14],
    ["Finansiella kostnader"],
    ["Ränta"],
    [None, "Summa", 0],
    ["Medel för insatser att fördela", None, 8787],
    ["Periodens resultat", None, 0],
]


def _url(association):
    return reverse("budget:import", kwargs={"slug": association.slug})


def _stored(association) -> dict[tuple[str, int], int]:
    return {
        (a.line.name, a.year): a.amount
        for a in BudgetAmount.objects.filter(version__budget__association=association).select_related("line")
    }


def _plain(texts) -> list[str]:
    return [text.replace("\xa0", " ") for text in texts]


def test_rar_2010_stores_exactly_the_line_amounts_in_kronor_and_reports_the_2011_result(
    office_client, association
):
    preview, done = preview_and_confirm(office_client, _url(association), workbook(RAR_2010), unit="tkr")
    assert _plain(preview.context["preview"].differences) == [
        "Blad Budget, rad 13, kolumn D: Resultat: 1 628 i filen, 1 627 enligt raderna"
    ]
    assert done.status_code == 302
    stored = _stored(association)
    assert stored[("Intäkter", 2010)] == 13_000 * TKR  # printed negative, stored as income
    assert stored[("Befintliga projekt", 2009)] == 23_786 * TKR
    assert stored[("Finansiella intäkter", 2012)] == 50 * TKR
    assert ("Nya insatser", 2009) not in stored
    assert ("Resultat", 2011) not in stored  # a sum is never stored
    assert len(stored) == 4 * 11 - 1
    assert sum(stored.values()) == TKR * (
        15000 + 13000 + 15000 + 15000 + 475 + 489 + 500 + 512 + 1800 + 2002 + 2048 + 2095 + 175 + 180 + 183 + 187
        + 150 + 150 + 153 + 157 + 288 + 300 + 307 + 314 + 22 + 25 + 25 + 25 + 396 + 500 + 500 + 500 + 23786 + 7745
        + 3511 + 0 + 10500 + 9500 + 9500 + 426 + 150 + 100 + 50
    )  # fmt: skip
    budget = Budget.objects.get(association=association)
    assert (budget.plan_year, budget.income_shown_negative) == (2010, True)
    columns = [(c.year, c.kind, c.label) for c in BudgetColumn.objects.filter(version__budget=budget)]
    assert columns == [
        (2009, "forecast", ""),
        (2010, "budget", ""),
        (2011, "plan", "Budget 2011"),
        (2012, "plan", "Budget 2012"),
    ]
    groups = {line.name: line.group for line in BudgetLine.objects.filter(association=association)}
    assert (
        groups["Intäkter"] == LineGroup.INCOME
        and groups["Finansiella intäkter"] == LineGroup.FINANCIAL_INCOME
    )
    result = BudgetLine.objects.get(association=association, name="Resultat")
    assert result.kind == LineKind.RESULT  # the product computes it: 1 627 tkr deficit in 2011


def test_the_product_computes_the_result_the_file_printed_wrong(office_client, association):
    from budget.feeds import compute_live

    preview_and_confirm(office_client, _url(association), workbook(RAR_2010), unit="tkr")
    version = Budget.objects.get(association=association).versions.get()
    assert compute_live(version).surplus[2011] == -1_627 * TKR


def test_rar_2023_reports_the_projects_sum_and_stores_no_sum(office_client, association):
    preview, done = preview_and_confirm(office_client, _url(association), workbook(RAR_2023))
    assert _plain(preview.context["preview"].differences) == [
        "Blad Budget, rad 10, kolumn C: Samverkansinsatser: 8 119 i filen, 9 353 enligt raderna",
        "Blad Budget, rad 20, kolumn C: Summa samverkansinsatser: 8 119 i filen, 9 353 enligt raderna",
        "Blad Budget, rad 21, kolumn C: S:A KOSTNADER: 15 401 i filen, 16 635 enligt raderna",
        "Blad Budget, rad 23, kolumn C: Årets beräknade resultat: 3 099 i filen, 1 865 enligt raderna",
    ]
    assert done.status_code == 302
    assert _stored(association) == {
        ("Medlemsavgifter", 2023): 16_000_000,
        ("ESF-medel", 2023): 2_500_000,
        ("Styrelse", 2023): 432_000,
        ("Kansli", 2023): 2_800_000,
        ("Samverkansstöd, ESF, utvärdering", 2023): 4_050_000,
        ("Över- underskott från tidigare år", 2023): 1_488_000,
    }
    lines = {line.name: line for line in BudgetLine.objects.filter(association=association)}
    assert lines["Samverkansinsatser"].kind == LineKind.PROJECTS  # fed by the projects, as the product does
    assert lines["S:A KOSTNADER"].kind == LineKind.SUBTOTAL
    assert lines["Över- underskott från tidigare år"].group == LineGroup.MEMO
    assert "SIKTA" not in lines


def test_landskrona_2010_reports_income_10_422_against_9_982(office_client, association):
    preview, done = preview_and_confirm(office_client, _url(association), workbook(LANDSKRONA_2010))
    shown = preview.context["preview"]
    assert _plain(shown.differences) == [
        "Blad Budget, rad 6, kolumn C: Summa: 10 422 i filen, 9 982 enligt raderna"
    ]
    assert "tkr" in shown.notes[0]
    assert done.status_code == 302
    stored = _stored(association)
    assert stored[("Verksamhetens ägarbidrag", 2010)] == 5_000_000
    assert stored[("Övriga intäkter", 2010)] == 4_982_000
    assert stored[("Medel för insatser att fördela", 2010)] == 8_787_000
    assert len(stored) == 11
    assert sum(stored.values()) == (5000 + 4982 + 230 + 510 + 60 + 70 + 100 + 39 + 200 + 14 + 8787) * TKR
    interest = BudgetLine.objects.get(association=association, name="Ränta")
    assert interest.group == LineGroup.FINANCIAL_INCOME


def test_import_maps_rows_to_existing_lines_and_fills_the_draft(office_client, association):
    fees = BudgetLineFactory(association=association, name="Verksamhetens ägarbidrag", group=LineGroup.INCOME)
    version = BudgetVersionFactory(budget__association=association, budget__plan_year=2010)
    BudgetColumnFactory(version=version, year=2010)
    preview, done = preview_and_confirm(office_client, _url(association), workbook(LANDSKRONA_2010))
    assert "befintlig budgetrad" in preview.context["preview"].rows[0].target
    assert BudgetAmount.objects.get(version=version, line=fees, year=2010).amount == 5_000_000
    assert BudgetLine.objects.filter(association=association, name="Verksamhetens ägarbidrag").count() == 1


def test_a_workbook_with_one_bad_cell_stores_nothing_and_names_that_cell(office_client, association):
    rows = [list(row) for row in RAR_2010]
    rows[4][2] = "2 0O2"  # a letter O typed for a zero, Personal 2010
    preview = office_client.post(_url(association), {"file": upload(workbook(rows)), "unit": "tkr"})
    assert _plain(preview.context["preview"].errors) == [
        "Blad Budget, rad 5, kolumn C: ”2 0O2” är inget belopp."
    ]
    assert "Importera</button>" not in preview.content.decode()
    confirm = office_client.post(_url(association), {"confirm": "1", "sha256": preview.context["sha256"]})
    assert confirm.status_code == 200
    assert not Budget.objects.exists() and not BudgetLine.objects.exists() and not ImportLog.objects.exists()


def test_a_fraction_of_a_krona_is_refused_with_its_cell(office_client, association):
    rows = [["Rad", "Budget 2010"], ["Styrelse", "230,5"]]
    preview = office_client.post(_url(association), {"file": upload(workbook(rows))})
    assert _plain(preview.context["preview"].errors) == [
        "Blad Budget, rad 2, kolumn B: 230,5 kr blir inte hela kronor."
    ]


def test_the_import_is_recorded_with_the_files_name_and_sha256(office_client, association, office_user):
    import hashlib

    data = workbook(LANDSKRONA_2010)
    preview_and_confirm(office_client, _url(association), data, name="Landskrona 2010.xlsx")
    log = ImportLog.objects.get(association=association)
    assert (log.kind, log.file_name, log.sha256, log.size) == (
        "budget", "Landskrona 2010.xlsx", hashlib.sha256(data).hexdigest(), len(data)
    )  # fmt: skip
    assert log.imported_by == office_user
    assert log.history.count() == 1
    assert not PendingImport.objects.exists()


def test_a_confirm_imports_only_what_was_previewed(office_client, association):
    preview = office_client.post(_url(association), {"file": upload(workbook(LANDSKRONA_2010))})
    BudgetLineFactory(
        association=association, name="Samordnare", group=LineGroup.COSTS
    )  # changes the mapping
    confirm = office_client.post(_url(association), {"confirm": "1", "sha256": preview.context["sha256"]})
    assert confirm.status_code == 200
    assert "har ändrats sedan förhandsgranskningen" in confirm.content.decode()
    assert not BudgetAmount.objects.exists()
    again = office_client.post(_url(association), {"confirm": "1", "sha256": preview.context["sha256"]})
    assert again.status_code == 302
    assert BudgetAmount.objects.filter(line__name="Samordnare").get().amount == 510_000


def test_a_confirm_without_a_preview_imports_nothing(office_client, association):
    response = office_client.post(_url(association), {"confirm": "1", "sha256": "0" * 64})
    assert response.status_code == 302
    assert not BudgetAmount.objects.exists()


def test_an_adopted_budget_is_not_changed_by_an_import(office_client, association):
    import datetime

    version = BudgetVersionFactory(
        budget__association=association,
        budget__plan_year=2010,
        status="adopted",
        adopted_on=datetime.date(2010, 1, 13),
    )
    preview = office_client.post(_url(association), {"file": upload(workbook(LANDSKRONA_2010))})
    assert "fastställd" in preview.context["preview"].errors[0]
    assert not version.amounts.exists()


def test_a_formula_without_a_saved_value_is_reported_not_evaluated(office_client, association):
    rows = [["Rad", "Budget 2010"], ["Styrelse", 230], ["Kansli", 510], ["Summa", "=SUM(B2:B3)"]]
    preview = office_client.post(_url(association), {"file": upload(workbook(rows))})
    errors = _plain(preview.context["preview"].errors)
    assert errors[0].startswith("Blad Budget, rad 4, kolumn B: formeln =SUM(B2:B3) har inget sparat värde.")


@pytest.mark.parametrize(
    "name,data,message",
    [
        ("tom.xlsx", b"", "Filen är tom."),
        ("budget.xlsx", b"Styrelse;230\n", "ingen Excel-arbetsbok"),
        ("budget.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "lösenordsskyddad"),
        ("budget.xlsx", b"PK\x03\x04" + b"\0" * 100, "skadad"),
        ("budget.pdf", b"%PDF-1.4", "Bara Excel-filer"),
        ("budget.xlsx", b"x" * 2_000_001, "för stor"),
    ],
)
def test_hostile_uploads_get_a_message_and_change_nothing(office_client, association, name, data, message):
    response = office_client.post(_url(association), {"file": upload(data, name)})
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["file"])
    assert not PendingImport.objects.exists() and not BudgetLine.objects.exists()


def test_a_huge_cell_and_a_nul_in_a_label_are_named(office_client, association):
    rows = [["Rad", "Budget 2010"], ["Styrelse", 10**20], ["Kan\x00sli", 510]]
    response = office_client.post(
        _url(association),
        {"file": upload(b"Rad;Budget 2010\nStyrelse;100000000000000000000\nKan\x00sli;510\n", "b.csv")},
    )
    assert response.status_code == 200
    assert _plain(response.context["preview"].errors) == [
        "Blad b, rad 2, kolumn B: talet är orimligt stort.",
        "Blad b, rad 3, kolumn A: texten innehåller osynliga styrtecken; ta bort dem i filen.",
    ]
    big = office_client.post(_url(association), {"file": upload(workbook(rows[:2]))})
    assert _plain(big.context["preview"].errors) == ["Blad Budget, rad 2, kolumn B: talet är orimligt stort."]
    assert not BudgetLine.objects.exists()


def test_a_csv_budget_is_imported(office_client, association):
    data = "Rad;Budget 2010\nStyrelse;1 230\nKansli;510\nSumma;1 740\n".encode("cp1252")
    preview, done = preview_and_confirm(office_client, _url(association), data, name="budget.csv")
    assert preview.context["preview"].differences == []
    assert _stored(association) == {("Styrelse", 2010): 1230, ("Kansli", 2010): 510}


def test_the_budget_list_links_office_staff_to_the_import(client, office_user, board_user, association):
    client.force_login(office_user)
    assert (
        _url(association)
        in client.get(reverse("budget:list", kwargs={"slug": association.slug})).content.decode()
    )
    client.force_login(board_user)
    assert (
        _url(association)
        not in client.get(reverse("budget:list", kwargs={"slug": association.slug})).content.decode()
    )


def test_rar_2023_projects_under_the_line_are_compared_with_the_projects_registered(
    office_client, association
):
    import datetime

    from tests.factories import ProjectFactory

    sikta = ProjectFactory(
        owner__association=association,
        name="SIKTA",
        start=datetime.date(2023, 1, 1),
        end=datetime.date(2023, 12, 31),
    )
    sikta.year_amounts.create(year=2023, amount=3_000_000)
    preview = office_client.post(_url(association), {"file": upload(workbook(RAR_2023))})
    shown = preview.context["preview"]
    assert "Blad Budget, rad 12, kolumn C: SIKTA: 3 107 i filen, 3 000 i insatsens belopp för 2023" in _plain(
        shown.differences
    )
    targets = {row.label: row.target for row in shown.rows}
    assert targets["SIKTA (Region Sörmland)"].startswith("insatsen ”SIKTA”")
    assert targets["NUVAS (Nyköpings kommun)"].startswith("finns inte bland insatserna")

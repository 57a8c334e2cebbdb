"""The workbook writer: numbers as numbers, sums over ranges, sheet names that mean something, no formula from
anyone's text."""

import datetime
import io
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from finsam.lib.tables import CellKind, Column, DateValue, Row, RowKind, Table, table_from_dict, table_to_dict
from finsam.lib.workbook import FIRST_DATA_ROW, sheet_title, sum_formula, workbook_bytes
from tests.documents import evaluated_sheets, sum_formula_rows

HOSTILE = ['=HYPERLINK("http://example.org","klicka")', "=1+1", "+1", "-2", "@SUM(A1)", "=cmd|' /C calc'!A0"]


def _sheets(tables):
    return load_workbook(io.BytesIO(workbook_bytes(tables, title="Titel", author="Förbundet")))


def test_adjacent_rows_are_summed_as_one_range_and_the_rest_as_cells():
    assert sum_formula("B", [(0, 1), (1, 1), (2, 1)]) == "=SUM(B3:B5)"
    assert sum_formula("C", [(0, 1), (1, 1), (3, -1), (4, -1), (7, -1)]) == "=SUM(C3:C4)-SUM(C6:C7)-C10"
    assert sum_formula("B", [(5, -1), (0, 1)]) == "=B3-B8"
    assert sum_formula("B", [(0, 1), (1, -1), (2, 1)]) == "=B3-B4+B5"


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.integers(0, 40), st.sampled_from([1, -1]), min_size=1, max_size=25))
def test_a_sum_formula_references_exactly_its_terms_with_their_signs(terms):
    formula = sum_formula("D", list(terms.items()))
    assert sum_formula_rows(formula) == {FIRST_DATA_ROW + index: sign for index, sign in terms.items()}


def test_no_text_anyone_typed_becomes_a_formula_not_even_a_title_or_a_header():
    table = Table(
        key="budget",
        caption=HOSTILE[0],
        columns=[Column("label", HOSTILE[1]), Column("y", HOSTILE[2], CellKind.AMOUNT, "kr")],
        notes=[HOSTILE[3]],
    )
    first = table.add(Row({"label": HOSTILE[4], "y": 100}))
    second = table.add(Row({"label": HOSTILE[5], "y": 250}))
    table.add(Row({"label": "=SUM(A1:A9)", "y": 350}, RowKind.TOTAL, terms=((first, 1), (second, 1))))
    workbook = _sheets([table])
    sheet = workbook.worksheets[0]
    formulas = [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == ["B5"]  # only the total the product derived
    assert sheet["B5"].value == "=SUM(B3:B4)"
    assert sheet["A1"].value == HOSTILE[0] and sheet["A1"].data_type == "s"
    assert [sheet["A2"].value, sheet["B2"].value] == [HOSTILE[1], f"{HOSTILE[2]} (kr)"]
    assert sheet["A5"].value == "=SUM(A1:A9)" and sheet["A5"].data_type == "s"
    assert sheet["A7"].value == HOSTILE[3]
    assert evaluated_sheets(workbook_bytes([table], title="t", author="a"))[sheet.title][4][1] == 350


def test_shares_are_fractions_with_a_percent_format_and_counts_are_numbers():
    table = Table(
        key="goals",
        caption="Mål",
        columns=[
            Column("target", "Resultatmål"),
            Column("outcome", "Utfall"),
            Column("share", "Andel", "percent"),
        ],
    )
    table.add(Row({"target": "35 %", "outcome": Decimal("43.5"), "share": Decimal("28.6")}))
    table.add(Row({"target": "12 aktiviteter", "outcome": 10, "share": "ingen data"}))
    sheet = _sheets([table]).worksheets[0]
    assert sheet["B3"].value == pytest.approx(0.435) and sheet["B3"].number_format == "0.0%"
    assert sheet["C3"].value == pytest.approx(0.286) and sheet["C3"].data_type == "n"
    assert sheet["B4"].value == 10 and sheet["B4"].data_type == "n"
    assert sheet["C4"].value == "ingen data"


def test_dates_are_dates_shown_to_the_precision_known():
    table = Table(key="projects", caption="Insatser", columns=[Column("start", "Start", CellKind.DATE)])
    table.add(Row({"start": DateValue(datetime.date(2007, 12, 1), "day", "2007-12-01")}))
    table.add(Row({"start": DateValue(datetime.date(2008, 6, 1), "month", "juni 2008")}))
    table.add(Row({"start": DateValue(datetime.date(2023, 1, 1), "year", "2023")}))
    table.add(Row({"start": DateValue(datetime.date(2006, 7, 1), "half", "hösten 2006")}))
    table.add(Row({"start": "Försenad, prel. hösten 2006"}))
    table.add(Row({"start": datetime.date(2010, 5, 31)}))
    sheet = _sheets([table]).worksheets[0]
    cells = [sheet.cell(row=FIRST_DATA_ROW + i, column=1) for i in range(6)]
    assert [c.value.date() if c.is_date else c.value for c in cells] == [
        datetime.date(2007, 12, 1),
        datetime.date(2008, 6, 1),
        datetime.date(2023, 1, 1),
        "hösten 2006",
        "Försenad, prel. hösten 2006",
        datetime.date(2010, 5, 31),
    ]
    assert [c.number_format for c in cells[:3]] == ["yyyy-mm-dd", "mmmm yyyy", "yyyy"]


def test_project_numbers_are_numbers_when_all_are_digits_and_text_throughout_otherwise():
    digits = Table(key="a", caption="A", columns=[Column("number", "Nr", CellKind.CODE)])
    for number in ["12", "", "033"]:
        digits.add(Row({"number": number}))
    mixed = Table(key="b", caption="B", columns=[Column("number", "Nr", CellKind.CODE)])
    for number in ["12", "2023-4"]:
        mixed.add(Row({"number": number}))
    first, second = _sheets([digits, mixed]).worksheets
    assert [first.cell(row=r, column=1).value for r in (3, 4, 5)] == [12, None, 33]
    assert [second.cell(row=r, column=1).value for r in (3, 4)] == ["12", "2023-4"]


def test_income_shown_negative_is_not_painted_red():
    table = Table(key="budget", caption="Budget", columns=[Column("y", "2010", CellKind.AMOUNT, "tkr")])
    table.add(Row({"y": -15_000_000}))
    cell = _sheets([table]).worksheets[0]["A3"]
    assert cell.value == -15_000_000
    assert "Red" not in cell.number_format and cell.number_format.endswith(",")


def test_sheet_names_are_cut_at_a_word_within_31_characters_and_stay_unique():
    taken: set[str] = set()

    def name(caption, sheet=""):
        return sheet_title(Table(key="k", caption=caption, columns=[], sheet=sheet), taken)

    assert (
        name("Uppföljning Finsam 2010: insatser", sheet="Finsam 2010 – insatser") == "Finsam 2010 – insatser"
    )
    assert name("Riskanalys och internkontrollplan för förbundet") == "Riskanalys och…"
    assert name("Budget 2010") == "Budget 2010"
    assert name("budget 2010") == "budget 2010 (2)"  # Excel compares sheet names without case
    assert name("Budget [2010]: a/b?") == "Budget 2010 a b"
    # a period survives the cut: months abbreviated, then the words before it left out (no "Budget 2009…")
    assert name("Budget 2009 (september–december)") == "Budget 2009 (sept–dec)"
    assert name("Budget kansli/aktivitet 2005–2006") == "Budget kansli 2005–2006"
    assert name("Budget kansli/aktivitet 2005–2006 för hela förbundet") == "Budget 2005–2006 för hela…"
    assert all(len(t) <= 31 for t in taken)


def test_the_short_sheet_name_and_typed_values_survive_the_adoption_record():
    table = Table(
        key="projects", caption="Insatser", columns=[Column("start", "Start", CellKind.DATE)], sheet="I"
    )
    table.add(Row({"start": DateValue(datetime.date(2008, 6, 1), "month", "juni 2008")}))
    table.add(Row({"start": datetime.date(2010, 5, 31)}))
    table.add(Row({"start": Decimal("43.5")}))
    again = table_from_dict(table_to_dict(table))
    assert again == table
    stored_before_sheet_names = table_to_dict(table)
    del stored_before_sheet_names["sheet"]
    assert table_from_dict(stored_before_sheet_names).sheet == ""


def test_a_rows_note_is_written_beside_its_figures_so_no_example_passes_for_a_result():
    table = Table(
        key="indicators",
        caption="Deltagare och resultat 2023",
        columns=[Column("label", "Insats"), Column("n", "Deltog", CellKind.COUNT)],
    )
    sikta = table.add(Row({"label": "SIKTA", "n": 40}, note="exempeldata"))
    real = table.add(Row({"label": "NUVAS", "n": 12}))
    table.add(
        Row(
            {"label": "Förbundet totalt", "n": 52},
            RowKind.TOTAL,
            terms=((sikta, 1), (real, 1)),
            note="exempeldata",
        )
    )
    sheet = _sheets([table])["Deltagare och resultat 2023"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert rows == [
        ["Insats", "Deltog", "Anmärkning"],
        ["SIKTA", 40, "exempeldata"],
        ["NUVAS", 12, None],
        ["Förbundet totalt", "=SUM(B3:B4)", "exempeldata"],
    ]


def test_a_table_with_nothing_but_sums_of_nothing_gets_no_sheet():
    empty = Table(
        "indicators",
        "Deltagare och resultat 2010",
        [Column("label", "Insats"), Column("n", "Deltog", CellKind.COUNT)],
    )
    empty.add(Row({"label": "Förbundet totalt", "n": 0}, RowKind.TOTAL))
    kept = Table("cycle", "Årsprocess", [Column("when", "När")], [Row({"when": "Mars"})])
    assert _sheets([empty, kept]).sheetnames == ["Årsprocess"]


def test_tables_sharing_a_sheet_name_go_on_one_sheet_one_under_the_other_with_their_sums_right():
    def table(key, caption, amounts):
        shown = Table(
            key=key,
            caption=caption,
            sheet="Uppföljning Finsam 2023",
            columns=[Column("label", "Rad"), Column("y", "Belopp", CellKind.AMOUNT, "kr")],
            notes=["En anmärkning."],
        )
        rows = [shown.add(Row({"label": f"Rad {n}", "y": amount})) for n, amount in enumerate(amounts)]
        shown.add(
            Row({"label": "Summa", "y": sum(amounts)}, RowKind.TOTAL, terms=tuple((i, 1) for i in rows))
        )
        return shown

    other = Table(
        key="other", caption="Annat", columns=[Column("label", "Rad")], rows=[Row({"label": "En rad"})]
    )
    tables = [table("first", "Förbundet", [100, 200]), table("second", "Insatser", [5, 7, 9]), other]
    data = workbook_bytes(tables, title="t", author="a")
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["Uppföljning Finsam 2023", "Annat"]
    sheet = workbook["Uppföljning Finsam 2023"]
    column_a = [cell.value for cell in sheet["A"]]
    # caption, header, 2 rows and the sum, a blank row, the note; a blank row; the second table from row 9
    assert column_a[:9] == [
        "Förbundet",
        "Rad",
        "Rad 0",
        "Rad 1",
        "Summa",
        None,
        "En anmärkning.",
        None,
        "Insatser",
    ]
    assert sheet["B5"].value == "=SUM(B3:B4)"
    assert sheet["B14"].value == "=SUM(B11:B13)"  # the second table's own rows, not the first's
    evaluated = evaluated_sheets(data)["Uppföljning Finsam 2023"]
    assert (evaluated[4][1], evaluated[13][1]) == (300, 21)
    assert sheet.freeze_panes == "B3"

"""The plan's documents read back: the PDF with pdftotext, the workbook with openpyxl."""

import io
import re
import subprocess

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from finsam.lib.money import NBSP, group_thousands, kronor_to_thousands
from finsam.lib.workbook import FIRST_DATA_ROW
from finsam.plan.models import Plan
from finsam.plan.services import plan_files, shown_document
from tests.documents import evaluated_sheets, pdf_text, sum_formula_rows

# The module fixture needs the test database set up even when only these tests run.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_plans(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=open("/dev/null", "w"))
        plans = {
            (p.association.slug, p.year): p
            for p in Plan.objects.filter(kind="plan")
            .select_related("association")
            .prefetch_related("sections")
        }
        documents = {
            key: (*plan_files(plan), shown_document(plan)[0])
            for key, plan in plans.items()
            if key[1] in (2010, 2023)
        }
        yield documents
        call_command("flush", "--no-input", verbosity=0)


def tkr(value: int) -> str:
    return group_thousands(kronor_to_thousands(value)).replace(NBSP, " ").replace("\u2212", "−")


def test_the_pdf_has_every_heading_page_numbers_and_the_running_header(demo_plans):
    pdf, _workbook, document = demo_plans[("rar-sormland", 2023)]
    text = pdf_text(pdf)
    for section in document.sections:
        assert f"{section.number}. {section.heading}" in text
    pages = int(re.search(r"Sida 2 av (\d+)", text).group(1))
    # title page and contents come first; the sections flow on, so there are fewer pages than sections
    assert 3 <= pages < len(document.sections) + 2
    assert f"Sida {pages} av {pages}" in text
    assert "Samordningsförbundet RAR i Sörmland" in text
    assert re.search(r"Bakgrund och uppdrag \.+ ?3", text)  # the contents give the page number


def test_the_pdf_holds_the_tables_figures_as_the_data_does(demo_plans):
    pdf, _workbook, document = demo_plans[("rar-sormland", 2010)]
    text = pdf_text(pdf)
    for table in document.tables():
        for row in table.rows:
            for column in table.figure_columns():
                value = row.cells.get(column.key)
                if value is None:
                    continue
                expected = (
                    tkr(value)
                    if column.unit == "tkr"
                    else group_thousands(value).replace(NBSP, " ").replace("\u2212", "−")
                )
                assert expected in text, (table.key, row.cells, column.key)
    assert "1 308 750" in text  # Eskilstuna's 2009 fee
    assert "7 745" in text  # the five projects' 2010 amounts, in tkr
    assert "8 741" in text  # the 2010 result
    assert "Reviderad 2010-01-13 utifrån förändrad budget 2010" in text
    assert "Dnr RAR09-19" in text


def test_the_pdf_has_metadata_and_embedded_fonts(demo_plans):
    pdf, _workbook, _document = demo_plans[("rar-sormland", 2023)]
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert "Title:           Verksamhetsplan och budget 2023" in info
    assert "Author:          Samordningsförbundet RAR i Sörmland" in info
    assert "Tagged:          yes" in info
    fonts = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:] if line.strip())  # "emb" column


@pytest.mark.parametrize("key", [("rar-sormland", 2010), ("rar-sormland", 2023)])
def test_every_formula_evaluates_to_the_figure_the_pdf_prints(demo_plans, key):
    """A formula engine computes every formula of the workbook; each equals the table's figure, which the PDF
    prints; and each formula references exactly the rows the figure is the sum of."""
    pdf, workbook_bytes, document = demo_plans[key]
    workbook = load_workbook(io.BytesIO(workbook_bytes))
    evaluated = evaluated_sheets(workbook_bytes)
    text = pdf_text(pdf)
    tables = [t for t in document.tables() if t.columns]
    # plus the Uppföljning Finsam sheet, 2023's participants (2010 has none: no sheet of zeros) and 2023's
    # (example) outcome against its budget
    assert len(workbook.sheetnames) == len(tables) + (3 if key[1] == 2023 else 1)
    if key[1] == 2010:
        assert not any(name.startswith("Deltagare och resultat") for name in workbook.sheetnames)
    assert workbook.sheetnames[-1] == f"Uppföljning Finsam {key[1]}"
    formulas = 0
    for sheet_name, table in zip(workbook.sheetnames[: len(tables)], tables, strict=True):
        sheet = workbook[sheet_name]
        assert sheet.freeze_panes == "B3"
        for offset, row in enumerate(table.rows):
            for index, column in enumerate(table.columns, start=1):
                cell = sheet.cell(row=FIRST_DATA_ROW + offset, column=index)
                value = row.cells.get(column.key)
                if column not in table.figure_columns() or value is None:
                    continue
                computed = evaluated[sheet_name][FIRST_DATA_ROW + offset - 1][index - 1]
                assert computed == value, (sheet_name, row.cells, column.key)
                if row.is_derived:
                    assert cell.data_type == "f"
                    expected_rows = {FIRST_DATA_ROW + term: sign for term, sign in row.terms}
                    assert sum_formula_rows(cell.value) == expected_rows
                    printed = (
                        tkr(value) if column.unit == "tkr" else group_thousands(value).replace(NBSP, " ")
                    )
                    assert printed.replace("\u2212", "−") in text, (table.key, row.cells, column.key)
                    formulas += 1
                else:
                    assert cell.value == value
                if column.unit == "tkr":
                    assert cell.number_format.endswith(",")  # shown in thousands, stored in kronor
    assert formulas >= 3
    assert workbook.properties.creator == "Samordningsförbundet RAR i Sörmland"


def test_text_that_looks_like_a_formula_stays_text(db):
    from finsam.lib.tables import Column, Row, Table
    from finsam.lib.workbook import workbook_bytes

    table = Table(key="projects", caption="Insatser", columns=[Column("name", "Insats")])
    for name in ['=HYPERLINK("x")', "+1", "-2", "@SUM(A1)"]:
        table.add(Row({"name": name}))
    sheet = load_workbook(io.BytesIO(workbook_bytes([table], title="t", author="a"))).active
    values = [sheet.cell(row=FIRST_DATA_ROW + i, column=1) for i in range(4)]
    assert [c.value for c in values] == ['=HYPERLINK("x")', "+1", "-2", "@SUM(A1)"]
    assert all(c.data_type == "s" for c in values)


def test_export_plan_command_writes_both_formats_and_explains_mistakes(tmp_path, db):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    call_command(
        "export_plan", "landskrona-svalov", "2010", "--format", "pdf", "--output", str(tmp_path / "p.pdf")
    )
    assert (tmp_path / "p.pdf").read_bytes().startswith(b"%PDF")
    call_command(
        "export_plan", "landskrona-svalov", "2010", "--format", "xlsx", "--output", str(tmp_path / "p.xlsx")
    )
    assert load_workbook(tmp_path / "p.xlsx").sheetnames
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="har ingen plan för 1999. Planer finns för: 2010."):
        call_command(
            "export_plan", "landskrona-svalov", "1999", "--format", "pdf", "--output", str(tmp_path / "x")
        )


def _column(sheet, label: str) -> int:
    return next(cell.column for cell in sheet[2] if cell.value == label)


def test_the_workbook_keeps_numbers_dates_and_shares_as_such(demo_plans):
    import datetime

    workbook = load_workbook(io.BytesIO(demo_plans[("rar-sormland", 2010)][1]))
    projects = workbook["Insatser 2010"]
    assert projects.cell(row=3, column=_column(projects, "Nr")).value == 12  # AGERA/FLAK
    start = projects.cell(row=3, column=_column(projects, "Start"))
    assert start.is_date and start.value.date() == datetime.date(2007, 12, 1)
    assert start.number_format == "yyyy-mm-dd"
    workbook = load_workbook(io.BytesIO(demo_plans[("rar-sormland", 2023)][1]))
    goals = workbook["Mål och resultatmål 2023"]
    outcome = goals.cell(row=3, column=_column(goals, "Utfall"))  # the demo's 43,5 % rests on example data
    assert outcome.value == "43,5\u00a0% (exempeldata)"  # so it is marked, and text: no one's sum takes it
    indicators = workbook["Deltagare och resultat 2023"]
    share = indicators.cell(row=3, column=_column(indicators, "Till arbete/studier"))  # NUVAS: 4 of 14
    assert share.data_type == "n" and share.number_format == "0.0%"
    for sheet in workbook.worksheets:
        assert len(sheet.title) <= 31
        assert not any("Red" in c.number_format for row in sheet.iter_rows() for c in row)

"""Documents read back as a reader would: a PDF's text with pdftotext, a workbook's figures with every formula
evaluated by a formula engine (pycel), so a wrong reference shows as a wrong figure."""

import io
import subprocess

from openpyxl import load_workbook
from pycel import ExcelCompiler


def pdf_text(content: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


def formula_cells(content: bytes) -> list[tuple[str, str, str]]:
    """(sheet, cell, formula) of every formula cell in the workbook."""
    workbook = load_workbook(io.BytesIO(content))
    return [
        (sheet.title, cell.coordinate, cell.value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]


def evaluated_sheets(content: bytes) -> dict[str, list[list]]:
    """Every sheet as rows of values, each formula replaced by what a spreadsheet program computes for it."""
    workbook = load_workbook(io.BytesIO(content))
    compiler = ExcelCompiler(excel=load_workbook(io.BytesIO(content)))
    sheets = {}
    for sheet in workbook.worksheets:
        rows = []
        for row in sheet.iter_rows():
            values = []
            for cell in row:
                if cell.data_type == "f":
                    values.append(compiler.evaluate(f"'{sheet.title}'!{cell.coordinate}"))
                else:
                    values.append(cell.value)
            rows.append(values)
        sheets[sheet.title] = rows
    return sheets


def evaluated_rows(content: bytes, sheet: str | None = None) -> list[tuple[str, list]]:
    """A sheet written by finsam.lib.workbook as (row label, [figures]) in order, formulas evaluated."""
    from finsam.lib.workbook import FIRST_DATA_ROW

    sheets = evaluated_sheets(content)
    rows = sheets[sheet] if sheet else next(iter(sheets.values()))
    found = []
    for values in rows[FIRST_DATA_ROW - 1 :]:
        if not values or values[0] in (None, ""):
            continue
        figures = [int(v) if isinstance(v, float) and v == int(v) else v for v in values[1:]]
        found.append((values[0], figures))
    return found


def evaluated_table(content: bytes, sheet: str | None = None) -> dict[str, list]:
    """The same as {row label: [figures]}, for sheets whose labels are unique."""
    return dict(evaluated_rows(content, sheet))

"""Documents read back as a reader would: a PDF's text with pdftotext, a workbook's figures with every formula
evaluated by a formula engine (pycel), so a wrong reference shows as a wrong figure."""

import io
import re
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


SUM_TERM = re.compile(r"([+-]?)(?:SUM\(([A-Z]+)(\d+):([A-Z]+)(\d+)\)|([A-Z]+)(\d+))")


def sum_formula_rows(formula: str) -> dict[int, int]:
    """{sheet row: sign} of a sum formula the product writes (`=SUM(B3:B11)-B14`), failing on any other shape.

    The shape itself is asserted: only ranges and single cells of one column joined by + and -, and rows next to
    each other with the same sign always as one range (an auditor reads `SUM(B3:B11)`, not `+B3+B4+…`).
    """
    assert formula.startswith("="), formula
    body, rows, position, columns, runs = formula[1:], {}, 0, set(), []
    while position < len(body):
        match = SUM_TERM.match(body, position)
        assert match and match.start() == position, f"not a sum formula: {formula}"
        sign = -1 if match.group(1) == "-" else 1
        if match.group(2):
            assert match.group(2) == match.group(4), formula
            columns.add(match.group(2))
            first, last = int(match.group(3)), int(match.group(5))
            assert last > first, formula
        else:
            columns.add(match.group(6))
            first = last = int(match.group(7))
        for row in range(first, last + 1):
            assert row not in rows, f"row {row} twice in {formula}"
            rows[row] = sign
        runs.append((sign, first, last))
        position = match.end()
    assert len(columns) == 1, formula
    for (sign_a, _first_a, last_a), (sign_b, first_b, _last_b) in zip(runs, runs[1:], strict=False):
        assert not (sign_a == sign_b and first_b == last_a + 1), f"adjacent rows not as one range: {formula}"
    return rows

"""Tables as an Excel workbook (openpyxl): one sheet a table, sums as live formulas.

Amount cells hold exact kronor; a tkr column shows them in thousands through its number format, so every formula
sums exact figures and equals the product's own total.
"""

import io
import re

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from finsam.lib.tables import CellKind, Table

KR_FORMAT = "#,##0;[Red]-#,##0"
TKR_FORMAT = "#,##0,;[Red]-#,##0,"  # the trailing comma scales by a thousand
COUNT_FORMAT = "#,##0"
FORMULA_LIKE = ("=", "+", "-", "@")
FIRST_DATA_ROW = 3  # row 1: caption, row 2: header


def _sheet_title(table: Table, taken: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", " ", table.caption)[:28] or table.key
    title, n = base, 2
    while title in taken:
        title, n = f"{base[:25]} {n}", n + 1
    taken.add(title)
    return title


def _write_text(cell, value) -> None:
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_LIKE):
        cell.data_type = "s"  # text that looks like a formula stays text, never a formula


def write_table(sheet, table: Table) -> None:
    sheet["A1"] = table.caption
    sheet["A1"].font = Font(bold=True, size=12)
    for index, column in enumerate(table.columns, start=1):
        header = sheet.cell(
            row=2, column=index, value=f"{column.label} ({column.unit})" if column.unit else column.label
        )
        header.font = Font(bold=True)
    for offset, row in enumerate(table.rows):
        excel_row = FIRST_DATA_ROW + offset
        for index, column in enumerate(table.columns, start=1):
            cell = sheet.cell(row=excel_row, column=index)
            value = row.cells.get(column.key)
            numeric = column.kind in (CellKind.AMOUNT, CellKind.COUNT)
            if numeric and row.is_derived and row.terms and value is not None:
                letter = get_column_letter(index)
                cell.value = "=" + "".join(
                    f"{'+' if sign > 0 else '-'}{letter}{FIRST_DATA_ROW + term}" for term, sign in row.terms
                )
            elif numeric:
                cell.value = value
            else:
                _write_text(cell, "" if value is None else str(value))
            if column.kind == CellKind.AMOUNT:
                cell.number_format = TKR_FORMAT if column.unit == "tkr" else KR_FORMAT
            elif column.kind == CellKind.COUNT:
                cell.number_format = COUNT_FORMAT
            if row.is_derived:
                cell.font = Font(bold=True)
    for note_offset, note in enumerate(table.notes):
        _write_text(sheet.cell(row=FIRST_DATA_ROW + len(table.rows) + 1 + note_offset, column=1), note)
    sheet.freeze_panes = "B3"
    for index, column in enumerate(table.columns, start=1):
        longest = max(
            [len(str(column.label))] + [len(str(r.cells.get(column.key) or "")) for r in table.rows]
        )
        sheet.column_dimensions[get_column_letter(index)].width = min(max(12, longest + 2), 60)
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if len(table.columns) > 5 else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "2:2"


def workbook_bytes(tables: list[Table], *, title: str, author: str) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    for table in tables:
        if not table.columns:
            continue
        write_table(workbook.create_sheet(_sheet_title(table, taken)), table)
    workbook.properties.title = title
    workbook.properties.creator = author
    workbook.properties.language = "sv-SE"
    workbook.properties.subject = title
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

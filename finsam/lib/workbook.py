"""Tables as an Excel workbook (openpyxl): one sheet a table, sums as live formulas over ranges.

Amount cells hold exact kronor; a tkr column shows them in thousands through its number format, so every formula
sums exact figures and equals the product's own total. Values keep their type: shares are fractions with a percent
format, dates are dates, counts and project numbers are numbers. Every text a person typed (captions, headers,
cells, notes) is written as text, never as a formula, whatever it starts with.
"""

import datetime
import io
import re
from decimal import Decimal

from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from finsam.lib.tables import CellKind, DateValue, RowKind, Table

# Minus sign, no colour: associations that show income as negative figures (RAR) would otherwise see every income
# line in red, and the sign already says what the PDF says.
KR_FORMAT = "#,##0;-#,##0"
TKR_FORMAT = "#,##0,;-#,##0,"  # the trailing comma scales by a thousand
COUNT_FORMAT = "#,##0"
CODE_FORMAT = "0"
PERCENT_FORMAT = "0.0%"
DATE_FORMATS = {"day": "yyyy-mm-dd", "month": "mmmm yyyy", "year": "yyyy"}
FORMULA_LIKE = ("=", "+", "-", "@")
FIRST_DATA_ROW = 3  # row 1: caption, row 2: header
SHEET_NAME_LIMIT = 31  # Excel's limit
# Excel forbids []:*?/\ in sheet names; quotes and the like would need escaping in every reference to the sheet,
# so a name keeps only letters, digits, spaces and plain punctuation.
NOT_IN_SHEET_NAMES = re.compile(r"[^\w\s–,.()&%-]")


def sheet_title(table: Table, taken: set[str]) -> str:
    """The table's sheet name: its own short name, else its caption cut at a word, unique in the workbook."""
    name = " ".join(NOT_IN_SHEET_NAMES.sub(" ", table.sheet or table.caption).split()).strip(" -")
    if len(name) > SHEET_NAME_LIMIT:
        name = _shortened(name, SHEET_NAME_LIMIT)
    name = name or table.key[:SHEET_NAME_LIMIT]
    title, n = name, 2
    while title.casefold() in {t.casefold() for t in taken}:
        suffix = f" ({n})"
        title, n = _cut_at_word(name, SHEET_NAME_LIMIT - len(suffix), ellipsis=False) + suffix, n + 1
    taken.add(title)
    return title


# Swedish month names as a plan abbreviates them ("Budget 2009 (sept–dec)").
MONTHS = {
    "januari": "jan", "februari": "feb", "augusti": "aug", "september": "sept", "oktober": "okt",
    "november": "nov", "december": "dec",
}  # fmt: skip
MONTH_NAMES = re.compile(r"\b(" + "|".join(MONTHS) + r")\b", re.IGNORECASE)
YEAR_WORD = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")


def _shortened(name: str, limit: int) -> str:
    """A name too long for a sheet, shortened so that its period survives: months abbreviated ("Budget 2009
    (september–december)" → "Budget 2009 (sept–dec)"), then words before the period left out ("Budget kansli
    aktivitet 2005–2006" → "Budget kansli 2005–2006"); a name without a year is cut at a word."""
    name = MONTH_NAMES.sub(lambda match: MONTHS[match[1].lower()], name)
    words = name.split(" ")
    period = max((i for i, word in enumerate(words) if YEAR_WORD.search(word)), default=None)
    # the words just before the period go, down to the first (it says what the sheet is) or another year
    while (
        len(" ".join(words)) > limit
        and period is not None
        and period > 1
        and not YEAR_WORD.search(words[period - 1])
    ):
        period -= 1
        del words[period]
    name = " ".join(words)
    return name if len(name) <= limit else _cut_at_word(name, limit)


def _cut_at_word(text: str, limit: int, *, ellipsis: bool = True) -> str:
    if len(text) <= limit:
        return text
    room = limit - 1 if ellipsis else limit
    cut = text[:room]
    if " " in cut and not text[room].isspace():
        cut = cut[: cut.rindex(" ")]
    cut = cut.rstrip(" –-,;.")
    return cut + "…" if ellipsis else cut


def _write_text(cell, value) -> None:
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_LIKE):
        cell.data_type = "s"  # text that looks like a formula stays text, never a formula


def sum_formula(letter: str, terms, first_row: int = FIRST_DATA_ROW) -> str:
    """`=SUM(B3:B11)` for rows 0–8, `=SUM(B3:B5)-B9` with a subtracted row: runs of adjacent rows as ranges.

    `first_row` is the sheet row of the table's first data row (a table stacked under another starts lower).
    """
    runs: list[list] = []  # [sign, first row, last row]
    for index, sign in sorted(terms):
        row = first_row + index
        if runs and runs[-1][0] == sign and runs[-1][2] == row - 1:
            runs[-1][2] = row
        else:
            runs.append([sign, row, row])
    parts = []
    for sign, first, last in runs:
        reference = f"SUM({letter}{first}:{letter}{last})" if last > first else f"{letter}{first}"
        parts.append(("-" if sign < 0 else "+") + reference)
    return "=" + "".join(parts).removeprefix("+")


def _write_value(cell, value, column) -> None:
    """A figure or text with the type and number format it has on the page."""
    if column.kind in (CellKind.AMOUNT, CellKind.COUNT) and isinstance(value, int):
        cell.value = value
        if column.kind == CellKind.AMOUNT:
            cell.number_format = TKR_FORMAT if column.unit == "tkr" else KR_FORMAT
        else:
            cell.number_format = COUNT_FORMAT
    elif isinstance(value, Decimal):
        cell.value = value / 100  # a share: the fraction, shown as a percentage
        cell.number_format = PERCENT_FORMAT
    elif isinstance(value, DateValue) and value.precision in DATE_FORMATS:
        cell.value = value.day
        cell.number_format = DATE_FORMATS[value.precision]
    elif isinstance(value, DateValue):
        _write_text(cell, value.text)
    elif isinstance(value, datetime.date):
        cell.value = value
        cell.number_format = DATE_FORMATS["day"]
    elif isinstance(value, int) and not isinstance(value, bool):
        cell.value = value
        cell.number_format = COUNT_FORMAT
    else:
        _write_text(cell, "" if value is None else str(value))


def _numeric_codes(table: Table, key: str) -> bool:
    """A code column is written as numbers when every code in it is digits, else as text throughout."""
    values = [row.cells.get(key) for row in table.rows]
    codes = [str(v) for v in values if v not in (None, "")]
    return bool(codes) and all(code.isdigit() and len(code) < 16 for code in codes)


def write_table(sheet, table: Table, *, top: int = 1) -> int:
    """The table on `sheet` from row `top` (caption, header, rows, notes); returns the row after its last."""
    caption = sheet.cell(row=top, column=1)
    _write_text(caption, table.caption)
    caption.font = Font(bold=True, size=12)
    for index, column in enumerate(table.columns, start=1):
        header = sheet.cell(row=top + 1, column=index)
        _write_text(header, f"{column.label} ({column.unit})" if column.unit else column.label)
        header.font = Font(bold=True)
    first_row = top + FIRST_DATA_ROW - 1
    numeric_codes = {c.key for c in table.columns if c.kind == CellKind.CODE and _numeric_codes(table, c.key)}
    # A row's note ("exempeldata") goes into a column of its own after the figures, so an example figure is
    # marked on its own row and never passes for a result in anyone's sum.
    note_column = len(table.columns) + 1 if any(row.note for row in table.rows) else None
    if note_column:
        header = sheet.cell(row=top + 1, column=note_column)
        _write_text(header, gettext("Anmärkning"))
        header.font = Font(bold=True)
    for offset, row in enumerate(table.rows):
        excel_row = first_row + offset
        for index, column in enumerate(table.columns, start=1):
            cell = sheet.cell(row=excel_row, column=index)
            value = row.cells.get(column.key)
            numeric = column.kind in (CellKind.AMOUNT, CellKind.COUNT)
            if numeric and row.is_derived and row.terms and value is not None:
                cell.value = sum_formula(get_column_letter(index), row.terms, first_row)
                cell.number_format = (
                    (TKR_FORMAT if column.unit == "tkr" else KR_FORMAT)
                    if column.kind == CellKind.AMOUNT
                    else COUNT_FORMAT
                )
            elif column.key in numeric_codes and value not in (None, ""):
                cell.value = int(value)
                cell.number_format = CODE_FORMAT
            else:
                _write_value(cell, value, column)
            if row.is_derived or row.kind == RowKind.HEADING:
                cell.font = Font(bold=True)
        if note_column and row.note:
            _write_text(sheet.cell(row=excel_row, column=note_column), row.note)
    after = first_row + len(table.rows) + 1
    for note_offset, note in enumerate(table.notes):
        _write_text(sheet.cell(row=after + note_offset, column=1), note)
    if note_column:
        longest = max(len(row.note) for row in table.rows)
        sheet.column_dimensions[get_column_letter(note_column)].width = min(max(12, longest + 2), 60)
    for index, column in enumerate(table.columns, start=1):
        longest = max(
            [len(str(column.label))] + [len(str(r.cells.get(column.key) or "")) for r in table.rows]
        )
        dimension = sheet.column_dimensions[get_column_letter(index)]
        width = min(max(12, longest + 2), 60)
        dimension.width = width if top == 1 else max(dimension.width or 0, width)
    if top > 1:  # a table stacked under another keeps the sheet's set-up, turned if the new one is wide
        if len(table.columns) > 5:
            sheet.page_setup.orientation = "landscape"
        return after + len(table.notes)
    sheet.freeze_panes = "B3"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if len(table.columns) > 5 else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "2:2"
    return after + len(table.notes)


def workbook_bytes(tables: list[Table], *, title: str, author: str) -> bytes:
    """One sheet a table; consecutive tables with the same `sheet` name share one sheet, one under the other
    with an empty row between (the Uppföljning Finsam return: the association's part, then the projects)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    shown = [table for table in tables if table.columns]
    # A table with nothing but sums of nothing ("Förbundet totalt 0", an older year without follow-up) has
    # nothing to check and gets no sheet, unless the workbook would have none (a budget with no lines yet).
    with_rows = [table for table in shown if any(row.kind == RowKind.ITEM for row in table.rows)]
    sheet, shared, next_row = None, "", 1
    for table in with_rows or shown[:1]:
        if sheet is not None and table.sheet and table.sheet == shared:
            next_row = write_table(sheet, table, top=next_row + 1)
            continue
        sheet, shared = workbook.create_sheet(sheet_title(table, taken)), table.sheet
        next_row = write_table(sheet, table)
    if not workbook.worksheets:  # no table at all: a sheet that says what the workbook is
        _write_text(workbook.create_sheet(sheet_title(Table("empty", title, []), taken))["A1"], title)
    workbook.properties.title = title
    workbook.properties.creator = author
    workbook.properties.language = "sv-SE"
    workbook.properties.subject = title
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

"""Reading the tables associations keep in Excel: rows of cells with their coordinates, and Swedish numbers.

Pure: bytes in, plain values out; no database. Every problem is a `SheetError` (the whole file cannot be read) or
a message naming the cell as office staff see it in Excel: "Blad Budget, rad 7, kolumn C: …".

The workbook is opened read-only with cached values only (`data_only`): a formula is never evaluated from the
user's file; a formula cell that has no saved value is reported, so the import never guesses a figure.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from finsam.fields import CONTROL, FIRST_YEAR, LAST_YEAR, MAX_KRONOR
from finsam.lib.money import group_thousands

MAX_UPLOAD_BYTES = 2_000_000  # a year's tables are a few kilobytes; two megabytes leaves room for formatting
MAX_UNPACKED_BYTES = 40_000_000  # an .xlsx is a zip: refuse one that unpacks to far more than a table needs
MAX_ROWS = 2_000
MAX_COLUMNS = 60
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted .xlsx and the old binary .xls share this
ZIP_SIGNATURE = b"PK\x03\x04"


class SheetError(ValueError):
    """The file as a whole cannot be read; the message says why in Swedish."""


@dataclass(frozen=True)
class Cell:
    sheet: str
    row: int  # 1-based, as Excel numbers rows
    column: int  # 1-based
    value: object  # str, int, float, Decimal, date … or None

    @property
    def letter(self) -> str:
        return column_letter(self.column)

    def where(self) -> str:
        return where(self.sheet, self.row, self.column)

    @property
    def text(self) -> str:
        return "" if self.value is None else str(self.value).strip()


@dataclass
class Sheet:
    name: str
    rows: list[list[Cell]] = field(default_factory=list)  # only rows with something in them
    # cells that hold a formula whose value the file does not carry (never evaluated here)
    unevaluated: list[Cell] = field(default_factory=list)


def column_letter(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def where(sheet: str, row: int, column: int | None = None) -> str:
    if column is None:
        return _("Blad %(sheet)s, rad %(row)s") % {"sheet": sheet, "row": row}
    return _("Blad %(sheet)s, rad %(row)s, kolumn %(column)s") % {
        "sheet": sheet,
        "row": row,
        "column": column_letter(column),
    }


def read_upload(name: str, data: bytes) -> list[Sheet]:
    """The sheets of an uploaded .xlsx or .csv file; anything else, or a broken file, is a SheetError."""
    lower = name.lower()
    if not data:
        raise SheetError(_("Filen är tom."))
    if len(data) > MAX_UPLOAD_BYTES:
        raise SheetError(
            _("Filen är för stor (%(size)s byte); högst %(limit)s byte tas emot.")
            % {"size": group_thousands(len(data)), "limit": group_thousands(MAX_UPLOAD_BYTES)}
        )
    if lower.endswith(".csv"):
        return [_read_csv(name, data)]
    if not lower.endswith(".xlsx"):
        raise SheetError(_("Bara Excel-filer (.xlsx) och CSV-filer (.csv) kan importeras."))
    if data.startswith(OLE_SIGNATURE):
        raise SheetError(
            _(
                "Filen är lösenordsskyddad eller i det gamla .xls-formatet. Spara den i Excel som .xlsx utan "
                "lösenord och försök igen."
            )
        )
    if not data.startswith(ZIP_SIGNATURE):
        raise SheetError(_("Filen är ingen Excel-arbetsbok (.xlsx), trots namnet."))
    return _read_xlsx(data)


def _read_xlsx(data: bytes) -> list[Sheet]:
    import openpyxl

    broken = SheetError(_("Filen är skadad och kan inte läsas som en Excel-arbetsbok (.xlsx)."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise SheetError(_("Arbetsboken är för stor packad upp; dela den i mindre filer."))
        values = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        formulas = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        sheets = [_sheet_of(values[title], formulas[title], title) for title in values.sheetnames]
    except SheetError:
        raise
    except Exception as error:  # a broken file may fail anywhere inside openpyxl: never a server error
        raise broken from error
    if not any(sheet.rows for sheet in sheets):
        raise SheetError(_("Arbetsboken innehåller inga ifyllda celler."))
    return sheets


def _sheet_of(values, formulas, title: str) -> Sheet:
    sheet = Sheet(name=title)
    value_rows = values.iter_rows(max_col=MAX_COLUMNS, values_only=True)
    formula_rows = formulas.iter_rows(max_col=MAX_COLUMNS, values_only=True)
    for number, (row, formula_row) in enumerate(zip(value_rows, formula_rows, strict=False), start=1):
        if number > MAX_ROWS:
            raise SheetError(
                _("Bladet %(sheet)s har fler än %(limit)s rader; dela upp filen.")
                % {"sheet": title, "limit": MAX_ROWS}
            )
        cells = []
        for column, value in enumerate(row, start=1):
            formula = formula_row[column - 1] if column - 1 < len(formula_row) else None
            if value is None and isinstance(formula, str) and formula.startswith("="):
                sheet.unevaluated.append(Cell(title, number, column, formula))
            if value is not None and str(value).strip() != "":
                cells.append(Cell(title, number, column, value))
        if cells:
            sheet.rows.append(cells)
    return sheet


def _read_csv(name: str, data: bytes) -> Sheet:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    first = text.split("\n", 1)[0]
    delimiter = max([";", "\t", ","], key=first.count)
    title = re.sub(r"\.csv$", "", name.rsplit("/", 1)[-1], flags=re.IGNORECASE)[:31] or "CSV"
    sheet = Sheet(name=title)
    try:
        for number, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
            if number > MAX_ROWS:
                raise SheetError(_("Filen har fler än %(limit)s rader; dela upp den.") % {"limit": MAX_ROWS})
            cells = [
                Cell(title, number, column, value)
                for column, value in enumerate(row[:MAX_COLUMNS], start=1)
                if value.strip()
            ]
            if cells:
                sheet.rows.append(cells)
    except csv.Error as error:
        raise SheetError(_("CSV-filen kan inte läsas: kontrollera citattecknen.")) from error
    if not sheet.rows:
        raise SheetError(_("Filen innehåller inga ifyllda celler."))
    return sheet


# Numbers as Swedish tables write them: `1 308 750`, `−1 760`, `(1 760)`, `13.051.000`, `2,5`, `1 308 750 kr`.
SPACES = re.compile(r"[\s\u00a0\u202f\u2007]")
MINUSES = "\u2212\u2013\u2012"
THOUSANDS_DOTS = re.compile(r"^\d{1,3}(\.\d{3})+$")
UNIT_SUFFIX = re.compile(r"(mkr|tkr|kkr|tsk|kr|sek)\.?$", re.IGNORECASE)
PLAIN_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


class NumberError(ValueError):
    """A cell that should hold an amount does not; the message says what is wrong (without the place)."""


def parse_number(value) -> Decimal | None:
    """The cell's number as a Decimal, None for an empty cell or a lone dash; NumberError if it is no number."""
    if value is None or isinstance(value, bool):
        if isinstance(value, bool):
            raise NumberError(_("”%(text)s” är inget belopp.") % {"text": value})
        return None
    if isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise NumberError(_("cellen innehåller inget tal."))
        number = Decimal(repr(value))
    elif isinstance(value, Decimal):
        number = value
    elif isinstance(value, str):
        number = _parse_text(value)
        if number is None:
            return None
    else:
        raise NumberError(_("”%(text)s” är inget belopp.") % {"text": str(value)[:40]})
    if abs(number) > MAX_KRONOR:
        raise NumberError(_("talet är orimligt stort."))
    return number


def _parse_text(value: str) -> Decimal | None:
    text = SPACES.sub("", value)
    if text in ("", "-", *MINUSES):
        return None
    text = UNIT_SUFFIX.sub("", text)
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1]
    if text and text[0] in MINUSES + "-":
        negative, text = not negative, text[1:]
    if THOUSANDS_DOTS.match(text):
        text = text.replace(".", "")
    text = text.replace(",", ".")
    if not PLAIN_NUMBER.match(text) or len(text) > 30:
        raise NumberError(_("”%(text)s” är inget belopp.") % {"text": _shown(value)})
    try:
        number = Decimal(text)
    except InvalidOperation as error:  # pragma: no cover: the pattern above admits only numbers
        raise NumberError(_("”%(text)s” är inget belopp.") % {"text": _shown(value)}) from error
    return -number if negative else number


def _shown(value: str) -> str:
    return CONTROL.sub("", value.strip())[:40]


def whole(number: Decimal, factor: int) -> int:
    """The number in kronor (times `factor`: 1000 for tkr); NumberError unless it makes whole kronor."""
    kronor = number * factor
    if kronor != kronor.to_integral_value():
        unit = _("kr") if factor == 1 else _("tkr")
        raise NumberError(
            _("%(number)s %(unit)s blir inte hela kronor.")
            % {"number": str(number).replace(".", ","), "unit": unit}
        )
    if abs(kronor) > MAX_KRONOR:
        raise NumberError(_("talet är orimligt stort."))
    return int(kronor)


def format_figure(number: Decimal) -> str:
    """A figure as the file shows it, thousands grouped: `15 401`, `−1 760`, `2,5`."""
    if number == number.to_integral_value():
        return group_thousands(int(number))
    return str(number).replace("-", "\u2212").replace(".", ",")


# Unit hints in headings: "belopp i tkr", "TSK", "kkr" (thousands), "mkr" (millions), "kr".
UNIT_HINTS = [
    (re.compile(r"\b(tkr|tsk|kkr|tusental|tusen\s+kronor)\b", re.IGNORECASE), 1000),
    (re.compile(r"\bmkr\b|\bmiljoner\b", re.IGNORECASE), 1_000_000),
    (re.compile(r"\b(kr|kronor|sek)\b", re.IGNORECASE), 1),
]


def unit_hint(text: str) -> int | None:
    for pattern, factor in UNIT_HINTS:
        if pattern.search(text):
            return factor
    return None


YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d|2100)(?!\d)")


def year_in(value) -> int | None:
    """The year a header cell names (`2010`, `Budget 2011`, `År 2009`), or None."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if FIRST_YEAR <= value <= LAST_YEAR else None
    if isinstance(value, float) and value.is_integer():
        return year_in(int(value))
    if isinstance(value, str):
        found = YEAR.findall(value)
        if len(found) == 1 and FIRST_YEAR <= int(found[0]) <= LAST_YEAR:
            return int(found[0])
    return None


def label_problem(cell: Cell) -> str | None:
    """A message if a text cell holds control characters (a NUL pasted from another system) or is too long."""
    if CONTROL.search(cell.text):
        return _("%(where)s: texten innehåller osynliga styrtecken; ta bort dem i filen.") % {
            "where": cell.where()
        }
    if len(cell.text) > 200:
        return _("%(where)s: texten är längre än 200 tecken.") % {"where": cell.where()}
    return None


def normalise(text: str) -> str:
    """A name compared without case, extra spaces or trailing colons: `S:A  Kostnader:` -> `s:a kostnader`."""
    return re.sub(r"\s+", " ", text).strip().rstrip(":").strip().casefold()


SUM_LABEL = re.compile(r"^(summa|s:a|s\.a\.?|totalt|total)\b|\bresultat\b", re.IGNORECASE)
RESULT_LABEL = re.compile(r"\bresultat\b", re.IGNORECASE)


def is_sum_label(text: str) -> bool:
    return bool(SUM_LABEL.search(text.strip()))


def is_result_label(text: str) -> bool:
    return bool(RESULT_LABEL.search(text.strip()))


@dataclass
class Matrix:
    """A table of names down the left and one column per key (a year, a date) across."""

    sheet: Sheet
    header_row: int
    keys: dict[int, object]  # column -> key
    headers: dict[int, str]  # column -> header text
    rows: list[tuple[Cell, dict[object, Cell]]]  # (label cell, key -> value cell), below the header
    header_texts: list[Cell]  # every text cell above the rows, for unit hints


def read_matrix(sheets: list[Sheet], key_of) -> Matrix | None:
    """The first sheet with a header row where `key_of(cell.value)` gives keys, and labelled rows below it."""
    for sheet in sheets:
        for index, row in enumerate(sheet.rows):
            keys = {cell.column: key_of(cell.value) for cell in row}
            keys = {column: key for column, key in keys.items() if key is not None}
            if not keys or len(set(keys.values())) != len(keys):
                continue
            first = min(keys)
            rows = []
            for later in sheet.rows[index + 1 :]:
                labels = [c for c in later if c.column < first and isinstance(c.value, str) and c.text]
                values = {keys[c.column]: c for c in later if c.column in keys}
                if labels or values:
                    rows.append((labels[0] if labels else later[0], values))
            if rows:
                header_row = row[0].row
                texts = [c for r in sheet.rows[: index + 1] for c in r if isinstance(c.value, str)]
                headers = {c.column: c.text for c in row if c.column in keys}
                return Matrix(sheet, header_row, keys, headers, rows, texts)
    return None


def date_in(value):
    """A reference date from a header cell: a date, a datetime or ISO text `2009-11-01`; else None."""
    import datetime

    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        found = re.search(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)", value)
        if found:
            try:
                return datetime.date(*map(int, found.groups()))
            except ValueError:
                return None
    return None

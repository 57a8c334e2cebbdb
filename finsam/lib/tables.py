"""Tables as plain data: what a page, the plan PDF and the Excel workbook all show.

Each app builds its tables once (in `<app>/exports.py`) as a `Table`; the page renders it with the partial
`templates/finsam/partials/table.html`, the PDF reuses that partial, and the workbook writer writes the same rows,
with every derived row as a live formula over the rows it is derived from (`Row.terms`).

Amount cells hold whole kronor (int) whatever the column's unit; the unit ("kr" or "tkr") only decides the
presentation, so a total in tkr is always computed from the exact kronor, never from rounded figures.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from finsam.lib import money


class CellKind(StrEnum):
    TEXT = "text"
    AMOUNT = "amount"  # int kronor, shown in the column's unit
    COUNT = "count"  # int
    PERCENT = "percent"  # Decimal, 0–100 (or a text such as "ingen data" where there is no share)
    DATE = "date"  # datetime.date, DateValue (a vague date), or text such as "Försenad, prel. hösten 2006"
    CODE = "code"  # an identifier such as a project number: text, written as a number where all are digits


@dataclass(frozen=True)
class DateValue:
    """A date known to a precision (day, month, half-year or year) and how the pages print it.

    The workbook stores it as a real date (the period's first day) with a number format showing only what is
    known; a half-year, which no number format can show, stays text there.
    """

    day: datetime.date
    precision: str  # finsam.lib.periods.DatePrecision values: "day", "month", "half", "year"
    text: str


class RowKind(StrEnum):
    ITEM = "item"
    HEADING = "heading"  # a group title, no figures
    SUBTOTAL = "subtotal"  # derived: the sum of its terms
    TOTAL = "total"  # derived: the sum of its terms, the table's bottom line


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: CellKind = CellKind.TEXT
    unit: str = ""  # "kr" or "tkr" for amounts


@dataclass
class Row:
    cells: dict  # column key -> value (None for an empty cell)
    kind: RowKind = RowKind.ITEM
    # For derived rows: (index of another row of the same table, +1 or -1). Each amount/count cell of this row
    # equals the signed sum of those rows' cells; the workbook writes it as a formula over exactly these rows.
    terms: tuple[tuple[int, int], ...] = ()
    level: int = 0  # indentation (0 = top level)
    note: str = ""  # what a reader must know about the row's figures, e.g. "exempeldata"
    # Where the row's figures come from ("från insatserna", "inmatat"): for office staff, so pages and a draft's
    # PDF show it; the PDF of an adopted (published) plan leaves it out, as readers are not helped by it.
    source: str = ""
    # The group of lines the row belongs to, where a table has them (a budget line's group: "income", "costs",
    # "fin_income", "fin_costs", "memo"); charts tell costs from income by it, never by a figure's sign.
    group: str = ""
    # Per cell, where its figure comes from when that is worth a mark on the page: column key ->
    # {"symbol": "●", "text": "hämtat från källan"}; pages show them, the printed plan does not.
    marks: dict = field(default_factory=dict)

    @property
    def is_derived(self) -> bool:
        return self.kind in (RowKind.SUBTOTAL, RowKind.TOTAL)


@dataclass
class Table:
    key: str  # stable identifier, e.g. "member_fees"
    caption: str
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # printed under the table
    sheet: str = ""  # the workbook sheet's name (at most 31 characters) when the caption is longer

    def add(self, row: Row) -> int:
        """Append a row and return its index (for later rows' `terms`)."""
        self.rows.append(row)
        return len(self.rows) - 1

    def figure_columns(self) -> list[Column]:
        return [c for c in self.columns if c.kind in (CellKind.AMOUNT, CellKind.COUNT)]

    def inconsistencies(self) -> list[str]:
        """Derived rows whose figures are not the signed sum of their terms (should always be empty)."""
        problems = []
        for index, row in enumerate(self.rows):
            if not row.is_derived:
                continue
            for column in self.figure_columns():
                value = row.cells.get(column.key)
                if value is None:
                    continue
                expected = sum(sign * (self.rows[i].cells.get(column.key) or 0) for i, sign in row.terms)
                if value != expected:
                    problems.append(f"{self.key} row {index} column {column.key}: {value} != {expected}")
        return problems


def table_to_dict(table: Table) -> dict:
    """The table as JSON-ready data (a document of record stores its tables so)."""
    return {
        "key": table.key,
        "caption": table.caption,
        "columns": [
            {"key": c.key, "label": c.label, "kind": c.kind.value, "unit": c.unit} for c in table.columns
        ],
        "rows": [
            {
                "cells": {key: _json_value(value) for key, value in row.cells.items()},
                "kind": row.kind.value,
                "terms": [list(term) for term in row.terms],
                "level": row.level,
                "note": row.note,
                "source": row.source,
                "group": row.group,
                "marks": row.marks,
            }
            for row in table.rows
        ],
        "notes": list(table.notes),
        "sheet": table.sheet,
    }


def _json_value(value):
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    if isinstance(value, DateValue):
        return {"date": value.day.isoformat(), "precision": value.precision, "text": value.text}
    if isinstance(value, datetime.date):
        return {"date": value.isoformat()}
    return value


def _from_json_value(value):
    if not isinstance(value, dict):
        return value
    if "decimal" in value:
        return Decimal(value["decimal"])
    if "date" in value:
        day = datetime.date.fromisoformat(value["date"])
        return DateValue(day, value["precision"], value["text"]) if "precision" in value else day
    return value


def table_from_dict(data: dict) -> Table:
    return Table(
        key=data["key"],
        caption=data["caption"],
        columns=[Column(c["key"], c["label"], CellKind(c["kind"]), c["unit"]) for c in data["columns"]],
        rows=[
            Row(
                cells={key: _from_json_value(value) for key, value in row["cells"].items()},
                kind=RowKind(row["kind"]),
                terms=tuple(tuple(term) for term in row["terms"]),
                level=row["level"],
                note=row["note"],
                source=row.get("source", ""),
                group=row.get("group", ""),
                marks=row.get("marks", {}),
            )
            for row in data["rows"]
        ],
        notes=list(data["notes"]),
        sheet=data.get("sheet", ""),
    )


def format_percent(value: Decimal) -> str:
    """`Decimal("43.48")` -> `43,5 %`."""
    return f"{value:.1f}".replace(".", ",") + "\u00a0%"


def format_cell(value, column: Column) -> str:
    """A cell as text for pages and the PDF (the workbook writes the raw values with number formats).

    Amount and count columns format by their kind; in other columns the value's type decides, so a column that
    holds a share in one row and a count or a text in another (a goal's outcome) prints each as it is.
    """
    if value is None or value == "":
        return ""
    if column.kind == CellKind.AMOUNT:
        if column.unit == "tkr":
            return money.group_thousands(money.kronor_to_thousands(int(value)))
        return money.group_thousands(int(value))
    if column.kind == CellKind.COUNT:
        return money.group_thousands(int(value))
    if isinstance(value, Decimal):
        return format_percent(value)
    if isinstance(value, DateValue):
        return value.text
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return money.group_thousands(value)
    return str(value)

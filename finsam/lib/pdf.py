"""HTML to PDF with WeasyPrint, for every document the product prints, and the print layout of tables.

Every document is written as PDF/A-3b (archival: fonts embedded, sRGB output intent, XMP metadata) and tagged
(`pdf_tags`: headings, paragraphs, tables and figures as structure for screen readers, as PDF/UA asks).
WeasyPrint writes one variant at a time; tags come from `pdf_tags`, which it combines with any PDF/A level.
"""

import dataclasses
import re

from finsam.lib.tables import CellKind, Column, Table, format_cell

PDF_VARIANT = "pdf/a-3b"
PDF_OPTIONS = {"pdf_variant": PDF_VARIANT, "pdf_tags": True}

# A4 less the side margins of print.css (18 mm each), upright and on its side.
PORTRAIT_WIDTH_MM = 210 - 36
LANDSCAPE_WIDTH_MM = 297 - 36
# Table text is 9 pt (print.css): an average character of the typeface is about 1.7 mm there; each cell has
# 1.5 mm padding on each side.
CHAR_MM = 1.7
CELL_PADDING_MM = 3.0
NUMERIC = {CellKind.AMOUNT, CellKind.COUNT, CellKind.PERCENT}


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=".").write_pdf(**PDF_OPTIONS)


def without_empty_columns(table: Table) -> Table:
    """The table without the columns no row fills (2023's projects have no Nr, Område or Inriktning)."""
    kept = [
        column
        for column in table.columns
        if any(row.cells.get(column.key) not in (None, "") for row in table.rows)
    ]
    if not kept or len(kept) == len(table.columns):
        return table
    return dataclasses.replace(table, columns=kept)


def _cell_texts(table: Table, column: Column) -> list[str]:
    return [format_cell(row.cells.get(column.key), column) for row in table.rows]


def unbreakable(table: Table, column: Column) -> bool:
    """Whether the column's cells must stay on one line: figures always, dates when they are plain dates."""
    if column.kind in NUMERIC:
        return True
    if column.kind == CellKind.DATE:
        return all(" " not in text for text in _cell_texts(table, column))
    return False


def min_width_mm(table: Table) -> float:
    """The narrowest the table can be set without breaking a word or a figure: per column its longest word
    (or whole cell, for cells that never wrap), header words included."""
    total = 0.0
    for column in table.columns:
        texts = _cell_texts(table, column)
        header = column.label + (f" ({column.unit})" if column.unit else "")
        if unbreakable(table, column):
            tokens = texts
        else:
            tokens = [word for text in texts for word in text.split()]
        tokens += header.split()
        total += max((len(token) for token in tokens), default=0) * CHAR_MM + CELL_PADDING_MM
    return total


def needs_landscape(table: Table) -> bool:
    """A table that cannot fit an upright A4 page without breaking words goes on a page of its own on its side."""
    return min_width_mm(table) > PORTRAIT_WIDTH_MM


@dataclasses.dataclass
class PrintTable:
    """A table as the printed document sets it."""

    table: Table
    wide: bool  # on a landscape page
    nowrap_columns: list[int]  # 1-based column positions whose cells never wrap


def print_table(table: Table) -> PrintTable:
    table = without_empty_columns(table)
    nowrap = [index for index, column in enumerate(table.columns, start=1) if unbreakable(table, column)]
    return PrintTable(table, needs_landscape(table), nowrap)


# A capitalised word of running text is a name (Eskilstuna, Försäkringskassan, TROSAM) or starts a sentence;
# neither is hyphenated. Words of five letters or fewer are never hyphenated anyway.
_NAME = re.compile(r"(?<![\w&#;-])([A-ZÅÄÖÉ][\w-]{5,})")
_TAG = re.compile(r"(<[^>]+>)")


def protect_names(html: str) -> str:
    """Marks the capitalised words of sanitised HTML so print.css keeps them whole (`hyphens: manual`)."""
    parts = _TAG.split(str(html))
    for index in range(0, len(parts), 2):  # the even parts are text between tags
        parts[index] = _NAME.sub(r'<span class="name">\1</span>', parts[index])
    return "".join(parts)

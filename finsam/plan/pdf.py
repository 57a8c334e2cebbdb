"""The plan as an A4 PDF (WeasyPrint): title page, contents with page numbers, running header and footer.

Sections flow on; a section starts a new page only when the office asks for it ("Ny sida före avsnittet").
A table too wide for an upright page goes on a landscape page of its own. A draft carries an "Utkast" mark
on every page; an adopted version carries its adoption line (date, Dnr, §) on the title page and in the footer.
"""

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from finsam.lib.pdf import print_table, protect_names, render_pdf
from finsam.plan.document import PlanDocument


def print_sections(document: PlanDocument) -> list[dict]:
    """The sections as print sets them: names kept whole in the text, tables without empty columns, and a
    section with a table too wide for an upright page on landscape pages, heading and all."""
    sections = []
    for section in document.sections:
        tables = [print_table(table) for table in section.tables]  # a table without columns: notes only
        sections.append(
            {
                "section": section,
                # protect_names only adds spans to our own sanitised HTML
                "html": None if section.html is None else mark_safe(protect_names(section.html)),  # noqa: S308
                "tables": tables,
                "wide": any(table.wide for table in tables),
            }
        )
    return sections


def plan_html(document: PlanDocument) -> str:
    """The print HTML; the same table partial as the pages renders every table."""
    with translation.override("sv"):
        return render_to_string(
            "finsam/plan/document.html", {"document": document, "sections": print_sections(document)}
        )


def plan_pdf(document: PlanDocument) -> bytes:
    return render_pdf(plan_html(document))

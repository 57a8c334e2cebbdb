"""The plan as an A4 PDF (WeasyPrint): title page, contents with page numbers, running header and footer.

A draft carries an "Utkast" mark on every page; an adopted version carries its adoption line (date, Dnr, §) on
the title page and in the footer.
"""

from django.template.loader import render_to_string
from django.utils import translation

from finsam.lib.pdf import render_pdf
from finsam.plan.document import PlanDocument


def plan_html(document: PlanDocument) -> str:
    """The print HTML; the same table partial as the pages renders every table."""
    with translation.override("sv"):
        return render_to_string("finsam/plan/document.html", {"document": document})


def plan_pdf(document: PlanDocument) -> bytes:
    return render_pdf(plan_html(document))

"""The plan as an A4 PDF (WeasyPrint): title page, contents with page numbers, running header and footer."""

from django.template.loader import render_to_string
from django.utils import translation

from finsam.plan.document import PlanDocument, build_document


def plan_html(document: PlanDocument) -> str:
    """The print HTML; the same table partial as the pages renders every table."""
    with translation.override("sv"):
        return render_to_string("finsam/plan/document.html", {"document": document, "plan": document.plan})


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML

    # pdf_tags: a tagged PDF (structure for screen readers), as WeasyPrint offers it.
    return HTML(string=html, base_url=".").write_pdf(pdf_tags=True)


def plan_pdf(plan) -> bytes:
    return render_pdf(plan_html(build_document(plan)))

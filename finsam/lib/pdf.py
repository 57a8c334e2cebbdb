"""HTML to PDF with WeasyPrint, for every document the product prints."""


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML

    # pdf_tags: a tagged PDF (structure for screen readers), as WeasyPrint offers it.
    return HTML(string=html, base_url=".").write_pdf(pdf_tags=True)

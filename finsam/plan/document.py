"""The plan as one document: its sections in order, narrative as sanitised HTML, blocks as tables, charts.

Built once and handed to the preview page, the PDF writer and the workbook writer. A draft plan builds it live;
an adopted plan version stores it (`to_dict`) beside its archived PDF and workbook, and its page is rendered from
the stored document, so the page, the PDF and the workbook of a version show the same moment.
"""

from dataclasses import dataclass, field

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

from finsam.lib.tables import Table, table_from_dict, table_to_dict
from finsam.plan import blocks
from finsam.plan import charts as plan_charts
from finsam.plan.logo import logo_data_uri

ALLOWED_TAGS = {"p", "h3", "h4", "h5", "ul", "ol", "li", "em", "strong", "br", "blockquote", "a"}


def render_markdown(text: str) -> SafeString:
    """Office staff's Markdown as safe HTML: headings move under the section heading, no scripts or styles."""
    html = markdown.markdown(text or "", extensions=["sane_lists"], output_format="html")
    for level in (3, 2, 1):  # "# Rubrik" inside a section becomes a sub-heading of it
        html = html.replace(f"<h{level}>", f"<h{level + 2}>").replace(f"</h{level}>", f"</h{level + 2}>")
    return mark_safe(nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href"}}))  # noqa: S308 (sanitised)


@dataclass
class DocumentSection:
    number: int
    anchor: str
    heading: str
    html: SafeString | None = None
    tables: list[Table] = field(default_factory=list)
    chart: SafeString | None = None
    page_break: bool = False  # the section starts a new page in print ("Ny sida före avsnittet")


@dataclass
class Adoption:
    """The adoption line a version of record carries on its title page and in its footer."""

    number: int
    adopted_on: str  # ISO date
    reference: str = ""  # Dnr
    paragraph: str = ""  # § of the minutes

    @property
    def line(self) -> str:
        parts = [f"Fastställd {self.adopted_on}"]
        if self.reference:
            parts.append(f"Dnr {self.reference}")
        if self.paragraph:
            parts.append(self.paragraph)
        return ", ".join(parts)


@dataclass
class PlanDocument:
    association_name: str
    year: int
    title: str
    reference: str
    sections: list[DocumentSection]
    revision_note: str = ""
    adoption: Adoption | None = None  # None: a draft
    logo: str = ""  # the association's logo as a data: URI, or ""

    @property
    def is_draft(self) -> bool:
        return self.adoption is None

    def tables(self) -> list[Table]:
        return [table for section in self.sections for table in section.tables]

    def to_dict(self) -> dict:
        return {
            "association_name": self.association_name,
            "year": self.year,
            "title": self.title,
            "reference": self.reference,
            "revision_note": self.revision_note,
            "adoption": None if self.adoption is None else vars(self.adoption),
            "logo": self.logo,
            "sections": [
                {
                    "number": s.number,
                    "anchor": s.anchor,
                    "heading": s.heading,
                    "html": None if s.html is None else str(s.html),
                    "tables": [table_to_dict(t) for t in s.tables],
                    "chart": None if s.chart is None else str(s.chart),
                    "page_break": s.page_break,
                }
                for s in self.sections
            ],
        }

    @classmethod
    def from_dict(cls, data: dict) -> "PlanDocument":
        sections = [
            DocumentSection(
                number=s["number"],
                anchor=s["anchor"],
                heading=s["heading"],
                # stored from our own sanitised output at adoption
                html=None if s["html"] is None else mark_safe(s["html"]),  # noqa: S308
                tables=[table_from_dict(t) for t in s["tables"]],
                chart=None if s["chart"] is None else mark_safe(s["chart"]),  # noqa: S308
                page_break=s.get("page_break", False),  # versions stored before page breaks flowed
            )
            for s in data["sections"]
        ]
        adoption = Adoption(**data["adoption"]) if data["adoption"] else None
        return cls(
            association_name=data["association_name"],
            year=data["year"],
            title=data["title"],
            reference=data["reference"],
            sections=sections,
            revision_note=data["revision_note"],
            adoption=adoption,
            logo=data.get("logo", ""),
        )


def build_document(plan, *, adoption: Adoption | None = None) -> PlanDocument:
    """The plan as it stands now: narrative from its sections, tables from the registered blocks."""
    sections = []
    for number, section in enumerate(plan.sections.all(), start=1):
        item = DocumentSection(
            number, f"avsnitt-{number}", section.heading, page_break=section.page_break_before
        )
        if section.kind == "text":
            item.html = render_markdown(section.body)
        else:
            # a generated section may open with a few words of its own before its tables
            item.html = render_markdown(section.body) if section.body.strip() else None
            block = blocks.get(section.block)
            item.tables = block.build(plan, section) if block else []
            item.chart = plan_charts.charts_for(item.tables, plan.year) or (
                blocks.chart_for(block, item.tables) if block else None
            )
        sections.append(item)
    return PlanDocument(
        association_name=plan.association.name,
        year=plan.year,
        title=plan.title,
        reference=plan.reference,
        sections=sections,
        revision_note=plan.revision_note,
        adoption=adoption,
        logo=logo_data_uri(plan.logo),
    )

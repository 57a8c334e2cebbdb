"""The plan as one document: its sections in order, narrative as sanitised HTML, blocks as tables, a chart.

Built once and handed to the preview page, the PDF writer and the workbook writer.
"""

from dataclasses import dataclass, field

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

from finsam.lib.tables import CellKind, Table
from finsam.plan.blocks import BLOCKS
from finsam.plan.charts import bar_chart

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


@dataclass
class PlanDocument:
    plan: object
    sections: list[DocumentSection]

    def tables(self) -> list[Table]:
        return [table for section in self.sections for table in section.tables]


def build_document(plan) -> PlanDocument:
    sections = []
    for number, section in enumerate(plan.sections.all(), start=1):
        item = DocumentSection(number, f"avsnitt-{number}", section.heading)
        if section.kind == "text":
            item.html = render_markdown(section.body)
        else:
            block = BLOCKS.get(section.block)
            item.tables = block.build(plan, section) if block else []
            item.chart = _chart_for(section.block, item.tables)
        sections.append(item)
    return PlanDocument(plan, sections)


def _chart_for(block_key: str, tables: list[Table]) -> SafeString | None:
    """A picture where it says more than the table: each project's share of the year's money."""
    if block_key != "projects" or not tables:
        return None
    table = tables[0]
    amount_key = next((c.key for c in reversed(table.columns) if c.kind == CellKind.AMOUNT), None)
    items = [
        (row.cells["name"], row.cells[amount_key])
        for row in table.rows
        if not row.is_derived and row.cells.get(amount_key)
    ]
    if not items:
        return None
    return bar_chart(title=table.caption, items=items)

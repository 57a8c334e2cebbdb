"""The plan's tables as an Excel workbook: the document's tables, then the follow-up an auditor checks."""

from django.utils.translation import gettext as _

from finsam.lib.tables import Column, Row, Table
from finsam.lib.workbook import workbook_bytes
from finsam.plan.document import PlanDocument


def plan_workbook(document: PlanDocument, extras: list[Table] = ()) -> bytes:
    """The plan's own tables, then `extras` (registered by the apps) that are not already among them, then what
    the blocks said instead of a table ("Inget utfall registrerat för 2010."), so the workbook is silent about
    nothing the PDF says, and never without a sheet."""
    tables = document.tables()
    keys = {table.key for table in tables}
    tables += [extra for extra in extras if extra.key not in keys]
    notes = _notes_table(document)
    if notes.rows or not any(table.columns for table in tables):
        tables.append(notes)
    return workbook_bytes(tables, title=document.title, author=document.association_name)


def _notes_table(document: PlanDocument) -> Table:
    table = Table(
        key="notes",
        caption=_("Anmärkningar"),
        columns=[Column("section", _("Avsnitt")), Column("note", _("Anmärkning"))],
    )
    for section in document.sections:
        for shown in section.tables:
            if not shown.columns:
                for note in shown.notes:
                    table.add(Row({"section": f"{section.number}. {section.heading}", "note": note}))
    return table

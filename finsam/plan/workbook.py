"""The plan's tables as an Excel workbook: the document's tables, then the follow-up an auditor checks."""

from finsam.lib.tables import Table
from finsam.lib.workbook import workbook_bytes
from finsam.plan.document import PlanDocument


def plan_workbook(document: PlanDocument, extras: list[Table] = ()) -> bytes:
    """The plan's own tables, then `extras` (registered by the apps) that are not already among them."""
    tables = document.tables()
    keys = {table.key for table in tables}
    tables += [extra for extra in extras if extra.key not in keys]
    return workbook_bytes(tables, title=document.title, author=document.association_name)

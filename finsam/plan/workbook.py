"""The plan's tables as an Excel workbook: the document's tables, then the follow-up an auditor checks."""

from finsam.lib.workbook import workbook_bytes


def plan_workbook(plan) -> bytes:
    """The plan's own tables, then the follow-up figures an auditor checks (indicators, Uppföljning Finsam)."""
    from finsam.plan.document import build_document
    from followup.exports import indicator_table, national_projects_table

    tables = build_document(plan).tables()
    keys = {table.key for table in tables}
    for extra in (
        indicator_table(plan.association, plan.year),
        national_projects_table(plan.association, plan.year),
    ):
        if extra.key not in keys:
            tables.append(extra)
    return workbook_bytes(tables, title=plan.title, author=plan.association.name)

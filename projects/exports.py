"""Rows of the projects' tables, built once for the pages, the plan PDF and the workbook."""

from django.db.models import Exists, OuterRef, Prefetch, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from finsam.lib.examples import example_note, marked_example
from finsam.lib.periods import format_vague_date
from finsam.lib.tables import CellKind, Column, DateValue, Row, RowKind, Table
from members.models import MemberOrganisation
from projects.models import (
    SIGNED_AMOUNT,
    Decision,
    Project,
    ProjectStatus,
    ProjectYearAmount,
    Requisition,
    project_label,
)


def projects_with_money(association, year: int, *, include_cancelled: bool = False):
    """The association's projects for `year` with `granted` (all granted decisions) and `year_amount` annotated.

    Cancelled projects are left out unless asked for, as in the budget's project line.
    """
    # order_by(): the models' default ordering would join the project and its association into each subquery
    granted = Decision.objects.filter(project=OuterRef("pk")).order_by().values("project")
    in_year = ProjectYearAmount.objects.filter(project=OuterRef("pk"), year=year).order_by().values("project")
    projects = Project.objects.filter(association=association)
    if not include_cancelled:
        projects = projects.exclude(status=ProjectStatus.CANCELLED)
    return (
        projects.running_in(year)
        .select_related("owner")
        .prefetch_related(
            Prefetch("area_municipalities", queryset=MemberOrganisation.objects.order_by("name"))
        )
        .annotate(
            granted=Coalesce(Subquery(granted.annotate(s=Sum(SIGNED_AMOUNT)).values("s")), Value(0)),
            year_amount=Coalesce(Subquery(in_year.annotate(s=Sum("amount")).values("s")), Value(0)),
        )
        .order_by("start", "name")
    )


def area_label(project) -> str:
    if project.whole_county:
        return _("Hela länet")
    return ", ".join(m.name for m in project.area_municipalities.all())


def date_cell(day, precision: str, shown: str):
    """A project date as a table cell: a date at its precision, or the text where a status says more."""
    if day is None:
        return ""
    if shown != format_vague_date(day, precision):
        return shown  # "Försenad, prel. hösten 2006"
    return DateValue(day, precision, shown)


def project_table(association, year: int, unit: str = "tkr", *, projects=None) -> Table:
    """Number, name, owner, area, focus, start, end, granted total and the year's amount, with a total row.

    Each project row also carries `amounts`, its amount per calendar year ({"2010": kronor, …}): not a column,
    but what the timeline chart draws under each year of the project's period, read as plain values. `projects`
    (from `projects_with_money`) may be given when a page has already fetched them.
    """
    columns = [
        Column("number", _("Nr"), CellKind.CODE),
        Column("name", _("Insats")),
        Column("owner", _("Insatsägare")),
        Column("area", _("Område")),
        Column("focus", _("Inriktning")),
        Column("start", _("Start"), CellKind.DATE),
        Column("end", _("Slut"), CellKind.DATE),
        Column("total", _("Beviljat totalt"), CellKind.AMOUNT, unit),
        Column("year_amount", _("Belopp %(year)s") % {"year": year}, CellKind.AMOUNT, unit),
    ]
    table = Table(key="projects", caption=_("Insatser %(year)s") % {"year": year}, columns=columns)
    rows = []
    if projects is None:
        projects = list(projects_with_money(association, year))
    amounts = _amounts_by_year([project.pk for project in projects])
    for project in projects:
        rows.append(
            table.add(
                Row(
                    {
                        "number": project.number,
                        "name": project.name,
                        "owner": project.owner.name if project.owner else "",
                        "area": area_label(project),
                        "focus": project.focus,
                        "start": date_cell(project.start, project.start_precision, project.start_display),
                        "end": date_cell(project.end, project.end_precision, project.end_display),
                        "total": project.granted,
                        "year_amount": project.year_amount,
                        "amounts": amounts[project.pk],
                    }
                )
            )
        )
    table.add(
        Row(
            {
                "number": "",
                "name": _("Summa"),
                "total": sum(table.rows[i].cells["total"] for i in rows),
                "year_amount": sum(table.rows[i].cells["year_amount"] for i in rows),
            },
            RowKind.TOTAL,
            terms=tuple((i, 1) for i in rows),
        )
    )
    return table


def _amounts_by_year(project_ids: list[int]) -> dict[int, dict[str, int]]:
    """Each project's amount per calendar year ({"2010": kronor, …}), read as plain values in one query: a
    prefetch built a model per amount, most of the plan's project table's time."""
    amounts: dict[int, dict[str, int]] = {pk: {} for pk in project_ids}
    rows = ProjectYearAmount.objects.filter(project_id__in=project_ids).order_by("project_id", "year")
    for project_id, year, amount in rows.values_list("project_id", "year", "amount"):
        amounts[project_id][str(year)] = amount
    return amounts


def requisition_table(association, year: int, *, requested: bool = True) -> Table:
    """Requested against granted, per project and in total for `year` (kr); granted only without `requested`
    (the year's report before any requisition is registered: no column of zeros that would read as results)."""
    in_year = (
        Requisition.objects.filter(project=OuterRef("pk"), period_start__year=year)
        .order_by()
        .values("project")
        .annotate(s=Sum("amount"))
        .values("s")
    )
    # plain values: the table needs the name and three figures, not the projects with owner and area
    projects = list(
        projects_with_money(association, year)
        .select_related(None)
        .prefetch_related(None)
        .annotate(
            requested=Coalesce(Subquery(in_year), Value(0)),
            requested_example=Exists(
                Requisition.objects.filter(project=OuterRef("pk"), period_start__year=year, is_example=True)
            ),
        )
        .values("number", "name", "year_amount", "requested", "requested_example", "start")
    )
    columns = [
        Column("name", _("Insats")),
        Column("granted", _("Beviljat %(year)s") % {"year": year}, CellKind.AMOUNT, "kr"),
        Column("requested", _("Rekvirerat %(year)s") % {"year": year}, CellKind.AMOUNT, "kr"),
        Column("difference", _("Skillnad"), CellKind.AMOUNT, "kr"),
    ][: None if requested else 2]
    table = Table(
        key="requisitions", caption=_("Rekvirerade medel %(year)s") % {"year": year}, columns=columns
    )
    rows = []
    for project in projects:
        label = project_label(project["number"], project["name"])
        amount, received = project["year_amount"], project["requested"]
        cells = {
            "name": marked_example(label) if requested and project["requested_example"] else label,
            "granted": amount,
            "requested": received,
            "difference": received - amount,
        }
        rows.append(table.add(Row({column.key: cells[column.key] for column in columns})))
    totals = {column.key: sum(table.rows[i].cells[column.key] for i in rows) for column in columns[1:]}
    table.add(Row({"name": _("Summa"), **totals}, RowKind.TOTAL, terms=tuple((i, 1) for i in rows)))
    if requested and any(project["requested_example"] for project in projects):
        table.notes.append(example_note())
    return table

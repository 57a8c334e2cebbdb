"""The projects' panel on the year dashboard: money granted for the year and requisitions not yet received."""

from django.utils.translation import gettext as _

from finsam.dashboard import (
    KeyFigure,
    Panel,
    YearPage,
    register_panel,
    register_year_page,
    register_years,
    year_query,
    years_in,
)
from finsam.lib.tables import RowKind
from projects.exports import requisition_table
from projects.models import ProjectYearAmount


def _year_queries(association) -> list:
    return [year_query(ProjectYearAmount.objects.filter(project__association=association))]


def years_with_amounts(association) -> set[int]:
    """Calendar years in which the association's projects have money (the dashboard and the lists offer them)."""
    return years_in(_year_queries(association))


def _panel(access, year, today):
    table = requisition_table(access.association, year)
    items = [row.cells for row in table.rows if row.kind == RowKind.ITEM]
    # the table's total row: the year's amounts of every project not cancelled, which is `year_total` (the
    # budget's project line) without asking the database again (tests/projects/test_dashboard_figures.py)
    granted = next(row.cells["granted"] for row in table.rows if row.kind == RowKind.TOTAL)
    return {
        "year": year,
        "project_count": len(items),
        "not_requisitioned": [
            cells["name"] for cells in items if cells["granted"] > 0 and cells["requested"] == 0
        ],
        "figures": [
            KeyFigure("granted", _("Beviljat till insatser %(year)s") % {"year": year}, granted, order=20)
        ],
    }


def register() -> None:
    register_years(_year_queries)
    register_year_page(YearPage("insatser", "projects:list", year_in_query=True, years=years_with_amounts))
    register_year_page(
        YearPage("rekvisitioner", "projects:requisitions", year_in_query=True, years=years_with_amounts)
    )
    register_panel(Panel("projects", "projects/partials/dashboard.html", _panel, order=30))

"""The members' panel on the year dashboard: the year's fee decision and where to read the fees and board."""

import datetime

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
from members.exports import board_years
from members.models import BoardSeat, FeeYear


def _year_queries(association) -> list:
    return [year_query(FeeYear.objects.filter(association=association))]


def _years(association) -> set[int]:
    return years_in(_year_queries(association))


def _board_years(association) -> set[int]:
    """The years in which a board seat served (the board page opens on the latest)."""
    return set(board_years(BoardSeat.objects.filter(member__association=association), datetime.date.today()))


def _panel(access, year, today):
    fee_year = FeeYear.objects.filter(association=access.association, year=year).first()
    return {
        "year": year,
        "fee_year": fee_year,
        "figures": [
            KeyFigure(
                "member_fees",
                _("Medlemsavgifter %(year)s") % {"year": year},
                fee_year.total if fee_year else None,
                order=10,
            )
        ],
    }


def register() -> None:
    register_years(_year_queries)
    register_year_page(YearPage("medlemsavgifter", "members:fees", year_in_query=True, years=_years))
    register_year_page(YearPage("styrelse", "members:board", year_in_query=True, years=_board_years))
    register_panel(Panel("members", "members/partials/dashboard.html", _panel, order=40))

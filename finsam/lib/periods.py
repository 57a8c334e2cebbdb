"""Dates that are only known roughly, and plan years.

A vague date ("våren 2005", "prel start hösten 2006") is stored as an honest date plus its precision: the first
day of the period it names. It is shown at that precision, never as a fake exact day.
"""

import datetime

from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _

# The FINSAM law took effect in 2004; plan years outside this window are typing errors.
FIRST_PLAN_YEAR = 2004
PLAN_YEARS_AHEAD = 10


class DatePrecision(models.TextChoices):
    DAY = "day", _("Dag")
    MONTH = "month", _("Månad")
    HALF_YEAR = "half", _("Halvår (våren/hösten)")
    YEAR = "year", _("År")


def normalise_vague_date(value: datetime.date, precision: str) -> datetime.date:
    """The first day of the period that `value` lies in, at `precision`."""
    if precision == DatePrecision.MONTH:
        return value.replace(day=1)
    if precision == DatePrecision.HALF_YEAR:
        return datetime.date(value.year, 1 if value.month <= 6 else 7, 1)
    if precision == DatePrecision.YEAR:
        return datetime.date(value.year, 1, 1)
    return value


def format_vague_date(value: datetime.date | None, precision: str) -> str:
    """`2005-03-14` at day precision, `mars 2005`, `våren 2005` / `hösten 2006`, or `2005`."""
    if value is None:
        return ""
    if precision == DatePrecision.MONTH:
        return formats.date_format(value, "F Y").lower()
    if precision == DatePrecision.HALF_YEAR:
        if value.month <= 6:
            return str(_("våren %(year)s") % {"year": value.year})
        return str(_("hösten %(year)s") % {"year": value.year})
    if precision == DatePrecision.YEAR:
        return str(value.year)
    return value.isoformat()


def is_valid_plan_year(year: int, today: datetime.date | None = None) -> bool:
    today = today or datetime.date.today()
    return FIRST_PLAN_YEAR <= year <= today.year + PLAN_YEARS_AHEAD

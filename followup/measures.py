"""Försörjningsmåttet: benefits paid in kronor per inhabitant of working age and day (DOMAIN.md).

Per municipality and half-year: the benefits paid to its inhabitants divided by its working-age population
(16–64 by default, 16–65 where newer statistics are used) and by the days of the half-year; for the whole area,
the sums of both. The population is the latest figure on or before the half-year's first day.
"""

import calendar
import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


def half_year_days(year: int, half: int) -> int:
    if half == 1:
        return 181 + (1 if calendar.isleap(year) else 0)
    return 184


def half_year_start(year: int, half: int) -> datetime.date:
    return datetime.date(year, 1 if half == 1 else 7, 1)


def per_inhabitant_and_day(benefits: int, inhabitants: int, days: int) -> Decimal | None:
    """Kronor per inhabitant and day, two decimals; None when there is nobody to divide by."""
    if inhabitants <= 0 or days <= 0:
        return None
    return (Decimal(benefits) / inhabitants / days).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class MeasureRow:
    label: str
    half: int
    benefits: int | None
    inhabitants: int | None
    value: Decimal | None


def measure_rows(municipalities, benefit_sums, populations, year: int, age_band: str) -> list[MeasureRow]:
    """Rows per municipality and half-year, then the whole area per half-year (plain values in, plain rows out)."""
    benefits = {(b.member_id, b.half): b.amount for b in benefit_sums if b.year == year}
    rows, area = [], {1: [0, 0, True], 2: [0, 0, True]}
    for half in (1, 2):
        start = half_year_start(year, half)
        days = half_year_days(year, half)
        for member in municipalities:
            candidates = [
                p
                for p in populations
                if p.member_id == member.pk and p.age_band == age_band and p.reference_date <= start
            ]
            inhabitants = max(candidates, key=lambda p: p.reference_date).inhabitants if candidates else None
            paid = benefits.get((member.pk, half))
            value = (
                per_inhabitant_and_day(paid, inhabitants, days) if paid is not None and inhabitants else None
            )
            rows.append(MeasureRow(member.name, half, paid, inhabitants, value))
            if paid is None or inhabitants is None:
                area[half][2] = False
            else:
                area[half][0] += paid
                area[half][1] += inhabitants
        paid, inhabitants, complete = area[half]
        value = per_inhabitant_and_day(paid, inhabitants, days) if complete and municipalities else None
        rows.append(
            MeasureRow("", half, paid if complete else None, inhabitants if complete else None, value)
        )
    return rows

"""Numbers from the address (`?ar=2023`, `?sida=2`), read one way everywhere: what is not a number is ignored.

`str.isdigit` is not enough: "²" is a digit to Python but not to `int`, and "1" followed by twenty zeros is a
number no database column holds. Only plain ASCII digits, at most nine of them, are read.
"""

import datetime

MAX_DIGITS = 9


def whole_number(value) -> int | None:
    """`value` as a whole number if it is plain ASCII digits (at most nine), else None."""
    if not isinstance(value, str) or not value.isascii() or not value.isdigit() or len(value) > MAX_DIGITS:
        return None
    return int(value)


def page_number(value) -> int:
    """A page asked for (`?sida=`): at least 1; a number too long to read is a page past the end (the last)."""
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) > MAX_DIGITS:
        return 10**MAX_DIGITS
    return max(whole_number(value) or 1, 1)


def chosen_year(value, years, today: datetime.date | None = None) -> int:
    """The year asked for (`?ar=`) if it is a plausible year, else the latest of `years` (a list's years with
    data), else this year."""
    asked = whole_number(value)
    if asked is not None and 1990 <= asked <= 2100:
        return asked
    return max(years) if years else (today or datetime.date.today()).year


def chosen_years(values, available) -> list[int]:
    """The years asked for (`?ar=2008&ar=2009`) that are among `available`, sorted; unknown ones are ignored."""
    return sorted({year for year in map(whole_number, values) if year is not None and year in available})

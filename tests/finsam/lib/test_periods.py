import datetime

from django.utils import translation

from finsam.lib.periods import DatePrecision, format_vague_date, is_valid_plan_year, normalise_vague_date


def test_a_vague_date_is_stored_as_the_first_day_of_its_period():
    day = datetime.date(2006, 9, 14)
    assert normalise_vague_date(day, DatePrecision.DAY) == day
    assert normalise_vague_date(day, DatePrecision.MONTH) == datetime.date(2006, 9, 1)
    assert normalise_vague_date(day, DatePrecision.HALF_YEAR) == datetime.date(2006, 7, 1)
    assert normalise_vague_date(day, DatePrecision.YEAR) == datetime.date(2006, 1, 1)


def test_a_vague_date_is_shown_at_its_precision():
    with translation.override("sv"):
        assert format_vague_date(datetime.date(2006, 7, 1), DatePrecision.HALF_YEAR) == "hösten 2006"
        assert format_vague_date(datetime.date(2005, 1, 1), DatePrecision.HALF_YEAR) == "våren 2005"
        assert format_vague_date(datetime.date(2005, 3, 1), DatePrecision.MONTH) == "mars 2005"
        assert format_vague_date(datetime.date(2005, 1, 1), DatePrecision.YEAR) == "2005"
        assert format_vague_date(datetime.date(2010, 1, 13), DatePrecision.DAY) == "2010-01-13"
        assert format_vague_date(None, DatePrecision.DAY) == ""


def test_plan_years_run_from_the_law_to_ten_years_ahead():
    today = datetime.date(2026, 11, 22)
    assert not is_valid_plan_year(2003, today)
    assert is_valid_plan_year(2004, today)
    assert is_valid_plan_year(2036, today)
    assert not is_valid_plan_year(2037, today)

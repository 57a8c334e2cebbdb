"""Bounds where the data is defined: kronor, counts, years, dates and text, refused with a Swedish message.

Every amount and count has a range no association reaches, checked by the model (so the admin and the shell
get it too), by the form fields the model gives (so a page shows the message beside the field), and for the
main money tables by the database. Nothing out of range ever reaches the database driver, so an extra digit
is a message, never a server error (SQLite and PostgreSQL both overflow at 2^63; PostgreSQL's `integer` at 2^31).
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from finsam.lib.money import group_thousands

MAX_KRONOR = 10**12  # a thousand billion kronor: far above any association's money, far below 2^63
MAX_COUNT = 10_000_000  # participants, activities, staff reached
MAX_POPULATION = 100_000_000  # inhabitants of a municipality
FIRST_YEAR, LAST_YEAR = 1990, 2100  # finansiell samordning began with the 1990s trials (Frisam)
# Control characters other than tab and line breaks: never typed, often pasted from other systems.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LINE_BREAKS = re.compile(r"[\r\n]")


def _other_than_bounds(validators) -> list:
    """A field's validators without the database backend's integer range (2^31 on PostgreSQL's integer, 2^63
    for a bigint): the field's own, narrower bounds replace it, so a value is refused with one message."""
    return [v for v in validators if not isinstance(v, MinValueValidator | MaxValueValidator)]


def kronor_messages(negative: bool) -> dict:
    return {
        "invalid": _("Ange ett helt antal kronor, utan decimaler."),
        "max_value": _("Ange högst 1 000 000 000 000 kr."),
        "min_value": _("Ange minst −1 000 000 000 000 kr.")
        if negative
        else _("Ett belopp kan inte vara negativt."),
    }


COUNT_MESSAGES = {
    "invalid": _("Ange ett heltal."),
    "max_value": _("Ange högst 10 000 000."),
    "min_value": _("Ett antal kan inte vara negativt."),
}


def kronor_form_field(*, negative: bool = False, below_zero: str = "", **kwargs) -> forms.IntegerField:
    """A form field for whole kronor within the bounds, with the messages a person understands."""
    messages = kronor_messages(negative)
    if below_zero:
        messages["min_value"] = below_zero
    return forms.IntegerField(
        min_value=-MAX_KRONOR if negative else 0, max_value=MAX_KRONOR, error_messages=messages, **kwargs
    )


def count_form_field(*, limit: int = MAX_COUNT, **kwargs) -> forms.IntegerField:
    messages = dict(COUNT_MESSAGES)
    if limit != MAX_COUNT:
        messages["max_value"] = _("Ange högst %(limit)s.") % {
            "limit": group_thousands(limit).replace("\u00a0", " ")
        }
    return forms.IntegerField(min_value=0, max_value=limit, error_messages=messages, **kwargs)


class KronorField(models.BigIntegerField):
    """Whole kronor within ±MAX_KRONOR (or 0…MAX_KRONOR unless `negative`)."""

    def __init__(self, *args, negative: bool = False, **kwargs):
        self.negative = negative
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.negative:
            kwargs["negative"] = True
        return name, path, args, kwargs

    @property
    def validators(self):
        messages = kronor_messages(self.negative)
        return [
            *_other_than_bounds(super().validators),
            MinValueValidator(-MAX_KRONOR if self.negative else 0, message=messages["min_value"]),
            MaxValueValidator(MAX_KRONOR, message=messages["max_value"]),
        ]

    def formfield(self, **kwargs):
        return super().formfield(
            **{
                "min_value": -MAX_KRONOR if self.negative else 0,
                "max_value": MAX_KRONOR,
                "error_messages": kronor_messages(self.negative),
                **kwargs,
            }
        )


class CountField(models.PositiveIntegerField):
    """A count of people or activities, 0…`limit`."""

    def __init__(self, *args, limit: int = MAX_COUNT, **kwargs):
        self.limit = limit
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.limit != MAX_COUNT:
            kwargs["limit"] = self.limit
        return name, path, args, kwargs

    @property
    def validators(self):
        field = count_form_field(limit=self.limit)
        return [
            *_other_than_bounds(super().validators),
            MinValueValidator(0, message=COUNT_MESSAGES["min_value"]),
            MaxValueValidator(self.limit, message=field.error_messages["max_value"]),
        ]

    def formfield(self, **kwargs):
        field = count_form_field(limit=self.limit)
        return super().formfield(
            **{"min_value": 0, "max_value": self.limit, "error_messages": field.error_messages, **kwargs}
        )


class PositionField(models.PositiveIntegerField):
    """A place in an order (10, 20, …), up to a million."""

    @property
    def validators(self):
        return [
            *_other_than_bounds(super().validators),
            MinValueValidator(0, message=_("Ange 0 eller mer.")),
            MaxValueValidator(1_000_000, message=_("Ange en ordning upp till 1 000 000.")),
        ]

    def formfield(self, **kwargs):
        messages = {
            "max_value": _("Ange en ordning upp till 1 000 000."),
            "min_value": _("Ange 0 eller mer."),
        }
        return super().formfield(**{"max_value": 1_000_000, "error_messages": messages, **kwargs})


YEAR_MESSAGE = _("Ange ett år mellan 1990 och 2100.")


class YearField(models.PositiveSmallIntegerField):
    """A calendar or plan year, 1990–2100."""

    @property
    def validators(self):
        return [
            *_other_than_bounds(super().validators),
            MinValueValidator(FIRST_YEAR, message=YEAR_MESSAGE),
            MaxValueValidator(LAST_YEAR, message=YEAR_MESSAGE),
        ]

    def formfield(self, **kwargs):
        messages = {"min_value": YEAR_MESSAGE, "max_value": YEAR_MESSAGE, "invalid": YEAR_MESSAGE}
        return super().formfield(
            **{"min_value": FIRST_YEAR, "max_value": LAST_YEAR, "error_messages": messages, **kwargs}
        )


def plausible_date(value) -> None:
    if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(
            _("Datumet %(date)s ligger utanför 1990–2100; kontrollera året."),
            params={"date": value.isoformat()},
            code="implausible_date",
        )


class PlausibleDateField(models.DateField):
    """A date in the life of an association: 1990–2100."""

    default_validators = [plausible_date]


def check_text(value: str, *, multiline: bool) -> None:
    """Refuse control characters (and line breaks in a one-line field) with a message."""
    if not isinstance(value, str):
        return
    if CONTROL.search(value) or (not multiline and LINE_BREAKS.search(value)):
        raise ValidationError(
            _(
                "Texten innehåller osynliga styrtecken (t.ex. från en kopierad text). Ta bort dem och spara igen."
            ),
            code="control_characters",
        )


def within(field: str, *, low: int = 0, high: int = MAX_KRONOR, label: str = "") -> models.CheckConstraint:
    """The database's own check of a bound, named and worded for a person should it ever be reached."""
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": low, f"{field}__lte": high}),
        name=f"%(app_label)s_%(class)s_{field}_within_bounds",
        violation_error_code=field,
        violation_error_message=format_lazy(
            _("{label}: värdet ligger utanför det tillåtna intervallet."), label=label or field
        ),
    )


def counts_within(fields, *, high: int = MAX_COUNT) -> models.CheckConstraint:
    """One database check that each count of a row lies within 0…`high`: a row of many counts (a period report
    has thirty) gets one check rather than thirty. The form fields say which count is out of range first."""
    condition = Q()
    for field in fields:
        condition &= Q(**{f"{field}__gte": 0, f"{field}__lte": high})
    return models.CheckConstraint(
        condition=condition,
        name="%(app_label)s_%(class)s_counts_within_bounds",
        violation_error_message=_("Ett antal ligger utanför det tillåtna intervallet, 0–10 000 000."),
    )

"""The association's rules for projects, checked and shown as warnings (never silently)."""

import calendar
import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _

from finsam.lib.money import format_kr
from projects.models import ProjectRules, ProjectStatus, ProjectYearAmount


def rules_for(association) -> ProjectRules:
    """The association's rules, or the defaults (max 36 months, no share rule) if none are saved."""
    return ProjectRules.objects.filter(association=association).first() or ProjectRules(
        association=association
    )


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def length_warning(project, rules: ProjectRules) -> str | None:
    """A project running longer than the association's maximum (e.g. 36 months)."""
    if not rules.max_length_months or project.end is None:
        return None
    latest_end = add_months(project.start, rules.max_length_months) - datetime.timedelta(days=1)
    if project.end <= latest_end:
        return None
    return _(
        "Insatsen är längre än förbundets längsta insatstid på %(months)s månader: den slutar %(end)s, "
        "men borde sluta senast %(latest)s."
    ) % {"months": rules.max_length_months, "end": project.end.isoformat(), "latest": latest_end.isoformat()}


@dataclass(frozen=True)
class LongTermShare:
    year: int
    long_term: int  # kronor in long-term, county-wide projects
    total: int  # kronor in all projects that year
    minimum: Decimal | None

    @property
    def share(self) -> Decimal | None:
        if self.total == 0:
            return None
        return (Decimal(self.long_term) * 100 / Decimal(self.total)).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )

    @property
    def warning(self) -> str | None:
        if self.minimum is None or self.share is None or self.share >= self.minimum:
            return None
        return _(
            "%(year)s går %(share)s %% av insatsmedlen (%(long_term)s av %(total)s) till långsiktiga, "
            "länsövergripande insatser; förbundets regel är minst %(minimum)s %%."
        ) % {
            "year": self.year,
            "share": str(self.share).replace(".", ","),
            "long_term": format_kr(self.long_term),
            "total": format_kr(self.total),
            "minimum": str(self.minimum.normalize()).replace(".", ","),
        }


def long_term_share(association, year: int, rules: ProjectRules) -> LongTermShare:
    """The share of the year's project money in long-term, county-wide projects (RAR's 75/25 rule). One query."""
    amounts = (
        ProjectYearAmount.objects.filter(project__association=association, year=year)
        .exclude(project__status=ProjectStatus.CANCELLED)
        .values("project__long_term_county_wide")
        .annotate(total=Sum("amount"))
    )
    by_flag = {row["project__long_term_county_wide"]: row["total"] for row in amounts}
    applies = rules.share_rule_from_year is None or year >= rules.share_rule_from_year
    return LongTermShare(
        year=year,
        long_term=by_flag.get(True, 0),
        total=sum(by_flag.values()),
        minimum=rules.min_long_term_share if applies else None,
    )


def requisition_warning(requested: int, granted: int) -> str | None:
    if requested <= granted:
        return None
    return _("Rekvirerat %(requested)s är %(over)s mer än beviljat %(granted)s.") % {
        "requested": format_kr(requested),
        "over": format_kr(requested - granted),
        "granted": format_kr(granted),
    }

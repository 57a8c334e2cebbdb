"""The follow-up indicators, computed from counts (never typed), each split by gender.

- share of ended participants who went to work or studies (RAR 2023 Mål 1: 35 %);
- share of ended participants with a next activity: work, studies, job seeking, another activity or
  rehabilitation (RAR 2023 Mål 1: at least 90 % in pre-rehabilitation projects);
- participants; the association's own activities and their participants (Mål 2: 12 activities, 600 participants).

A share with nobody ended is "no data" (None): not 0 % and not an error.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from followup.models import GENDERS, NEXT_ACTIVITY, OUTCOMES, WORK_OR_STUDIES, Comparison, Indicator

PREFIXES = ("started", "participated", "ended")


def _zero() -> dict[str, int]:
    return {gender: 0 for gender in GENDERS}


@dataclass
class Figures:
    """Counts summed over any set of period reports, by gender."""

    started: dict[str, int] = field(default_factory=_zero)
    participated: dict[str, int] = field(default_factory=_zero)
    ended: dict[str, int] = field(default_factory=_zero)
    outcomes: dict[str, dict[str, int]] = field(default_factory=lambda: {o: _zero() for o in OUTCOMES})

    def add(self, report) -> None:
        for gender in GENDERS:
            for prefix in PREFIXES:
                getattr(self, prefix)[gender] += getattr(report, f"{prefix}_{gender}")
            for outcome in OUTCOMES:
                self.outcomes[outcome][gender] += getattr(report, f"{outcome}_{gender}")

    @classmethod
    def of(cls, reports: Iterable) -> "Figures":
        figures = cls()
        for report in reports:
            figures.add(report)
        return figures

    def total(self, prefix: str) -> int:
        return sum(getattr(self, prefix).values())

    def share(self, outcomes: tuple[str, ...], gender: str | None = None) -> Decimal | None:
        """Percent (one decimal) of the ended who went to one of `outcomes`; None when nobody ended."""
        genders = [gender] if gender else list(GENDERS)
        ended = sum(self.ended[g] for g in genders)
        if ended == 0:
            return None
        reached = sum(self.outcomes[o][g] for o in outcomes for g in genders)
        return (Decimal(reached) * 100 / ended).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    def exact_share(self, outcomes: tuple[str, ...]) -> Fraction | None:
        """The same share as an exact fraction (percent), for judging a target: 85/243 is 34.979…, not 35.0."""
        ended = self.total("ended")
        if ended == 0:
            return None
        return Fraction(sum(self.outcomes[o][g] for o in outcomes for g in GENDERS) * 100, ended)

    def work_or_studies_share(self, gender: str | None = None) -> Decimal | None:
        return self.share(WORK_OR_STUDIES, gender)

    def next_activity_share(self, gender: str | None = None) -> Decimal | None:
        return self.share(NEXT_ACTIVITY, gender)


@dataclass(frozen=True)
class ActivityFigures:
    activities: int
    participants: dict[str, int]

    @property
    def participants_total(self) -> int:
        return sum(self.participants.values())


def activity_figures(activities: Iterable) -> ActivityFigures:
    """Count activities and sum their participants (prefetched `participants`) by gender."""
    count, participants = 0, _zero()
    for activity in activities:
        count += 1
        for row in activity.participants.all():
            for gender in GENDERS:
                participants[gender] += getattr(row, f"count_{gender}")
    return ActivityFigures(count, participants)


@dataclass(frozen=True)
class TargetOutcome:
    value: Decimal | int | None  # None: no data (or a qualitative target)
    by_gender: dict[str, Decimal | int | None]
    met: bool | None  # None: cannot be judged


def indicator_value(indicator: str, figures: Figures, activities: ActivityFigures, gender: str | None = None):
    if indicator == Indicator.WORK_OR_STUDIES_SHARE:
        return figures.work_or_studies_share(gender)
    if indicator == Indicator.NEXT_ACTIVITY_SHARE:
        return figures.next_activity_share(gender)
    if indicator == Indicator.PARTICIPANTS:
        return figures.participated[gender] if gender else figures.total("participated")
    if indicator == Indicator.ACTIVITIES:
        return None if gender else activities.activities
    if indicator == Indicator.ACTIVITY_PARTICIPANTS:
        return activities.participants[gender] if gender else activities.participants_total
    return None


def is_met(value, comparison: str, target: Decimal | None) -> bool | None:
    """Compared exactly: a share is a Fraction, the target's Decimal is taken as the fraction it writes."""
    if value is None or target is None:
        return None
    exact_target = Fraction(str(target))
    return value >= exact_target if comparison == Comparison.AT_LEAST else value <= exact_target


def evaluate(target, figures: Figures, activities: ActivityFigures) -> TargetOutcome:
    """The value shown (shares rounded to one decimal) and whether the target is met, judged on exact figures."""
    value = indicator_value(target.indicator, figures, activities)
    by_gender = {gender: indicator_value(target.indicator, figures, activities, gender) for gender in GENDERS}
    exact = value
    if target.indicator == Indicator.WORK_OR_STUDIES_SHARE:
        exact = figures.exact_share(WORK_OR_STUDIES)
    elif target.indicator == Indicator.NEXT_ACTIVITY_SHARE:
        exact = figures.exact_share(NEXT_ACTIVITY)
    return TargetOutcome(value, by_gender, is_met(exact, target.comparison, target.target_value))

"""The plan's panels on the year dashboard: the plan's state and next step, the year's report, the yearly cycle,
adopted documents."""

import datetime
import re
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext as _

from finsam.dashboard import READER, Panel, register_panel, register_years, year_query
from finsam.plan.models import CycleItem, Plan, PlanKind, PlanVersion

MONTHS = {
    "januari": 1,
    "februari": 2,
    "mars": 3,
    "april": 4,
    "maj": 5,
    "juni": 6,
    "juli": 7,
    "augusti": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "december": 12,
}


@dataclass(frozen=True)
class CycleStep:
    when: str
    what: str
    first_month: int | None
    last_month: int | None
    now: bool = False  # today's month falls within the step
    upcoming: bool = False  # one of the next steps after today


def months_of(when: str) -> tuple[int | None, int | None]:
    """The first and last month a cycle item names ("Mars–april" -> (3, 4)); (None, None) when it names none."""
    found = [MONTHS[word] for word in re.findall(r"[a-zåäö]+", when.lower()) if word in MONTHS]
    if not found:
        return None, None
    return found[0], found[-1]


def place_in_cycle(items: list[tuple[str, str]], today: datetime.date, upcoming: int = 3) -> list[CycleStep]:
    """The cycle's steps with today's place marked: the steps of this month, and the next `upcoming` after it.

    The cycle repeats every year, so after December the next steps are next year's first ones.
    """
    month = today.month
    parsed = [(when, what, *months_of(when)) for when, what in items]
    ahead = sorted(
        (step for step in parsed if step[2] is not None and not step[2] <= month <= step[3]),
        key=lambda step: (step[2] - month - 1) % 12,  # months from now until the step starts
    )
    next_steps = {(when, what) for when, what, *_months in ahead[:upcoming]}
    return [
        CycleStep(
            when,
            what,
            first,
            last,
            now=first is not None and first <= month <= last,
            upcoming=(when, what) in next_steps,
        )
        for when, what, first, last in parsed
    ]


def _year_queries(association) -> list:
    return [year_query(Plan.objects.filter(association=association))]


def _plan_panel(access, year, today):
    plan = (
        Plan.objects.filter(association=access.association, year=year, kind=PlanKind.PLAN)
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=PlanVersion.objects.order_by("number").only(
                    "id", "plan_id", "number", "adopted_on", "revised_on", "revision_reason"
                ),
            )
        )
        .first()
    )
    versions = list(plan.versions.all()) if plan else []
    if plan is None:
        state, label = "none", _("Ingen plan")
    elif plan.is_adopted:
        latest = versions[-1] if versions else None
        state = "adopted"
        label = (
            _("Fastställd %(date)s (version %(n)s)")
            % {"date": latest.adopted_on.isoformat(), "n": latest.number}
            if latest
            else _("Fastställd")
        )
    elif versions:
        state, label = "revision", _("Revision pågår")
    else:
        state, label = "draft", _("Utkast")
    return {"year": year, "plan": plan, "state": state, "state_label": label, "versions": versions}


def _report_panel(access, year, today):
    """The year's report (verksamhetsberättelse): its state, or for office staff the way to start it."""
    report = (
        Plan.objects.filter(association=access.association, year=year, kind=PlanKind.REPORT)
        .only("id", "year", "status", "title")
        .first()
    )
    if report is None and not access.can_edit:
        return None
    return {"year": year, "report": report}


def _cycle_panel(access, year, today):
    """The yearly cycle of the year's plan, or of the latest earlier plan that has one (it recurs)."""
    plan = (
        Plan.objects.filter(association=access.association, year__lte=year)
        .annotate(steps=Count("cycle_items"))
        .filter(steps__gt=0)
        .order_by("-year")
        .first()
    )
    if plan is None:
        return None
    items = CycleItem.objects.filter(plan=plan).order_by("position", "pk").values_list("when", "what")
    return {"year": year, "plan_year": plan.year, "steps": place_in_cycle(list(items), today), "today": today}


def _documents_panel(access, year, today):
    """Every adopted plan version to read and download, newest first."""
    versions = list(
        PlanVersion.objects.filter(plan__association=access.association)
        .filter(~Q(pdf_sha256=""))
        .select_related("plan")
        .only(
            "number", "adopted_on", "revised_on", "revision_reason", "plan__year", "plan__title", "plan__kind"
        )
        .order_by("-plan__year", "-number")
    )
    return {"year": year, "versions": versions}


def register() -> None:
    register_years(_year_queries)
    register_panel(Panel("plan", "finsam/plan/partials/dashboard_plan.html", _plan_panel, order=10))
    register_panel(Panel("report", "finsam/plan/partials/dashboard_report.html", _report_panel, order=60))
    register_panel(Panel("cycle", "finsam/plan/partials/dashboard_cycle.html", _cycle_panel, order=50))
    register_panel(
        Panel(
            "documents",
            "finsam/plan/partials/dashboard_documents.html",
            _documents_panel,
            order=5,
            variants=frozenset({READER}),
        )
    )

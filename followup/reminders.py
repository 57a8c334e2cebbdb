"""Due dates and reminders: status and final reports, requisitions and the yearly cycle.

Due dates (the association's follow-up settings):
- a status report (lägesrapport) for each of the year's periods (half-years or four-month periods) of a project
  that runs in it: the period's last day plus `report_due_days`; the final report (slutrapport): the project's
  end plus the same days;
- a requisition for each such period: the period's last day plus `requisition_due_days`; a requisition whose
  period covers the period's last day counts as received;
- an item of the yearly cycle (the plan's årsprocess, "mars", "april–maj"): the last day of its last month.

`due_items(association, today)` lists what is pending from a year back to `remind_days_before` ahead, as plain
rows; `send_reminders(today=...)` mails the project's contact person and the office staff with an e-mail
`remind_days_before` days before and `remind_days_after` days after each due date, once: every mail is recorded in
ReminderLog, whose unique constraint (item, kind, recipient) refuses a second one.
"""

import calendar
import datetime
import logging
import re
from dataclasses import dataclass

from django.conf import settings as django_settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from finsam.models import AccessGrant, Association, Role
from followup.models import FollowupSettings, ReminderKind, ReminderLog, ReportKind, StatusReport
from followup.reports import settings_for
from projects.models import Project, ProjectStatus, Requisition

logger = logging.getLogger(__name__)

LOOK_BACK_DAYS = 365  # older pending items are history, not reminders

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            (),
            ("januari", "jan"),
            ("februari", "feb"),
            ("mars", "mar"),
            ("april", "apr"),
            ("maj",),
            ("juni", "jun"),
            ("juli", "jul"),
            ("augusti", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "okt"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}


@dataclass(frozen=True)
class DueItem:
    key: str  # stable identity of the item, used by the reminder log
    kind: str  # "status", "final", "requisition", "cycle"
    what: str
    project: Project | None
    due: datetime.date
    overdue: bool


def period_bounds(year: int, period: int, periods_per_year: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of a period: half-years (1–2) or four-month periods (1–3)."""
    months = 12 // periods_per_year
    first_month = (period - 1) * months + 1
    last_month = first_month + months - 1
    last_day = calendar.monthrange(year, last_month)[1]
    return datetime.date(year, first_month, 1), datetime.date(year, last_month, last_day)


def cycle_due_date(when: str, year: int) -> datetime.date | None:
    """The last day of the last month a cycle item names ("april–maj" -> 31 May); None if it names none."""
    found = [MONTHS[word] for word in re.findall(r"[a-zåäö]+", when.lower()) if word in MONTHS]
    if not found:
        return None
    month = found[-1]
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _project_items(
    association, settings: FollowupSettings, today, earliest, latest, *, narrow: bool = True
) -> list[DueItem]:
    """`narrow`: read only what can fall in the window (an association's earlier years are left unread);
    tests/followup/test_reminders.py shows for any data that reading everything gives the same items."""
    # An item is due at most the due days after its period's last day, and a period ends within a year of the
    # project's end: a project that ended before `reach` has nothing left in the window.
    most_days = max(settings.report_due_days, settings.requisition_due_days)
    reach = earliest - datetime.timedelta(days=most_days + 366)
    projects = Project.objects.filter(association=association).exclude(status=ProjectStatus.CANCELLED)
    reports = StatusReport.objects.filter(project__association=association)
    covering = Requisition.objects.filter(project__association=association)
    if narrow:
        projects = projects.filter(Q(end__isnull=True) | Q(end__gte=reach))
        # status reports of the years the periods below run over, and every final report
        reports = reports.filter(Q(year__gte=earliest.year - 1) | Q(kind=ReportKind.FINAL))
        # a requisition counts for a period whose last day it covers, and those days are after `earliest − days`
        covering = covering.filter(period_end__gte=earliest - datetime.timedelta(days=most_days))
    projects = list(projects.filter(start__lte=latest).order_by("name"))
    if narrow:
        ids = [project.pk for project in projects]
        reports, covering = reports.filter(project_id__in=ids), covering.filter(project_id__in=ids)
    received = set(reports.values_list("project_id", "year", "period", "kind"))
    finals = {project_id for project_id, _year, _period, kind in received if kind == ReportKind.FINAL}
    requisitions: dict[int, list[tuple[datetime.date, datetime.date]]] = {}
    for project_id, start, end in covering.values_list("project_id", "period_start", "period_end"):
        requisitions.setdefault(project_id, []).append((start, end))
    periods = settings.periods_per_year
    items = []
    for project in projects:
        last_year = min(project.end.year if project.end else latest.year, latest.year)
        for year in range(max(project.start.year, earliest.year - 1), last_year + 1):
            for period in range(1, periods + 1):
                first, last = period_bounds(year, period, periods)
                if last < project.start or (project.end and first > project.end):
                    continue
                due = last + datetime.timedelta(days=settings.report_due_days)
                if (
                    earliest <= due <= latest
                    and (project.pk, year, period, ReportKind.STATUS) not in received
                ):
                    items.append(
                        DueItem(
                            f"status:{project.pk}:{year}:{period}",
                            "status",
                            _("Lägesrapport %(year)s, period %(period)s") % {"year": year, "period": period},
                            project,
                            due,
                            due < today,
                        )
                    )
                due = last + datetime.timedelta(days=settings.requisition_due_days)
                covered = any(s <= last <= e for s, e in requisitions.get(project.pk, []))
                if earliest <= due <= latest and not covered:
                    items.append(
                        DueItem(
                            f"requisition:{project.pk}:{year}:{period}",
                            "requisition",
                            _("Rekvisition %(year)s, period %(period)s") % {"year": year, "period": period},
                            project,
                            due,
                            due < today,
                        )
                    )
        if project.end:
            due = project.end + datetime.timedelta(days=settings.report_due_days)
            if earliest <= due <= latest and project.pk not in finals:
                items.append(
                    DueItem(f"final:{project.pk}", "final", _("Slutrapport"), project, due, due < today)
                )
    return items


def _cycle_items(association, today, earliest, latest) -> list[DueItem]:
    from finsam.plan.models import CycleItem

    items = []
    cycle = CycleItem.objects.filter(
        plan__association=association, plan__year__in=[earliest.year, today.year, latest.year]
    ).select_related("plan")
    for item in cycle:
        due = cycle_due_date(item.when, item.plan.year)
        if due is not None and earliest <= due <= latest:
            items.append(DueItem(f"cycle:{item.pk}", "cycle", item.what, None, due, due < today))
    return items


def due_items(
    association, today: datetime.date, *, settings: FollowupSettings | None = None
) -> list[DueItem]:
    """What is due or overdue: pending items from a year back to `remind_days_before` days ahead, by date.

    Four queries: projects, received reports, requisitions, the yearly cycle (and the settings unless given).
    """
    settings = settings or settings_for(association)
    earliest = today - datetime.timedelta(days=LOOK_BACK_DAYS)
    latest = today + datetime.timedelta(days=settings.remind_days_before)
    items = _project_items(association, settings, today, earliest, latest)
    items += _cycle_items(association, today, earliest, latest)
    return sorted(items, key=lambda item: (item.due, item.project.name if item.project else "", item.key))


def office_addresses(association) -> list[str]:
    """E-mail addresses of the association's office staff (kansli) who have one."""
    return sorted(
        {
            email
            for email in AccessGrant.objects.filter(
                association=association, role=Role.KANSLI, user__is_active=True
            ).values_list("user__email", flat=True)
            if email
        }
    )


def reminder_kind(item: DueItem, settings: FollowupSettings, today: datetime.date) -> str | None:
    """Which reminder is due today: before (within the days ahead), after (the days past), or none."""
    if item.due - datetime.timedelta(days=settings.remind_days_before) <= today < item.due:
        return ReminderKind.BEFORE
    if today >= item.due + datetime.timedelta(days=settings.remind_days_after):
        return ReminderKind.AFTER
    return None


def _message(association, item: DueItem, kind: str) -> tuple[str, str]:
    project = f"{item.project}: " if item.project else ""
    subject = _("Påminnelse: %(project)s%(what)s, senast %(due)s") % {
        "project": project,
        "what": item.what,
        "due": item.due.isoformat(),
    }
    if kind == ReminderKind.BEFORE:
        body = _("%(what)s ska ha kommit in till %(association)s senast %(due)s.")
    else:
        body = _(
            "%(what)s skulle ha kommit in till %(association)s senast %(due)s och har inte registrerats."
        )
    body = body % {
        "what": f"{project}{item.what}",
        "association": association.name,
        "due": item.due.isoformat(),
    }
    return subject, body


def send_reminders_for(association, *, today: datetime.date) -> int:
    """Mail each reminder due today to the project's contact person and the office, once; returns mails sent."""
    settings = settings_for(association)
    office = office_addresses(association)
    already = set(
        ReminderLog.objects.filter(association=association).values_list("item", "kind", "recipient")
    )
    sent = 0
    for item in due_items(association, today, settings=settings):
        kind = reminder_kind(item, settings, today)
        if kind is None:
            continue
        recipients = list(office)
        if item.project is not None and item.project.contact_email:
            recipients.insert(0, item.project.contact_email)
        subject, body = _message(association, item, kind)
        for recipient in dict.fromkeys(recipients):
            if (item.key, kind, recipient) in already:
                continue
            try:
                # the log row and the mail stand or fall together: a failed send leaves no row, so it is retried
                with transaction.atomic():
                    ReminderLog.objects.create(
                        association=association,
                        item=item.key,
                        what=subject[:300],
                        due=item.due,
                        kind=kind,
                        recipient=recipient,
                        sent_at=timezone.now(),
                    )
                    send_mail(subject, body, django_settings.DEFAULT_FROM_EMAIL, [recipient])
            except IntegrityError:
                continue  # another run logged it first
            except OSError as error:  # the mail server refused or could not be reached: try again next run
                logger.warning("reminder %s to %s not sent: %s", item.key, recipient, error)
                continue
            sent += 1
    return sent


def send_reminders(*, today: datetime.date | None = None, associations=None) -> int:
    """The service a cron command or a background task calls: every association (or the given ones)."""
    today = today or timezone.localdate()
    total = 0
    for association in associations if associations is not None else Association.objects.all():
        total += send_reminders_for(association, today=today)
    return total

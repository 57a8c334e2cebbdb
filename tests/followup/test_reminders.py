"""Due dates, the due list, and reminders sent once: Django's locmem backend and a real SMTP server."""

import datetime
import socket

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from finsam.access import Need
from finsam.models import Role
from finsam.plan.models import CycleItem, Plan
from followup.models import FollowupSettings, ReminderLog, ReportKind, StatusReport
from followup.reminders import (
    LOOK_BACK_DAYS,
    _project_items,
    cycle_due_date,
    due_items,
    period_bounds,
    send_reminders,
)
from projects.models import Requisition
from tests.access_matrix import ROLES, assert_login_required, assert_matrix_cell
from tests.factories import AccessGrantFactory, ProjectFactory, UserFactory

CONTACT = "lena.kontakt@eskilstuna.se"


@pytest.fixture
def project(association):
    return ProjectFactory(
        owner__association=association,
        name="SIKTA",
        number="",
        start=datetime.date(2023, 1, 1),
        end=datetime.date(2023, 12, 31),
        contact_name="Lena Kontakt",
        contact_email=CONTACT,
    )


def _at(day: str):
    return time_machine.travel(datetime.datetime.fromisoformat(f"{day}T06:00:00+01:00"), tick=False)


def test_period_bounds_follow_the_associations_periods():
    assert period_bounds(2023, 1, 2) == (datetime.date(2023, 1, 1), datetime.date(2023, 6, 30))
    assert period_bounds(2023, 2, 2) == (datetime.date(2023, 7, 1), datetime.date(2023, 12, 31))
    assert period_bounds(2024, 1, 3) == (datetime.date(2024, 1, 1), datetime.date(2024, 4, 30))
    assert period_bounds(2024, 2, 3) == (datetime.date(2024, 5, 1), datetime.date(2024, 8, 31))


def test_a_cycle_item_is_due_at_the_end_of_its_last_month():
    assert cycle_due_date("mars", 2023) == datetime.date(2023, 3, 31)
    assert cycle_due_date("april–maj", 2023) == datetime.date(2023, 5, 31)
    assert cycle_due_date("Februari", 2024) == datetime.date(2024, 2, 29)
    assert cycle_due_date("Löpande under året", 2023) is None


def test_due_items_are_the_periods_end_plus_the_configured_days(association, project):
    FollowupSettings.objects.create(association=association, report_due_days=20, requisition_due_days=45)
    items = due_items(association, datetime.date(2023, 8, 5))
    assert [(i.key, i.due, i.overdue) for i in items] == [
        (f"status:{project.pk}:2023:1", datetime.date(2023, 7, 20), True),
    ]
    items = due_items(association, datetime.date(2023, 8, 10))  # the requisition is due within seven days
    assert [(i.what, i.due, i.overdue) for i in items] == [
        ("Lägesrapport 2023, period 1", datetime.date(2023, 7, 20), True),
        ("Rekvisition 2023, period 1", datetime.date(2023, 8, 14), False),
    ]


def test_received_reports_and_covering_requisitions_are_not_due(association, project):
    StatusReport.objects.create(project=project, year=2023, period=1, received_on=datetime.date(2023, 7, 10))
    Requisition.objects.create(
        project=project,
        period_start=datetime.date(2023, 1, 1),
        period_end=datetime.date(2023, 6, 30),
        amount=100_000,
    )
    assert due_items(association, datetime.date(2023, 8, 10)) == []
    # the year's end: period 2's report and requisition and the final report, due 30 days after 31 December
    items = due_items(association, datetime.date(2024, 2, 5))
    assert [(i.kind, i.due) for i in items] == [
        ("final", datetime.date(2024, 1, 30)),
        ("requisition", datetime.date(2024, 1, 30)),
        ("status", datetime.date(2024, 1, 30)),
    ]
    StatusReport.objects.create(
        project=project, year=2023, period=2, kind=ReportKind.FINAL, received_on=datetime.date(2024, 1, 20)
    )
    assert sorted(i.kind for i in due_items(association, datetime.date(2024, 2, 5))) == [
        "requisition",
        "status",
    ]


def test_the_yearly_cycle_is_listed_with_its_dates(association):
    plan = Plan.objects.create(association=association, year=2023, title="Verksamhetsplan 2023")
    CycleItem.objects.create(plan=plan, when="april–maj", what="Budgetäskande till medlemmarna")
    CycleItem.objects.create(plan=plan, when="Löpande", what="Styrelsemöten")
    items = due_items(association, datetime.date(2023, 5, 28))
    assert [(i.what, i.due, i.overdue, i.project) for i in items] == [
        ("Budgetäskande till medlemmarna", datetime.date(2023, 5, 31), False, None)
    ]


def test_with_the_clock_past_a_due_date_one_mail_goes_per_due_item_and_a_rerun_sends_none(
    association, project, office_user
):
    with _at("2023-08-10"):  # period 1 was due 30 July; the reminder after goes seven days later
        assert send_reminders() == 2
        assert sorted(m.subject for m in mail.outbox) == [
            "Påminnelse: SIKTA: Lägesrapport 2023, period 1, senast 2023-07-30",
            "Påminnelse: SIKTA: Rekvisition 2023, period 1, senast 2023-07-30",
        ]
        assert all(m.to == [CONTACT] for m in mail.outbox)
        assert "har inte registrerats" in mail.outbox[0].body
        assert send_reminders() == 0
    with _at("2023-08-20"):
        assert send_reminders() == 0
    assert len(mail.outbox) == 2
    assert ReminderLog.objects.filter(association=association, kind="after").count() == 2


def test_the_office_is_mailed_too_and_before_the_due_date(association, project, office_user):
    office_user.email = "kansli@rar.se"
    office_user.save()
    board = UserFactory(username="ledamot", email="ledamot@rar.se")
    AccessGrantFactory(user=board, association=association, role=Role.STYRELSE)
    with _at("2023-07-25"):  # five days before the due date
        assert send_reminders() == 4
    assert sorted((m.to[0], m.subject[-10:]) for m in mail.outbox) == [
        ("kansli@rar.se", "2023-07-30"),
        ("kansli@rar.se", "2023-07-30"),
        (CONTACT, "2023-07-30"),
        (CONTACT, "2023-07-30"),
    ]
    assert "ska ha kommit in till Samordningsförbundet Eget senast 2023-07-30" in mail.outbox[0].body
    with _at("2023-08-07"):  # the reminder after is another one, sent once as well
        assert send_reminders() == 4
        assert send_reminders() == 0


def test_a_received_report_stops_its_reminder(association, project):
    StatusReport.objects.create(project=project, year=2023, period=1, received_on=datetime.date(2023, 8, 1))
    with _at("2023-08-10"):
        assert send_reminders() == 1
    assert mail.outbox[0].subject.startswith("Påminnelse: SIKTA: Rekvisition")


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on a free local port, collecting what it receives."""
    received = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            received.append((envelope.rcpt_tos, envelope.content.decode("utf-8", "replace")))
            return "250 OK"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    yield received
    controller.stop()


def test_the_command_sends_through_a_real_smtp_server_once(association, project, smtp_server):
    with _at("2023-08-10"):
        call_command("send_reminders", stdout=open("/dev/null", "w"))
        assert len(smtp_server) == 2
        call_command("send_reminders", association.slug, stdout=open("/dev/null", "w"))
    assert len(smtp_server) == 2
    assert {tuple(rcpt) for rcpt, _content in smtp_server} == {(CONTACT,)}
    assert any("Subject: =?utf-8?" in content or "Lägesrapport" in content for _rcpt, content in smtp_server)
    assert ReminderLog.objects.count() == 2


def test_a_mail_server_that_cannot_be_reached_logs_nothing_so_the_next_run_retries(
    association, project, settings
):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        settings.EMAIL_PORT = probe.getsockname()[1]  # nothing listens there once closed
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    with _at("2023-08-10"):
        assert send_reminders() == 0
    assert ReminderLog.objects.count() == 0


def test_the_command_refuses_an_unknown_association_and_a_bad_date(db):
    with pytest.raises(CommandError, match="okand"):
        call_command("send_reminders", "okand")
    with pytest.raises(CommandError, match="--date"):
        call_command("send_reminders", "--date", "2023-13-01")


def test_the_command_takes_the_day_to_act_on(association, project):
    call_command("send_reminders", "--date", "2023-08-10", stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == 2


def test_office_staff_see_the_log_and_what_is_due(client, office_user, association, project):
    with _at("2023-08-10"):
        send_reminders()
        client.force_login(office_user)
        page = client.get(reverse("followup:reminders", kwargs={"slug": association.slug})).content.decode()
    assert page.count(CONTACT) == 2
    assert "Påminnelse: SIKTA: Lägesrapport 2023, period 1, senast 2023-07-30" in page
    assert "Försenad" in page


def test_the_overview_lists_overdue_items(client, auditor_user, association, project):
    with _at("2023-08-10"):
        client.force_login(auditor_user)
        page = client.get(
            reverse("followup:overview", kwargs={"slug": association.slug, "year": 2023})
        ).content.decode()
    assert "Lägesrapport 2023, period 1" in page
    assert "2023-07-30" in page


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("own", [True, False])
def test_the_log_page_is_for_office_staff(client, users_by_role, association, other_association, role, own):
    target = association if own else other_association
    url = reverse("followup:reminders", kwargs={"slug": target.slug})
    assert_matrix_cell(client, users_by_role[role], url, role, Need.EDIT, own)


def test_the_log_page_requires_login(client, association):
    assert_login_required(client, reverse("followup:reminders", kwargs={"slug": association.slug}))


def test_the_background_task_sends_the_due_reminders_once(association, project, other_association):
    from followup.tasks import send_due_reminders

    with _at("2023-08-10"):  # the immediate backend of the test settings runs the task at once
        result = send_due_reminders.enqueue(associations=[association.slug])
        assert result.return_value == 2
        assert sorted(m.subject for m in mail.outbox) == [
            "Påminnelse: SIKTA: Lägesrapport 2023, period 1, senast 2023-07-30",
            "Påminnelse: SIKTA: Rekvisition 2023, period 1, senast 2023-07-30",
        ]
        assert send_due_reminders.enqueue().return_value == 0  # every association: nothing new to send
    assert ReminderLog.objects.filter(association=association).count() == 2


def test_the_command_can_leave_the_sending_to_the_worker(association, project, capsys):
    with _at("2023-08-10"):
        call_command("send_reminders", "--enqueue")
    assert "queued as task" in capsys.readouterr().out
    assert len(mail.outbox) == 2  # the immediate backend ran it; a deployment's worker would
    with pytest.raises(CommandError, match="--enqueue"):
        call_command("send_reminders", "--enqueue", "--date", "2023-08-10")


# dates as days from today, so that projects, reports and requisitions cluster around the window's edges
reminder_data = st.fixed_dictionaries(
    {
        "periods": st.sampled_from([2, 3]),
        "report_days": st.integers(min_value=0, max_value=200),
        "requisition_days": st.integers(min_value=0, max_value=200),
        "ahead": st.integers(min_value=0, max_value=60),
        "today": st.dates(min_value=datetime.date(2016, 1, 1), max_value=datetime.date(2027, 12, 31)),
        "projects": st.lists(
            st.fixed_dictionaries(
                {
                    # the end from today (over 100: still running, no end date) and the days it ran until then
                    "end": st.integers(min_value=-900, max_value=130),
                    "days": st.integers(min_value=0, max_value=1500),
                    "reports": st.lists(
                        st.tuples(
                            st.integers(min_value=-4, max_value=1),
                            st.integers(min_value=1, max_value=3),
                            st.sampled_from(list(ReportKind.values)),
                        ),
                        max_size=6,
                        unique=True,
                    ),
                    "requisitions": st.lists(
                        st.tuples(
                            st.integers(min_value=-1200, max_value=100),
                            st.integers(min_value=0, max_value=400),
                        ),
                        max_size=4,
                    ),
                }
            ),
            max_size=5,
        ),
    }
)


# each example rolls back its rows, so the fixture's association is fresh for every one
@hypothesis_settings(max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=reminder_data)
def test_reading_only_what_can_fall_in_the_window_gives_the_same_items_as_reading_everything(
    association, data
):
    with transaction.atomic():
        settings = FollowupSettings.objects.create(
            association=association,
            periods_per_year=data["periods"],
            report_due_days=data["report_days"],
            requisition_due_days=data["requisition_days"],
            remind_days_before=data["ahead"],
        )
        today = data["today"]
        for drawn in data["projects"]:
            end = None if drawn["end"] > 100 else today + datetime.timedelta(days=drawn["end"])
            start = (end or today) - datetime.timedelta(days=drawn["days"])
            project = ProjectFactory(owner__association=association, start=start, end=end)
            for years_from_today, period, kind in drawn["reports"]:
                StatusReport.objects.create(
                    project=project,
                    year=today.year + years_from_today,
                    period=period,
                    kind=kind,
                    received_on=datetime.date(2020, 1, 1),
                )
            for days_from_today, days in drawn["requisitions"]:
                first = today + datetime.timedelta(days=days_from_today)
                Requisition.objects.create(
                    project=project,
                    period_start=first,
                    period_end=first + datetime.timedelta(days=days),
                    amount=1,
                )
        earliest = today - datetime.timedelta(days=LOOK_BACK_DAYS)
        latest = today + datetime.timedelta(days=settings.remind_days_before)
        narrowed = _project_items(association, settings, today, earliest, latest)
        everything = _project_items(association, settings, today, earliest, latest, narrow=False)
        assert narrowed == everything
        transaction.set_rollback(True)


def test_a_project_that_ended_over_a_year_ago_still_owes_the_report_of_its_last_period(association):
    """The last period runs on after the end: its report falls due inside the window although the project
    ended before it (the edge the narrowed reading must keep)."""
    settings = FollowupSettings.objects.create(
        association=association, periods_per_year=2, report_due_days=30, requisition_due_days=30
    )
    project = ProjectFactory(
        owner__association=association, start=datetime.date(2022, 1, 1), end=datetime.date(2023, 5, 1)
    )
    items = due_items(association, datetime.date(2024, 6, 15), settings=settings)
    assert [(item.key, item.due) for item in items] == [
        (f"requisition:{project.pk}:2023:1", datetime.date(2023, 7, 30)),
        (f"status:{project.pk}:2023:1", datetime.date(2023, 7, 30)),
    ]

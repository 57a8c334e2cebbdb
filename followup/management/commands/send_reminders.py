"""Send the reminders due today (run daily from cron): `manage.py send_reminders [--date 2024-02-07] [slug …]`.

With `--enqueue` the command only hands the work to the background worker (followup.tasks.send_due_reminders)
and returns at once; the worker sends the mails.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from finsam.models import Association
from followup.reminders import send_reminders


class Command(BaseCommand):
    help = "E-mail the reminders due today to projects' contact persons and the office, each only once."

    def add_arguments(self, parser):
        parser.add_argument("associations", nargs="*", help="association slugs (default: all)")
        parser.add_argument("--date", help="the day to act as today, YYYY-MM-DD (default: today)")
        parser.add_argument(
            "--enqueue", action="store_true", help="leave the sending to the background worker (today only)"
        )

    def handle(self, *args, associations, date, enqueue=False, **options):
        today = None
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError as error:
                raise CommandError(f"--date: {error}") from error
        chosen = None
        if associations:
            chosen = list(Association.objects.filter(slug__in=associations))
            missing = set(associations) - {a.slug for a in chosen}
            if missing:
                raise CommandError(f"unknown association: {', '.join(sorted(missing))}")
        if enqueue:
            if today is not None:
                raise CommandError("--date and --enqueue: the worker acts on the day it runs")
            from followup.tasks import send_due_reminders

            result = send_due_reminders.enqueue(associations=associations or None)
            self.stdout.write(f"queued as task {result.id}")
            return
        sent = send_reminders(today=today, associations=chosen)
        self.stdout.write(f"{sent} reminder(s) sent")

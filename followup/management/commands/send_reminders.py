"""Send the reminders due today (run daily from cron): `manage.py send_reminders [--date 2024-02-07] [slug …]`."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from finsam.models import Association
from followup.reminders import send_reminders


class Command(BaseCommand):
    help = "E-mail the reminders due today to projects' contact persons and the office, each only once."

    def add_arguments(self, parser):
        parser.add_argument("associations", nargs="*", help="association slugs (default: all)")
        parser.add_argument("--date", help="the day to act as today, YYYY-MM-DD (default: today)")

    def handle(self, *args, associations, date, **options):
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
        sent = send_reminders(today=today, associations=chosen)
        self.stdout.write(f"{sent} reminder(s) sent")

"""Background work of the follow-up app (django-tasks): the daily reminders, for a deployment's scheduler."""

from django_tasks import task

from finsam.models import Association
from followup.reminders import send_reminders


@task()
def send_due_reminders(*, associations: list[str] | None = None) -> int:
    """Mail the reminders due today (every association, or those whose slugs are given); returns mails sent.

    A scheduler enqueues it once a day (`manage.py send_reminders --enqueue` from cron, or
    `send_due_reminders.enqueue()`), and the worker (`manage.py db_worker`) runs it; a run sends each reminder
    only once, so a second run the same day sends nothing.
    """
    chosen = list(Association.objects.filter(slug__in=associations)) if associations else None
    return send_reminders(associations=chosen)

"""No lost update: a form remembers the data as it showed it, and the save checks that inside a row lock.

Every edit form carries a change marker: the newest history snapshot id of what it edits. On submit the form
locks the rows it guards (`SELECT … FOR UPDATE`, held until the request's transaction ends) and only then reads
the marker again. Of two truly simultaneous saves, the second waits for the first to commit, then sees the newer
snapshot and is told who changed what and when; nothing is silently overwritten. A POST without a marker is
refused too (an old tab, a hand-made request).

On SQLite `select_for_update` is a no-op, but SQLite lets only one transaction write at a time.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MISSING_MARKER = _(
    "Sidan saknar uppgift om vilken version av uppgifterna den visade, så ändringen har inte sparats. Ladda om "
    "sidan och gör ändringen igen."
)


def lock_rows(queryset) -> list:
    """Lock the rows until the transaction ends; a no-op outside a transaction (a shell or a plain script)."""
    if not transaction.get_connection(queryset.db).in_atomic_block:
        return list(queryset)
    return list(queryset.select_for_update())


def stale_message(snapshot) -> str:
    who = snapshot.history_user.get_username() if snapshot and snapshot.history_user else _("någon")
    when = timezone.localtime(snapshot.history_date).strftime("%Y-%m-%d %H:%M") if snapshot else ""
    return str(
        _(
            "%(who)s ändrade uppgifterna %(when)s, efter att du öppnade sidan. Dina ändringar har inte sparats: "
            "öppna sidan igen för att se de nya uppgifterna."
        )
        % {"who": who, "when": when}
    )


@dataclass
class Guard:
    """What a form guards: the rows to lock and the history that says whether they changed.

    `lock` names the rows (a queryset) whose lock serialises the saves; `history` are querysets of historical
    records (django-simple-history) of everything the form shows and writes, deleted rows included.
    """

    lock: Callable[[], object]  # -> queryset to lock
    history: list  # querysets of historical records

    def marker(self) -> str:
        """The newest snapshot id of each history, e.g. "812.0" ("0": nothing recorded yet)."""
        return (
            ".".join(str(qs.aggregate(newest=Max("history_id"))["newest"] or 0) for qs in self.history) or "0"
        )

    def newest_snapshot(self):
        snapshots = [
            qs.select_related("history_user").order_by("-history_date").first() for qs in self.history
        ]
        snapshots = [s for s in snapshots if s is not None]
        return max(snapshots, key=lambda s: s.history_date) if snapshots else None

    def check(self, submitted: str | None) -> None:
        """Raise a ValidationError unless `submitted` is the marker of the data as it is now (under the lock)."""
        if not submitted:
            raise forms.ValidationError(MISSING_MARKER, code="no_marker")
        lock_rows(self.lock())
        if self.marker() != submitted:
            raise forms.ValidationError(stale_message(self.newest_snapshot()), code="stale")


def instance_guard(instance) -> Guard:
    model = type(instance)
    return Guard(
        lock=lambda: model._default_manager.filter(pk=instance.pk),
        history=[instance.history.model.objects.filter(id=instance.pk)],
    )


class GuardedForm(forms.Form):
    """A plain form (a grid of figures) that refuses to overwrite a change made since it was shown."""

    history_marker = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, guard: Guard, **kwargs):
        super().__init__(*args, **kwargs)
        self.guard = guard
        if not self.is_bound:
            self.fields["history_marker"].initial = guard.marker()

    def clean(self):
        cleaned = super().clean()
        self.guard.check(cleaned.get("history_marker"))
        return cleaned

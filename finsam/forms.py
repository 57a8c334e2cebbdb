from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from finsam.models import Association


class GuardedModelForm(forms.ModelForm):
    """A model form that refuses to overwrite a change made by someone else since the form was opened.

    The form carries the id of the object's latest history snapshot; if a newer one exists when it is
    submitted, the form is invalid and names who changed it and when, instead of silently overwriting.
    """

    history_marker = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.fields["history_marker"].initial = self._latest_history_id()

    def _latest_snapshot(self):
        if not self.instance.pk:
            return None
        return self.instance.history.select_related("history_user").order_by("-history_id").first()

    def _latest_history_id(self):
        snapshot = self._latest_snapshot()
        return snapshot.history_id if snapshot else None

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            snapshot = self._latest_snapshot()
            marker = cleaned.get("history_marker")
            if snapshot is not None and marker is not None and snapshot.history_id != marker:
                who = snapshot.history_user.get_username() if snapshot.history_user else _("någon")
                raise forms.ValidationError(
                    _(
                        "%(who)s ändrade uppgifterna %(when)s, efter att du öppnade sidan. Dina ändringar "
                        "har inte sparats: öppna sidan igen för att se de nya uppgifterna."
                    )
                    % {
                        "who": who,
                        "when": timezone.localtime(snapshot.history_date).strftime("%Y-%m-%d %H:%M"),
                    },
                    code="stale",
                )
        return cleaned


class AssociationForm(GuardedModelForm):
    class Meta:
        model = Association
        fields = ["name", "short_name", "org_number", "county", "founded", "founded_precision"]
        widgets = {"founded": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

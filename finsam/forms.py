from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from finsam.models import Association

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


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


class AssociationBoundForm(GuardedModelForm):
    """A model form for a row of one association: choices limited to it, uniqueness checked within it."""

    def __init__(self, *args, association, **kwargs):
        self.association = association
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                related = field.queryset.model
                field.queryset = field.queryset.filter(**{related.association_path: association})
        if hasattr(self.instance, "association_id") and not self.instance.pk:
            self.instance.association = association

    def _post_clean(self):
        super()._post_clean()
        # Constraints that involve the association (not a form field) are checked here too, so a duplicate
        # gets the constraint's message instead of a database error.
        try:
            self.instance.validate_constraints(exclude=set(self.errors))
        except forms.ValidationError as error:
            self._update_errors(error)


class AssociationForm(GuardedModelForm):
    class Meta:
        model = Association
        fields = ["name", "short_name", "org_number", "county", "founded", "founded_precision"]
        widgets = {"founded": DATE_WIDGET}

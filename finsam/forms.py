import functools
import re

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.validators import ProhibitNullCharactersValidator
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from finsam.concurrency import instance_guard, lock_rows
from finsam.fields import check_text, plausible_date
from finsam.models import Association, RecordGuarded

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DirectSelect(forms.Select):
    """A select whose options are written here rather than by one template per option.

    The markup is Django's own select (attributes through `flatatt`, as its attrs template writes them), for
    long filter lists shown on every visit: the history's forty kinds of data and everyone in it.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], flatatt(option["attrs"]), option["label"])
                for _group, choices, _index in widget["optgroups"]
                for option in choices
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options
        )


PLAUSIBLE_ID = re.compile(r"\s*\d{1,18}\s*")


def refuse_impossible_ids(field: forms.ModelChoiceField) -> None:
    """A posted choice that cannot be a row's id is refused before the database is asked about it (a 21-digit
    number would overflow the driver)."""
    original = field.clean

    def clean(value):
        values = value if isinstance(value, list | tuple) else [value]
        if any(v not in (None, "") and not PLAUSIBLE_ID.fullmatch(str(v)) for v in values):
            raise forms.ValidationError(_("Välj ett av alternativen i listan."), code="invalid_choice")
        return original(value)

    field.clean = clean


def refuse_control_characters(field: forms.CharField) -> None:
    """The text check the models make (finsam/fields.py: check_text), with one message for every invisible
    character, NUL included (Django's own NUL check would add a second)."""
    field.validators = [
        *(v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)),
        functools.partial(check_text, multiline=isinstance(field.widget, forms.Textarea)),
    ]


class PlainForm(forms.Form):
    """A form that is no model's: its dates and texts get the bounds the models give theirs (1990–2100, no
    control characters), so what it feeds a service is refused with the same message as on a model form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # each form's own copies: the class's fields stay as declared
            if isinstance(field, forms.DateField):
                field.validators.append(plausible_date)
            elif isinstance(field, forms.CharField):
                refuse_control_characters(field)


def refusal_message(form: forms.Form, missing) -> str:
    """One line for a refused form whose page answers with a message instead of the form: what is wrong, in the
    fields' own words and with their labels, or `missing` when a required field was only left empty."""
    wrong = []
    for name, errors in form.errors.as_data().items():
        label = form.fields[name].label if name in form.fields else None
        for error in errors:
            if error.code == "required":
                continue
            for message in error.messages:
                wrong.append(f"{label}: {message}" if label else message)
    return " ".join(wrong) or str(missing)


class GuardedModelForm(forms.ModelForm):
    """A model form that refuses to overwrite a change made by someone else since the form was opened.

    The form carries a marker of the object's latest history snapshot; on submit it locks the object's row and
    compares the marker again (finsam/concurrency.py). A newer snapshot makes the form invalid with who changed
    it and when; a missing marker is refused too.
    """

    history_marker = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                refuse_impossible_ids(field)
        recorded = hasattr(type(self.instance), "history")
        self.guard = instance_guard(self.instance) if self.instance.pk and recorded else None
        if self.guard is not None and not self.is_bound:
            self.fields["history_marker"].initial = self.guard.marker()

    def clean(self):
        cleaned = super().clean()
        if self.guard is not None:
            self.guard.check(cleaned.get("history_marker"))
        return cleaned

    def _update_errors(self, errors):
        """A database rule's message goes beside the field it concerns (the constraint's code names it); where
        the form has already said what is wrong with that field, the general rule is not repeated."""
        if hasattr(errors, "error_dict"):
            routed: dict = {}
            for field, field_errors in errors.error_dict.items():
                for error in field_errors:
                    target = error.code if field == NON_FIELD_ERRORS and error.code in self.fields else field
                    if target != NON_FIELD_ERRORS and target in self._errors and target != field:
                        continue
                    routed.setdefault(target, []).append(error)
            errors = forms.ValidationError(routed)
        super()._update_errors(errors)

    def _post_clean(self):
        super()._post_clean()
        # A row of a document of record (an amount of an adopted budget, a section of an adopted plan) is
        # refused here with the model's own message, not by a database error on save.
        if isinstance(self.instance, RecordGuarded):
            try:
                self.instance.refuse_write()
            except forms.ValidationError as error:
                self.add_error(None, error)


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

    def clean(self):
        if self.instance.pk is None:
            # Two people adding the same thing at once: the second waits here, then meets the first's row in
            # the uniqueness checks below instead of a database error.
            lock_rows(Association.objects.filter(pk=self.association.pk))
        return super().clean()

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

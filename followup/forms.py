from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext_lazy as _

from finsam.concurrency import GuardedForm
from finsam.fields import count_form_field, kronor_form_field
from finsam.forms import DATE_WIDGET, AssociationBoundForm
from followup.models import (
    GENDER_LABELS,
    GENDERS,
    OUTCOME_LABELS,
    OUTCOMES,
    Activity,
    FollowupSettings,
    Goal,
    PeriodReport,
    ResultTarget,
    StatusReport,
)

NEGATIVE = _("Ett antal kan inte vara negativt.")


def _sum_of(values) -> int | None:
    """The sum the page shows before any script runs; None ("–") while a cell holds something not a count."""
    total = 0
    for value in values:
        if value in (None, ""):
            continue
        try:
            total += int(value)
        except (TypeError, ValueError):
            return None
    return total


def _no_negatives(form):
    """The counts are PositiveIntegerFields (min 0); say it in the domain's words."""
    for field in form.fields.values():
        if isinstance(field, forms.IntegerField):
            field.error_messages["min_value"] = NEGATIVE


class GoalForm(AssociationBoundForm):
    class Meta:
        model = Goal
        fields = ["number", "text", "follow_up"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "follow_up": forms.Textarea(attrs={"rows": 2})}


class ResultTargetForm(AssociationBoundForm):
    class Meta:
        model = ResultTarget
        fields = ["text", "indicator", "comparison", "target_value", "projects"]
        widgets = {"projects": forms.CheckboxSelectMultiple}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("indicator") != "qualitative" and cleaned.get("target_value") is None:
            self.add_error(
                "target_value", _("Ange ett målvärde, t.ex. 35 för 35 procent eller 12 för 12 aktiviteter.")
            )
        return cleaned


class PeriodReportForm(AssociationBoundForm):
    """Started, took part and ended, and what the ended went on to, by gender; the counts must agree."""

    class Meta:
        model = PeriodReport
        fields = [
            f"{prefix}_{g}" for prefix in ("started", "participated", "ended", *OUTCOMES) for g in GENDERS
        ]

    ROWS = ("started", "participated", "ended", *OUTCOMES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _no_negatives(self)

    def grid(self) -> list[dict]:
        """The fields as the page lays them out: a row per status and outcome, a column per gender."""
        labels = {
            "started": _("Påbörjade"),
            "participated": _("Deltog"),
            "ended": _("Avslutade"),
            **{
                outcome: _("Avslutade till %(outcome)s") % {"outcome": OUTCOME_LABELS[outcome]}
                for outcome in OUTCOMES
            },
        }
        return [
            {
                "key": row,
                "label": labels[row],
                "is_outcome": row in OUTCOMES,
                "cells": [self[f"{row}_{gender}"] for gender in GENDERS],
                "terms": " ".join(self[f"{row}_{gender}"].auto_id for gender in GENDERS),
                "total": _sum_of(self[f"{row}_{gender}"].value() for gender in GENDERS),
            }
            for row in self.ROWS
        ]

    def outcome_sums(self) -> list[dict]:
        """Per gender and in all, what the outcomes add up to (they must equal the ended), with the ids of the
        cells they sum for the page's script."""
        columns = [[self[f"{o}_{gender}"] for o in OUTCOMES] for gender in GENDERS]
        columns.append([cell for column in columns for cell in column])
        return [
            {
                "total": _sum_of(cell.value() for cell in column),
                "terms": " ".join(cell.auto_id for cell in column),
            }
            for column in columns
        ]

    def _post_clean(self):
        super()._post_clean()
        # A database constraint names the field it concerns in its code (followup/models.py); show its message
        # beside that field rather than above the form.
        stray = self._errors.pop(NON_FIELD_ERRORS, None)
        for error in stray.as_data() if stray else []:
            self.add_error(error.code if error.code in self.fields else None, error)

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        for gender in GENDERS:
            label = GENDER_LABELS[gender]
            ended, took_part = cleaned[f"ended_{gender}"], cleaned[f"participated_{gender}"]
            if ended > took_part:
                self.add_error(
                    f"ended_{gender}",
                    _("Avslutade %(label)s: %(ended)s avslutade men bara %(took_part)s deltog.")
                    % {"ended": ended, "took_part": took_part, "label": label},
                )
            outcomes = sum(cleaned[f"{outcome}_{gender}"] for outcome in OUTCOMES)
            if outcomes != ended:
                # beside the field that disagrees: "Avslutade kvinnor: utfallen summerar till 7 men 8 avslutade."
                self.add_error(
                    f"ended_{gender}",
                    _("Avslutade %(label)s: utfallen summerar till %(outcomes)s men %(ended)s avslutade.")
                    % {"outcomes": outcomes, "ended": ended, "label": label},
                )
        return cleaned


class GenderGridForm(GuardedForm):
    """Counts by gender for each member organisation (activity participants, staff reached)."""

    def __init__(
        self, *args, members, guard, initial_counts: dict | None = None, prefix_name: str = "count", **kwargs
    ):
        super().__init__(*args, guard=guard, **kwargs)
        self.members = members
        self.prefix_name = prefix_name
        initial_counts = initial_counts or {}
        for member in members:
            for gender in GENDERS:
                self.fields[f"m{member.pk}_{gender}"] = count_form_field(
                    label=f"{member.name}, {GENDER_LABELS[gender]}",
                    required=False,
                    initial=initial_counts.get((member.pk, gender)),
                )

    def counts(self) -> dict:
        return {
            member: {gender: self.cleaned_data.get(f"m{member.pk}_{gender}") or 0 for gender in GENDERS}
            for member in self.members
        }


class ActivityForm(AssociationBoundForm):
    class Meta:
        model = Activity
        fields = ["date", "title", "kind"]
        widgets = {"date": DATE_WIDGET}


class StatusReportForm(AssociationBoundForm):
    class Meta:
        model = StatusReport
        fields = ["project", "period", "kind", "received_on"]
        widgets = {"received_on": DATE_WIDGET}


class FollowupSettingsForm(AssociationBoundForm):
    class Meta:
        model = FollowupSettings
        fields = [
            "periods_per_year",
            "age_band",
            "report_due_days",
            "requisition_due_days",
            "remind_days_before",
            "remind_days_after",
        ]


class BenefitForm(GuardedForm):
    """Benefits paid per municipality in one half-year (kronor)."""

    def __init__(self, *args, municipalities, guard, initial_amounts: dict | None = None, **kwargs):
        super().__init__(*args, guard=guard, **kwargs)
        self.municipalities = municipalities
        for member in municipalities:
            self.fields[f"b{member.pk}"] = kronor_form_field(
                label=member.name, required=False, initial=(initial_amounts or {}).get(member.pk)
            )

    def amounts(self) -> dict:
        return {member: self.cleaned_data.get(f"b{member.pk}") for member in self.municipalities}

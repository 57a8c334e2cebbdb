from django import forms
from django.utils.translation import gettext_lazy as _

from finsam.concurrency import GuardedForm
from finsam.fields import count_form_field, kronor_form_field
from finsam.forms import DATE_WIDGET, AssociationBoundForm
from followup.models import (
    GENDER_LABELS,
    GENDERS,
    OUTCOMES,
    Activity,
    FollowupSettings,
    Goal,
    PeriodReport,
    ResultTarget,
    StatusReport,
)

NEGATIVE = _("Ett antal kan inte vara negativt.")


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _no_negatives(self)

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

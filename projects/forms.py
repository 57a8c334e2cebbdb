from django import forms
from django.utils.translation import gettext_lazy as _

from finsam.forms import DATE_WIDGET, AssociationBoundForm
from finsam.lib.periods import normalise_vague_date
from members.models import MemberKind
from projects.models import Application, ApplicationRound, Decision, Project, ProjectRules, Requisition

PERIOD_ERROR = _("Slutdatumet (%(end)s) ligger före startdatumet (%(start)s).")


def _check_period(form, start_field: str, end_field: str) -> None:
    start, end = form.cleaned_data.get(start_field), form.cleaned_data.get(end_field)
    if start and end and end < start:
        form.add_error(end_field, PERIOD_ERROR % {"end": end.isoformat(), "start": start.isoformat()})


class MunicipalityChoicesMixin:
    """The area is chosen among the association's municipalities only."""

    def _limit_area(self):
        if "area_municipalities" in self.fields:
            field = self.fields["area_municipalities"]
            field.queryset = field.queryset.filter(kind=MemberKind.MUNICIPALITY)
            field.widget = forms.CheckboxSelectMultiple(choices=field.choices)
        if "participants" in self.fields:
            field = self.fields["participants"]
            field.widget = forms.CheckboxSelectMultiple(choices=field.choices)


class ProjectForm(MunicipalityChoicesMixin, AssociationBoundForm):
    class Meta:
        model = Project
        fields = [
            "number",
            "name",
            "owner",
            "participants",
            "whole_county",
            "area_municipalities",
            "focus",
            "target_group",
            "kind",
            "long_term_county_wide",
            "esf_funded",
            "status",
            "start",
            "start_precision",
            "start_status",
            "end",
            "end_precision",
            "note",
        ]
        widgets = {"start": DATE_WIDGET, "end": DATE_WIDGET}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit_area()

    def clean(self):
        cleaned = super().clean()
        for field in ("start", "end"):
            if cleaned.get(field):
                cleaned[field] = normalise_vague_date(
                    cleaned[field], cleaned.get(f"{field}_precision") or "day"
                )
        _check_period(self, "start", "end")
        return cleaned


class DecisionForm(AssociationBoundForm):
    class Meta:
        model = Decision
        fields = ["decided_on", "meeting", "reference", "outcome", "granted_amount", "conditions"]
        widgets = {"decided_on": DATE_WIDGET, "conditions": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, granted_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if granted_only:
            del self.fields["outcome"]
            self.instance.outcome = "granted"

    def clean(self):
        cleaned = super().clean()
        outcome = cleaned.get("outcome", self.instance.outcome)
        amount = cleaned.get("granted_amount")
        if outcome == "declined" and amount:
            self.add_error("granted_amount", _("Ett avslag beviljar inget belopp: ange 0 kr."))
        return cleaned


class NewProjectDecisionForm(DecisionForm):
    """The decision that grants a new project: the granted total must be positive."""

    def clean_granted_amount(self):
        amount = self.cleaned_data["granted_amount"]
        if amount is not None and amount <= 0:
            raise forms.ValidationError(_("Det beviljade beloppet måste vara större än 0 kr."))
        return amount


class YearAmountForm(forms.Form):
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100, required=False)
    amount = forms.IntegerField(
        label=_("Belopp (kr)"),
        min_value=0,
        required=False,
        error_messages={"min_value": _("Ett belopp kan inte vara negativt.")},
    )

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("year") is None) != (cleaned.get("amount") is None) and not self.errors:
            raise forms.ValidationError(_("Ange både år och belopp, eller lämna raden tom."))
        return cleaned


class BaseYearAmountFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            year = form.cleaned_data.get("year")
            if year is None:
                continue
            if year in seen:
                raise forms.ValidationError(_("Året %(year)s står på flera rader.") % {"year": year})
            seen.add(year)

    def amounts(self) -> dict[int, int]:
        return {
            form.cleaned_data["year"]: form.cleaned_data["amount"]
            for form in self.forms
            if form.cleaned_data.get("year") is not None
        }


YearAmountFormSet = forms.formset_factory(YearAmountForm, formset=BaseYearAmountFormSet, extra=2)


def year_amount_formset(data=None, amounts: dict[int, int] | None = None, prefix="years"):
    if data is not None:
        # Bound: validate exactly what was posted (with `initial`, rows equal to it would count as unchanged
        # and be skipped).
        return YearAmountFormSet(data, prefix=prefix)
    initial = [{"year": year, "amount": amount} for year, amount in sorted((amounts or {}).items())]
    return YearAmountFormSet(initial=initial, prefix=prefix)


class ApplicationForm(MunicipalityChoicesMixin, AssociationBoundForm):
    class Meta:
        model = Application
        fields = [
            "round",
            "name",
            "applicant",
            "participants",
            "whole_county",
            "area_municipalities",
            "focus",
            "target_group",
            "kind",
            "start",
            "end",
            "received_on",
        ]
        widgets = {"start": DATE_WIDGET, "end": DATE_WIDGET, "received_on": DATE_WIDGET}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit_area()

    def clean(self):
        cleaned = super().clean()
        _check_period(self, "start", "end")
        return cleaned


class ApplicationRoundForm(AssociationBoundForm):
    class Meta:
        model = ApplicationRound
        fields = ["name", "deadline", "decision_meeting"]
        widgets = {"deadline": DATE_WIDGET, "decision_meeting": DATE_WIDGET}


class RequisitionForm(AssociationBoundForm):
    class Meta:
        model = Requisition
        fields = ["period_start", "period_end", "amount", "received_on", "note"]
        widgets = {"period_start": DATE_WIDGET, "period_end": DATE_WIDGET, "received_on": DATE_WIDGET}

    def clean(self):
        cleaned = super().clean()
        _check_period(self, "period_start", "period_end")
        return cleaned


class ProjectRulesForm(AssociationBoundForm):
    class Meta:
        model = ProjectRules
        fields = ["max_length_months", "min_long_term_share", "share_rule_from_year"]

from django import forms
from django.utils.translation import gettext_lazy as _

from finsam.fields import FIRST_YEAR, LAST_YEAR, YEAR_MESSAGE, kronor_form_field
from finsam.forms import DATE_WIDGET, AssociationBoundForm, refuse_control_characters
from finsam.lib.periods import normalise_vague_date
from members.models import MemberKind
from projects.amounts import propose_split
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
            "specified_focus",
            "follow_up_method",
            "contact_name",
            "contact_email",
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
        """A grant or a reduction names its money, its date and its Dnr; a declined decision grants nothing."""
        cleaned = super().clean()
        outcome = cleaned.get("outcome", self.instance.outcome)
        amount = cleaned.get("granted_amount")
        if outcome == "declined":
            if amount:
                self.add_error("granted_amount", _("Ett avslag beviljar inget belopp: ange 0 kr."))
            return cleaned
        if amount is not None and amount <= 0:
            self.add_error(
                "granted_amount",
                _("Ange beloppet, större än 0 kr. En minskning registreras som beslutet ”Minskning”.")
                if outcome == "granted"
                else _("Ange hur mycket beslutet minskar insatsen, större än 0 kr."),
            )
        if not cleaned.get("decided_on") and "decided_on" not in self.errors:
            self.add_error("decided_on", _("Ange datum för styrelsens beslut."))
        if not cleaned.get("reference") and "reference" not in self.errors:
            self.add_error("reference", _("Ange beslutets diarienummer (Dnr)."))
        return cleaned


class NewProjectDecisionForm(DecisionForm):
    """The decision that grants a new project (granted only)."""


class DecideApplicationForm(DecisionForm):
    """The board's decision on an application; the project's number is given with a grant."""

    number = forms.CharField(
        label=_("Insatsens nummer (vid bifall)"),
        max_length=20,
        required=False,
    )

    def __init__(self, *args, application, **kwargs):
        applied = sum(row.amount for row in application.year_amounts.all())
        kwargs.setdefault("initial", {}).setdefault("granted_amount", applied)
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [
            choice for choice in self.fields["outcome"].choices if choice[0] != "reduced"
        ]
        refuse_control_characters(self.fields["number"])  # the project's number, checked as the model would


class YearAmountForm(forms.Form):
    year = forms.IntegerField(
        label=_("År"),
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        required=False,
        error_messages={"min_value": YEAR_MESSAGE, "max_value": YEAR_MESSAGE, "invalid": YEAR_MESSAGE},
    )
    amount = kronor_form_field(label=_("Belopp (kr)"), required=False)

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

    # Not stored: the years hold the money. Given with the dates, it fills the year rows pro rata to days.
    total = kronor_form_field(
        label=_("Sökt belopp totalt (kr)"),
        required=False,
        help_text=_(
            "Fördelas på periodens kalenderår efter antal dagar (knappen ”Fördela på åren”, eller direkt när "
            "du ändrar datum eller belopp); du kan ändra beloppen per år innan du sparar."
        ),
    )
    PERIOD_FIELDS = ("start", "end", "total")
    field_order = [*Meta.fields[: Meta.fields.index("end") + 1], "total", "received_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit_area()
        if self.instance.pk and "total" not in self.initial:
            self.initial["total"] = sum(row.amount for row in self.instance.year_amounts.all())

    def clean(self):
        cleaned = super().clean()
        _check_period(self, "start", "end")
        return cleaned

    def proposed_years(self) -> dict[int, int] | None:
        """The total spread over the period's calendar years by days, once the dates and the total are valid.

        Only the period's fields are checked: the rest of the form may still be unfinished while the user asks
        for a proposal, so their messages are left for the save.
        """
        self.is_valid()
        for name in list(self.errors):
            if name not in self.PERIOD_FIELDS:
                del self.errors[name]
        data = self.cleaned_data
        if any(name in self.errors for name in self.PERIOD_FIELDS) or None in (
            data.get("start"),
            data.get("end"),
            data.get("total"),
        ):
            if not self.errors and data.get("total") is None:
                self.add_error("total", _("Ange det sökta totalbeloppet för att fördela det på åren."))
            return None
        return propose_split(data["total"], data["start"], data["end"])


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

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from finsam.forms import DATE_WIDGET, AssociationBoundForm, PlainForm
from finsam.plan import blocks
from finsam.plan.blocks import block_choices
from finsam.plan.logo import MAX_LOGO_BYTES, checked_logo
from finsam.plan.models import CycleItem, Plan, RiskItem, Section


class PlanForm(AssociationBoundForm):
    logo_file = forms.FileField(
        label=_("Logotyp"),
        required=False,
        help_text=_("PNG eller JPEG, högst 500 kB; visas på planens titelsida."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    remove_logo = forms.BooleanField(label=_("Ta bort logotypen"), required=False)

    class Meta:
        model = Plan
        fields = ["title", "reference"]

    def clean_logo_file(self):
        upload = self.cleaned_data.get("logo_file")
        if not upload:
            return None
        if upload.size > MAX_LOGO_BYTES:  # refused before reading a large file into memory
            raise forms.ValidationError(
                _("Logotypen får vara högst %(kb)s kB.") % {"kb": MAX_LOGO_BYTES // 1024}
            )
        return checked_logo(upload.read())

    def save(self, commit=True):
        if self.cleaned_data.get("logo_file"):
            self.instance.logo = self.cleaned_data["logo_file"]
        elif self.cleaned_data.get("remove_logo"):
            self.instance.logo = None
        return super().save(commit=commit)


class AdoptPlanForm(PlainForm):
    """The board's decision: date, Dnr and § of the minutes; the plan's budget adopted with it if asked."""

    adopted_on = forms.DateField(label=_("Styrelsens beslutsdatum"), widget=DATE_WIDGET)
    reference = forms.CharField(label=_("Diarienummer (Dnr)"), max_length=40, required=False)
    paragraph = forms.CharField(
        label=_("Paragraf i protokollet"), max_length=40, required=False, help_text=_("T.ex. § 12.")
    )
    adopt_budget = forms.BooleanField(
        label=_("Fastställ också planens budget, om den är ett utkast"),
        required=False,
        help_text=_("Budgeten fastställs med samma datum och diarienummer."),
    )


class AdoptReportForm(AdoptPlanForm):
    """The board's decision on the year's report: a report has no budget of its own to adopt with it."""

    adopt_budget = None


class RevisePlanForm(PlainForm):
    revised_on = forms.DateField(label=_("Revisionens datum"), widget=DATE_WIDGET)
    reason = forms.CharField(
        label=_("Skäl"), max_length=200, help_text=_("T.ex. utifrån förändrad budget 2010.")
    )


class SectionForm(AssociationBoundForm):
    class Meta:
        model = Section
        fields = ["heading", "kind", "body", "block", "block_years", "page_break_before"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14})}

    # Which fields belong to which kind of section; the page shows only the current kind's (and its script
    # switches them when the kind changes).
    KIND_FIELDS = {"text": ("body",), "block": ("block", "block_years")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["block"] = forms.ChoiceField(
            label=_("Tabell"), choices=[("", "–")] + block_choices(self.instance.plan.kind), required=False
        )
        self.fields["kind"].widget = forms.RadioSelect(choices=self.fields["kind"].choices)
        self.fields["block_years"].help_text = _(
            "Medlemsavgifter: avgiftsåren, t.ex. 2007, 2008. Budget: åren (kolumnerna) i tabellen, t.ex. "
            "2009, 2010; ett år som planårets budget saknar tas från det årets egen budget. Tomt: planåret."
        )

    def current_kind(self) -> str:
        """The kind as posted (when valid), else as stored."""
        posted = self.data.get(self.add_prefix("kind")) if self.is_bound else None
        return posted if posted in self.KIND_FIELDS else (self.instance.kind or "text")

    def groups(self) -> list[dict]:
        kind = self.current_kind()
        return [
            {"kind": name, "shown": name == kind, "fields": [self[field] for field in fields]}
            for name, fields in self.KIND_FIELDS.items()
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == "block" and not cleaned.get("block"):
            self.add_error("block", _("Välj vilken tabell avsnittet ska visa."))
        if cleaned.get("kind") == "text":
            cleaned["block"] = ""
        self._check_block_years(cleaned)
        return cleaned

    def _check_block_years(self, cleaned) -> None:
        """The years a generated section shows: four-digit years the block can show (text sections have none)."""
        if cleaned.get("kind") != "block":
            return
        text = cleaned.get("block_years") or ""
        parts = [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]
        if any(not re.fullmatch(r"[0-9]{4}", part) for part in parts):
            self.add_error("block_years", _("Ange år med fyra siffror, åtskilda med kommatecken."))
            return
        block = blocks.get(cleaned.get("block") or "")
        if parts and block and block.check_years:
            message = block.check_years(self.instance.plan, [int(part) for part in parts])
            if message:
                self.add_error("block_years", message)


class CycleItemForm(AssociationBoundForm):
    class Meta:
        model = CycleItem
        fields = ["position", "when", "what"]


class RiskItemForm(AssociationBoundForm):
    class Meta:
        model = RiskItem
        fields = ["position", "risk", "likelihood", "consequence", "control", "responsible"]

    def clean(self):
        cleaned = super().clean()
        for field in ("likelihood", "consequence"):
            value = cleaned.get(field)
            if value is not None and not 1 <= value <= 4:
                self.add_error(field, _("Ange ett värde från 1 till 4."))
        return cleaned

from django import forms
from django.utils.translation import gettext_lazy as _

from budget.models import BudgetLine, BudgetSettings, StateAllocationBasis
from finsam.concurrency import GuardedForm
from finsam.fields import kronor_form_field
from finsam.forms import DATE_WIDGET, AssociationBoundForm, PlainForm


class NewBudgetForm(PlainForm):
    plan_year = forms.IntegerField(label=_("Planår"), min_value=2004, max_value=2100)
    title = forms.CharField(label=_("Rubrik"), max_length=120, required=False)
    forecast = forms.BooleanField(label=_("Med prognos för året före"), required=False, initial=True)
    plan_years_after = forms.IntegerField(
        label=_("Antal planår efter budgetåret"), min_value=0, max_value=5, initial=2
    )
    income_shown_negative = forms.BooleanField(label=_("Intäkter visas som negativa belopp"), required=False)


class AdoptForm(PlainForm):
    adopted_on = forms.DateField(label=_("Fastställd av styrelsen"), widget=DATE_WIDGET)
    reference = forms.CharField(label=_("Beslut (Dnr/paragraf)"), max_length=60, required=False)


class ReviseForm(PlainForm):
    revised_on = forms.DateField(label=_("Revisionens datum"), widget=DATE_WIDGET)
    reason = forms.CharField(
        label=_("Skäl"), max_length=200, help_text=_("T.ex. utifrån förändrad budget 2010.")
    )


class AmountGridForm(GuardedForm):
    """One field per (line, year) that takes an entered figure; fed lines take an optional override.

    Guarded against lost updates (finsam/concurrency.py): the caller says which rows to lock and which history
    tells whether they changed since the grid was shown.
    """

    def __init__(self, *args, cells, guard, **kwargs):
        super().__init__(*args, guard=guard, **kwargs)
        self.cells = cells  # (line, year, initial) for every editable cell
        for line, year, initial in cells:
            self.fields[self.key(line, year)] = kronor_form_field(
                label=f"{line.name} {year}",
                required=False,
                initial=initial,
                below_zero=_("Ange beloppet utan minustecken; radens grupp bestämmer tecknet."),
            )

    @staticmethod
    def key(line, year) -> str:
        return f"cell_{line.pk}_{year}"

    def values(self) -> dict[tuple[int, int], int | None]:
        return {(line.pk, year): self.cleaned_data.get(self.key(line, year)) for line, year, _i in self.cells}


class BudgetLineForm(AssociationBoundForm):
    class Meta:
        model = BudgetLine
        fields = [
            "name",
            "group",
            "kind",
            "position",
            "first_year",
            "last_year",
            "show_project_breakdown",
            "administration",
        ]

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("first_year"), cleaned.get("last_year")
        if first and last and last < first:
            self.add_error(
                "last_year",
                _("Sista året (%(last)s) ligger före första året (%(first)s).")
                % {"last": last, "first": first},
            )
        return cleaned


class StateAllocationBasisForm(AssociationBoundForm):
    class Meta:
        model = StateAllocationBasis
        fields = [
            "statistics_year",
            "national_amount",
            "associations",
            "national_population",
            "national_benefits",
            "base_amount",
            "measure_share",
            "population_share",
        ]


class BudgetSettingsForm(AssociationBoundForm):
    class Meta:
        model = BudgetSettings
        fields = [
            "income_shown_negative",
            "min_liquidity",
            "new_project_reserve",
            "reservation_threshold",
            "equity_ceiling",
        ]

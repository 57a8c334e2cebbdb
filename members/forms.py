from decimal import Decimal

from django import forms
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from finsam.concurrency import GuardedForm
from finsam.fields import MAX_POPULATION, count_form_field
from finsam.forms import DATE_WIDGET, AssociationBoundForm
from members.fees import percentage_problem
from members.models import (
    AgeBand,
    BoardSeat,
    FeeYear,
    LocalGroup,
    MemberKind,
    MemberOrganisation,
    Population,
    PreparatoryGroupMember,
    SplitMethod,
)


class MemberForm(AssociationBoundForm):
    class Meta:
        model = MemberOrganisation
        fields = [
            "name",
            "kind",
            "org_number",
            "member_from",
            "member_to",
            "former_name",
            "name_since",
            "local_group",
        ]
        widgets = {"member_from": DATE_WIDGET, "member_to": DATE_WIDGET, "name_since": DATE_WIDGET}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("member_from"), cleaned.get("member_to")
        if start and end and end < start:
            self.add_error(
                "member_to",
                _("Medlemskapet kan inte sluta (%(end)s) innan det börjar (%(start)s).")
                % {"end": end.isoformat(), "start": start.isoformat()},
            )
        return cleaned


class LocalGroupForm(AssociationBoundForm):
    class Meta:
        model = LocalGroup
        fields = ["name"]


class BoardSeatForm(AssociationBoundForm):
    class Meta:
        model = BoardSeat
        fields = ["member", "person_name", "role", "party", "office", "term_from", "term_to"]
        widgets = {"term_from": DATE_WIDGET, "term_to": DATE_WIDGET}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("term_from"), cleaned.get("term_to")
        if start and end and end < start:
            self.add_error("term_to", _("Mandatet kan inte sluta innan det börjar."))
        return cleaned


class PreparatoryGroupMemberForm(AssociationBoundForm):
    class Meta:
        model = PreparatoryGroupMember
        fields = ["member", "person_name", "title"]


class FeeYearForm(AssociationBoundForm):
    """The fee year with one percentage field per municipality (used when the split is by fixed percentages)."""

    class Meta:
        model = FeeYear
        fields = ["year", "total", "status", "split_method", "population_date", "age_band", "note"]
        widgets = {"population_date": DATE_WIDGET}

    def __init__(self, *args, association, shares: dict | None = None, **kwargs):
        super().__init__(*args, association=association, **kwargs)
        self.fields["total"].min_value = None
        self.municipalities = list(
            MemberOrganisation.objects.filter(association=association, kind=MemberKind.MUNICIPALITY).order_by(
                "name"
            )
        )
        shares = shares or {}
        for member in self.municipalities:
            self.fields[self.share_field(member)] = forms.DecimalField(
                label=_("Andel för %(name)s (%%)") % {"name": member.name},
                required=False,
                min_value=Decimal(0),
                max_value=Decimal(100),
                decimal_places=3,
                initial=shares.get(member.pk),
                error_messages={"min_value": _("En andel kan inte vara negativ.")},
            )

    @staticmethod
    def share_field(member) -> str:
        return f"share_{member.pk}"

    def clean_total(self):
        total = self.cleaned_data["total"]
        if total is not None and total <= 0:
            raise forms.ValidationError(_("Den totala medlemsavgiften måste vara större än 0 kr."))
        return total

    def clean_year(self):
        year = self.cleaned_data["year"]
        taken = FeeYear.objects.filter(association=self.association, year=year).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Det finns redan ett avgiftsår %(year)s.") % {"year": year})
        return year

    def percentages(self) -> dict:
        """Member -> percent for the municipalities given a share (blank fields are left out)."""
        return {
            member: self.cleaned_data[self.share_field(member)]
            for member in self.municipalities
            if self.cleaned_data.get(self.share_field(member)) is not None
        }

    def clean(self):
        cleaned = super().clean()
        method = cleaned.get("split_method")
        if method == SplitMethod.PERCENTAGES and not self.errors:
            shares = self.percentages()
            problem = percentage_problem(shares) if shares else _("Ange kommunernas procentsatser.")
            if problem:
                raise forms.ValidationError(problem)
        if method == SplitMethod.POPULATION and not cleaned.get("population_date"):
            self.add_error("population_date", _("Ange vilket datum befolkningen ska räknas per."))
        elif method == SplitMethod.POPULATION and not self.errors:
            date, band = cleaned["population_date"], cleaned.get("age_band")
            inhabitants = Population.objects.filter(
                member__in=self.municipalities, reference_date=date, age_band=band
            ).aggregate(total=Sum("inhabitants"))["total"]
            if not inhabitants:
                self.add_error(
                    "population_date",
                    _(
                        "Per %(date)s finns inga invånare registrerade i någon kommun (%(band)s år). Registrera "
                        "befolkningen för datumet innan avgiften fördelas efter den."
                    )
                    % {"date": date.isoformat(), "band": band},
                )
        return cleaned


class PopulationForm(GuardedForm):
    """Inhabitants per municipality on one reference date, all entered at once."""

    reference_date = forms.DateField(label=_("Per datum"), widget=DATE_WIDGET)
    age_band = forms.ChoiceField(label=_("Åldersgrupp"), choices=AgeBand.choices, initial=AgeBand.AGE_16_64)

    def __init__(self, *args, municipalities, guard, counts: dict | None = None, **kwargs):
        super().__init__(*args, guard=guard, **kwargs)
        self.municipalities = municipalities
        counts = counts or {}
        for member in municipalities:
            self.fields[f"count_{member.pk}"] = count_form_field(
                limit=MAX_POPULATION, label=member.name, required=False, initial=counts.get(member.pk)
            )
            self.fields[f"count_{member.pk}"].error_messages["min_value"] = _(
                "Antalet invånare kan inte vara negativt."
            )

    def clean(self):
        cleaned = super().clean()
        counts = [cleaned.get(f"count_{member.pk}") for member in self.municipalities]
        if not self.errors and counts and all(not count for count in counts):
            raise forms.ValidationError(
                _("Ange antalet invånare för minst en kommun per %(date)s; alla kan inte ha 0 invånare.")
                % {"date": cleaned["reference_date"].isoformat()},
                code="no_inhabitants",
            )
        return cleaned

    def counts(self) -> dict:
        return {
            member: self.cleaned_data[f"count_{member.pk}"]
            for member in self.municipalities
            if self.cleaned_data.get(f"count_{member.pk}") is not None
        }

"""Budgets in each association's own line structure, with columns side by side, versions, rules and outcome.

Money: every amount is whole kronor, stored as a positive magnitude for its line (income as income, costs as
costs); the line's group gives its sign in the result, and the association's sign habit only changes how it is
shown. Sub-totals, results and equity are computed (budget/compute.py), never stored.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from finsam.fields import (
    MAX_KRONOR,
    MAX_POPULATION,
    CountField,
    KronorField,
    PlausibleDateField,
    PositionField,
    YearField,
    within,
)
from finsam.history import AssociationHistoryBase
from finsam.models import AssociationOwned, RecordGuarded, ScopedQuerySet

ADOPTED_MESSAGE = _("Versionen är fastställd och kan inte ändras. Gör en revision i stället.")


def refuse_if_adopted(version_id: int | None) -> None:
    """Every write to a version's rows goes through here: an adopted version is read-only, by any path."""
    if version_id is not None and BudgetVersion.objects.filter(pk=version_id, status="adopted").exists():
        raise ValidationError(ADOPTED_MESSAGE, code="adopted")


class LineGroup(models.TextChoices):
    INCOME = "income", _("Intäkter")
    COSTS = "costs", _("Verksamhetens kostnader")
    FINANCIAL_INCOME = "fin_income", _("Finansiella intäkter")
    FINANCIAL_COSTS = "fin_costs", _("Finansiella kostnader")
    MEMO = "memo", _("Upplysning (ingår inte i resultatet)")


# How a group counts in the result (surplus positive): income adds, costs subtract, memo lines are only shown.
GROUP_SIGN = {
    LineGroup.INCOME: 1,
    LineGroup.COSTS: -1,
    LineGroup.FINANCIAL_INCOME: 1,
    LineGroup.FINANCIAL_COSTS: -1,
    LineGroup.MEMO: 0,
}


class LineKind(models.TextChoices):
    ENTERED = "entered", _("Inmatat belopp")
    MEMBER_FEES = "member_fees", _("Medlemsavgifter (hämtas från avgiftsåret)")
    PROJECTS = "projects", _("Beviljade insatser (hämtas från insatserna)")
    CARRYOVER = "carryover", _("Överfört från föregående år (föregående års resultat)")
    SUBTOTAL = "subtotal", _("Summa av gruppen")
    RESULT = "result", _("Resultat")


FED_KINDS = (LineKind.MEMBER_FEES, LineKind.PROJECTS, LineKind.CARRYOVER)
DERIVED_KINDS = (LineKind.SUBTOTAL, LineKind.RESULT)


class BudgetLine(AssociationOwned):  # budgetrad i förbundets radstruktur
    association = models.ForeignKey(
        "finsam.Association",
        on_delete=models.CASCADE,
        related_name="budget_lines",
        verbose_name=_("samordningsförbund"),
    )
    name = models.CharField(_("benämning"), max_length=120)
    group = models.CharField(_("grupp"), max_length=12, choices=LineGroup.choices)
    kind = models.CharField(_("slag"), max_length=12, choices=LineKind.choices, default=LineKind.ENTERED)
    position = PositionField(_("ordning"), default=0)
    first_year = YearField(_("används från år"), null=True, blank=True)
    last_year = YearField(
        _("används till och med år"), null=True, blank=True, help_text=_("Fyll i för att pensionera raden.")
    )
    show_project_breakdown = models.BooleanField(
        _("visa insatserna var för sig"), default=False, help_text=_("För raden med beviljade insatser.")
    )
    administration = models.BooleanField(
        _("administration"),
        default=False,
        help_text=_(
            "Räknas som förbundets administration (styrelse, kansli …) i rapporten till Uppföljning Finsam."
        ),
    )

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        ordering = ["association", "position", "pk"]
        verbose_name = _("budgetrad")
        verbose_name_plural = _("budgetrader")
        constraints = [
            models.CheckConstraint(
                condition=Q(last_year__isnull=True)
                | Q(first_year__isnull=True)
                | Q(last_year__gte=F("first_year")),
                name="budget_line_years_in_order",
                violation_error_message=_("Sista året ligger före första året."),
                violation_error_code="last_year",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def used_in(self, year: int) -> bool:
        return (self.first_year is None or self.first_year <= year) and (
            self.last_year is None or self.last_year >= year
        )

    @property
    def is_fed(self) -> bool:
        return self.kind in FED_KINDS

    @property
    def is_derived(self) -> bool:
        return self.kind in DERIVED_KINDS


class BudgetSettings(AssociationOwned):  # förbundets teckenvana, enhet och ekonomiska regler
    association = models.OneToOneField(
        "finsam.Association",
        on_delete=models.CASCADE,
        related_name="budget_settings",
        verbose_name=_("samordningsförbund"),
    )
    income_shown_negative = models.BooleanField(
        _("nya budgetar visar intäkter som negativa belopp"),
        default=False,
        help_text=_("Som RAR 2010: intäkter negativa och resultatet positivt vid underskott."),
    )
    # kronor; each rule is off when empty
    min_liquidity = KronorField(_("lägsta likviditet (kr)"), null=True, blank=True)
    new_project_reserve = KronorField(
        _("medel för nya insatser inom sex månader (kr)"), null=True, blank=True
    )
    reservation_threshold = KronorField(
        _("medlemsavgifter under vilka beslut får förbehåll (kr)"), null=True, blank=True
    )
    equity_ceiling = KronorField(_("högsta egna kapital (kr)"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        verbose_name = _("budgetinställningar och regler")
        verbose_name_plural = _("budgetinställningar och regler")
        constraints = [
            within("min_liquidity", label=_("Lägsta likviditet")),
            within("new_project_reserve", label=_("Medel för nya insatser")),
            within("reservation_threshold", label=_("Medlemsavgifter för förbehåll")),
            within("equity_ceiling", label=_("Högsta egna kapital")),
        ]

    def __str__(self) -> str:
        return str(_("Budgetinställningar"))


class Budget(AssociationOwned):  # budget för ett planår
    association = models.ForeignKey(
        "finsam.Association",
        on_delete=models.CASCADE,
        related_name="budgets",
        verbose_name=_("samordningsförbund"),
    )
    plan_year = YearField(_("planår"))
    title = models.CharField(_("rubrik"), max_length=120, blank=True)
    income_shown_negative = models.BooleanField(
        _("intäkter visas som negativa belopp"),
        default=False,
        help_text=_("Teckenvana: intäkter negativa och resultatet positivt vid underskott (som RAR 2010)."),
    )

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        ordering = ["association", "-plan_year"]
        verbose_name = _("budget")
        verbose_name_plural = _("budgetar")
        constraints = [
            models.UniqueConstraint(
                fields=["association", "plan_year"],
                name="one_budget_per_plan_year",
                violation_error_message=_("Det finns redan en budget för planåret."),
                violation_error_code="plan_year",
            )
        ]

    def __str__(self) -> str:
        return self.title or str(_("Budget %(year)s") % {"year": self.plan_year})


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    ADOPTED = "adopted", _("Fastställd")


class BudgetVersion(RecordGuarded, AssociationOwned):  # version: utkast, fastställd, reviderad
    association_path = "budget__association"

    budget = models.ForeignKey(
        Budget, on_delete=models.CASCADE, related_name="versions", verbose_name=_("budget")
    )
    number = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=8, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    adopted_on = PlausibleDateField(_("fastställd"), null=True, blank=True)
    decision_reference = models.CharField(_("beslut (Dnr/paragraf)"), max_length=60, blank=True)
    revised_on = PlausibleDateField(_("reviderad"), null=True, blank=True)
    revision_reason = models.CharField(_("skäl till revisionen"), max_length=200, blank=True)
    opening_equity = KronorField(
        _("eget kapital vid första årets början (kr)"),
        negative=True,
        null=True,
        blank=True,
        help_text=_("Ej förbrukade medel från tidigare år. Behövs för likviditets- och kapitalreglerna."),
    )  # kronor

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        ordering = ["budget", "number"]
        verbose_name = _("budgetversion")
        verbose_name_plural = _("budgetversioner")
        constraints = [
            within("opening_equity", low=-MAX_KRONOR, label=_("Eget kapital vid första årets början")),
            models.UniqueConstraint(
                fields=["budget", "number"],
                name="version_number_unique",
                violation_error_message=_("Versionsnumret finns redan för budgeten."),
                violation_error_code="number",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(adopted_on__isnull=False),
                name="adopted_version_has_a_date",
                violation_error_message=_("En fastställd version behöver datumet för beslutet."),
                violation_error_code="adopted_on",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.budget} v{self.number}"

    def refuse_write(self) -> None:
        refuse_if_adopted(self.pk)

    @property
    def is_adopted(self) -> bool:
        return self.status == VersionStatus.ADOPTED

    @property
    def revision_note(self) -> str:
        if not self.revised_on:
            return ""
        return str(
            _("Reviderad %(date)s %(reason)s")
            % {"date": self.revised_on.isoformat(), "reason": self.revision_reason}
        ).strip()


class ColumnKind(models.TextChoices):
    FORECAST = "forecast", _("Prognos")
    BUDGET = "budget", _("Budget")
    PLAN = "plan", _("Plan")


class BudgetColumn(RecordGuarded, AssociationOwned):  # en kolumn: ett år och dess slag
    association_path = "version__budget__association"

    version = models.ForeignKey(
        BudgetVersion, on_delete=models.CASCADE, related_name="columns", verbose_name=_("version")
    )
    year = YearField(_("år"))
    kind = models.CharField(_("slag"), max_length=8, choices=ColumnKind.choices)
    label = models.CharField(
        _("rubrik"), max_length=60, blank=True, help_text=_("T.ex. Delår 2005. Tomt: slag och år.")
    )

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        ordering = ["version", "year"]
        verbose_name = _("budgetkolumn")
        verbose_name_plural = _("budgetkolumner")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "year"],
                name="one_column_per_year",
                violation_error_message=_("Versionen har redan en kolumn för året."),
                violation_error_code="year",
            )
        ]

    def __str__(self) -> str:
        return self.label or f"{self.get_kind_display()} {self.year}"

    def refuse_write(self) -> None:
        refuse_if_adopted(self.version_id)


class BudgetAmount(RecordGuarded, AssociationOwned):  # belopp för en rad ett år i en version
    """An entered amount; on a fed line it overrides the source (e.g. a forecast with projects nobody entered).

    When a version is adopted, fed figures are frozen here too (`frozen=True`), so the adopted budget never
    moves when its sources change later.
    """

    association_path = "version__budget__association"

    version = models.ForeignKey(
        BudgetVersion, on_delete=models.CASCADE, related_name="amounts", verbose_name=_("version")
    )
    line = models.ForeignKey(
        BudgetLine, on_delete=models.PROTECT, related_name="amounts", verbose_name=_("rad")
    )
    year = YearField(_("år"))
    amount = KronorField(_("belopp (kr)"))  # kronor, positive magnitude for the line
    frozen = models.BooleanField(_("fryst hämtat värde"), default=False)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        ordering = ["version", "line__position", "year"]
        verbose_name = _("budgetbelopp")
        verbose_name_plural = _("budgetbelopp")
        constraints = [
            within("amount", label=_("Belopp")),
            models.UniqueConstraint(
                fields=["version", "line", "year"],
                name="one_amount_per_line_and_year",
                violation_error_message=_("Raden har redan ett belopp för året i den här versionen."),
                violation_error_code="amount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.line} {self.year}"

    def refuse_write(self) -> None:
        refuse_if_adopted(self.version_id)


class Outcome(AssociationOwned):  # utfall per rad och år
    association_path = "line__association"

    line = models.ForeignKey(
        BudgetLine, on_delete=models.PROTECT, related_name="outcomes", verbose_name=_("rad")
    )
    year = YearField(_("år"))
    amount = KronorField(_("utfall (kr)"))  # kronor
    # made up to show the pages (the demo's), said so wherever the figure is shown; entering the figure clears it
    is_example = models.BooleanField(_("exempeldata"), default=False, editable=False)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        ordering = ["line__position", "year"]
        verbose_name = _("utfall")
        verbose_name_plural = _("utfall")
        constraints = [
            within("amount", label=_("Utfall")),
            models.UniqueConstraint(
                fields=["line", "year"],
                name="one_outcome_per_line_and_year",
                violation_error_message=_("Raden har redan ett utfall för året."),
                violation_error_code="amount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.line} {self.year}"


class RecordQuerySet(ScopedQuerySet):
    def update(self, **kwargs):
        raise ValidationError(RECORD_MESSAGE, code="record")

    def delete(self):
        raise ValidationError(RECORD_MESSAGE, code="record")


RECORD_MESSAGE = _("En fastställd budget är en handling som inte ändras. Gör en revision i stället.")


class BudgetRecord(AssociationOwned):  # den fastställda budgeten, som styrelsen beslutade den
    """What an adopted version shows, stored once at adoption and never changed (budget/record.py).

    Like a commit: written in the same transaction that adopts the version, never updated or deleted (the model
    and its queryset refuse, the admin only shows it), and a revision is a new version with a record of its own.
    `sha256` is taken over the canonical JSON of `content`, so anyone can check that the record is intact.
    """

    association_path = "version__budget__association"

    version = models.OneToOneField(
        BudgetVersion, on_delete=models.PROTECT, related_name="record", verbose_name=_("version")
    )
    adopted_on = PlausibleDateField(_("fastställd"))
    reference = models.CharField(_("beslut (Dnr/paragraf)"), max_length=60, blank=True)
    content = models.JSONField(_("innehåll"))
    sha256 = models.CharField(_("kontrollsumma (SHA-256)"), max_length=64)
    created_at = models.DateTimeField(_("registrerad"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registrerad av"),
    )

    objects = RecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("fastställd budget")
        verbose_name_plural = _("fastställda budgetar")

    def __str__(self) -> str:
        return str(_("%(version)s, fastställd %(date)s") % {"version": self.version, "date": self.adopted_on})

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(RECORD_MESSAGE, code="record")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(RECORD_MESSAGE, code="record")

    @property
    def intact(self) -> bool:
        from budget.record import content_sha256

        return content_sha256(self.content) == self.sha256


class StateAllocationBasis(AssociationOwned):  # underlag för statens medelstilldelning ett år
    """The national figures of the state's allocation model for one allocation year (budget/allocation.py).

    The model's own parameters carry the levels Försäkringskassan published (base 400 tkr, keys 75 % / 25 %);
    the national figures change every year and have no default: they are entered from the year's decision.
    """

    association = models.ForeignKey(
        "finsam.Association",
        on_delete=models.CASCADE,
        related_name="state_allocation_bases",
        verbose_name=_("samordningsförbund"),
    )
    year = YearField(_("tilldelningsår"), help_text=_("Året som medlen gäller."))
    statistics_year = YearField(
        _("statistikår"), help_text=_("Året vars befolkning och utbetalda ersättningar nycklarna bygger på.")
    )
    national_amount = KronorField(_("statens medel till alla förbund (kr)"))  # kronor
    associations = models.PositiveSmallIntegerField(_("antal förbund som får grundtilldelning"))
    national_population = CountField(_("invånare 16–64 år i alla förbunds områden"), limit=MAX_POPULATION)
    national_benefits = KronorField(
        _("utbetald ersättning i alla förbunds områden (kr)"),
        help_text=_("Summan bakom försörjningsmåttet för alla förbund under statistikåret."),
    )
    base_amount = KronorField(_("grundtilldelning per förbund (kr)"), default=400_000)  # kronor
    measure_share = models.DecimalField(
        _("andel som fördelas efter försörjningsmått (%)"), max_digits=5, decimal_places=2, default=75
    )
    population_share = models.DecimalField(
        _("andel som fördelas efter invånarantal (%)"), max_digits=5, decimal_places=2, default=25
    )

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        ordering = ["association", "-year"]
        verbose_name = _("underlag för statens medelstilldelning")
        verbose_name_plural = _("underlag för statens medelstilldelning")
        constraints = [
            within("national_amount", label=_("Statens medel")),
            within("national_benefits", label=_("Utbetald ersättning")),
            within("base_amount", label=_("Grundtilldelning")),
            within("national_population", high=MAX_POPULATION, label=_("Invånare 16–64 år")),
            models.UniqueConstraint(
                fields=["association", "year"],
                name="one_allocation_basis_per_year",
                violation_error_message=_("Det finns redan ett underlag för året."),
                violation_error_code="year",
            ),
            models.CheckConstraint(
                condition=Q(measure_share__gte=0)
                & Q(population_share__gte=0)
                & Q(measure_share__lte=100)
                & Q(population_share__lte=100),
                name="allocation_keys_are_percentages",
                violation_error_message=_("Andelarna ligger mellan 0 och 100 %."),
                violation_error_code="measure_share",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Underlag för statens medel %(year)s") % {"year": self.year})

    def clean(self) -> None:
        super().clean()
        if (
            self.measure_share is not None
            and self.population_share is not None
            and self.measure_share + self.population_share != 100
        ):
            raise ValidationError(
                {
                    "population_share": _(
                        "Andelarna för försörjningsmått och invånarantal ska tillsammans vara 100 %."
                    )
                }
            )
        if self.national_amount is not None and self.associations and self.base_amount is not None:
            if self.associations * self.base_amount > self.national_amount:
                raise ValidationError(
                    {
                        "national_amount": _(
                            "Statens medel räcker inte till grundtilldelningen för alla förbund."
                        )
                    }
                )


class EquityCeilingStep(AssociationOwned):  # trappsteg för rimligt eget kapital
    """One step of the recommended ceiling on equity: up to a size of the year's allocation, at most a share of it.

    Nationella rådet's recommendation of 2013-10-02 sets such a staircase; its levels were not found in the
    sources available, so each association enters them (no invented default). Without steps the fixed ceiling of
    the budget settings applies.
    """

    association = models.ForeignKey(
        "finsam.Association",
        on_delete=models.CASCADE,
        related_name="equity_ceiling_steps",
        verbose_name=_("samordningsförbund"),
    )
    up_to = KronorField(
        _("tilldelade medel upp till (kr)"),
        null=True,
        blank=True,
        help_text=_("Tomt: översta steget, för alla större belopp."),
    )  # kronor
    max_share = models.DecimalField(
        _("högsta eget kapital, andel av tilldelade medel (%)"), max_digits=5, decimal_places=2
    )

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        ordering = ["association", "up_to"]
        verbose_name = _("steg för rimligt eget kapital")
        verbose_name_plural = _("steg för rimligt eget kapital")
        constraints = [
            within("up_to", label=_("Tilldelade medel")),
            models.CheckConstraint(
                condition=Q(max_share__gte=0) & Q(max_share__lte=100),
                name="equity_step_share_is_a_percentage",
                violation_error_message=_("Andelen ligger mellan 0 och 100 %."),
                violation_error_code="max_share",
            ),
            models.UniqueConstraint(
                fields=["association", "up_to"],
                name="one_equity_step_per_level",
                violation_error_message=_("Det finns redan ett steg för den nivån."),
                violation_error_code="up_to",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.up_to} {self.max_share} %"

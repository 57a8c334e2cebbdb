"""The annual plan (verksamhetsplan och budget): its sections, yearly cycle and risk analysis.

Narrative sections are written by office staff and carried over to next year's plan; generated sections name a
block (finsam/plan/blocks.py) whose tables are always computed from the apps' data.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from finsam.history import AssociationHistoryBase
from finsam.models import AssociationOwned, ScopedQuerySet


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    ADOPTED = "adopted", _("Fastställd")


class Plan(AssociationOwned):  # verksamhetsplan och budget för ett år
    association = models.ForeignKey(
        "finsam.Association",
        on_delete=models.CASCADE,
        related_name="plans",
        verbose_name=_("samordningsförbund"),
    )
    year = models.PositiveSmallIntegerField(_("år"))
    title = models.CharField(
        _("titel"), max_length=200, help_text=_("T.ex. Verksamhetsplan och budget 2023.")
    )
    reference = models.CharField(_("diarienummer (Dnr)"), max_length=40, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    adopted_on = models.DateField(_("fastställd"), null=True, blank=True)
    revision_note = models.CharField(
        _("revideringsnotering"),
        max_length=200,
        blank=True,
        help_text=_("T.ex. Reviderad 2010-01-13 utifrån förändrad budget 2010."),
    )

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        ordering = ["association", "-year"]
        verbose_name = _("verksamhetsplan")
        verbose_name_plural = _("verksamhetsplaner")
        constraints = [
            models.UniqueConstraint(fields=["association", "year"], name="one_plan_per_year"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(adopted_on__isnull=False), name="adopted_plan_has_a_date"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plan:detail", kwargs={"slug": self.association.slug, "year": self.year})


class SectionKind(models.TextChoices):
    TEXT = "text", _("Text")
    BLOCK = "block", _("Genererad tabell")


class Section(AssociationOwned):  # avsnitt
    association_path = "plan__association"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections", verbose_name=_("plan"))
    position = models.PositiveIntegerField(_("ordning"), default=0)
    heading = models.CharField(_("rubrik"), max_length=200)
    kind = models.CharField(_("slag"), max_length=5, choices=SectionKind.choices, default=SectionKind.TEXT)
    body = models.TextField(
        _("text"), blank=True, help_text=_("Markdown: # rubrik, - punktlista, *kursiv*, **fet**.")
    )
    block = models.CharField(_("tabell"), max_length=30, blank=True)
    block_years = models.CharField(
        _("år i tabellen"),
        max_length=60,
        blank=True,
        help_text=_("För medlemsavgifterna, t.ex. 2007, 2008. Tomt: planåret."),
    )

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        ordering = ["plan", "position", "pk"]
        verbose_name = _("avsnitt")
        verbose_name_plural = _("avsnitt")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="text") | ~Q(block=""), name="a_block_section_names_its_block"
            ),
        ]

    def __str__(self) -> str:
        return self.heading

    def years(self) -> list[int]:
        years = [
            int(part) for part in self.block_years.replace(";", ",").split(",") if part.strip().isdigit()
        ]
        return years or [self.plan.year]


class CycleItem(AssociationOwned):  # årsprocessen
    association_path = "plan__association"

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="cycle_items", verbose_name=_("plan")
    )
    position = models.PositiveIntegerField(_("ordning"), default=0)
    when = models.CharField(_("när"), max_length=60, help_text=_("T.ex. mars eller april–maj."))
    what = models.CharField(_("vad"), max_length=300)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        ordering = ["plan", "position", "pk"]
        verbose_name = _("punkt i årsprocessen")
        verbose_name_plural = _("årsprocessen")

    def __str__(self) -> str:
        return f"{self.when}: {self.what}"


class RiskItem(AssociationOwned):  # riskanalys och internkontroll
    association_path = "plan__association"

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="risk_items", verbose_name=_("plan")
    )
    position = models.PositiveIntegerField(_("ordning"), default=0)
    risk = models.CharField(_("risk"), max_length=300)
    likelihood = models.PositiveSmallIntegerField(_("sannolikhet (1–4)"), default=2)
    consequence = models.PositiveSmallIntegerField(_("konsekvens (1–4)"), default=2)
    control = models.CharField(_("kontroll/åtgärd"), max_length=300)
    responsible = models.CharField(_("ansvarig"), max_length=100, blank=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        ordering = ["plan", "position", "pk"]
        verbose_name = _("risk")
        verbose_name_plural = _("riskanalys och internkontroll")
        constraints = [
            models.CheckConstraint(
                condition=Q(likelihood__gte=1, likelihood__lte=4, consequence__gte=1, consequence__lte=4),
                name="risk_scale_1_to_4",
            ),
        ]

    def __str__(self) -> str:
        return self.risk

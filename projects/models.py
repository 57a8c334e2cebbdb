"""Projects (insatser) the association funds.

Contract used by other apps (keep these names): Project(association, number, name, owner, kind, status, start,
start_precision, end, end_precision), ProjectKind, ProjectStatus, ProjectYearAmount(project, year, amount).
A project's granted total is the sum of its yearly amounts (derived, never stored beside them).
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from finsam.history import AssociationHistoryBase
from finsam.lib.periods import DatePrecision
from finsam.models import AssociationOwned, ScopedQuerySet


class ProjectKind(models.TextChoices):
    INDIVIDUAL = "individ", _("Individinriktad")
    STRUCTURAL = "struktur", _("Strukturinriktad")


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planerad")
    RUNNING = "running", _("Pågående")
    ENDED = "ended", _("Avslutad")
    CANCELLED = "cancelled", _("Avbruten")


class Project(AssociationOwned):  # insats (äldre dokument: projekt)
    association = models.ForeignKey(
        "finsam.Association",
        on_delete=models.CASCADE,
        related_name="projects",
        verbose_name=_("samordningsförbund"),
    )
    number = models.CharField(_("nummer"), max_length=20, blank=True)
    name = models.CharField(_("namn"), max_length=200)
    owner = models.ForeignKey(
        "members.MemberOrganisation",
        on_delete=models.PROTECT,
        related_name="owned_projects",
        verbose_name=_("insatsägare"),
    )
    kind = models.CharField(
        _("slag"), max_length=10, choices=ProjectKind.choices, default=ProjectKind.INDIVIDUAL
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED
    )
    start = models.DateField(_("start"))
    start_precision = models.CharField(
        _("precision för start"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    end = models.DateField(_("slut"), null=True, blank=True)
    end_precision = models.CharField(
        _("precision för slut"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        ordering = ["association", "start", "name"]
        verbose_name = _("insats")
        verbose_name_plural = _("insatser")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")), name="project_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.name}".strip()


class ProjectYearAmount(AssociationOwned):  # beviljat belopp per kalenderår
    association_path = "project__association"

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="year_amounts", verbose_name=_("insats")
    )
    year = models.PositiveSmallIntegerField(_("år"))
    amount = models.BigIntegerField(_("belopp (kr)"))  # whole kronor

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        ordering = ["project", "year"]
        verbose_name = _("belopp per år")
        verbose_name_plural = _("belopp per år")
        constraints = [
            models.UniqueConstraint(fields=["project", "year"], name="one_amount_per_project_and_year"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="year_amount_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.year}"

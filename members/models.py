"""Member organisations of an association and their fees.

Contract used by other apps (keep these names): MemberOrganisation(association, name, kind, member_from,
member_to), MemberKind, FeeYear(association, year, total, status), Population(member, reference_date,
age_band, inhabitants), AgeBand.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from finsam.history import AssociationHistoryBase
from finsam.models import AssociationOwned, ScopedQuerySet


class MemberKind(models.TextChoices):
    FORSAKRINGSKASSAN = "forsakringskassan", _("Försäkringskassan")
    ARBETSFORMEDLINGEN = "arbetsformedlingen", _("Arbetsförmedlingen")
    REGION = "region", _("Region")
    MUNICIPALITY = "kommun", _("Kommun")


class MemberOrganisation(AssociationOwned):  # medlem
    association = models.ForeignKey(
        "finsam.Association",
        on_delete=models.CASCADE,
        related_name="members",
        verbose_name=_("samordningsförbund"),
    )
    name = models.CharField(_("namn"), max_length=120)
    kind = models.CharField(_("slag"), max_length=20, choices=MemberKind.choices)
    org_number = models.CharField(_("organisationsnummer"), max_length=11, blank=True)
    member_from = models.DateField(_("medlem från"), null=True, blank=True)
    member_to = models.DateField(_("medlem till"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        ordering = ["association", "kind", "name"]
        verbose_name = _("medlemsorganisation")
        verbose_name_plural = _("medlemsorganisationer")
        constraints = [
            models.UniqueConstraint(fields=["association", "name"], name="member_name_unique_in_association"),
            models.CheckConstraint(
                condition=Q(member_to__isnull=True)
                | Q(member_from__isnull=True)
                | Q(member_to__gte=F("member_from")),
                name="membership_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class FeeStatus(models.TextChoices):
    PRELIMINARY = "preliminary", _("Preliminär")
    FINAL = "final", _("Fastställd")


class FeeYear(AssociationOwned):  # medlemsavgifter (medlemsinsatser) för ett år
    association = models.ForeignKey(
        "finsam.Association",
        on_delete=models.CASCADE,
        related_name="fee_years",
        verbose_name=_("samordningsförbund"),
    )
    year = models.PositiveSmallIntegerField(_("år"))
    total = models.BigIntegerField(
        _("total medlemsavgift (kr)"), help_text=_("Hela kronor, t.ex. 15000000.")
    )  # kronor
    status = models.CharField(
        _("status"), max_length=12, choices=FeeStatus.choices, default=FeeStatus.PRELIMINARY
    )

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        ordering = ["association", "year"]
        verbose_name = _("avgiftsår")
        verbose_name_plural = _("avgiftsår")
        constraints = [
            models.UniqueConstraint(fields=["association", "year"], name="one_fee_year_per_year"),
            models.CheckConstraint(condition=Q(total__gt=0), name="fee_total_is_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.association.short_name} {self.year}"


class AgeBand(models.TextChoices):
    AGE_16_64 = "16-64", _("16–64 år")
    AGE_16_65 = "16-65", _("16–65 år")


class Population(AssociationOwned):  # invånare i arbetsför ålder
    """Inhabitants of a municipality in an age band on a reference date (usually 1 November of the year
    before the fee year); used for the fee split (members) and the försörjningsmått (followup)."""

    association_path = "member__association"

    member = models.ForeignKey(
        MemberOrganisation, on_delete=models.CASCADE, related_name="populations", verbose_name=_("kommun")
    )
    reference_date = models.DateField(_("per datum"))
    age_band = models.CharField(
        _("åldersgrupp"), max_length=5, choices=AgeBand.choices, default=AgeBand.AGE_16_64
    )
    inhabitants = models.PositiveIntegerField(_("antal invånare"))

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        ordering = ["member", "reference_date"]
        verbose_name = _("befolkning")
        verbose_name_plural = _("befolkning")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "reference_date", "age_band"],
                name="one_population_per_member_date_and_band",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.reference_date:%Y-%m-%d} ({self.age_band})"

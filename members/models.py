"""Member organisations of an association and their fees.

Contract used by other apps (keep these names): MemberOrganisation(association, name, kind, member_from,
member_to), MemberKind, FeeYear(association, year, total, status), Population(member, reference_date,
age_band, inhabitants), AgeBand.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from finsam.fields import MAX_POPULATION, CountField, KronorField, PlausibleDateField, YearField, within
from finsam.history import AssociationHistoryBase
from finsam.models import AssociationOwned, ScopedQuerySet


class MemberKind(models.TextChoices):
    FORSAKRINGSKASSAN = "forsakringskassan", _("Försäkringskassan")
    ARBETSFORMEDLINGEN = "arbetsformedlingen", _("Arbetsförmedlingen")
    REGION = "region", _("Region")
    MUNICIPALITY = "kommun", _("Kommun")


class LocalGroup(AssociationOwned):  # lokal samverkansgrupp (LSG)
    association = models.ForeignKey(
        "finsam.Association",
        on_delete=models.CASCADE,
        related_name="local_groups",
        verbose_name=_("samordningsförbund"),
    )
    name = models.CharField(_("namn"), max_length=80, help_text=_("T.ex. LSG norra."))

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        ordering = ["association", "name"]
        verbose_name = _("lokal samverkansgrupp")
        verbose_name_plural = _("lokala samverkansgrupper")
        constraints = [
            models.UniqueConstraint(
                fields=["association", "name"],
                name="local_group_name_unique",
                violation_error_message=_("Det finns redan en lokal samverkansgrupp med det namnet."),
                violation_error_code="name",
            )
        ]

    def __str__(self) -> str:
        return self.name


class MemberQuerySet(ScopedQuerySet):
    def active_in(self, year: int):
        """Members whose membership covers some part of `year`."""
        return self.filter(
            Q(member_from__isnull=True) | Q(member_from__year__lte=year),
            Q(member_to__isnull=True) | Q(member_to__year__gte=year),
        )


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
    member_from = PlausibleDateField(_("medlem från"), null=True, blank=True)
    member_to = PlausibleDateField(_("medlem till"), null=True, blank=True)
    former_name = models.CharField(
        _("tidigare namn"),
        max_length=120,
        blank=True,
        help_text=_("T.ex. Landstinget Sörmland före Region Sörmland."),
    )
    name_since = PlausibleDateField(
        _("nuvarande namn sedan"),
        null=True,
        blank=True,
        help_text=_("Före detta datum visas det tidigare namnet."),
    )
    local_group = models.ForeignKey(
        LocalGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("lokal samverkansgrupp"),
    )

    objects = MemberQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        ordering = ["association", "kind", "name"]
        verbose_name = _("medlemsorganisation")
        verbose_name_plural = _("medlemsorganisationer")
        constraints = [
            models.UniqueConstraint(
                fields=["association", "name"],
                name="member_name_unique_in_association",
                violation_error_message=_("Det finns redan en medlem med det namnet."),
                violation_error_code="name",
            ),
            models.CheckConstraint(
                condition=Q(member_to__isnull=True)
                | Q(member_from__isnull=True)
                | Q(member_to__gte=F("member_from")),
                name="membership_ends_after_it_starts",
                violation_error_message=_("Medlemskapet slutar innan det börjar."),
                violation_error_code="member_to",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def name_in(self, year: int) -> str:
        """The name the organisation had during `year` (the seeds' 2009 table says "Landstinget")."""
        if self.former_name and self.name_since and year < self.name_since.year:
            return self.former_name
        return self.name

    @property
    def is_state(self) -> bool:
        return self.kind in (MemberKind.FORSAKRINGSKASSAN, MemberKind.ARBETSFORMEDLINGEN)


class FeeStatus(models.TextChoices):
    PRELIMINARY = "preliminary", _("Preliminär")
    FINAL = "final", _("Fastställd")


class AgeBand(models.TextChoices):
    AGE_16_64 = "16-64", _("16–64 år")
    AGE_16_65 = "16-65", _("16–65 år")


class SplitMethod(models.TextChoices):
    POPULATION = "population", _("Efter befolkning (invånare i arbetsför ålder)")
    PERCENTAGES = "percentages", _("Fasta procentsatser")


class FeeYear(AssociationOwned):  # medlemsavgifter (medlemsinsatser) för ett år
    association = models.ForeignKey(
        "finsam.Association",
        on_delete=models.CASCADE,
        related_name="fee_years",
        verbose_name=_("samordningsförbund"),
    )
    year = YearField(_("år"))
    total = KronorField(_("total medlemsavgift (kr)"), help_text=_("Hela kronor, t.ex. 15000000."))  # kronor
    status = models.CharField(
        _("status"), max_length=12, choices=FeeStatus.choices, default=FeeStatus.PRELIMINARY
    )
    split_method = models.CharField(
        _("kommunernas fördelning"),
        max_length=12,
        choices=SplitMethod.choices,
        default=SplitMethod.PERCENTAGES,
    )
    population_date = PlausibleDateField(
        _("befolkning per datum"),
        null=True,
        blank=True,
        help_text=_("Vid fördelning efter befolkning: vanligen 1 november året före avgiftsåret."),
    )
    age_band = models.CharField(
        _("åldersgrupp"), max_length=5, choices=AgeBand.choices, default=AgeBand.AGE_16_64
    )
    note = models.CharField(_("anmärkning"), max_length=300, blank=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        ordering = ["association", "year"]
        verbose_name = _("avgiftsår")
        verbose_name_plural = _("avgiftsår")
        constraints = [
            within("total", label=_("Total medlemsavgift")),
            models.UniqueConstraint(
                fields=["association", "year"],
                name="one_fee_year_per_year",
                violation_error_message=_("Det finns redan ett avgiftsår för året."),
                violation_error_code="year",
            ),
            models.CheckConstraint(
                condition=Q(total__gt=0),
                name="fee_total_is_positive",
                violation_error_message=_("Den totala medlemsavgiften måste vara större än 0 kr."),
                violation_error_code="total",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Medlemsavgifter %(year)s") % {"year": self.year})


class FixedShare(AssociationOwned):  # fast procentsats för en kommun ett avgiftsår
    association_path = "fee_year__association"

    fee_year = models.ForeignKey(
        FeeYear, on_delete=models.CASCADE, related_name="fixed_shares", verbose_name=_("avgiftsår")
    )
    member = models.ForeignKey(
        MemberOrganisation, on_delete=models.PROTECT, related_name="fixed_shares", verbose_name=_("kommun")
    )
    percent = models.DecimalField(_("andel (%)"), max_digits=6, decimal_places=3)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        ordering = ["fee_year", "member__name"]
        verbose_name = _("fast andel")
        verbose_name_plural = _("fasta andelar")
        constraints = [
            models.UniqueConstraint(
                fields=["fee_year", "member"],
                name="one_share_per_member_and_fee_year",
                violation_error_message=_("Kommunen har redan en andel för avgiftsåret."),
                violation_error_code="member",
            ),
            models.CheckConstraint(
                condition=Q(percent__gte=0) & Q(percent__lte=100),
                name="share_between_0_and_100",
                violation_error_message=_("En andel ligger mellan 0 och 100 %."),
                violation_error_code="percent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.percent} %"


class Population(AssociationOwned):  # invånare i arbetsför ålder
    """Inhabitants of a municipality in an age band on a reference date (usually 1 November of the year
    before the fee year); used for the fee split (members) and the försörjningsmått (followup)."""

    association_path = "member__association"

    member = models.ForeignKey(
        MemberOrganisation, on_delete=models.CASCADE, related_name="populations", verbose_name=_("kommun")
    )
    reference_date = PlausibleDateField(_("per datum"))
    age_band = models.CharField(
        _("åldersgrupp"), max_length=5, choices=AgeBand.choices, default=AgeBand.AGE_16_64
    )
    inhabitants = CountField(_("antal invånare"), limit=MAX_POPULATION)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        ordering = ["member", "reference_date"]
        verbose_name = _("befolkning")
        verbose_name_plural = _("befolkning")
        constraints = [
            within("inhabitants", high=MAX_POPULATION, label=_("Antal invånare")),
            models.UniqueConstraint(
                fields=["member", "reference_date", "age_band"],
                name="one_population_per_member_date_and_band",
                violation_error_message=_(
                    "Kommunen har redan ett invånarantal för datumet och åldersgruppen."
                ),
                violation_error_code="inhabitants",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.reference_date:%Y-%m-%d} ({self.age_band})"


class BoardRole(models.TextChoices):
    MEMBER = "ledamot", _("Ledamot")
    DEPUTY = "ersattare", _("Ersättare")


class BoardOffice(models.TextChoices):
    NONE = "", _("–")
    CHAIR = "ordforande", _("Ordförande")
    VICE_CHAIR = "vice", _("Vice ordförande")


class BoardSeat(AssociationOwned):  # plats i förbundsstyrelsen
    """A person on the board, appointed by a member organisation. Names and roles only, no identity numbers."""

    association_path = "member__association"

    member = models.ForeignKey(
        MemberOrganisation, on_delete=models.CASCADE, related_name="board_seats", verbose_name=_("utsedd av")
    )
    person_name = models.CharField(_("namn"), max_length=120)
    role = models.CharField(_("roll"), max_length=10, choices=BoardRole.choices)
    party = models.CharField(
        _("parti eller organisation"), max_length=60, blank=True, help_text=_("T.ex. (s), (m).")
    )
    office = models.CharField(
        _("uppdrag i styrelsen"), max_length=10, choices=BoardOffice.choices, blank=True
    )
    term_from = PlausibleDateField(_("mandat från"))
    term_to = PlausibleDateField(_("mandat till"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        ordering = ["member__name", "role", "person_name"]
        verbose_name = _("styrelseplats")
        verbose_name_plural = _("styrelseplatser")
        constraints = [
            models.CheckConstraint(
                condition=Q(term_to__isnull=True) | Q(term_to__gte=F("term_from")),
                name="board_term_ends_after_start",
                violation_error_message=_("Mandatet slutar innan det börjar."),
                violation_error_code="term_to",
            ),
        ]

    def __str__(self) -> str:
        party = f" ({self.party.strip('()')})" if self.party else ""
        return f"{self.person_name}{party}"

    def serves_in(self, year: int) -> bool:
        return self.term_from.year <= year and (self.term_to is None or self.term_to.year >= year)


class PreparatoryGroupMember(AssociationOwned):  # ledamot i beredningsgruppen
    association_path = "member__association"

    member = models.ForeignKey(
        MemberOrganisation,
        on_delete=models.CASCADE,
        related_name="preparatory_members",
        verbose_name=_("företräder"),
    )
    person_name = models.CharField(_("namn"), max_length=120)
    title = models.CharField(_("befattning"), max_length=120, blank=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        ordering = ["member__name", "person_name"]
        verbose_name = _("ledamot i beredningsgruppen")
        verbose_name_plural = _("beredningsgruppen")

    def __str__(self) -> str:
        return self.person_name

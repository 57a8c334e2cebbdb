"""Projects (insatser) the association funds, from application and board decision to requisitions.

Contract used by other apps (keep these names): Project(association, number, name, owner, kind, status, start,
start_precision, end, end_precision), ProjectKind, ProjectStatus, ProjectYearAmount(project, year, amount).

Money: the board decides a granted total (Decision.granted_amount, whole kronor; a later decision may add to or
reduce it); the project's yearly amounts split that total over calendar years and must always add up to the sum of
its granted decisions (checked by the services and forms, see projects/amounts.py).
"""

from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from finsam.fields import KronorField, PlausibleDateField, YearField, within
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


class SpecifiedFocus(models.TextChoices):
    """The return's "preciserad inriktning", kept in this one place.

    Försäkringskassan's fixed list was not found in the sources available (see README, "Uppföljning Finsam"):
    these choices are provisional and are replaced here, and only here, when the return's list is at hand.
    Searched: finsam.se's "Användarhandledning" for Uppföljning Finsam (https://www.finsam.se/uppfoljning/
    anvandarhandledning) says only that the guidance on the choice sits behind the information icon at the question
    in the system itself, and that the kind (individinriktad or strukturövergripande), the follow-up method and ESF
    funding cannot be changed once the project is created; the list is not published there.
    """

    PRE_REHABILITATION = "pre_rehab", _("Förrehabilitering, förberedande insatser")
    VOCATIONAL = "vocational", _("Arbetslivsinriktad rehabilitering")
    ASSESSMENT = "assessment", _("Kartläggning och bedömning av arbetsförmåga")
    COORDINATION = "coordination", _("Samordning kring den enskilde")
    YOUNG = "young", _("Unga utanför arbete och studier")
    STAFF_TRAINING = "staff_training", _("Kompetensutveckling för personal")
    COOPERATION = "cooperation", _("Utveckling av samverkan och strukturer")
    OTHER = "other", _("Annan inriktning")


class StartStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Bekräftad")
    PRELIMINARY = "preliminary", _("Preliminär")
    DELAYED = "delayed", _("Försenad")
    UNKNOWN = "unknown", _("Okänd period")


def project_label(number: str, name: str) -> str:
    """A project as pages and documents name it ("3 SIKTA", or the name alone without a number); also for rows
    read as plain values."""
    return f"{number} {name}".strip()


class ProjectQuerySet(ScopedQuerySet):
    def running_in(self, year: int):
        """Projects with an amount for `year`, or planned/running ones whose period touches it.

        A project that has ended without a known end date (older plans) shows only in the years it has amounts.
        """
        period = Q(start__year__lte=year) & (Q(end__isnull=True) | Q(end__year__gte=year))
        active = Q(status__in=[ProjectStatus.PLANNED, ProjectStatus.RUNNING])
        # EXISTS, not a join to the amounts and DISTINCT: sorting whole project rows (long texts) to drop the
        # duplicates cost more than everything else on the pages that list a year's projects
        has_amount = Exists(ProjectYearAmount.objects.filter(project=OuterRef("pk"), year=year))
        return self.filter(has_amount | (period & active))


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
        null=True,
        blank=True,
        help_text=_("Lämna tomt bara om ägaren inte är känd (t.ex. ur ett äldre dokument)."),
    )
    participants = models.ManyToManyField(
        "members.MemberOrganisation",
        blank=True,
        related_name="participating_projects",
        verbose_name=_("deltagande medlemmar"),
    )
    whole_county = models.BooleanField(_("hela länet"), default=False)
    area_municipalities = models.ManyToManyField(
        "members.MemberOrganisation",
        blank=True,
        related_name="area_projects",
        verbose_name=_("område (kommuner)"),
    )
    focus = models.CharField(_("inriktning"), max_length=200, blank=True)
    target_group = models.CharField(_("målgrupp"), max_length=200, blank=True)
    long_term_county_wide = models.BooleanField(
        _("långsiktig och länsövergripande"),
        default=False,
        help_text=_("Räknas in i andelen för 75/25-regeln."),
    )
    esf_funded = models.BooleanField(_("ESF-finansierad"), default=False)
    specified_focus = models.CharField(
        _("preciserad inriktning (Uppföljning Finsam)"),
        max_length=20,
        choices=SpecifiedFocus.choices,
        blank=True,
    )
    follow_up_method = models.CharField(
        _("uppföljningsmetod"), max_length=200, blank=True, help_text=_("T.ex. antal deltagare per kön.")
    )
    # Staff of the project owner who receives the reminders; never a participant.
    contact_name = models.CharField(_("kontaktperson"), max_length=100, blank=True)
    contact_email = models.EmailField(_("kontaktpersonens e-post"), blank=True)
    start_status = models.CharField(
        _("status för start"), max_length=12, choices=StartStatus.choices, default=StartStatus.CONFIRMED
    )
    note = models.CharField(_("anmärkning"), max_length=300, blank=True)
    kind = models.CharField(
        _("slag"), max_length=10, choices=ProjectKind.choices, default=ProjectKind.INDIVIDUAL
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED
    )
    start = PlausibleDateField(_("start"))
    start_precision = models.CharField(
        _("precision för start"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    end = PlausibleDateField(_("slut"), null=True, blank=True)
    end_precision = models.CharField(
        _("precision för slut"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )

    objects = ProjectQuerySet.as_manager()
    history = HistoricalRecords(
        bases=[AssociationHistoryBase], m2m_fields=[participants, area_municipalities]
    )

    class Meta:
        ordering = ["association", "start", "name"]
        verbose_name = _("insats")
        verbose_name_plural = _("insatser")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="project_ends_after_start",
                violation_error_message=_("Insatsen slutar innan den börjar."),
                violation_error_code="end",
            ),
        ]

    def __str__(self) -> str:
        return project_label(self.number, self.name)

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("projects:detail", kwargs={"slug": self.association.slug, "pk": self.pk})

    @property
    def start_display(self) -> str:
        from finsam.lib.periods import format_vague_date

        if self.start_status == StartStatus.UNKNOWN:
            return str(StartStatus.UNKNOWN.label)  # the dates stored only place the project in its year
        text = format_vague_date(self.start, self.start_precision)
        if self.start_status == StartStatus.PRELIMINARY:
            return f"prel. {text}"  # "prel." says it once: not "Preliminär, prel. 2007-01-01"
        if self.start_status == StartStatus.DELAYED:
            return f"{self.get_start_status_display()}, prel. {text}"
        return text

    @property
    def end_display(self) -> str:
        from finsam.lib.periods import format_vague_date

        if self.start_status == StartStatus.UNKNOWN:
            return ""
        return format_vague_date(self.end, self.end_precision)


class ProjectYearAmount(AssociationOwned):  # beviljat belopp per kalenderår
    association_path = "project__association"

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="year_amounts", verbose_name=_("insats")
    )
    year = YearField(_("år"))
    amount = KronorField(_("belopp (kr)"))  # whole kronor

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        ordering = ["project", "year"]
        verbose_name = _("belopp per år")
        verbose_name_plural = _("belopp per år")
        constraints = [
            within("amount", label=_("Belopp")),
            models.UniqueConstraint(
                fields=["project", "year"],
                name="one_amount_per_project_and_year",
                violation_error_message=_("Insatsen har redan ett belopp för året."),
                violation_error_code="year",
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="year_amount_not_negative",
                violation_error_message=_("Ett belopp kan inte vara negativt."),
                violation_error_code="amount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.year}"


class ApplicationRound(AssociationOwned):  # ansökningsomgång
    association = models.ForeignKey(
        "finsam.Association",
        on_delete=models.CASCADE,
        related_name="application_rounds",
        verbose_name=_("samordningsförbund"),
    )
    name = models.CharField(_("namn"), max_length=100, help_text=_("T.ex. Våren 2023."))
    deadline = PlausibleDateField(_("sista ansökningsdag"))
    decision_meeting = PlausibleDateField(_("beslutande styrelsemöte"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        ordering = ["association", "-deadline"]
        verbose_name = _("ansökningsomgång")
        verbose_name_plural = _("ansökningsomgångar")

    def __str__(self) -> str:
        return self.name


class ApplicationStatus(models.TextChoices):
    RECEIVED = "received", _("Inkommen")
    GRANTED = "granted", _("Beviljad")
    DECLINED = "declined", _("Avslagen")
    WITHDRAWN = "withdrawn", _("Återkallad")


class Application(AssociationOwned):  # ansökan
    association = models.ForeignKey(
        "finsam.Association",
        on_delete=models.CASCADE,
        related_name="applications",
        verbose_name=_("samordningsförbund"),
    )
    round = models.ForeignKey(
        ApplicationRound,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("ansökningsomgång"),
    )
    name = models.CharField(_("insatsens namn"), max_length=200)
    applicant = models.ForeignKey(
        "members.MemberOrganisation",
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("sökande (insatsägare)"),
    )
    participants = models.ManyToManyField(
        "members.MemberOrganisation",
        blank=True,
        related_name="participating_applications",
        verbose_name=_("deltagande medlemmar"),
    )
    whole_county = models.BooleanField(_("hela länet"), default=False)
    area_municipalities = models.ManyToManyField(
        "members.MemberOrganisation",
        blank=True,
        related_name="area_applications",
        verbose_name=_("område (kommuner)"),
    )
    focus = models.CharField(_("inriktning"), max_length=200, blank=True)
    target_group = models.CharField(_("målgrupp"), max_length=200, blank=True)
    kind = models.CharField(
        _("slag"), max_length=10, choices=ProjectKind.choices, default=ProjectKind.INDIVIDUAL
    )
    start = PlausibleDateField(_("planerad start"))
    end = PlausibleDateField(_("planerat slut"))
    received_on = PlausibleDateField(_("inkom"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.RECEIVED
    )

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(
        bases=[AssociationHistoryBase], m2m_fields=[participants, area_municipalities]
    )

    class Meta:
        ordering = ["association", "-start", "name"]
        verbose_name = _("ansökan")
        verbose_name_plural = _("ansökningar")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=F("start")),
                name="application_ends_after_start",
                violation_error_message=_("Det planerade slutet ligger före starten."),
                violation_error_code="end",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ApplicationYearAmount(AssociationOwned):  # sökt belopp per år
    association_path = "application__association"

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="year_amounts", verbose_name=_("ansökan")
    )
    year = YearField(_("år"))
    amount = KronorField(_("sökt belopp (kr)"))  # kronor

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        ordering = ["application", "year"]
        verbose_name = _("sökt belopp per år")
        verbose_name_plural = _("sökta belopp per år")
        constraints = [
            within("amount", label=_("Sökt belopp")),
            models.UniqueConstraint(
                fields=["application", "year"],
                name="one_applied_amount_per_year",
                violation_error_message=_("Ansökan har redan ett belopp för året."),
                violation_error_code="year",
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="applied_amount_not_negative",
                violation_error_message=_("Ett sökt belopp kan inte vara negativt."),
                violation_error_code="amount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} {self.year}"


class DecisionOutcome(models.TextChoices):
    GRANTED = "granted", _("Beviljad")
    REDUCED = "reduced", _("Minskning")
    DECLINED = "declined", _("Avslag")


# What a decision does to the project's granted total (kronor): a grant adds, a reduction takes away.
SIGNED_AMOUNT = models.Case(
    models.When(outcome="granted", then=F("granted_amount")),
    models.When(outcome="reduced", then=-F("granted_amount")),
    default=models.Value(0),
    output_field=models.BigIntegerField(),
)


class Decision(AssociationOwned):  # styrelsebeslut
    association = models.ForeignKey(
        "finsam.Association",
        on_delete=models.CASCADE,
        related_name="decisions",
        verbose_name=_("samordningsförbund"),
    )
    application = models.ForeignKey(
        Application,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("ansökan"),
    )
    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("insats"),
    )
    decided_on = PlausibleDateField(_("beslutsdatum"), null=True, blank=True)
    meeting = models.CharField(
        _("sammanträde"), max_length=100, blank=True, help_text=_("T.ex. Styrelsemöte 2023-03-15, § 12.")
    )
    reference = models.CharField(_("diarienummer (Dnr)"), max_length=40, blank=True)
    outcome = models.CharField(
        _("beslut"), max_length=10, choices=DecisionOutcome.choices, default=DecisionOutcome.GRANTED
    )
    # kronor, always positive: what this decision grants, or takes away when its outcome is a reduction
    granted_amount = KronorField(_("beviljat belopp (kr)"), default=0)
    conditions = models.TextField(_("villkor"), blank=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        ordering = ["association", "decided_on", "pk"]
        verbose_name = _("beslut")
        verbose_name_plural = _("beslut")
        constraints = [
            within("granted_amount", label=_("Beviljat belopp")),
            models.CheckConstraint(
                condition=~Q(outcome="declined") | Q(granted_amount=0),
                name="a_declined_decision_grants_nothing",
                violation_error_message=_("Ett avslag beviljar inget belopp: ange 0 kr."),
                violation_error_code="granted_amount",
            ),
            models.CheckConstraint(
                condition=Q(outcome="declined") | Q(granted_amount__gt=0),
                name="a_grant_or_reduction_has_an_amount",
                violation_error_message=_("Ett beviljat eller minskat belopp måste vara större än 0 kr."),
                violation_error_code="granted_amount",
            ),
        ]

    def __str__(self) -> str:
        date = self.decided_on.isoformat() if self.decided_on else _("okänt datum")
        return f"{self.get_outcome_display()} {date}"


class Requisition(AssociationOwned):  # rekvirerade medel
    association_path = "project__association"

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="requisitions", verbose_name=_("insats")
    )
    period_start = PlausibleDateField(_("period från"))
    period_end = PlausibleDateField(_("period till"))
    amount = KronorField(_("rekvirerat belopp (kr)"))  # kronor
    received_on = PlausibleDateField(_("inkom"), null=True, blank=True)
    note = models.CharField(_("anmärkning"), max_length=200, blank=True)
    # made up to show the pages (the demo's), and said so wherever the figure is reported
    is_example = models.BooleanField(_("exempeldata"), default=False)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        ordering = ["project", "period_start"]
        verbose_name = _("rekvisition")
        verbose_name_plural = _("rekvisitioner")
        constraints = [
            within("amount", label=_("Rekvirerat belopp")),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="requisition_period_in_order",
                violation_error_message=_("Perioden slutar innan den börjar."),
                violation_error_code="period_end",
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="requisition_not_negative",
                violation_error_message=_("Ett rekvirerat belopp kan inte vara negativt."),
                violation_error_code="amount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project}: {self.period_start:%Y-%m-%d}–{self.period_end:%Y-%m-%d}"


class ProjectRules(AssociationOwned):  # förbundets regler för insatser
    association = models.OneToOneField(
        "finsam.Association",
        on_delete=models.CASCADE,
        related_name="project_rules",
        verbose_name=_("samordningsförbund"),
    )
    max_length_months = models.PositiveSmallIntegerField(
        _("längsta insatstid (månader)"),
        null=True,
        blank=True,
        default=36,
        help_text=_("T.ex. 36 för högst tre år."),
    )
    min_long_term_share = models.DecimalField(
        _("lägsta andel i långsiktiga länsövergripande insatser (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("T.ex. 75. Lämna tomt om förbundet inte har regeln."),
    )
    share_rule_from_year = YearField(
        _("andelsregeln gäller från år"), null=True, blank=True, help_text=_("T.ex. 2022. Tomt: alla år.")
    )

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        verbose_name = _("regler för insatser")
        verbose_name_plural = _("regler för insatser")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_long_term_share__isnull=True)
                | (Q(min_long_term_share__gte=0) & Q(min_long_term_share__lte=100)),
                name="long_term_share_is_a_percentage",
                violation_error_message=_("Andelen ligger mellan 0 och 100 %."),
                violation_error_code="min_long_term_share",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Regler för insatser"))

"""Follow-up: goals and result targets, period figures per project, the association's own activities.

Only counts are stored, always split by gender (women, men, other/not stated): no names, no identity numbers,
nothing that points at a person. Indicators are computed (followup/indicators.py), never typed.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from finsam.fields import (
    MAX_COUNT,
    CountField,
    KronorField,
    PlausibleDateField,
    YearField,
    counts_within,
    within,
)
from finsam.history import AssociationHistoryBase
from finsam.models import AssociationOwned, ScopedQuerySet

GENDERS = ("women", "men", "other")
GENDER_LABELS = {"women": _("kvinnor"), "men": _("män"), "other": _("annat/ej angivet")}

# What a participant who ended went on to (SUS).
OUTCOMES = ("work", "studies", "job_seeking", "activity", "sick_leave", "none", "unknown")
OUTCOME_LABELS = {
    "work": _("arbete"),
    "studies": _("studier"),
    "job_seeking": _("arbetssökande"),
    "activity": _("annan insats eller rehabilitering"),
    "sick_leave": _("sjukskrivning"),
    "none": _("ingen sysselsättning"),
    "unknown": _("okänt"),
}
WORK_OR_STUDIES = ("work", "studies")
NEXT_ACTIVITY = ("work", "studies", "job_seeking", "activity")


class FollowupSettings(AssociationOwned):
    association = models.OneToOneField(
        "finsam.Association",
        on_delete=models.CASCADE,
        related_name="followup_settings",
        verbose_name=_("samordningsförbund"),
    )
    periods_per_year = models.PositiveSmallIntegerField(
        _("perioder per år"),
        choices=[(2, _("Halvår (januari–juni, juli–december)")), (3, _("Tertial (fyra månader)"))],
        default=2,
    )
    age_band = models.CharField(
        _("åldersgrupp för försörjningsmåttet"),
        max_length=5,
        choices=[("16-64", _("16–64 år")), ("16-65", _("16–65 år"))],
        default="16-64",
    )
    # Due dates: a period's (or the project's) last day plus these days; reminders around them.
    report_due_days = models.PositiveSmallIntegerField(
        _("dagar efter periodens slut då rapporten ska ha kommit in"), default=30
    )
    requisition_due_days = models.PositiveSmallIntegerField(
        _("dagar efter periodens slut då rekvisitionen ska ha kommit in"), default=30
    )
    remind_days_before = models.PositiveSmallIntegerField(_("påminnelse dagar före förfallodagen"), default=7)
    remind_days_after = models.PositiveSmallIntegerField(_("påminnelse dagar efter förfallodagen"), default=7)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        verbose_name = _("inställningar för uppföljning")
        verbose_name_plural = _("inställningar för uppföljning")

    def __str__(self) -> str:
        return str(_("Inställningar för uppföljning"))


class Goal(AssociationOwned):  # mål
    association = models.ForeignKey(
        "finsam.Association",
        on_delete=models.CASCADE,
        related_name="goals",
        verbose_name=_("samordningsförbund"),
    )
    year = YearField(_("planår"))
    number = models.PositiveSmallIntegerField(_("nummer"))
    text = models.TextField(_("mål"))
    follow_up = models.TextField(
        _("uppföljning"), blank=True, help_text=_("T.ex. SUS, lägesrapporter, intervjuer.")
    )

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        ordering = ["association", "year", "number"]
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        constraints = [
            models.UniqueConstraint(
                fields=["association", "year", "number"],
                name="goal_number_unique",
                violation_error_message=_("Det finns redan ett mål med det numret för året."),
                violation_error_code="number",
            )
        ]

    def __str__(self) -> str:
        return str(_("Mål %(number)s") % {"number": self.number})


class Indicator(models.TextChoices):
    WORK_OR_STUDIES_SHARE = "work_or_studies", _("Andel avslutade till arbete eller studier (%)")
    NEXT_ACTIVITY_SHARE = "next_activity", _("Andel avslutade med efterföljande aktivitet (%)")
    PARTICIPANTS = "participants", _("Antal deltagare i insatserna")
    ACTIVITIES = "activities", _("Antal egna aktiviteter")
    ACTIVITY_PARTICIPANTS = "activity_participants", _("Antal deltagare i egna aktiviteter")
    QUALITATIVE = "qualitative", _("Följs upp kvalitativt (ingen siffra)")


class Comparison(models.TextChoices):
    AT_LEAST = "gte", _("minst")
    AT_MOST = "lte", _("högst")


class ResultTarget(AssociationOwned):  # resultatmål
    association_path = "goal__association"

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="targets", verbose_name=_("mål"))
    text = models.CharField(_("resultatmål"), max_length=300)
    indicator = models.CharField(_("indikator"), max_length=24, choices=Indicator.choices)
    comparison = models.CharField(
        _("jämförelse"), max_length=3, choices=Comparison.choices, default=Comparison.AT_LEAST
    )
    target_value = models.DecimalField(_("målvärde"), max_digits=9, decimal_places=1, null=True, blank=True)
    projects = models.ManyToManyField(
        "projects.Project",
        blank=True,
        related_name="result_targets",
        verbose_name=_("insatser som målet gäller"),
        help_text=_("Tomt: alla individinriktade insatser."),
    )

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase], m2m_fields=[projects])

    class Meta:
        ordering = ["goal", "pk"]
        verbose_name = _("resultatmål")
        verbose_name_plural = _("resultatmål")
        constraints = [
            models.CheckConstraint(
                condition=Q(indicator="qualitative") | Q(target_value__isnull=False),
                name="a_measured_target_has_a_value",
                violation_error_message=_("Ange ett målvärde, eller välj att målet följs upp kvalitativt."),
                violation_error_code="target_value",
            ),
        ]

    def __str__(self) -> str:
        return self.text


class PlannedParticipants(AssociationOwned):  # planerat antal deltagare
    association_path = "project__association"

    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.CASCADE,
        related_name="planned_participants",
        verbose_name=_("insats"),
    )
    year = YearField(_("år"))
    count = CountField(_("planerat antal deltagare"))

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        ordering = ["project", "year"]
        verbose_name = _("planerat antal deltagare")
        verbose_name_plural = _("planerat antal deltagare")
        constraints = [
            within("count", high=MAX_COUNT, label=_("Planerat antal deltagare")),
            models.UniqueConstraint(
                fields=["project", "year"],
                name="one_plan_per_project_and_year",
                violation_error_message=_("Insatsen har redan ett planerat antal deltagare för året."),
                violation_error_code="count",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.year}"


def _counts(prefix: str, label) -> dict:
    return {
        f"{prefix}_{gender}": CountField(f"{label}, {GENDER_LABELS[gender]}", default=0) for gender in GENDERS
    }


def _count_names(prefixes) -> list[str]:
    return [f"{prefix}_{gender}" for prefix in prefixes for gender in GENDERS]


def _period_constraints() -> list:
    constraints = [
        counts_within(_count_names(("started", "participated", "ended", *OUTCOMES))),
        models.UniqueConstraint(
            fields=["project", "year", "period"],
            name="one_report_per_project_and_period",
            violation_error_message=_("Insatsen har redan en rapport för perioden."),
            violation_error_code="period",
        ),
        models.CheckConstraint(
            condition=Q(period__gte=1) & Q(period__lte=3),
            name="period_is_1_to_3",
            violation_error_message=_("Perioden är 1, 2 eller 3."),
            violation_error_code="period",
        ),
    ]
    for gender in GENDERS:
        label = format_lazy("{} {}", _("Avslutade"), GENDER_LABELS[gender].lower())
        outcome_sum = sum(
            (F(f"{outcome}_{gender}") for outcome in OUTCOMES[1:]), F(f"{OUTCOMES[0]}_{gender}")
        )
        constraints += [
            models.CheckConstraint(
                condition=Q(**{f"ended_{gender}__lte": F(f"participated_{gender}")}),
                name=f"ended_not_more_than_participated_{gender}",
                violation_error_message=format_lazy(_("{label}: fler avslutade än deltog."), label=label),
                violation_error_code=f"ended_{gender}",
            ),
            models.CheckConstraint(
                condition=Q(**{f"ended_{gender}": outcome_sum}),
                name=f"outcomes_add_up_to_ended_{gender}",
                violation_error_message=format_lazy(
                    _("{label}: vad de avslutade gick vidare till summerar inte till antalet avslutade."),
                    label=label,
                ),
                violation_error_code=f"ended_{gender}",
            ),
        ]
    return constraints


class PeriodReport(AssociationOwned):  # SUS-siffror för en insats och period
    """Participants of an individual-oriented project in one period (half-year or four months), by gender."""

    association_path = "project__association"

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="period_reports", verbose_name=_("insats")
    )
    year = YearField(_("år"))
    period = models.PositiveSmallIntegerField(
        _("period"), help_text=_("1 = januari–juni (eller första tertialet).")
    )
    is_example = models.BooleanField(_("exempeldata"), default=False)

    locals().update(_counts("started", _("påbörjade")))
    locals().update(_counts("participated", _("deltog")))
    locals().update(_counts("ended", _("avslutade")))
    for _outcome in OUTCOMES:
        locals().update(
            _counts(_outcome, _("avslutade till %(outcome)s") % {"outcome": OUTCOME_LABELS[_outcome]})
        )
    del _outcome

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        ordering = ["project", "year", "period"]
        verbose_name = _("periodrapport")
        verbose_name_plural = _("periodrapporter")
        constraints = _period_constraints()

    def __str__(self) -> str:
        return f"{self.project} {self.year}:{self.period}"

    def count(self, prefix: str, gender: str) -> int:
        return getattr(self, f"{prefix}_{gender}")


class StructuralReport(AssociationOwned):  # strukturinriktad insats: aktiviteter och nådd personal
    association_path = "project__association"

    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.CASCADE,
        related_name="structural_reports",
        verbose_name=_("insats"),
    )
    year = YearField(_("år"))
    period = models.PositiveSmallIntegerField(_("period"))
    activities = CountField(_("antal aktiviteter"), default=0)
    is_example = models.BooleanField(_("exempeldata"), default=False)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        ordering = ["project", "year", "period"]
        verbose_name = _("rapport för strukturinriktad insats")
        verbose_name_plural = _("rapporter för strukturinriktade insatser")
        constraints = [
            within("activities", high=MAX_COUNT, label=_("Antal aktiviteter")),
            models.UniqueConstraint(
                fields=["project", "year", "period"],
                name="one_structural_report_per_period",
                violation_error_message=_("Insatsen har redan en rapport för perioden."),
                violation_error_code="period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.year}:{self.period}"


class StaffReached(AssociationOwned):  # personal som nåtts, per medlemsorganisation
    association_path = "report__project__association"

    report = models.ForeignKey(
        StructuralReport, on_delete=models.CASCADE, related_name="staff", verbose_name=_("rapport")
    )
    member = models.ForeignKey(
        "members.MemberOrganisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("medlemsorganisation"),
    )
    locals().update(_counts("staff", _("personal")))

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        verbose_name = _("nådd personal")
        verbose_name_plural = _("nådd personal")
        constraints = [
            counts_within(_count_names(("staff",))),
            models.UniqueConstraint(
                fields=["report", "member"],
                name="staff_once_per_member",
                violation_error_message=_("Medlemsorganisationen finns redan i rapporten."),
                violation_error_code="member",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} {self.member}"


class ActivityKind(models.TextChoices):
    COMPETENCE = "competence", _("Kompetenshöjande aktivitet")
    SEMINAR = "seminar", _("Seminarium")
    NETWORK = "network", _("Nätverksträff")


class Activity(AssociationOwned):  # förbundets egen aktivitet
    association = models.ForeignKey(
        "finsam.Association",
        on_delete=models.CASCADE,
        related_name="activities",
        verbose_name=_("samordningsförbund"),
    )
    date = PlausibleDateField(_("datum"))
    title = models.CharField(_("rubrik"), max_length=200)
    kind = models.CharField(
        _("slag"), max_length=12, choices=ActivityKind.choices, default=ActivityKind.COMPETENCE
    )
    is_example = models.BooleanField(_("exempeldata"), default=False)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        ordering = ["association", "-date"]
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.title}"


class ActivityParticipants(AssociationOwned):  # deltagare per medlemsorganisation
    association_path = "activity__association"

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="participants", verbose_name=_("aktivitet")
    )
    member = models.ForeignKey(
        "members.MemberOrganisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("medlemsorganisation"),
    )
    locals().update(_counts("count", _("deltagare")))

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        verbose_name = _("deltagare i aktivitet")
        verbose_name_plural = _("deltagare i aktiviteter")
        constraints = [
            counts_within(_count_names(("count",))),
            models.UniqueConstraint(
                fields=["activity", "member"],
                name="participants_once_per_member",
                violation_error_message=_("Medlemsorganisationen finns redan bland deltagarna."),
                violation_error_code="member",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity} {self.member}"


class ReportKind(models.TextChoices):
    STATUS = "status", _("Lägesrapport")
    FINAL = "final", _("Slutrapport")


class StatusReport(AssociationOwned):  # inkommen läges- eller slutrapport
    association_path = "project__association"

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="status_reports", verbose_name=_("insats")
    )
    year = YearField(_("år"))
    period = models.PositiveSmallIntegerField(_("period"))
    kind = models.CharField(_("slag"), max_length=8, choices=ReportKind.choices, default=ReportKind.STATUS)
    received_on = PlausibleDateField(_("inkom"))

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        ordering = ["project", "year", "period"]
        verbose_name = _("inkommen rapport")
        verbose_name_plural = _("inkomna rapporter")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "year", "period", "kind"],
                name="one_report_of_a_kind_per_period",
                violation_error_message=_("Det finns redan en rapport av det slaget för perioden."),
                violation_error_code="kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.project} {self.year}:{self.period}"


class BenefitSum(AssociationOwned):  # utbetald ersättning för försörjningsmåttet
    """Benefits paid (kronor) to the inhabitants of one municipality in one half-year."""

    association_path = "member__association"

    member = models.ForeignKey(
        "members.MemberOrganisation",
        on_delete=models.CASCADE,
        related_name="benefit_sums",
        verbose_name=_("kommun"),
    )
    year = YearField(_("år"))
    half = models.PositiveSmallIntegerField(
        _("halvår"), choices=[(1, _("januari–juni")), (2, _("juli–december"))]
    )
    amount = KronorField(_("utbetald ersättning (kr)"))  # kronor

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        ordering = ["member", "year", "half"]
        verbose_name = _("utbetald ersättning")
        verbose_name_plural = _("utbetalda ersättningar")
        constraints = [
            within("amount", label=_("Utbetald ersättning")),
            models.UniqueConstraint(
                fields=["member", "year", "half"],
                name="one_benefit_sum_per_half_year",
                violation_error_message=_("Kommunen har redan ett belopp för halvåret."),
                violation_error_code="member",
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="benefit_sum_not_negative",
                violation_error_message=_("Ett utbetalt belopp kan inte vara negativt."),
                violation_error_code="amount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.year}:{self.half}"


class ReminderKind(models.TextChoices):
    BEFORE = "before", _("Före förfallodagen")
    AFTER = "after", _("Efter förfallodagen")


class ReminderLog(AssociationOwned):  # skickad påminnelse
    """One reminder e-mail as sent; the unique constraint is what keeps a reminder from going out twice."""

    association = models.ForeignKey(
        "finsam.Association",
        on_delete=models.CASCADE,
        related_name="reminder_logs",
        verbose_name=_("samordningsförbund"),
    )
    item = models.CharField(_("påminnelsen gäller"), max_length=80)  # a due item's key, e.g. status:12:2023:1
    what = models.CharField(_("vad"), max_length=300)
    due = models.DateField(_("förfallodag"))
    kind = models.CharField(_("slag"), max_length=6, choices=ReminderKind.choices)
    recipient = models.EmailField(_("mottagare"))
    sent_at = models.DateTimeField(_("skickad"))

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["association", "-sent_at", "item"]
        verbose_name = _("skickad påminnelse")
        verbose_name_plural = _("skickade påminnelser")
        constraints = [
            models.UniqueConstraint(
                fields=["association", "item", "kind", "recipient"],
                name="one_reminder_per_item_kind_and_recipient",
                violation_error_message=_("Påminnelsen är redan skickad till mottagaren."),
                violation_error_code="recipient",
            )
        ]

    def __str__(self) -> str:
        return f"{self.what} → {self.recipient}"

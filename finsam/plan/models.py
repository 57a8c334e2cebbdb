"""The annual plan (verksamhetsplan och budget): its sections, yearly cycle and risk analysis, and its versions.

The year's report (verksamhetsberättelse) is the plan's twin, a plan of the kind `report`: the same sections
(narrative and generated blocks, the report's own blocks set the year's outcome against the plan), the same PDF
and workbook, the same adoption with its archived versions. Each association has one of each kind per year.

Narrative sections are written by office staff and carried over to next year's plan; generated sections name a
block (finsam/plan/blocks.py) whose tables are always computed from the apps' data. When the board adopts the
plan, a `PlanVersion` keeps the document as adopted (its tables, its PDF and workbook bytes with their SHA-256),
and the plan is locked until a revision is started; adopting the revision makes the next version.
"""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from finsam.fields import PlausibleDateField, PositionField, YearField
from finsam.history import AssociationHistoryBase
from finsam.models import AssociationOwned, RecordGuarded, ScopedQuerySet
from finsam.plan import blocks

PLAN_ADOPTED_MESSAGE = _("Planen är fastställd och kan inte ändras. Starta en revision för att ändra den.")
VERSION_MESSAGE = _("En fastställd version av planen är en handling som inte ändras.")


def refuse_if_plan_adopted(plan_id: int | None) -> None:
    """Every write to a plan's sections, cycle and risks goes through here: an adopted plan is locked."""
    if plan_id is not None and Plan.objects.filter(pk=plan_id, status=PlanStatus.ADOPTED).exists():
        raise ValidationError(PLAN_ADOPTED_MESSAGE, code="adopted")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    ADOPTED = "adopted", _("Fastställd")


class PlanKind(models.TextChoices):
    PLAN = "plan", _("Verksamhetsplan")
    REPORT = "report", _("Verksamhetsberättelse")


class Plan(
    RecordGuarded, AssociationOwned
):  # verksamhetsplan och budget för ett år, eller verksamhetsberättelse
    association = models.ForeignKey(
        "finsam.Association",
        on_delete=models.CASCADE,
        related_name="plans",
        verbose_name=_("samordningsförbund"),
    )
    year = YearField(_("år"))
    kind = models.CharField(
        _("slag av handling"), max_length=6, choices=PlanKind.choices, default=PlanKind.PLAN, editable=False
    )
    title = models.CharField(
        _("titel"), max_length=200, help_text=_("T.ex. Verksamhetsplan och budget 2023.")
    )
    reference = models.CharField(_("diarienummer (Dnr)"), max_length=40, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=PlanStatus.choices, default=PlanStatus.DRAFT, editable=False
    )
    # a revision in progress (set when it starts, carried into the next adopted version)
    revised_on = PlausibleDateField(_("reviderad"), null=True, blank=True, editable=False)
    revision_reason = models.CharField(
        _("skäl till revisionen"),
        max_length=200,
        blank=True,
        editable=False,
        help_text=_("T.ex. utifrån förändrad budget 2010."),
    )
    # PNG or JPEG bytes (finsam.plan.logo validates them), printed on the title page; kept in the database so an
    # adopted version's PDF and a restored history never depend on a file elsewhere.
    logo = models.BinaryField(_("logotyp"), null=True, blank=True, editable=False)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase], excluded_fields=["logo"])

    class Meta:
        ordering = ["association", "-year"]
        verbose_name = _("verksamhetsplan")
        verbose_name_plural = _("verksamhetsplaner")
        constraints = [
            models.UniqueConstraint(
                fields=["association", "year", "kind"],
                name="one_plan_and_one_report_per_year",
                violation_error_message=_("Det finns redan en sådan handling för året."),
                violation_error_code="year",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        name = "plan:report" if self.is_report else "plan:detail"
        return reverse(name, kwargs={"slug": self.association.slug, "year": self.year})

    @property
    def is_report(self) -> bool:
        return self.kind == PlanKind.REPORT

    starting_revision = False  # set by finsam.plan.services.start_revision, the one way to reopen it

    def refuse_write(self) -> None:
        """An adopted plan changes only by starting a revision."""
        if not self.starting_revision:
            refuse_if_plan_adopted(self.pk)

    @property
    def is_adopted(self) -> bool:
        return self.status == PlanStatus.ADOPTED

    @property
    def revision_note(self) -> str:
        return revision_note(self.revised_on, self.revision_reason)


def revision_note(revised_on, reason: str) -> str:
    """ "Reviderad 2010-01-13 utifrån förändrad budget 2010", as the plan's title page prints it."""
    if not revised_on and not reason:
        return ""
    if not revised_on:
        return f"Reviderad {reason}".strip()
    return f"Reviderad {revised_on.isoformat()} {reason}".strip()


class VersionQuerySet(ScopedQuerySet):
    def update(self, **kwargs):
        raise ValidationError(VERSION_MESSAGE, code="record")

    def store_archive(self, *, kind: str, key: str, content: bytes) -> int:
        """The one write an adopted version takes after adoption: its PDF or workbook, once.

        Only a version still waiting for exactly this render (its `<kind>_key`, no SHA-256 yet) gets the bytes,
        so a stored archive is never replaced, whoever renders the same content again."""
        waiting = self.filter(**{f"{kind}_key": key, f"{kind}_sha256": ""})
        digest = hashlib.sha256(content).hexdigest()
        return models.QuerySet.update(waiting, **{kind: content, f"{kind}_sha256": digest})

    def delete(self):
        raise ValidationError(VERSION_MESSAGE, code="record")


class PlanVersion(AssociationOwned):  # fastställd version av planen
    """The plan as the board adopted it: the document, the PDF and the workbook, never changed afterwards.

    A download of an adopted version serves exactly these bytes (same SHA-256 every time). Written once, at
    adoption; a version adopted before archives existed gets its archive once, after migrating (plan/apps.py).
    """

    association_path = "plan__association"

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="versions", verbose_name=_("plan"))
    number = models.PositiveSmallIntegerField(_("version"))
    adopted_on = PlausibleDateField(_("fastställd"))
    reference = models.CharField(_("diarienummer (Dnr)"), max_length=40, blank=True)
    paragraph = models.CharField(
        _("paragraf i protokollet"), max_length=40, blank=True, help_text=_("T.ex. § 12.")
    )
    revised_on = PlausibleDateField(_("reviderad"), null=True, blank=True)
    revision_reason = models.CharField(_("skäl till revisionen"), max_length=200, blank=True)
    document = models.JSONField(_("dokumentet"), null=True, blank=True)  # finsam.plan.document.PlanDocument
    pdf = models.BinaryField(_("PDF"), null=True, blank=True)
    pdf_sha256 = models.CharField(_("PDF:ens SHA-256"), max_length=64, blank=True)
    xlsx = models.BinaryField(_("arbetsbok"), null=True, blank=True)
    xlsx_sha256 = models.CharField(_("arbetsbokens SHA-256"), max_length=64, blank=True)
    # The renders (RenderedFile.key) the archive is made from: the worker renders them once from the document as
    # adopted and stores the bytes here (VersionQuerySet.store_archive); until then downloads wait for them.
    pdf_key = models.CharField(max_length=64, blank=True, editable=False)
    xlsx_key = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("registrerad"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registrerad av"),
    )

    objects = VersionQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = _("fastställd planversion")
        verbose_name_plural = _("fastställda planversioner")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="one_plan_version_number",
                violation_error_message=_("Versionsnumret finns redan för planen."),
                violation_error_code="number",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} v{self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None and PlanVersion.objects.filter(pk=self.pk, document__isnull=False).exists():
            raise ValidationError(VERSION_MESSAGE, code="record")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(VERSION_MESSAGE, code="record")

    @property
    def revision_note(self) -> str:
        return revision_note(self.revised_on, self.revision_reason)

    def is_archived(self, kind: str) -> bool:
        return bool(self.pdf_sha256 if kind == "pdf" else self.xlsx_sha256)


class SectionKind(models.TextChoices):
    TEXT = "text", _("Text")
    BLOCK = "block", _("Genererad tabell")


class Section(RecordGuarded, AssociationOwned):  # avsnitt
    association_path = "plan__association"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections", verbose_name=_("plan"))
    position = PositionField(_("ordning"), default=0)
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
    # Sections flow on in the printed plan; a new page only where the office asks for one.
    page_break_before = models.BooleanField(_("Ny sida före avsnittet"), default=False)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        ordering = ["plan", "position", "pk"]
        verbose_name = _("avsnitt")
        verbose_name_plural = _("avsnitt")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="text") | ~Q(block=""),
                name="a_block_section_names_its_block",
                violation_error_message=_("Välj vilken tabell avsnittet ska visa."),
                violation_error_code="block",
            ),
        ]

    @staticmethod
    def history_display(field_name: str, value) -> str | None:
        """The history names a generated section's table by its label, as the section form does."""
        if field_name != "block":
            return None
        block = blocks.get(value)
        return str(block.label) if block else None

    def refuse_write(self) -> None:
        refuse_if_plan_adopted(self.plan_id)

    def __str__(self) -> str:
        return self.heading

    def years(self) -> list[int]:
        years = [
            int(part) for part in self.block_years.replace(";", ",").split(",") if part.strip().isdigit()
        ]
        return years or [self.plan.year]


class CycleItem(RecordGuarded, AssociationOwned):  # årsprocessen
    association_path = "plan__association"

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="cycle_items", verbose_name=_("plan")
    )
    position = PositionField(_("ordning"), default=0)
    when = models.CharField(_("när"), max_length=60, help_text=_("T.ex. mars eller april–maj."))
    what = models.CharField(_("vad"), max_length=300)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        ordering = ["plan", "position", "pk"]
        verbose_name = _("punkt i årsprocessen")
        verbose_name_plural = _("årsprocessen")

    def refuse_write(self) -> None:
        refuse_if_plan_adopted(self.plan_id)

    def __str__(self) -> str:
        return f"{self.when}: {self.what}"


class RiskItem(RecordGuarded, AssociationOwned):  # riskanalys och internkontroll
    association_path = "plan__association"

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="risk_items", verbose_name=_("plan")
    )
    position = PositionField(_("ordning"), default=0)
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
                violation_error_message=_("Sannolikhet och konsekvens anges från 1 till 4."),
                violation_error_code="likelihood",
            ),
        ]

    def refuse_write(self) -> None:
        refuse_if_plan_adopted(self.plan_id)

    def __str__(self) -> str:
        return self.risk


class RenderStatus(models.TextChoices):
    QUEUED = "queued", _("I kö")
    RUNNING = "running", _("Skapas")
    READY = "ready", _("Klar")
    FAILED = "failed", _("Misslyckades")


class RenderedFile(models.Model):  # sparad utskrift av ett utkast
    """A draft plan's PDF or workbook, rendered once per content by the background worker and kept.

    `key` is the SHA-256 of everything the file shows (the serialised document, the workbook's extra tables) and
    of the renderer's own templates and code (finsam/plan/renders.py), so a download of unchanged content serves
    these bytes and any change to a figure, a text or a template makes a new key. A cache, not a record: rows
    are replaced freely (adopted versions keep their own archive in PlanVersion).
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="rendered_files")
    kind = models.CharField(max_length=4)  # "pdf" or "xlsx"
    key = models.CharField(max_length=64, unique=True)
    source = models.JSONField()  # what the worker renders: {"document": …, "extras": […]}
    status = models.CharField(max_length=8, choices=RenderStatus.choices, default=RenderStatus.QUEUED)
    content = models.BinaryField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("sparad utskrift")
        verbose_name_plural = _("sparade utskrifter")
        indexes = [models.Index(fields=["plan", "kind", "status"], name="rendered_plan_kind_status")]

    def __str__(self) -> str:
        return f"{self.plan} {self.kind} {self.key[:12]}"

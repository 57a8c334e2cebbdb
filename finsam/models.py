"""Associations (samordningsförbund) and who may do what in them."""

from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from finsam.fields import PlausibleDateField, check_text
from finsam.history import AssociationHistoryBase, deletion_batch
from finsam.lib.periods import DatePrecision, format_vague_date, normalise_vague_date

# First path segments the site itself uses; an association's slug may not take them.
RESERVED_SLUGS = frozenset({"admin", "konto", "static", "media", "i18n", "api", "sprak", "healthz"})

org_number_validator = RegexValidator(
    r"^\d{6}-\d{4}$", _("Ange organisationsnumret som tio siffror med bindestreck, t.ex. 222000-2733.")
)


class ScopedQuerySet(models.QuerySet):
    """A queryset of rows that belong to an association, reachable along the model's `association_path`."""

    def for_associations(self, association_ids):
        return self.filter(**{f"{self.model.association_path}__in": association_ids})

    def visible_to(self, user):
        from finsam.access import associations_for

        if user.is_superuser:
            return self
        return self.for_associations(associations_for(user))

    def editable_by(self, user):
        from finsam.access import Role, associations_for

        if user.is_superuser:
            return self
        return self.for_associations(associations_for(user, roles=[Role.KANSLI]))


class AssociationOwned(models.Model):
    """Base for every domain model: knows its association, records its history.

    `association_path` names the lookup from the model to its Association ("association" for a direct foreign
    key, "member__association" for a row below a member, …); scoping, the admin and the history page use it.
    """

    association_path: ClassVar[str] = "association"

    class Meta:
        abstract = True

    def clean_fields(self, exclude=None):
        """Text refuses control characters (and line breaks where the field is one line), by any path."""
        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for model_field in self._meta.concrete_fields:
            if exclude and model_field.name in exclude:
                continue
            if isinstance(model_field, models.CharField | models.TextField):
                try:
                    check_text(
                        getattr(self, model_field.attname),
                        multiline=isinstance(model_field, models.TextField),
                    )
                except ValidationError as error:
                    errors.setdefault(model_field.name, []).extend(error.error_list)
        if errors:
            raise ValidationError(errors)

    def delete(self, *args, **kwargs):
        # everything this deletion removes or changes is recorded as one batch, restorable together
        with deletion_batch():
            return super().delete(*args, **kwargs)

    def get_association_id(self) -> int | None:
        target = self
        for step in self.association_path.split("__")[:-1]:
            target = getattr(target, step, None)
            if target is None:
                return None
        return getattr(target, f"{self.association_path.split('__')[-1]}_id", None)


def check_values(model: type[models.Model], **values) -> None:
    """The model's own checks of single fields (bounds, dates, control characters) for values a service is about
    to write, before it does any work; a ValidationError keyed by field, as full_clean() would raise."""
    instance = model(**values)
    instance.clean_fields(exclude={f.name for f in model._meta.concrete_fields if f.name not in values})


class RecordGuarded(models.Model):
    """A row that may not change while what it belongs to is a document of record (an adopted budget or plan).

    Subclasses say when in `refuse_write()`, which raises a ValidationError with the message for the user; every
    save and delete of the row goes through it, whatever the path (page, admin, shell).
    """

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.refuse_write()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self.refuse_write()
        return super().delete(*args, **kwargs)

    def refuse_write(self) -> None:
        raise NotImplementedError


class Association(AssociationOwned):  # samordningsförbund
    association_path: ClassVar[str] = "pk"

    name = models.CharField(_("namn"), max_length=200, unique=True)
    short_name = models.CharField(_("kortnamn"), max_length=60, help_text=_("T.ex. RAR."))
    slug = models.SlugField(
        _("adressnamn"),
        max_length=60,
        unique=True,
        help_text=_("Används i webbadressen, t.ex. rar-sormland. Små bokstäver, siffror och bindestreck."),
    )
    org_number = models.CharField(
        _("organisationsnummer"), max_length=11, blank=True, validators=[org_number_validator]
    )
    county = models.CharField(_("län"), max_length=60, blank=True)
    founded = PlausibleDateField(_("bildat"), null=True, blank=True)
    founded_precision = models.CharField(
        _("precision för bildat"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_("Hur exakt datumet är känt, t.ex. År för ”bildades våren 2005”."),
    )

    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        ordering = ["name"]
        verbose_name = _("samordningsförbund")
        verbose_name_plural = _("samordningsförbund")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("association", kwargs={"slug": self.slug})

    def get_association_id(self) -> int | None:
        return self.pk

    @property
    def founded_display(self) -> str:
        return format_vague_date(self.founded, self.founded_precision)

    def clean(self) -> None:
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {
                    "slug": _("Adressnamnet ”%(slug)s” används av systemet. Välj ett annat.")
                    % {"slug": self.slug}
                }
            )
        if self.founded:
            self.founded = normalise_vague_date(self.founded, self.founded_precision)


class Role(models.TextChoices):
    KANSLI = "kansli", _("Kansli")
    STYRELSE = "styrelse", _("Styrelse")
    REVISOR = "revisor", _("Revisor")


class AccessGrant(AssociationOwned):
    """A user's role in one association. Without a grant the association does not exist for the user."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="grants", verbose_name=_("användare")
    )
    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="grants", verbose_name=_("samordningsförbund")
    )
    role = models.CharField(_("roll"), max_length=10, choices=Role.choices)

    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        ordering = ["association__name", "user__username"]
        verbose_name = _("behörighet")
        verbose_name_plural = _("behörigheter")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "association"],
                name="one_role_per_user_and_association",
                violation_error_message=_("Användaren har redan en roll i förbundet."),
                violation_error_code="user",
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=[choice.value for choice in Role]),
                name="grant_role_is_known",
                violation_error_message=_("Välj en av rollerna kansli, styrelse eller revisor."),
                violation_error_code="role",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.association} ({self.get_role_display()})"


class DashboardVisit(models.Model):
    """When a user last opened an association's dashboard, so it can say what changed since (not audited)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("användare")
    )
    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="+", verbose_name=_("samordningsförbund")
    )
    seen_at = models.DateTimeField(_("senaste besök"))

    class Meta:
        verbose_name = _("besök på översikten")
        verbose_name_plural = _("besök på översikten")
        constraints = [
            models.UniqueConstraint(fields=["user", "association"], name="one_visit_per_user_and_association")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.association}"


class ImportLog(AssociationOwned):  # importerad fil
    """A file imported from Excel: which one (name and SHA-256), what it was, who imported it and what it gave.

    Recorded in the history with the rows the import created; the file itself is not kept once imported.
    """

    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="imports", verbose_name=_("samordningsförbund")
    )
    kind = models.CharField(_("slag"), max_length=20)  # the importing app's name for it, e.g. "budget"
    file_name = models.CharField(_("filnamn"), max_length=200)
    sha256 = models.CharField(_("kontrollsumma (SHA-256)"), max_length=64)
    size = models.PositiveIntegerField(_("storlek (byte)"))
    summary = models.CharField(_("resultat"), max_length=300, blank=True)
    imported_at = models.DateTimeField(_("importerad"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("importerad av"),
    )

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(bases=[AssociationHistoryBase])

    class Meta:
        ordering = ["association", "-imported_at"]
        verbose_name = _("import från Excel")
        verbose_name_plural = _("importer från Excel")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.sha256[:12]})"


class PendingImport(AssociationOwned):  # uppladdad fil som väntar på bekräftelse
    """The uploaded bytes between preview and confirm, keyed by their SHA-256, so the confirm imports exactly
    what was previewed. Deleted when imported; left-over previews are removed after a day."""

    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="+", verbose_name=_("samordningsförbund")
    )
    kind = models.CharField(_("slag"), max_length=20)
    sha256 = models.CharField(_("kontrollsumma (SHA-256)"), max_length=64)
    file_name = models.CharField(_("filnamn"), max_length=200)
    data = models.BinaryField(_("filens innehåll"))
    options = models.JSONField(_("val"), default=dict)
    preview_digest = models.CharField(_("förhandsgranskningens kontrollsumma"), max_length=64)
    created_at = models.DateTimeField(_("uppladdad"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("uppladdad av")
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("väntande import")
        verbose_name_plural = _("väntande importer")
        constraints = [
            models.UniqueConstraint(
                fields=["association", "kind", "sha256", "created_by"], name="one_pending_import_per_file"
            )
        ]

    def __str__(self) -> str:
        return self.file_name

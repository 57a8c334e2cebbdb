"""The Excel import's round trip, shared by the apps: upload, dry-run preview, confirm.

Each app owns its importer (`budget/imports.py`, …): `preview(association, sheets, options) -> Preview` reads the
sheets and says what each row would become, and `apply(association, preview) -> str` writes the preview's plan and
returns a summary. This module only moves the file: it keeps the uploaded bytes server-side between preview and
confirm (a `PendingImport` keyed by SHA-256), re-reads them on confirm and imports only if the preview is still
the same, in one transaction, recorded as an `ImportLog` with the file's name and SHA-256.
"""

import datetime
import hashlib
import json
import re
from dataclasses import asdict, dataclass, field

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from finsam.lib.sheets import MAX_UPLOAD_BYTES, SheetError, read_upload
from finsam.models import ImportLog, PendingImport

UNIT_CHOICES = [
    ("auto", gettext_lazy("Enligt filen (tkr om rubriken säger det, annars kronor)")),
    ("kr", gettext_lazy("Kronor")),
    ("tkr", gettext_lazy("Tusental kronor (tkr)")),
]


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Fil"),
        help_text=gettext_lazy("Excel-arbetsbok (.xlsx) eller CSV-fil (.csv), högst 2 MB."),
        error_messages={
            "required": gettext_lazy("Välj en fil att importera."),
            "empty": gettext_lazy("Filen är tom."),
            "invalid": gettext_lazy("Välj en fil att importera."),
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("Filen är för stor; högst 2 MB tas emot."))
        return upload

    def options(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "file"}


class UnitUploadForm(UploadForm):
    unit = forms.ChoiceField(
        label=gettext_lazy("Belopp i"), choices=UNIT_CHOICES, initial="auto", required=False
    )

    def clean_unit(self):
        return self.cleaned_data["unit"] or "auto"


@dataclass
class Row:
    """One row of the file as the preview shows it."""

    where: str
    label: str
    target: str  # what it becomes: "befintlig budgetrad", "ny medlem", "summa: kontrolleras, sparas inte" …
    figures: list[str] = field(default_factory=list)
    new: bool = False


@dataclass
class Preview:
    columns: list[str] = field(default_factory=list)  # headings of the figures
    rows: list[Row] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # any error: nothing can be imported
    differences: list[str] = field(default_factory=list)  # printed sums that disagree with their parts
    notes: list[str] = field(default_factory=list)
    plan: object = None  # what `apply` writes; plain data

    def digest(self) -> str:
        """SHA-256 over what the preview shows, so a confirm can tell that it would import the same."""
        shown = {
            "columns": self.columns,
            "rows": [asdict(row) for row in self.rows],
            "errors": self.errors,
            "differences": self.differences,
            "notes": self.notes,
        }
        return hashlib.sha256(json.dumps(shown, sort_keys=True, default=str).encode()).hexdigest()


SHA256 = re.compile(r"[0-9a-f]{64}")


def import_page(
    request, *, access, kind: str, importer, form_class, template: str, back_url: str, title: str
):
    """GET: the upload form. POST with a file: the preview. POST `confirm`: import what was previewed."""
    association = access.association
    context = {"access": access, "association": association, "title": title, "back_url": back_url}
    if request.method == "POST" and "confirm" in request.POST:
        return _confirm(request, access, kind, importer, template, back_url, context)
    form = form_class(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return render(request, template, {**context, "form": form})
    upload = form.cleaned_data["file"]
    data = upload.read()
    file_name = upload.name[:200]
    try:
        preview = importer.preview(association, read_upload(file_name, data), form.options())
    except SheetError as error:
        form.add_error("file", str(error))
        return render(request, template, {**context, "form": form})
    sha256 = hashlib.sha256(data).hexdigest()
    PendingImport.objects.filter(
        association=association, created_at__lt=timezone.now() - datetime.timedelta(days=1)
    ).delete()
    PendingImport.objects.update_or_create(
        association=association,
        kind=kind,
        sha256=sha256,
        created_by=request.user,
        defaults={
            "file_name": file_name,
            "data": data,
            "options": form.options(),
            "preview_digest": preview.digest(),
        },
    )
    return render(
        request, template, {**context, "preview": preview, "sha256": sha256, "file_name": file_name}
    )


def _confirm(request, access, kind, importer, template, back_url, context):
    association = access.association
    sha256 = request.POST.get("sha256", "")
    # only a checksum's 64 hex digits reach the query (PostgreSQL refuses a NUL in a string, for one)
    pending = (
        PendingImport.objects.filter(
            association=association, kind=kind, sha256=sha256, created_by=request.user
        ).first()
        if SHA256.fullmatch(sha256)
        else None
    )
    if pending is None:
        messages.error(request, _("Förhandsgranskningen finns inte längre. Ladda upp filen igen."))
        return redirect(request.path)
    data = bytes(pending.data)
    try:
        preview = importer.preview(association, read_upload(pending.file_name, data), pending.options)
    except SheetError as error:  # pragma: no cover: the same bytes were read at the preview
        messages.error(request, str(error))
        return redirect(request.path)
    shown = {**context, "preview": preview, "sha256": pending.sha256, "file_name": pending.file_name}
    if preview.digest() != pending.preview_digest:
        pending.preview_digest = preview.digest()
        pending.save(update_fields=["preview_digest", "created_at"])
        messages.error(
            request,
            _(
                "Uppgifterna har ändrats sedan förhandsgranskningen. Granska den nya förhandsgranskningen och bekräfta igen."
            ),
        )
        return render(request, template, shown)
    if preview.errors:
        messages.error(
            request, _("Filen har fel och har inte importerats. Rätta felen i filen och ladda upp den igen.")
        )
        return render(request, template, shown)
    try:
        with transaction.atomic():
            summary = importer.apply(association, preview)
            ImportLog.objects.create(
                association=association,
                kind=kind,
                file_name=pending.file_name,
                sha256=pending.sha256,
                size=len(data),
                summary=summary[:300],
                imported_by=request.user,
            )
            pending.delete()
    except ValidationError as error:
        messages.error(
            request, _("Ingenting är importerat: %(reason)s") % {"reason": " ".join(error.messages)}
        )
        return render(request, template, shown)
    messages.success(
        request,
        _("%(file)s är importerad: %(summary)s") % {"file": pending.file_name, "summary": summary},
    )
    return redirect(back_url)

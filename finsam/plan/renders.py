"""Draft plans' PDF and workbook, rendered once per content in the background and kept (RenderedFile).

A download builds the document (queries only, fast), hashes everything the file will show, and serves the stored
bytes when that hash was rendered before. Otherwise it enqueues one render (django-tasks: the database backend's
worker in production, at once in tests) and the reader gets a page that refreshes itself until the file is ready.
So a 160-project PDF takes a worker process for its seconds, never a web thread, and a second download of an
unchanged plan costs no render at all.

An adoption goes the same way: the version's document (and the workbook's extra tables) are fixed in the request,
and the worker renders them once; `render_file` then stores the bytes in the version that waits for them
(`PlanVersion.pdf_key`/`xlsx_key`), for good. From then on the version serves its archive, never a render.
"""

import datetime
import hashlib
import json
import logging
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db.models import F
from django.utils import timezone, translation
from django_tasks import task

from finsam.lib.tables import table_from_dict, table_to_dict
from finsam.plan import blocks
from finsam.plan.document import PlanDocument
from finsam.plan.models import Plan, PlanVersion, RenderedFile, RenderStatus
from finsam.plan.pdf import plan_pdf
from finsam.plan.workbook import plan_workbook

logger = logging.getLogger(__name__)

KINDS = ("pdf", "xlsx")
KEPT_PER_PLAN_AND_KIND = 3  # older renders of a draft are dropped once a newer one is ready
EXPECTED_SECONDS = 10  # a first render's guess; later ones take the previous render's duration
STALE_AFTER = datetime.timedelta(
    minutes=15
)  # a render "running" this long lost its worker: it is queued again

# What shapes a file besides its content: a change to any of these renders every file anew.
RENDERER_SOURCES = (
    "templates/**/*.html",
    "static/css/*.css",
    "finsam/lib/pdf.py",
    "finsam/lib/tables.py",
    "finsam/lib/workbook.py",
    "finsam/plan/pdf.py",
    "finsam/plan/workbook.py",
    "finsam/plan/renders.py",
)


@cache
def renderer_version() -> str:
    """SHA-256 of the templates, stylesheets and writers the files are made with (read once per process)."""
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    for pattern in RENDERER_SOURCES:
        for path in sorted(base.glob(pattern)):
            digest.update(str(path.relative_to(base)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def file_source(plan: Plan, document: PlanDocument, kind: str) -> dict:
    """Everything the file shows, as plain JSON: the document, and for the workbook the apps' extra tables."""
    source = {"kind": kind, "document": document.to_dict()}
    if kind == "xlsx":
        with translation.override("sv"):
            source["extras"] = [table_to_dict(table) for table in blocks.workbook_extras(plan)]
    return json.loads(json.dumps(source, default=str))  # as the database will give it back


def source_key(source: dict) -> str:
    text = json.dumps(source, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"{renderer_version()}\n{text}".encode()).hexdigest()


def render_source(source: dict) -> bytes:
    """The file's bytes from its source alone (the worker never reads the plan's live rows)."""
    document = PlanDocument.from_dict(source["document"])
    with translation.override("sv"):
        if source["kind"] == "pdf":
            return plan_pdf(document)
        return plan_workbook(document, [table_from_dict(table) for table in source["extras"]])


def request_file(
    *,
    plan: Plan,
    document: PlanDocument | None = None,
    kind: str,
    retry: bool = False,
    source: dict | None = None,
) -> RenderedFile:
    """The stored file for the document as it stands (or for a `source` made before), with a render enqueued
    when there is none yet.

    The answer may already be ready (rendered before, or at once by the immediate backend in tests); otherwise
    it is queued or running, and the caller shows the waiting page. A failed render is tried again on `retry`.
    """
    source = source if source is not None else file_source(plan, document, kind)
    rendered, created = RenderedFile.objects.get_or_create(
        key=source_key(source), defaults={"plan": plan, "kind": kind, "source": source}
    )
    return _enqueued(rendered, created=created, retry=retry)


def _enqueued(rendered: RenderedFile, *, created: bool = False, retry: bool = False) -> RenderedFile:
    again = (retry and rendered.status == RenderStatus.FAILED) or _lost_its_worker(rendered)
    if again:
        RenderedFile.objects.filter(pk=rendered.pk).update(
            status=RenderStatus.QUEUED, error="", started_at=None
        )
    if created or again:
        render_file.enqueue(rendered_id=rendered.pk)
        rendered.refresh_from_db()
    return rendered


def archive_sources(plan: Plan, document: PlanDocument) -> dict[str, dict]:
    """What an adopted version's files are rendered from, fixed at adoption: kind -> source."""
    return {kind: file_source(plan, document, kind) for kind in KINDS}


def start_archive(*, version: PlanVersion, plan: Plan, sources: dict[str, dict]) -> None:
    """Queue the renders of a version adopted just now; a render that exists already is stored at once."""
    for kind in KINDS:
        rendered = request_file(plan=plan, kind=kind, source=sources[kind])
        if rendered.status == RenderStatus.READY:
            PlanVersion.objects.store_archive(kind=kind, key=rendered.key, content=bytes(rendered.content))


def archive_render(version: PlanVersion, kind: str, *, retry: bool = False) -> RenderedFile | None:
    """The render a version still waits for (queued again if it failed and `retry`, or lost its worker); None
    when the version has its archive for `kind`, or its render is gone (it cannot be made again)."""
    if version.is_archived(kind):
        return None
    key = version.pdf_key if kind == "pdf" else version.xlsx_key
    rendered = RenderedFile.objects.filter(key=key).first() if key else None
    return _enqueued(rendered, retry=retry) if rendered is not None else None


def finish_archive_now(version: PlanVersion) -> None:
    """Render in this process what the version still waits for (a command, not a web request, asks)."""
    for kind in KINDS:
        rendered = archive_render(version, kind)
        if rendered is not None and rendered.status != RenderStatus.READY:
            RenderedFile.objects.filter(pk=rendered.pk).update(status=RenderStatus.QUEUED, started_at=None)
            render_file.call(rendered_id=rendered.pk)
    version.refresh_from_db()


def _lost_its_worker(rendered: RenderedFile) -> bool:
    return (
        rendered.status == RenderStatus.RUNNING
        and rendered.started_at is not None
        and timezone.now() - rendered.started_at > STALE_AFTER
    )


@task()
def render_file(*, rendered_id: int) -> None:
    """Render one queued file (run by `manage.py db_worker`). Two workers never render the same row."""
    claimed = RenderedFile.objects.filter(pk=rendered_id, status=RenderStatus.QUEUED).update(
        status=RenderStatus.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return
    rendered = RenderedFile.objects.only("pk", "plan_id", "kind", "key", "source").get(pk=rendered_id)
    try:
        content = render_source(rendered.source)
    except Exception as error:  # noqa: BLE001 (any failure is shown to the reader, who may try again)
        logger.exception("Rendering %s failed", rendered)
        RenderedFile.objects.filter(pk=rendered_id).update(
            status=RenderStatus.FAILED, error=f"{type(error).__name__}: {error}", finished_at=timezone.now()
        )
        return
    RenderedFile.objects.filter(pk=rendered_id).update(
        status=RenderStatus.READY, content=content, finished_at=timezone.now()
    )
    PlanVersion.objects.store_archive(kind=rendered.kind, key=rendered.key, content=content)
    _drop_older(rendered)


def _drop_older(rendered: RenderedFile) -> None:
    ready = RenderedFile.objects.filter(
        plan_id=rendered.plan_id, kind=rendered.kind, status=RenderStatus.READY
    )
    kept = list(ready.order_by("-finished_at").values_list("pk", flat=True)[:KEPT_PER_PLAN_AND_KIND])
    ready.exclude(pk__in=kept).delete()


def progress(rendered: RenderedFile) -> dict:
    """What the waiting page shows: the state, files queued before this one, and a percentage estimated
    from how long the previous render of the same plan and kind took."""
    if rendered.status == RenderStatus.QUEUED:
        ahead = RenderedFile.objects.filter(
            status__in=[RenderStatus.QUEUED, RenderStatus.RUNNING], created_at__lt=rendered.created_at
        ).count()
        return {"status": rendered.status, "ahead": ahead, "percent": 0}
    if rendered.status != RenderStatus.RUNNING:
        return {"status": rendered.status, "ahead": 0, "percent": 100}
    previous = (
        RenderedFile.objects.filter(
            plan_id=rendered.plan_id,
            kind=rendered.kind,
            status=RenderStatus.READY,
            started_at__isnull=False,
        )
        .annotate(took=F("finished_at") - F("started_at"))
        .order_by("-finished_at")
        .values_list("took", flat=True)
        .first()
    )
    expected = previous.total_seconds() if previous else EXPECTED_SECONDS
    elapsed = (timezone.now() - rendered.started_at).total_seconds()
    return {
        "status": rendered.status,
        "ahead": 0,
        "percent": min(95, int(100 * elapsed / max(expected, 0.1))),
    }

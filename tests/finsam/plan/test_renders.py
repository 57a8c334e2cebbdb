"""A draft's PDF and workbook are rendered once per content by the background worker and kept."""

import datetime
import hashlib
from unittest import mock

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from finsam.plan import renders, services
from finsam.plan.models import RenderedFile, RenderStatus
from finsam.plan.pdf import plan_html
from tests.factories.members import FeeYearFactory, FixedShareFactory, MemberOrganisationFactory

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def plan(association):
    plan = services.create_plan(association=association, year=2009)
    fee_year = FeeYearFactory(association=association, year=2009, total=15_000_000)
    FixedShareFactory(
        fee_year=fee_year, member=MemberOrganisationFactory(association=association, name="Ort")
    )
    return plan


def _quick_pdf(document):
    """Stands in for WeasyPrint (seconds per file): a "PDF" that changes whenever the print HTML does."""
    return b"%PDF-quick " + hashlib.sha256(plan_html(document).encode()).hexdigest().encode()


@pytest.fixture
def counted_renders():
    """How many times each writer ran: the render counter. The workbook is written for real."""
    with (
        mock.patch.object(renders, "plan_pdf", side_effect=_quick_pdf) as pdf,
        mock.patch.object(renders, "plan_workbook", wraps=renders.plan_workbook) as workbook,
    ):
        yield {"pdf": pdf, "xlsx": workbook}


def _url(plan, kind="pdf"):
    return reverse(f"plan:{kind}", kwargs={"slug": plan.association.slug, "year": plan.year})


def test_a_second_download_of_an_unchanged_plan_does_not_render_again(
    client, office_user, plan, counted_renders
):
    client.force_login(office_user)
    first = client.get(_url(plan))
    second = client.get(_url(plan))
    assert first.content.startswith(b"%PDF")
    assert second.content == first.content
    assert counted_renders["pdf"].call_count == 1
    assert RenderedFile.objects.filter(plan=plan, kind="pdf", status=RenderStatus.READY).count() == 1


def test_a_change_to_a_figure_the_plan_shows_renders_it_anew(client, office_user, plan, counted_renders):
    client.force_login(office_user)
    before = client.get(_url(plan)).content
    plan.association.fee_years.filter(year=2009).update(total=15_000_004)
    after = client.get(_url(plan)).content
    assert counted_renders["pdf"].call_count == 2
    assert after != before


def test_the_workbook_is_kept_too_and_follows_the_figures(client, auditor_user, plan, counted_renders):
    client.force_login(auditor_user)
    first = client.get(_url(plan, "xlsx"))
    client.get(_url(plan, "xlsx"))
    assert first.content.startswith(b"PK")
    assert counted_renders["xlsx"].call_count == 1
    plan.association.fee_years.filter(year=2009).update(total=14_000_000)
    client.get(_url(plan, "xlsx"))
    assert counted_renders["xlsx"].call_count == 2
    assert counted_renders["pdf"].call_count == 0


def test_a_change_to_the_templates_renders_anew(client, office_user, plan, counted_renders):
    client.force_login(office_user)
    client.get(_url(plan))
    with mock.patch.object(renders, "renderer_version", return_value="a-new-stylesheet"):
        client.get(_url(plan))
    assert counted_renders["pdf"].call_count == 2


@override_settings(TASKS=DATABASE_TASKS)
def test_a_render_not_yet_done_shows_a_waiting_page_until_the_worker_has_the_file(client, board_user, plan):
    client.force_login(board_user)
    waiting = client.get(_url(plan))
    assert waiting.status_code == 200
    assert waiting["Refresh"] == f"2; url={_url(plan)}?vantat=1"
    assert "PDF:en skapas" in waiting.content.decode()
    assert "I kö: står på tur." in waiting.content.decode()
    assert "<script" not in waiting.content.decode().split("</main>")[0].split("<main")[-1]
    again = client.get(_url(plan) + "?vantat=1")
    assert again.status_code == 200 and "PDF:en skapas" in again.content.decode()
    assert RenderedFile.objects.count() == 1  # waiting does not queue another render

    # What `manage.py db_worker` does with the queued row (the command itself closes the database connection,
    # which would end the test's transaction on PostgreSQL): run the task it names with its stored arguments.
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "finsam.plan.renders.render_file"
    renders.render_file.call(**queued.args_kwargs["kwargs"])

    ready = client.get(_url(plan) + "?vantat=1")
    assert "Filen är klar" in ready.content.decode()
    assert ready["Refresh"] == f"0; url={_url(plan)}"
    download = client.get(_url(plan))
    assert download["Content-Type"] == "application/pdf"
    assert download.content.startswith(b"%PDF")


@override_settings(TASKS=DATABASE_TASKS)
def test_the_waiting_page_shows_how_far_a_running_render_has_come(client, board_user, plan):
    client.force_login(board_user)
    now = datetime.datetime(2026, 11, 24, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(now, tick=False):
        client.get(_url(plan))
        earlier = RenderedFile.objects.get()
        earlier.key, earlier.status = "0" * 64, RenderStatus.READY
        earlier.started_at = now - datetime.timedelta(hours=1)
        earlier.finished_at = earlier.started_at + datetime.timedelta(seconds=10)  # the last render took 10 s
        earlier.save()
        client.get(_url(plan))
        RenderedFile.objects.exclude(pk=earlier.pk).update(
            status=RenderStatus.RUNNING, started_at=now - datetime.timedelta(seconds=4)
        )
        page = client.get(_url(plan) + "?vantat=1").content.decode()
    assert '<progress class="w-100" max="100" value="40">' in page  # 4 of about 10 seconds
    assert "Skapas: ungefär 40 % klart." in page


def test_a_failed_render_says_so_and_can_be_tried_again(client, office_user, plan):
    client.force_login(office_user)
    with mock.patch.object(renders, "plan_pdf", side_effect=OSError("Pango saknas")):
        failed = client.get(_url(plan))
    assert failed.status_code == 200
    assert "Filen kunde inte skapas" in failed.content.decode()
    assert "Refresh" not in failed
    assert RenderedFile.objects.get().error == "OSError: Pango saknas"
    assert "Filen kunde inte skapas" in client.get(_url(plan)).content.decode()  # not retried by itself
    with mock.patch.object(renders, "plan_pdf", side_effect=_quick_pdf):
        retried = client.get(_url(plan) + "?igen=1")
    assert retried.content.startswith(b"%PDF-quick ")


def test_an_adopted_plan_serves_its_archive_and_renders_nothing(client, office_user, plan, counted_renders):
    plan.sections.filter(block="budget").delete()  # adoption needs an adopted budget for that block
    version = services.adopt_plan(plan=plan, adopted_on=datetime.date(2008, 12, 1))
    assert counted_renders["pdf"].call_count == 1  # the archive, rendered once (by the worker; here at once)
    counted_renders["pdf"].reset_mock()
    renders_before = RenderedFile.objects.count()
    client.force_login(office_user)
    response = client.get(_url(plan))
    assert response.content == bytes(version.pdf)
    assert counted_renders["pdf"].call_count == 0
    assert RenderedFile.objects.count() == renders_before


def test_only_the_latest_renders_of_a_draft_are_kept(client, office_user, plan):
    client.force_login(office_user)
    for total in range(15_000_000, 15_000_005):
        plan.association.fee_years.filter(year=2009).update(total=total)
        client.get(_url(plan, "xlsx"))
    assert RenderedFile.objects.filter(plan=plan).count() == renders.KEPT_PER_PLAN_AND_KIND


def test_a_stored_file_answers_in_a_fixed_number_of_queries(
    client, office_user, plan, counted_renders, django_assert_max_num_queries
):
    client.force_login(office_user)
    client.get(_url(plan))
    with django_assert_max_num_queries(
        20
    ):  # session, user, grant, plan, the document's blocks, the stored file
        assert client.get(_url(plan)).content.startswith(b"%PDF")


def _version_url(plan, kind="pdf", number=1):
    return reverse(
        f"plan:version_{kind}", kwargs={"slug": plan.association.slug, "year": plan.year, "number": number}
    )


def _run_queued_tasks():
    """What `manage.py db_worker` does with the queued rows (see the waiting-page test above)."""
    for queued in DBTaskResult.objects.order_by("enqueued_at"):
        assert queued.task_path == "finsam.plan.renders.render_file"
        renders.render_file.call(**queued.args_kwargs["kwargs"])
        queued.delete()


@override_settings(TASKS=DATABASE_TASKS)
def test_adoption_leaves_the_rendering_to_the_worker_and_the_version_waits_for_its_archive(
    client, office_user, board_user, plan, counted_renders
):
    plan.sections.filter(block="budget").delete()  # adoption needs an adopted budget for that block
    client.force_login(office_user)
    adopted = client.post(
        reverse("plan:adopt", kwargs={"slug": plan.association.slug, "year": plan.year}),
        {"adopted_on": "2008-12-01", "reference": "Dnr 12/2008", "paragraph": "§ 4"},
    )
    assert adopted.status_code == 302
    assert counted_renders["pdf"].call_count == 0  # no render in the board's request
    assert counted_renders["xlsx"].call_count == 0
    version = plan.versions.get()
    assert (version.pdf, version.pdf_sha256, version.xlsx_sha256) == (None, "", "")
    versions_page = client.get(
        reverse("plan:versions", kwargs={"slug": plan.association.slug, "year": plan.year})
    ).content.decode()
    assert versions_page.count("(arkiveras)") == 2

    client.force_login(board_user)
    waiting = client.get(_version_url(plan))
    assert waiting.status_code == 200
    assert waiting["Refresh"] == f"2; url={_version_url(plan)}?vantat=1"
    assert "version 1, är fastställd" in waiting.content.decode()
    assert DBTaskResult.objects.count() == 2  # one render per file, queued at adoption; waiting adds none

    _run_queued_tasks()
    version.refresh_from_db()
    assert version.pdf_sha256 == hashlib.sha256(bytes(version.pdf)).hexdigest()
    assert version.xlsx_sha256 == hashlib.sha256(bytes(version.xlsx)).hexdigest()
    ready = client.get(_version_url(plan) + "?vantat=1")
    assert "Filen är klar" in ready.content.decode()
    download = client.get(_version_url(plan))
    assert download.content == bytes(version.pdf)
    assert download["X-Content-SHA256"] == version.pdf_sha256
    assert client.get(_url(plan)).content == bytes(version.pdf)  # the plan's own download: the archive too


@override_settings(TASKS=DATABASE_TASKS)
def test_a_stored_archive_is_never_replaced_whoever_renders_it_again(plan, counted_renders):
    plan.sections.filter(block="budget").delete()
    version = services.adopt_plan(plan=plan, adopted_on=datetime.date(2008, 12, 1))
    _run_queued_tasks()
    version.refresh_from_db()
    archived, digest = bytes(version.pdf), version.pdf_sha256
    rendered = RenderedFile.objects.get(key=version.pdf_key)
    RenderedFile.objects.filter(pk=rendered.pk).update(status=RenderStatus.QUEUED)
    with mock.patch.object(renders, "plan_pdf", return_value=b"%PDF-something else"):
        renders.render_file.call(rendered_id=rendered.pk)  # the worker renders the same content once more
    assert version.__class__.objects.store_archive(kind="pdf", key=version.pdf_key, content=b"%PDF-x") == 0
    version.refresh_from_db()
    assert (bytes(version.pdf), version.pdf_sha256) == (archived, digest)


@override_settings(TASKS=DATABASE_TASKS)
def test_a_failed_archive_render_is_told_and_can_be_tried_again(client, board_user, plan):
    plan.sections.filter(block="budget").delete()
    version = services.adopt_plan(plan=plan, adopted_on=datetime.date(2008, 12, 1))
    client.force_login(board_user)
    with mock.patch.object(renders, "plan_pdf", side_effect=OSError("Pango saknas")):
        _run_queued_tasks()
    failed = client.get(_version_url(plan))
    assert "Filen kunde inte skapas" in failed.content.decode()
    assert "Refresh" not in failed
    with mock.patch.object(renders, "plan_pdf", side_effect=_quick_pdf):
        client.get(_version_url(plan) + "?igen=1")
        _run_queued_tasks()
    version.refresh_from_db()
    assert bytes(version.pdf).startswith(b"%PDF-quick ")
    assert client.get(_version_url(plan)).content == bytes(version.pdf)


@override_settings(TASKS=DATABASE_TASKS)
def test_a_command_asking_for_a_version_still_archiving_finishes_the_archive_and_gets_its_bytes(
    plan, counted_renders
):
    plan.sections.filter(block="budget").delete()
    version = services.adopt_plan(plan=plan, adopted_on=datetime.date(2008, 12, 1))
    pdf, xlsx = services.plan_files(plan)  # what export_plan calls
    version.refresh_from_db()
    assert (pdf, xlsx) == (bytes(version.pdf), bytes(version.xlsx))
    assert version.pdf_sha256 == hashlib.sha256(pdf).hexdigest()
    assert services.plan_files(plan) == (pdf, xlsx)  # the same bytes ever after

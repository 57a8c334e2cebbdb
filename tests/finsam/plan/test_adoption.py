"""The plan is adopted too: archived files served byte for byte, locked until a revision, every version kept."""

import datetime
import hashlib
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from budget.models import BudgetVersion, VersionStatus
from finsam.plan import services
from finsam.plan.models import Plan, PlanStatus, PlanVersion, Section
from members.models import FeeYear
from tests.adoption_edits import EDITS
from tests.documents import pdf_text
from tests.pages import main_content
from tests.scenarios import budget_scenario

YEAR = 2010


@pytest.fixture
def plan(association):
    plan = services.create_plan(association=association, year=YEAR, reference="09-19")
    Section.objects.filter(plan=plan, heading="Bakgrund och uppdrag").update(
        body="Förbundet **finansierar** insatser."
    )
    Section.objects.filter(plan=plan, block="member_fees").update(block_years="2010")
    return plan


@pytest.fixture
def draft_budget(association):
    return budget_scenario(association, adopt=False)


def _url(name, **kwargs):
    return reverse(f"plan:{name}", kwargs={"slug": "eget", "year": YEAR, **kwargs})


def _adopt(client, **data):
    values = {"adopted_on": "2009-11-20", "reference": "09-19", "paragraph": "§ 7", **data}
    return client.post(_url("adopt"), values, follow=True)


def test_a_plan_whose_budget_is_a_draft_is_not_adopted_and_nothing_changes(office_client, plan, draft_budget):
    response = _adopt(office_client)
    assert (
        "Budgeten för 2010 (version 1) är inte fastställd. Fastställ den först, eller välj att fastställa den "
        "samtidigt med planen." in response.content.decode()
    )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT
    assert not PlanVersion.objects.exists()
    assert BudgetVersion.objects.get(pk=draft_budget["version"].pk).status == VersionStatus.DRAFT


def test_adopting_the_plan_with_its_budget_archives_both_and_locks_the_plan(
    office_client, office_user, plan, draft_budget
):
    response = _adopt(office_client, adopt_budget="on")
    assert "Planen är fastställd som version 1." in response.content.decode()
    budget = BudgetVersion.objects.get(pk=draft_budget["version"].pk)
    assert (budget.status, budget.adopted_on, budget.decision_reference) == (
        VersionStatus.ADOPTED,
        datetime.date(2009, 11, 20),
        "09-19",
    )
    version = PlanVersion.objects.get(plan=plan)
    assert (version.number, version.paragraph, version.created_by) == (1, "§ 7", office_user)
    assert version.pdf_sha256 == hashlib.sha256(bytes(version.pdf)).hexdigest()
    assert version.xlsx_sha256 == hashlib.sha256(bytes(version.xlsx)).hexdigest()
    text = pdf_text(bytes(version.pdf))
    assert "Fastställd 2009-11-20, Dnr 09-19, § 7" in text  # title page
    assert text.count("Fastställd 2009-11-20, Dnr 09-19, § 7") >= 2  # and the footer of later pages
    assert "UTKAST" not in text


def test_a_draft_plan_pdf_is_marked_as_a_draft(office_client, plan, draft_budget):
    text = pdf_text(office_client.get(_url("pdf")).content)
    assert "UTKAST" in text
    assert "Utkast, inte fastställd" in text


@pytest.fixture
def adopted_plan(office_client, plan, draft_budget):
    _adopt(office_client, adopt_budget="on")
    plan.refresh_from_db()
    return plan


def test_every_download_of_an_adopted_plan_is_the_archived_bytes(office_client, adopted_plan):
    version = adopted_plan.versions.get()
    for name in ("pdf", "xlsx"):
        first, second = office_client.get(_url(name)), office_client.get(_url(name))
        archived = bytes(version.pdf if name == "pdf" else version.xlsx)
        assert first.content == second.content == archived
        sha = version.pdf_sha256 if name == "pdf" else version.xlsx_sha256
        assert first["X-Content-SHA256"] == hashlib.sha256(first.content).hexdigest() == sha
    page = office_client.get(_url("versions")).content.decode()
    assert version.pdf_sha256 in page and version.xlsx_sha256 in page


def _plan_title_in_the_shell(client, setup):
    Plan.objects.filter(pk=setup["plan"].pk).update(title="Ändrad titel")


PLAN_EDITS = [*EDITS, _plan_title_in_the_shell]


def _read_back(client):
    """The plan's page (but what the template marks as today's data) and both downloads."""
    client.get(reverse("budget:list", kwargs={"slug": "eget"}))  # shows the edit's "saved" message, if any
    page = main_content(client.get(_url("detail")).content.decode())
    return page, client.get(_url("pdf")).content, client.get(_url("xlsx")).content


@pytest.mark.parametrize("edit", PLAN_EDITS, ids=[edit.__name__.strip("_") for edit in PLAN_EDITS])
def test_nothing_edited_later_moves_the_adopted_plan_page_or_files(
    office_client, office_user, adopted_plan, draft_budget, django_user_model, edit
):
    version = adopted_plan.versions.get()
    page_before, _pdf, _xlsx = _read_back(office_client)
    superuser = django_user_model.objects.create_superuser("chef", "chef@example.org", "x")

    edit(office_client, {**draft_budget, "plan": adopted_plan, "superuser": superuser})

    office_client.force_login(office_user)
    page, pdf, xlsx = _read_back(office_client)
    assert page == page_before
    assert (hashlib.sha256(pdf).hexdigest(), hashlib.sha256(xlsx).hexdigest()) == (
        version.pdf_sha256,
        version.xlsx_sha256,
    )
    assert (pdf, xlsx) == (bytes(version.pdf), bytes(version.xlsx))


def test_an_adopted_plan_refuses_edits_on_its_pages_and_in_the_shell(office_client, adopted_plan):
    section = adopted_plan.sections.first()
    url = _url("row_edit", kind="avsnitt", pk=section.pk)
    response = office_client.post(url, {"heading": "Nytt", "kind": "text", "body": "x"}, follow=True)
    assert (
        "Planen är fastställd och kan inte ändras. Starta en revision för att ändra den."
        in response.content.decode()
    )
    section.heading = "Smyg"
    with pytest.raises(ValidationError):
        section.save()
    with pytest.raises(ValidationError):
        adopted_plan.delete()
    with pytest.raises(ValidationError):
        PlanVersion.objects.filter(plan=adopted_plan).update(pdf=b"x")
    with pytest.raises(ValidationError):
        adopted_plan.versions.get().delete()
    assert Section.objects.get(pk=section.pk).heading != "Smyg"


def test_a_revision_becomes_version_2_and_version_1_stays_downloadable(
    office_client, association, adopted_plan, draft_budget
):
    first = adopted_plan.versions.get()
    response = office_client.post(
        _url("revise"), {"revised_on": "2010-01-13", "reason": "utifrån förändrad budget 2010"}, follow=True
    )
    assert "Revisionen är startad." in response.content.decode()
    adopted_plan.refresh_from_db()
    assert adopted_plan.status == PlanStatus.DRAFT
    office_client.post(
        _url("row_edit", kind="avsnitt", pk=adopted_plan.sections.first().pk),
        {
            "heading": "Bakgrund",
            "kind": "text",
            "body": "Reviderad text.",
            "history_marker": _marker(adopted_plan.sections.first()),
        },
    )
    budget = draft_budget["version"]
    revision = BudgetVersion.objects.get(pk=budget.pk)
    from budget.services import revise

    revise(version=revision, revised_on=datetime.date(2010, 1, 13), reason="förändrad budget")
    response = _adopt(office_client, adopted_on="2010-01-13", paragraph="§ 2", adopt_budget="on")
    assert "Planen är fastställd som version 2." in response.content.decode()
    second = adopted_plan.versions.get(number=2)
    text = pdf_text(bytes(second.pdf))
    assert "Reviderad 2010-01-13 utifrån förändrad budget 2010" in text
    assert "Reviderad text." in text
    assert office_client.get(_url("version_pdf", number=1)).content == bytes(first.pdf)
    assert office_client.get(_url("version_pdf", number=2)).content == bytes(second.pdf)
    listing = office_client.get(_url("versions")).content.decode()
    assert first.pdf_sha256 in listing and second.pdf_sha256 in listing


def _marker(obj):
    return obj.history.order_by("-history_id").values_list("history_id", flat=True).first()


def test_a_second_adoption_is_refused_and_keeps_the_first(office_client, adopted_plan):
    first = adopted_plan.versions.get()
    response = _adopt(office_client, adopted_on="2009-12-24")
    assert (
        "Planen fastställdes redan 2009-11-20 (version 1); den har inte ändrats." in response.content.decode()
    )
    assert list(adopted_plan.versions.values_list("number", "adopted_on")) == [(1, first.adopted_on)]


def test_a_draft_plan_says_where_an_adopted_budget_differs_from_todays_fees(office_client, association, plan):
    setup = budget_scenario(association)
    FeeYear.objects.filter(association=association, year=YEAR).update(total=16_100_001)
    text = pdf_text(office_client.get(_url("pdf")).content)
    flat = re.sub(r"\s+", " ", text)
    assert "Medlemsavgifter 2010: 15 000 000 kr i den fastställda budgeten; i dag 16 100 001 kr." in flat
    assert "16 100 001" in flat  # the live fee table beside it
    assert setup["version"].is_adopted


def _row(page: str, year: int) -> str:
    start = page.index(f'<th scope="row">{year}</th>')
    return page[start : page.index("</tr>", start)]


def test_the_board_finds_every_years_adopted_plans_in_one_place(
    client, board_user, association, adopted_plan
):
    services.start_revision(
        plan=adopted_plan, revised_on=datetime.date(2010, 1, 13), reason="utifrån förändrad budget 2010"
    )
    services.adopt_plan(plan=adopted_plan, adopted_on=datetime.date(2010, 1, 13), paragraph="§ 2")
    next_year = services.create_plan(association=association, year=2011)
    next_year.sections.filter(block="budget").delete()
    services.adopt_plan(plan=next_year, adopted_on=datetime.date(2010, 11, 18), paragraph="§ 5")

    client.force_login(board_user)
    page = client.get(reverse("plan:adopted", kwargs={"slug": "eget"})).content.decode()
    assert page.index('<th scope="row">2011</th>') < page.index('<th scope="row">2010</th>')  # newest first
    revised, later = _row(page, 2010), _row(page, 2011)
    assert "Version 1, fastställd 2009-11-20" in revised
    assert "Version 2, fastställd 2010-01-13 (Reviderad 2010-01-13 utifrån förändrad budget 2010)" in revised
    assert "Version 1, fastställd 2010-11-18" in later and "Version 2" not in later
    for plan, number in ((adopted_plan, 1), (adopted_plan, 2), (next_year, 1)):
        version = plan.versions.get(number=number)
        url = reverse("plan:version_pdf", kwargs={"slug": "eget", "year": plan.year, "number": number})
        assert url in page
        download = client.get(url).content
        assert hashlib.sha256(download).hexdigest() == version.pdf_sha256
        xlsx = reverse("plan:version_xlsx", kwargs={"slug": "eget", "year": plan.year, "number": number})
        assert xlsx not in page  # the board reads, auditors export

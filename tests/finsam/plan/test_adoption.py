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
from projects.models import ProjectYearAmount
from tests.documents import pdf_text
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


def _change_everything_the_plan_shows(association, setup):
    FeeYear.objects.filter(association=association, year=YEAR).update(total=16_100_001)
    first, second = setup["projects"]
    ProjectYearAmount.objects.filter(project=first, year=YEAR).update(amount=2_500_000)
    ProjectYearAmount.objects.filter(project=second, year=YEAR).update(amount=2_500_000)
    setup["lines"]["staff"].__class__.objects.filter(pk=setup["lines"]["staff"].pk).update(name="Annat namn")
    Plan.objects.filter(pk=setup["plan"].pk).update(title="Ändrad titel")


def test_nothing_edited_later_moves_the_adopted_plan_page_or_files(
    office_client, association, adopted_plan, draft_budget
):
    version = adopted_plan.versions.get()
    page_before = office_client.get(_url("detail")).content.decode()
    preview_before = page_before[page_before.index("<article") : page_before.index("</article>")]
    _change_everything_the_plan_shows(association, {**draft_budget, "plan": adopted_plan})
    page = office_client.get(_url("detail")).content.decode()
    assert page[page.index("<article") : page.index("</article>")] == preview_before
    assert office_client.get(_url("pdf")).content == bytes(version.pdf)
    assert office_client.get(_url("xlsx")).content == bytes(version.xlsx)


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


def test_the_board_finds_every_years_adopted_plans_in_one_place(client, board_user, adopted_plan):
    client.force_login(board_user)
    page = client.get(reverse("plan:adopted", kwargs={"slug": "eget"})).content.decode()
    assert "Version 1, fastställd 2009-11-20" in page
    assert _url("version_pdf", number=1) in page
    assert _url("version_xlsx", number=1) not in page  # the board reads, auditors export

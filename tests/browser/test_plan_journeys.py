"""The three journeys of the product's users, in headless Chromium against the live server."""

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, live_server, username):
    page.goto(f"{live_server.url}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill("finsam-demo-2026")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(f"{live_server.url}/")


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))


def test_office_staff_enter_a_new_project_and_see_it_in_the_plan_preview(live_server, page, demo):
    _login(page, live_server, "kansli")
    page.goto(f"{live_server.url}/rar-sormland/insatser/ny/")
    page.locator("#id_number").fill("51")
    page.locator("#id_name").fill("Vägen vidare")
    page.locator("#id_owner").select_option(label="Flens kommun")
    page.locator("#id_start").fill("2023-03-01")
    page.locator("#id_end").fill("2024-02-29")
    page.locator("#id_beslut-granted_amount").fill("1200000")
    page.locator("#id_beslut-decided_on").fill("2023-02-15")
    page.locator("#id_beslut-reference").fill("RAR23-12")
    page.get_by_role("button", name="Spara").click()
    assert "Insatsen är registrerad." in page.get_by_role("status").first.inner_text()

    page.goto(f"{live_server.url}/rar-sormland/2023/plan/")
    projects = page.locator("#table-projects")
    assert "Vägen vidare" in projects.inner_text()
    assert "Flens kommun" in projects.inner_text()


def test_a_board_member_downloads_the_adopted_plan_pdf(live_server, page, demo):
    from finsam.plan.models import PlanVersion

    _login(page, live_server, "styrelse")
    page.goto(f"{live_server.url}/rar-sormland/2010/plan/")
    assert (
        page.get_by_role("link", name="Exportera till Excel").count() == 0
    )  # the board reads, auditors export
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ladda ner PDF").click()
    download = download_info.value
    assert download.suggested_filename == "rar-sormland-verksamhetsplan-2010-v1.pdf"
    archived = PlanVersion.objects.get(plan__year=2010, plan__association__slug="rar-sormland", number=1)
    with open(download.path(), "rb") as pdf:
        assert pdf.read() == bytes(archived.pdf)


def test_an_auditor_downloads_the_workbook(live_server, page, demo):
    from openpyxl import load_workbook

    _login(page, live_server, "revisor")
    page.goto(f"{live_server.url}/rar-sormland/2010/plan/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Exportera till Excel").click()
    download = download_info.value
    assert download.suggested_filename == "rar-sormland-verksamhetsplan-2010-v1.xlsx"
    path = download.path()
    with open(path, "rb") as handle:
        workbook = load_workbook(handle)
    budget = next(workbook[name] for name in workbook.sheetnames if name.startswith("Budget"))
    assert any(
        isinstance(cell.value, str) and cell.value.startswith("=")
        for row in budget.iter_rows()
        for cell in row
    )


def test_office_staff_add_a_narrative_section_and_preview_it(live_server, page, demo):
    _login(page, live_server, "kansli")
    page.goto(f"{live_server.url}/rar-sormland/2023/plan/")
    page.get_by_role("link", name="Nytt avsnitt").click()
    page.locator("#id_heading").fill("Kommunikation")
    page.locator("#id_body").fill("Nyhetsbrev **varje kvartal**.")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_url(f"{live_server.url}/rar-sormland/2023/plan/")
    preview = page.get_by_role("article")
    assert "Kommunikation" in preview.inner_text()
    assert preview.locator("strong", has_text="varje kvartal").count() == 1

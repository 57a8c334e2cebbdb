"""A board member opens the dashboard and downloads the adopted plan; an auditor filters the history."""

import datetime

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


def test_a_board_member_opens_the_dashboard_and_downloads_the_adopted_plan(live_server, page, demo):
    from finsam.plan.models import PlanVersion

    _login(page, live_server, "styrelse")
    page.goto(f"{live_server.url}/rar-sormland/")
    assert page.get_by_role("heading", name="RAR: året 2023").count() == 1
    documents = page.locator("#panel-documents")
    assert "Verksamhetsplan RAR 2010" in documents.inner_text()
    assert page.get_by_role("link", name="Exportera till Excel").count() == 0
    with page.expect_download() as download_info:
        documents.get_by_role("link", name="Ladda ner PDF Verksamhetsplan RAR 2010 v1").click()
    archived = PlanVersion.objects.get(plan__year=2010, plan__association__slug="rar-sormland", number=1)
    with open(download_info.value.path(), "rb") as pdf:
        assert pdf.read() == bytes(archived.pdf)


def test_an_auditor_filters_the_history_by_a_person_and_a_date_range(live_server, page, demo):
    from django.contrib.auth import get_user_model

    from members.models import FeeYear

    fee = FeeYear.objects.get(association__slug="rar-sormland", year=2009)
    fee.total = 16_000_000
    fee._history_user = get_user_model().objects.get(username="kansli")
    fee.save()
    today = datetime.date.today().isoformat()

    _login(page, live_server, "revisor")
    page.goto(f"{live_server.url}/rar-sormland/historik/")
    page.get_by_label("Person").select_option(label="kansli")
    page.get_by_label("Från och med").fill(today)
    page.get_by_label("Till och med").fill(today)
    page.get_by_role("button", name="Visa").click()
    assert "1–1 av 1 ändring" in page.locator("#history-count").inner_text()
    row = page.locator("table tbody tr").first.inner_text()
    assert "Medlemsavgifter 2009" in row
    assert "15 000 000 kr → 16 000 000 kr" in row.replace("\xa0", " ")

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_office_user_logs_in_and_reaches_the_association_start_page(live_server, page):
    call_command("load_demo", stdout=open("/dev/null", "w"))

    page.goto(f"{live_server.url}/")
    assert page.title().startswith("Logga in")
    page.get_by_label("Användarnamn").fill("kansli")
    page.get_by_label("Lösenord").fill("finsam-demo-2026")
    page.get_by_role("button", name="Logga in").click()

    page.wait_for_url(f"{live_server.url}/")
    page.get_by_role("link", name="Samordningsförbundet RAR i Sörmland").click()
    page.wait_for_url(f"{live_server.url}/rar-sormland/")
    assert page.get_by_role("heading", level=1).inner_text() == "RAR: året 2023"  # the latest year with data
    assert "Du är inloggad med rollen Kansli." in page.content()
    page.get_by_role("navigation", name="Byt år").get_by_role("link", name="2010").click()
    page.wait_for_url(f"{live_server.url}/rar-sormland/2010/")
    assert page.get_by_role("heading", level=1).inner_text() == "RAR: året 2010"


def test_wrong_password_gets_a_clear_message(live_server, page, db):
    page.goto(f"{live_server.url}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill("kansli")
    page.get_by_label("Lösenord").fill("fel")
    page.get_by_role("button", name="Logga in").click()
    assert page.get_by_role("alert").inner_text() == "Användarnamnet eller lösenordet är fel. Försök igen."

"""The forms' own scripts in Chromium: year rows that follow the dates, the section kind, the live preview."""

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def office(live_server, page):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    page.goto(f"{live_server.url}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill("kansli")
    page.get_by_label("Lösenord").fill("finsam-demo-2026")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(f"{live_server.url}/")
    return page


def _year_rows(page) -> list[list[str]]:
    return page.evaluate(
        "() => Array.from(document.querySelectorAll('fieldset[data-year-rows] tbody tr'))"
        ".map((row) => Array.from(row.querySelectorAll('input')).map((input) => input.value))"
    )


def test_an_applications_year_rows_follow_its_dates_and_total(live_server, office):
    page = office
    page.goto(f"{live_server.url}/rar-sormland/ansokningar/ny/")
    page.locator("#id_total").fill("3000000")
    page.locator("#id_start").fill("2023-07-01")
    page.locator("#id_end").fill("2026-06-30")
    page.locator("#id_end").dispatch_event("change")
    # four calendar years, the total spread by days (184 + 365 + 366 + 181 of 1 096), largest remainder
    assert _year_rows(page) == [
        ["2023", "503650"],
        ["2024", "1001825"],
        ["2025", "999087"],
        ["2026", "495438"],
    ]
    page.locator("#id_end").fill("2024-06-30")
    page.locator("#id_end").dispatch_event("change")
    # 184 + 182 days of 366; the rows beyond are emptied (an empty row is not saved)
    assert _year_rows(page) == [["2023", "1508197"], ["2024", "1491803"], ["", ""], ["", ""]]


def test_a_section_shows_only_the_fields_of_the_kind_chosen(live_server, office):
    from finsam.plan.models import Plan

    page = office
    plan = Plan.objects.filter(association__slug="rar-sormland").order_by("-year").first()
    page.goto(f"{live_server.url}/rar-sormland/{plan.year}/plan/avsnitt/ny/")
    page.locator("input[name$='kind'][value='text']").check()
    assert page.locator("textarea[name$='body']").is_visible()
    assert not page.locator("select[name$='block']").is_visible()
    page.locator("input[name$='kind'][value='block']").check()
    assert page.locator("select[name$='block']").is_visible()
    assert not page.locator("textarea[name$='body']").is_visible()


def test_the_markdown_preview_follows_the_text_as_it_is_typed(live_server, office):
    from finsam.plan.models import Plan

    page = office
    plan = Plan.objects.filter(association__slug="rar-sormland").order_by("-year").first()
    page.goto(f"{live_server.url}/rar-sormland/{plan.year}/plan/avsnitt/ny/")
    page.locator("input[name$='kind'][value='text']").check()
    page.locator("textarea[name$='body']").fill("Vi **följer upp** varje halvår <script>alert(1)</script>")
    page.locator("#section-preview strong").wait_for()
    html = page.locator("#section-preview").inner_html()
    assert "<strong>följer upp</strong>" in html
    assert "<script" not in html

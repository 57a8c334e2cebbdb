"""Office staff enter figures in the grids and see the sums before saving (static/finsam/js/live-sums.js)."""

import pytest
from django.conf import settings
from django.urls import reverse

from budget import services
from budget.models import LineGroup, LineKind
from followup.models import PeriodReport
from tests.factories import BudgetColumnFactory, BudgetLineFactory, BudgetVersionFactory, ProjectFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _logged_in(page, live_server, client, user):
    """The office user's session in the browser, without typing a password (the login page has its own test)."""
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_office_staff_enter_half_year_figures_in_the_grid_and_see_the_sums(
    live_server, page, client, office_user, association
):
    project = ProjectFactory(owner__association=association, name="SIKTA")
    _logged_in(page, live_server, client, office_user)
    url = reverse("followup:period", kwargs={"slug": "eget", "year": 2023, "pk": project.pk, "period": 1})
    page.goto(f"{live_server.url}{url}")

    page.get_by_label("deltog, kvinnor").fill("12")
    page.get_by_label("deltog, män").fill("9")
    page.get_by_label("avslutade, kvinnor").fill("5")
    page.get_by_label("avslutade till arbete, kvinnor").fill("3")
    page.get_by_label("avslutade till studier, kvinnor").fill("1")
    assert page.locator("#total_participated").inner_text() == "21"
    assert page.locator("#total_ended").inner_text() == "5"
    outcome_sums = page.locator("tr.sum-row output")
    assert outcome_sums.nth(0).inner_text() == "4"  # one of the five women who ended is still unaccounted for

    page.get_by_role("button", name="Spara").click()
    error = page.locator("#id_ended_women_error")
    assert error.inner_text() == "Avslutade kvinnor: utfallen summerar till 4 men 5 avslutade."
    page.get_by_label("avslutade till okänt, kvinnor").fill("1")
    assert outcome_sums.nth(0).inner_text() == "5"
    page.get_by_role("button", name="Spara").click()
    page.wait_for_url(
        f"{live_server.url}{reverse('followup:project', kwargs={'slug': 'eget', 'year': 2023, 'pk': project.pk})}"
    )
    report = PeriodReport.objects.get(project=project)
    assert (report.participated_women, report.participated_men, report.ended_women, report.unknown_women) == (
        12,
        9,
        5,
        1,
    )


def test_office_staff_enter_a_budget_and_see_the_result_update_before_saving(
    live_server, page, client, office_user, association
):
    BudgetLineFactory(association=association, name="Medlemsavgifter", group=LineGroup.INCOME)
    BudgetLineFactory(association=association, name="Kansli")
    BudgetLineFactory(association=association, name="Insatser")
    BudgetLineFactory(association=association, name="Summa kostnader", kind=LineKind.SUBTOTAL)
    BudgetLineFactory(association=association, name="Resultat", kind=LineKind.RESULT)
    version = BudgetVersionFactory(budget__association=association, budget__plan_year=2024)
    BudgetColumnFactory(version=version, year=2024)
    services.save_amounts(version=version, values={})
    _logged_in(page, live_server, client, office_user)
    page.goto(
        f"{live_server.url}{reverse('budget:grid', kwargs={'slug': 'eget', 'year': 2024, 'number': 1})}"
    )

    page.get_by_label("Medlemsavgifter 2024").fill("15000000")
    page.get_by_label("Kansli 2024").fill("2400000")
    page.get_by_label("Insatser 2024").fill("11308750")
    result_row = page.get_by_role("row", name="Resultat")
    costs_row = page.get_by_role("row", name="Summa kostnader")
    assert costs_row.locator("output").inner_text() == "13\xa0708\xa0750"
    assert result_row.locator("output").inner_text() == "1\xa0291\xa0250"
    page.get_by_label("Kansli 2024").fill("4400000")
    assert result_row.locator("output").inner_text() == "\u2212708\xa0750"  # a deficit, before saving

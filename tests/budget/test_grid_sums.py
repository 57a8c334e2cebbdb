"""The budget and outcome grids show their sums and result in kronor, as the server computes them, and tell the
page's script (static/finsam/js/live-sums.js) which cells each sum adds, so it recomputes them as the user types."""

import re

import pytest
from django.urls import reverse

from budget import services
from budget.models import LineGroup, LineKind, Outcome
from tests.factories import BudgetColumnFactory, BudgetLineFactory, BudgetVersionFactory, FeeYearFactory
from tests.forms import submit


@pytest.fixture
def lines(association):
    made = {
        "fees": BudgetLineFactory(
            association=association, name="Medlemsavgifter", group=LineGroup.INCOME, kind=LineKind.MEMBER_FEES
        ),
        "staff": BudgetLineFactory(association=association, name="Kansli"),
        "rent": BudgetLineFactory(association=association, name="Lokaler"),
        "costs": BudgetLineFactory(association=association, name="Summa kostnader", kind=LineKind.SUBTOTAL),
        "result": BudgetLineFactory(association=association, name="Resultat", kind=LineKind.RESULT),
    }
    FeeYearFactory(association=association, year=2010, total=15_000_000)
    return made


def _output(page: str, expression: str) -> str:
    found = re.search(rf'<output[^>]*data-sum="{re.escape(expression)}"[^>]*>([^<]*)</output>', page)
    assert found, expression
    return found.group(1)


def test_the_budget_grid_shows_sums_and_result_in_kronor_and_how_to_recompute_them(office_client, lines):
    version = BudgetVersionFactory(budget__association=lines["fees"].association, budget__plan_year=2010)
    BudgetColumnFactory(version=version, year=2010)
    services.save_amounts(
        version=version, values={(lines["staff"].pk, 2010): 2_000_000, (lines["rent"].pk, 2010): 308_750}
    )
    url = reverse("budget:grid", kwargs={"slug": "eget", "year": 2010, "number": version.number})
    page = office_client.get(url).content.decode()

    fees, staff, rent = (f"id_cell_{lines[k].pk}_2010" for k in ("fees", "staff", "rent"))
    assert _output(page, f"{staff} {rent}") == "2\xa0308\xa0750"
    assert _output(page, f"{fees} -{staff} -{rent}") == "12\xa0691\xa0250"
    # an empty fed cell counts what its source says
    assert re.search(rf'id="{fees}" value="" placeholder="15000000" data-fallback="15000000"', page)
    assert "data-live-sums" in page and "finsam/js/live-sums.js" in page


def test_the_outcome_grid_sums_income_costs_and_result_and_saves_in_kronor(office_client, lines):
    url = reverse("budget:outcome", kwargs={"slug": "eget", "year": 2010})
    fees, staff, rent = (f"cell_{lines[k].pk}_2010" for k in ("fees", "staff", "rent"))
    response = submit(office_client, url, {fees: "15000000", staff: "2000000", rent: "308750"})
    assert response.status_code == 302
    assert {o.line.name: o.amount for o in Outcome.objects.all()} == {
        "Medlemsavgifter": 15_000_000,
        "Kansli": 2_000_000,
        "Lokaler": 308_750,
    }
    page = office_client.get(url).content.decode()
    assert _output(page, f"id_{fees}") == "15\xa0000\xa0000"
    assert _output(page, f"id_{staff} id_{rent}") == "2\xa0308\xa0750"
    assert _output(page, f"id_{fees} -id_{staff} -id_{rent}") == "12\xa0691\xa0250"


def test_a_bad_outcome_cell_gets_its_message_beside_it_and_saves_nothing(office_client, lines):
    url = reverse("budget:outcome", kwargs={"slug": "eget", "year": 2010})
    staff = f"cell_{lines['staff'].pk}_2010"
    page = submit(office_client, url, {staff: "-5"}).content.decode()
    assert re.search(
        rf'aria-describedby="id_{staff}_error">\s*<div class="invalid-feedback" id="id_{staff}_error">'
        "Ange beloppet utan minustecken; radens grupp bestämmer tecknet.</div>",
        page,
    )
    assert "Uppgifterna är inte sparade. Rätta felen nedan." in page
    assert not Outcome.objects.exists()

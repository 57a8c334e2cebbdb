"""The plan's budget block: any budgets and columns of the association, each from its own version."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from budget import services as budget_services
from budget.exports import budget_table
from budget.feeds import budget_view
from budget.models import BudgetVersion, VersionStatus
from finsam.plan import services
from finsam.plan.document import build_document
from finsam.plan.models import Plan, PlanStatus, Section
from projects.models import ProjectYearAmount
from tests.scenarios import budget_scenario


@pytest.fixture
def scenario(association):
    """Budget 2009 (a draft, column 2009) and budget 2010 (adopted, columns 2010 and 2011)."""
    return budget_scenario(association)


def _plan(association, years: str) -> Plan:
    plan = services.create_plan(association=association, year=2010)
    Section.objects.filter(plan=plan, block="budget").update(block_years=years)
    return plan


def _budget_tables(plan):
    return [t for t in build_document(plan).tables() if t.key.startswith("budget")]


def _row(table, label):
    return next(row.cells for row in table.rows if row.cells["label"] == label)


def test_without_settings_the_block_shows_the_plan_years_budget_with_all_its_columns(association, scenario):
    (table,) = _budget_tables(_plan(association, ""))
    assert (table.key, [c.key for c in table.columns]) == ("budget", ["label", "y2010", "y2011"])


def test_named_years_come_from_the_plan_years_budget_or_from_their_own(association, scenario):
    earlier, own = _budget_tables(_plan(association, "2009, 2010"))
    assert (earlier.key, [c.key for c in earlier.columns]) == ("budget-2009", ["label", "y2009"])
    assert (own.key, [c.key for c in own.columns]) == ("budget", ["label", "y2010"])  # 2011 left out
    assert _row(earlier, "Resultat")["y2009"] == 4_000_000  # fees 15 000 000 − office 11 000 000
    # 15 000 000 fees + 4 000 000 carried − 2 000 000 office − 5 000 000 projects; RAR's habit shows a surplus
    # as a negative result
    assert _row(own, "Resultat")["y2010"] == -12_000_000


def test_an_adopted_budget_stays_as_adopted_beside_a_live_draft(association, scenario):
    plan = _plan(association, "2009, 2010")
    # today's sources move: a project's 2010 amount and the draft 2009 budget's office cost
    project = scenario["projects"][1]
    ProjectYearAmount.objects.filter(project=project, year=2010).update(amount=2_500_000)
    budget_services.save_amounts(
        version=scenario["previous"], values={(scenario["lines"]["staff"].pk, 2009): 12_000_000}
    )
    earlier, own = _budget_tables(plan)
    assert _row(earlier, "Resultat")["y2009"] == 3_000_000  # the draft is live
    assert _row(own, "Insatser")["y2010"] == 5_000_000  # the adopted record: 3 000 000 + 2 000 000
    assert (
        "Insatser 2010: 5\u00a0000\u00a0000\u00a0kr i den fastställda budgeten; i dag 5\u00a0500\u00a0000\u00a0kr. "
        "Den fastställda budgeten ändras inte; en ändring kräver en revision." in own.notes
    )


def test_a_year_no_budget_has_is_said_in_the_plan(association, scenario):
    tables = _budget_tables(_plan(association, "2010, 2031"))
    assert [t.key for t in tables] == ["budget", "budget"]
    assert tables[1].columns == []
    assert tables[1].notes == ["Ingen budget har en kolumn för 2031."]


def _section_post(client, association, section, years):
    url = reverse(
        "plan:row_edit", kwargs={"slug": association.slug, "year": 2010, "kind": "avsnitt", "pk": section.pk}
    )
    marker = client.get(url).context["form"]["history_marker"].value()
    data = {"heading": section.heading, "kind": "block", "block": "budget", "block_years": years}
    return client.post(url, {**data, "history_marker": marker})


@pytest.mark.parametrize(
    ("years", "message"),
    [
        ("2031", "Ingen budget har en kolumn för 2031. Ange år som finns som kolumn i planårets budget"),
        ("2010, tjugo", "Ange år med fyra siffror, åtskilda med kommatecken."),
        ("²⁰¹⁰", "Ange år med fyra siffror, åtskilda med kommatecken."),  # digits to str, not to int
    ],
)
def test_the_section_form_refuses_years_it_cannot_show_and_changes_nothing(
    office_client, association, scenario, years, message
):
    section = _plan(association, "2010").sections.get(block="budget")
    response = _section_post(office_client, association, section, years)
    assert response.status_code == 200
    assert message in response.content.decode()
    section.refresh_from_db()
    assert section.block_years == "2010"


def test_the_section_form_saves_years_from_two_budgets(office_client, association, scenario):
    section = _plan(association, "").sections.get(block="budget")
    assert _section_post(office_client, association, section, "2009, 2010").status_code == 302
    section.refresh_from_db()
    assert section.block_years == "2009, 2010"


def test_a_plan_is_adopted_only_with_every_budget_it_shows_adopted(association, scenario):
    plan = _plan(association, "2009, 2010")
    with pytest.raises(ValidationError) as refused:
        services.adopt_plan(plan=plan, adopted_on=datetime.date(2009, 11, 20))
    assert (
        "Budgeten för 2009 (version 1) är inte fastställd. Fastställ den först, eller välj att fastställa den "
        "samtidigt med planen." in refused.value.messages
    )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT
    services.adopt_plan(plan=plan, adopted_on=datetime.date(2009, 11, 20), adopt_dependencies=True)
    assert BudgetVersion.objects.get(pk=scenario["previous"].pk).status == VersionStatus.ADOPTED


def test_a_fee_line_fed_one_year_and_typed_the_next_says_so_per_year(association):
    scenario = budget_scenario(association, adopt=False)
    version, fees = scenario["version"], scenario["lines"]["fees"]
    budget_services.save_amounts(version=version, values={(fees.pk, 2011): 14_000_000})
    table = budget_table(budget_view(BudgetVersion.objects.get(pk=version.pk)))
    row = next(row for row in table.rows if row.cells["label"] == "Medlemsavgifter")
    assert row.source == "från avgiftsåret 2010; inmatat 2011"
    assert row.marks["y2010"] == {"symbol": "●", "text": "från avgiftsåret"}
    assert row.marks["y2011"] == {
        "symbol": "✎",
        "text": "inmatat i stället för källans \u221215\u00a0000\u00a0000\u00a0kr",
    }

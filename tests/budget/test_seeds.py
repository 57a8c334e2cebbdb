"""The seeds' derived figures, reproduced from their lines by the demo data."""

import pytest
from django.core.management import call_command

from budget.exports import budget_table
from budget.feeds import budget_view, compute_version, current_version
from budget.models import Budget
from finsam.models import Association


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    return {a.slug: a for a in Association.objects.all()}


def _budget(association, year):
    budget = Budget.objects.get(association=association, plan_year=year)
    version = current_version(budget)
    return version, compute_version(version)


def _row(table, label):
    return next(row.cells for row in table.rows if row.cells["label"] == label)


def test_rar_2010_results_are_11_666_for_the_2009_forecast_and_8_741_for_2010(demo):
    version, computed = _budget(demo["rar-sormland"], 2010)
    assert computed.surplus[2009] == -11_666_000
    assert computed.surplus[2010] == -8_741_000
    assert computed.surplus[2012] == 1_760_000
    table = budget_table(budget_view(version))
    assert table.inconsistencies() == []
    result = _row(table, "Resultat")
    assert (result["y2009"], result["y2010"]) == (
        11_666_000,
        8_741_000,
    )  # RAR's habit: a deficit shown positive
    assert _row(table, "Intäkter")["y2009"] == -15_000_000  # fed from the 2009 fee year, shown negative
    assert _row(table, "Befintliga projekt")["y2010"] == 7_745_000  # fed from the five projects
    assert _row(table, "Befintliga projekt")["y2009"] == 23_786_000  # the forecast's entered figure
    assert "Reviderad 2010-01-13 utifrån förändrad budget 2010" in table.notes


def test_rar_2007_costs_are_15_000_tkr(demo):
    version, computed = _budget(demo["rar-sormland"], 2007)
    table = budget_table(budget_view(version))
    assert _row(table, "Summa")["y2007"] == 15_000_000
    assert _row(table, "Kostnad för beviljade projekt")["y2007"] == 5_719_000


def test_rar_2005_2006_costs_are_10_and_15_mkr(demo):
    version, _computed = _budget(demo["rar-sormland"], 2006)
    summa = _row(budget_table(budget_view(version)), "Summa")
    assert (summa["y2005"], summa["y2006"]) == (10_000_000, 15_000_000)


def test_landskrona_svalov_2009_result_is_4_982_and_2010_takes_it_in(demo):
    association = demo["landskrona-svalov"]
    _version, computed_2009 = _budget(association, 2009)
    assert computed_2009.surplus[2009] == 4_982_000
    version, computed_2010 = _budget(association, 2010)
    table = budget_table(budget_view(version))
    assert _row(table, "Övriga intäkter")["y2010"] == 4_982_000
    assert _row(table, "Summa intäkter")["y2010"] == 9_982_000  # the plan prints 10 422; the lines say 9 982
    assert computed_2010.surplus[2010] == 0


def test_rar_2023_shows_the_computed_project_sum_not_the_printed_one(demo):
    version, computed = _budget(demo["rar-sormland"], 2023)
    table = budget_table(budget_view(version))
    assert table.inconsistencies() == []
    assert _row(table, "Samverkansinsatser")["y2023"] == 9_353_000  # the plan prints 8 119
    assert _row(table, "SIKTA (Region Sörmland)")["y2023"] == 3_107_000


def test_every_demo_budget_table_is_consistent(demo):
    for budget in Budget.objects.all():
        assert budget_table(budget_view(current_version(budget))).inconsistencies() == [], budget

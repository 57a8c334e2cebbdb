"""The year's outcome against the budget, on the page and as a sheet of its own, and a budget exported alone."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import load_workbook

from budget import services
from budget.documents import budget_workbook
from budget.exports import outcome_by_line, outcome_table
from budget.feeds import budget_view
from finsam.lib.tables import RowKind
from tests.documents import evaluated_table, formula_cells, sum_formula_rows
from tests.scenarios import budget_scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_outcome(association):
    setup = budget_scenario(association)
    lines = setup["lines"]
    services.save_outcome(
        values={
            (lines["fees"].pk, 2010): 15_000_000,
            (lines["staff"].pk, 2010): 2_200_000,
            (lines["projects"].pk, 2010): 4_500_000,
        }
    )
    return setup


EXPECTED = {  # RAR's habit: income negative, a surplus negative; deviation = outcome - budget
    "Medlemsavgifter": [-15_000_000, -15_000_000, 0],
    "Överfört från föregående år": [-4_000_000, None, None],
    "Summa intäkter": [-19_000_000, -15_000_000, 0],
    "Kansli": [2_000_000, 2_200_000, 200_000],
    "Insatser": [5_000_000, 4_500_000, -500_000],
    "Summa kostnader": [7_000_000, 6_700_000, -300_000],
    "Resultat": [-12_000_000, -8_300_000, -300_000],
}


def test_the_outcome_table_sets_each_line_against_the_budget_in_the_habit_of_the_budget(with_outcome):
    version = with_outcome["version"]
    table = outcome_table(budget_view(version), outcome_by_line(version.budget.association, 2010))
    rows = {
        row.cells["label"]: [row.cells[k] for k in ("budget", "outcome", "deviation")]
        for row in table.rows
        if row.kind != RowKind.HEADING
    }
    assert rows == EXPECTED
    # the lines under their groups' headings, as in the budget table
    assert [row.cells["label"] for row in table.rows if row.kind == RowKind.HEADING] == [
        "Intäkter",
        "Verksamhetens kostnader",
    ]
    assert table.inconsistencies() == []
    assert table.notes == ["Rader utan registrerat utfall saknar avvikelse och räknas som 0 i summorna."]


def test_without_an_outcome_there_is_no_outcome_table(association):
    version = budget_scenario(association)["version"]
    assert outcome_table(budget_view(version), outcome_by_line(association, 2010)) is None


def test_the_budget_workbook_has_an_outcome_sheet_whose_sums_evaluate_to_the_page(with_outcome, association):
    content = budget_workbook(budget_view(with_outcome["version"]), association)
    assert load_workbook(io.BytesIO(content)).sheetnames == ["Budget 2010", "Utfall 2010 mot budget"]
    assert evaluated_table(content, "Utfall 2010 mot budget") == {
        **EXPECTED,
        "Intäkter": [None, None, None],  # the group headings: no figures
        "Verksamhetens kostnader": [None, None, None],
        "Rader utan registrerat utfall saknar avvikelse och räknas som 0 i summorna.": [None, None, None],
    }
    for sheet, _cell, formula in formula_cells(content):
        if sheet == "Utfall 2010 mot budget":
            assert sum_formula_rows(formula)


def test_the_page_shows_the_same_outcome_table(office_client, with_outcome):
    page = office_client.get(reverse("budget:detail", kwargs={"slug": "eget", "year": 2010})).content.decode()
    assert 'id="table-outcome"' in page
    assert "Utfall 2010 mot budget" in page


def test_an_auditor_exports_the_budget_alone_with_its_outcome(client, auditor_user, with_outcome):
    client.force_login(auditor_user)
    response = client.get(reverse("budget:xlsx", kwargs={"slug": "eget", "year": 2010}))
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(response.content)).sheetnames == ["Budget 2010", "Utfall 2010 mot budget"]


def test_export_budget_writes_the_version_that_counts_or_the_one_asked_for(tmp_path, with_outcome):
    target = tmp_path / "budget.xlsx"
    call_command("export_budget", "eget", "2010", "--output", str(target), stdout=io.StringIO())
    assert evaluated_table(target.read_bytes())["Resultat"] == [-12_000_000, -23_900_000]
    call_command("export_budget", "eget", "2010", "--format", "pdf", "--output", str(tmp_path / "b.pdf"))
    assert (tmp_path / "b.pdf").read_bytes().startswith(b"%PDF")
    with pytest.raises(CommandError, match="Budgeten för 2010 har ingen version 7. Versioner: 1."):
        call_command("export_budget", "eget", "2010", "--budget-version", "7", "--output", str(target))
    with pytest.raises(CommandError, match="har ingen budget för 1999. Budgetar finns för: "):
        call_command("export_budget", "eget", "1999")
    with pytest.raises(CommandError, match="Förbundet ”saknas” finns inte."):
        call_command("export_budget", "saknas", "2010")


def test_an_example_outcome_is_marked_until_the_office_enters_a_figure_over_it(with_outcome):
    from budget.exports import outcome_and_examples
    from budget.models import Outcome

    version, lines = with_outcome["version"], with_outcome["lines"]
    association = version.budget.association
    Outcome.objects.filter(line__in=[lines["fees"], lines["staff"]], year=2010).update(is_example=True)
    services.save_outcome(
        values={(lines["fees"].pk, 2010): 15_000_000, (lines["staff"].pk, 2010): 2_300_000}  # fees unchanged
    )
    examples = set(Outcome.objects.filter(is_example=True).values_list("line__name", flat=True))
    assert examples == {"Medlemsavgifter"}
    table = outcome_table(budget_view(version), *outcome_and_examples(association, 2010))
    labels = [row.cells["label"] for row in table.rows if row.kind != RowKind.HEADING]
    assert labels[:2] == ["Medlemsavgifter (exempeldata)", "Överfört från föregående år"]
    assert "Kansli" in labels
    assert table.caption == "Utfall 2010 mot budget (exempeldata)"
    assert table.sheet == "Utfall 2010 mot budget"
    assert "Utfall märkta exempeldata är påhittade siffror" in table.notes[-1]

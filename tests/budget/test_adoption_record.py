"""An adopted budget is a document of record: nothing edited afterwards moves its page, PDF or workbook.

Each test adopts one budget, reads it back as a reader would (the page's table, the PDF's text, the workbook
with every formula evaluated), edits something the budget was built from — through a page, the admin or the
shell — and reads it back again. The edit must have changed the live data (else the test proves nothing), and the
adopted documents must be exactly as before.
"""

import datetime
import re

import pytest
from django.urls import reverse

from budget import services
from budget.allocation import equity_status, view_ceiling
from budget.exports import budget_table
from budget.feeds import budget_view, live_view, source_changes
from budget.models import (
    BudgetLine,
    BudgetRecord,
    BudgetVersion,
    VersionStatus,
)
from budget.record import from_content
from tests.adoption_edits import (
    EDITS,
    add_a_staircase_step,
    change_the_fee_year,
    move_project_money_between_projects_in_a_year,
)
from tests.documents import evaluated_table, pdf_text
from tests.pages import main_content
from tests.scenarios import budget_scenario


@pytest.fixture
def adopted(association, office_user):
    return budget_scenario(association, adopt_by=office_user)


def _urls(version):
    kwargs = {"slug": version.budget.association.slug, "year": version.budget.plan_year}
    suffix = f"?version={version.number}"
    return (
        reverse("budget:detail", kwargs=kwargs) + suffix,
        reverse("budget:pdf", kwargs=kwargs) + suffix,
        reverse("budget:xlsx", kwargs=kwargs) + suffix,
    )


def read_back(client, version) -> tuple[str, str, dict]:
    """The whole page (but what the template marks as today's data), the PDF's text, the evaluated workbook."""
    page, pdf, xlsx = _urls(version)
    client.get(reverse("budget:list", kwargs={"slug": "eget"}))  # shows the edit's "saved" message, if any
    return (
        main_content(client.get(page).content.decode()),
        pdf_text(client.get(pdf).content),
        evaluated_table(client.get(xlsx).content),
    )


def test_the_adopted_budget_reads_back_the_same_on_page_pdf_and_workbook(office_client, adopted):
    page, pdf, workbook = read_back(office_client, adopted["version"])
    # RAR's habit: income negative, a surplus negative. 2010: fees 15 000 + carried 4 000 - staff 2 000
    # - projects 5 000 = 12 000 tkr surplus; 2011: 15 000 + 12 000 - 2 100 - 1 000 = 23 900.
    assert workbook["Resultat"] == [-12_000_000, -23_900_000]
    assert workbook["Summa intäkter"] == [-19_000_000, -27_000_000]
    steget = adopted["projects"][0]
    assert workbook[f"{steget} ({steget.owner.name})"] == [3_000_000, 1_000_000]
    assert workbook["Insatser"] == [5_000_000, 1_000_000]
    assert "−12\xa0000" in page and "−23\xa0900" in page
    assert re.search(r"Resultat\s+−12 000\s+−23 900", pdf)
    assert "Fastställd 2009-11-20, Dnr 09-19 § 7" in pdf
    # equity: 6 000 + 12 000 - 4 000 carried (already in equity) = 14 000; over the ceiling of 12 000
    assert "vid årets slut 14 000 000 kr" in pdf
    assert (
        "2010: eget kapital vid årets slut 14 000 000 kr är 2 000 000 kr över taket 12 000 000 kr."
        in page.replace("\xa0", " ")
    )


def _live(version):
    view = live_view(version)
    table = budget_table(view)
    ceiling = equity_status(version.budget.association, view.plan_year, computed=view.computed)
    return table.caption, table.rows, table.notes, view.rule_results, ceiling


@pytest.mark.parametrize("edit", EDITS, ids=[edit.__name__ for edit in EDITS])
def test_no_later_edit_moves_an_adopted_budget(office_client, office_user, adopted, django_user_model, edit):
    version = adopted["version"]
    adopted["superuser"] = django_user_model.objects.create_superuser("chef", "chef@example.org", "x")
    before = read_back(office_client, version)
    live_before = _live(version)
    record = BudgetRecord.objects.get(version=version)

    edit(office_client, adopted)

    office_client.force_login(office_user)
    version = BudgetVersion.objects.get(pk=version.pk)
    assert _live(version) != live_before, "the edit did not reach the live data"
    assert read_back(office_client, version) == before
    assert BudgetRecord.objects.get(pk=record.pk).content == record.content
    assert BudgetRecord.objects.get(pk=record.pk).intact


def test_a_draft_follows_the_same_edits(office_client, adopted):
    revision = services.revise(version=adopted["version"], revised_on=datetime.date(2010, 1, 13), reason="ny")
    change_the_fee_year(office_client, adopted)
    assert budget_view(revision).computed.value(adopted["lines"]["fees"].pk, 2010) == 16_100_001


def test_the_record_cannot_be_changed_or_deleted_by_any_path(adopted):
    from django.core.exceptions import ValidationError

    record = BudgetRecord.objects.get(version=adopted["version"])
    record.content["title"] = "Fusk"
    with pytest.raises(ValidationError, match="En fastställd budget är en handling"):
        record.save()
    with pytest.raises(ValidationError):
        BudgetRecord.objects.filter(pk=record.pk).update(content={})
    with pytest.raises(ValidationError):
        BudgetRecord.objects.filter(pk=record.pk).delete()
    with pytest.raises(ValidationError):
        record.delete()
    assert BudgetRecord.objects.get(pk=record.pk).content["title"] == "Budget 2010"


def test_the_budget_of_an_adopted_version_cannot_be_deleted(adopted):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        adopted["version"].budget.delete()
    assert BudgetVersion.objects.filter(pk=adopted["version"].pk, status=VersionStatus.ADOPTED).exists()


def test_the_page_says_which_sources_changed_since_adoption_with_both_figures(office_client, adopted):
    change_the_fee_year(office_client, adopted)
    page = office_client.get(_urls(adopted["version"])[0]).content.decode().replace("\xa0", " ")
    assert "Underlagen har ändrats sedan budgeten fastställdes" in page
    assert "Medlemsavgifter 2010: 15 000 000 kr i den fastställda budgeten; i dag 16 100 001 kr." in page


def test_a_second_adoption_of_the_same_version_is_refused_and_keeps_the_first(office_client, adopted):
    url = reverse("budget:adopt", kwargs={"slug": "eget", "year": 2010, "number": 1})
    response = office_client.post(url, {"adopted_on": "2009-12-01", "reference": "annat"}, follow=True)
    assert (
        "Versionen fastställdes redan 2009-11-20 (Dnr 09-19 § 7); den har inte ändrats."
        in response.content.decode()
    )
    version = BudgetVersion.objects.get(pk=adopted["version"].pk)
    assert (version.adopted_on, version.decision_reference) == (datetime.date(2009, 11, 20), "Dnr 09-19 § 7")
    assert BudgetRecord.objects.filter(version=version).count() == 1


def test_a_second_revision_of_the_same_version_is_refused(office_client, adopted):
    url = reverse("budget:revise", kwargs={"slug": "eget", "year": 2010, "number": 1})
    data = {"revised_on": "2010-01-13", "reason": "utifrån förändrad budget"}
    office_client.post(url, data)
    response = office_client.post(url, data, follow=True)
    assert (
        "Det finns redan en senare version (version 2, utkast). Ändra den i stället."
        in response.content.decode()
    )
    assert BudgetVersion.objects.filter(budget=adopted["version"].budget).count() == 2


def test_the_record_keeps_the_equity_ceiling_and_the_page_shows_it_after_a_staircase_is_entered(
    office_client, django_user_model, adopted
):
    record = BudgetRecord.objects.get(version=adopted["version"])
    assert record.content["ceiling"] == {"year": 2010, "ceiling": 12_000_000, "rule": "fixed"}
    adopted["superuser"] = django_user_model.objects.create_superuser("chef", "chef@example.org", "x")
    add_a_staircase_step(office_client, adopted)  # 10 % of 15 000 000 kr: 1 500 000 kr from now on
    page = office_client.get(_urls(adopted["version"])[0]).content.decode().replace("\xa0", " ")
    ceiling = page[page.index('id="equity-ceiling"') : page.index("<div data-live")]
    assert "Tak för eget kapital</dt><dd" in ceiling and "12 000 000 kr" in ceiling
    assert "Det egna kapitalet är 2 000 000 kr över den rimliga nivån." in ceiling
    assert "trappan" not in ceiling and "1 500 000" not in ceiling


def test_the_dashboard_shows_the_adopted_budgets_kept_ceiling_as_the_budget_page_does(
    client, office_client, django_user_model, adopted
):
    adopted["superuser"] = django_user_model.objects.create_superuser("chef", "chef@example.org", "x")
    add_a_staircase_step(office_client, adopted)  # today's ceiling: 1 500 000 kr by the staircase
    client.force_login(adopted["superuser"])
    response = client.get(reverse("plan_year", kwargs={"slug": "eget", "year": 2010}))
    figures = {figure.key: (figure.label, figure.amount) for figure in response.context["figures"]}
    assert figures["equity_ceiling"] == ("Tak för eget kapital", 12_000_000)
    page = response.content.decode().replace("\xa0", " ")
    assert "2010: eget kapital vid årets slut 14 000 000 kr är 2 000 000 kr över taket 12 000 000 kr." in page
    assert "1 500 000" not in page and "trappan" not in page


def _schema_1(content: dict) -> dict:
    """The content as records were written before the ceiling was kept (schema 1)."""
    old = {key: value for key, value in content.items() if key != "ceiling"}
    old["schema"] = 1
    return old


def test_a_record_from_before_ceilings_were_kept_shows_no_ceiling_rather_than_todays(adopted):
    content = _schema_1(BudgetRecord.objects.get(version=adopted["version"]).content)
    view = from_content(content)
    assert view.ceiling is None
    assert budget_table(view).rows == budget_table(budget_view(adopted["version"])).rows
    assert view_ceiling(adopted["version"].budget.association, view, {}) is None


def test_a_schema_1_record_of_a_plain_project_total_kept_no_project_rows_and_compares_none(adopted):
    content = _schema_1(BudgetRecord.objects.get(version=adopted["version"]).content)
    for line in content["lines"]:
        line["show_project_breakdown"] = False
    content["breakdown"] = {"2010": [], "2011": []}  # what schema 1 wrote for a line without its breakdown
    view = from_content(content)
    assert view.computed.breakdown == {}
    assert source_changes(view, adopted["version"].budget.association) == []


@pytest.fixture
def adopted_plain_total(association, office_user):
    """The budget of tests/scenarios.py adopted with its project line as a plain total (no per-project rows)."""
    setup = budget_scenario(association, adopt=False)
    BudgetLine.objects.filter(pk=setup["lines"]["projects"].pk).update(show_project_breakdown=False)
    services.adopt(
        version=setup["version"],
        adopted_on=datetime.date(2009, 11, 20),
        reference="Dnr 09-19 § 7",
        by=office_user,
    )
    return setup


def test_the_record_of_a_plain_project_total_keeps_each_projects_row(office_client, adopted_plain_total):
    steget, trappan = adopted_plain_total["projects"]
    owner = steget.owner.name
    record = BudgetRecord.objects.get(version=adopted_plain_total["version"])
    assert record.content["breakdown"] == {
        "2010": [[str(steget), owner, 3_000_000], [str(trappan), owner, 2_000_000]],
        "2011": [[str(steget), owner, 1_000_000]],
    }
    page = office_client.get(_urls(adopted_plain_total["version"])[0]).content.decode()
    table = page[page.index("<table") : page.index("</table>")]
    assert "Insatser" in table and str(steget) not in table  # the line asks for its total only


def test_money_moved_between_projects_of_a_plain_total_is_noted_per_project(
    office_client, adopted_plain_total
):
    move_project_money_between_projects_in_a_year(office_client, adopted_plain_total)
    steget, trappan = adopted_plain_total["projects"]
    page = office_client.get(_urls(adopted_plain_total["version"])[0]).content.decode().replace("\xa0", " ")
    notes = re.findall(r"<li>(Insatser[^<]*)</li>", page)
    tail = " Den fastställda budgeten ändras inte; en ändring kräver en revision."
    assert notes == [
        f"Insatser: {steget} 2010: 3 000 000 kr i den fastställda budgeten; i dag 2 500 000 kr.{tail}",
        f"Insatser: {trappan} 2010: 2 000 000 kr i den fastställda budgeten; i dag 2 500 000 kr.{tail}",
    ]  # the year's total is 5 000 000 kr either way, so only the per-project notes tell


def test_money_moved_between_projects_of_a_shown_breakdown_is_noted_per_project(office_client, adopted):
    move_project_money_between_projects_in_a_year(office_client, adopted)
    steget, trappan = adopted["projects"]
    page = office_client.get(_urls(adopted["version"])[0]).content.decode().replace("\xa0", " ")
    assert re.findall(r"<li>Insatser: ([^<]*?) i den fastställda", page) == [
        f"{steget} 2010: 3 000 000 kr",
        f"{trappan} 2010: 2 000 000 kr",
    ]
    table = page[page.index("<table") : page.index("</table>")]
    assert "3 000" in table and "2 500" not in table  # the rows under the frozen total stay as adopted

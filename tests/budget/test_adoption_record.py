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
from budget.exports import budget_table
from budget.feeds import budget_view, live_view
from budget.models import (
    BudgetLine,
    BudgetRecord,
    BudgetSettings,
    BudgetVersion,
    LineGroup,
    LineKind,
    VersionStatus,
)
from projects.models import ProjectYearAmount
from tests.documents import evaluated_table, pdf_text
from tests.forms import submit
from tests.scenarios import budget_scenario

INC, COSTS = LineGroup.INCOME, LineGroup.COSTS


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


def _page_table(html: str) -> str:
    start = html.index('<div class="table-responsive"')
    end = html.index("</table>", start)
    notes = re.findall(r'<p class="small table-note">.*?</p>', html)
    breaches = re.findall(r'<div class="alert alert-warning rule-breach".*?</div>', html)
    return html[start:end] + "".join(notes) + "".join(breaches)


def read_back(client, version) -> tuple[str, str, dict]:
    page, pdf, xlsx = _urls(version)
    return (
        _page_table(client.get(page).content.decode()),
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


def _line_form(client, line, changes):
    url = reverse("budget:line_edit", kwargs={"slug": line.association.slug, "pk": line.pk})
    response = submit(client, url, changes)
    assert response.status_code == 302, response.content.decode()[-2000:]


def _admin_form(client, obj, changes):
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    response = submit(client, url, changes, contains=next(iter(changes)))
    assert response.status_code == 302, response.content.decode()[-3000:]


def change_line_group(client, setup):
    _line_form(client, setup["lines"]["carry"], {"group": COSTS})


def retire_a_line(client, setup):
    _line_form(client, setup["lines"]["staff"], {"last_year": "2010"})


def make_a_line_a_subtotal(client, setup):
    _line_form(client, setup["lines"]["staff"], {"kind": LineKind.SUBTOTAL})


def rename_a_line(client, setup):
    _line_form(client, setup["lines"]["staff"], {"name": "Kansliet och styrelsen"})


def add_a_subtotal_line(client, setup):
    url = reverse("budget:line_create", kwargs={"slug": "eget"})
    data = {"name": "Delsumma", "group": COSTS, "kind": LineKind.SUBTOTAL, "position": "45"}
    assert submit(client, url, data, contains="name").status_code == 302


def edit_a_line_in_the_admin(client, setup):
    client.force_login(setup["superuser"])
    _admin_form(client, setup["lines"]["staff"], {"name": "Personal", "group": LineGroup.INCOME})


def flip_sign_habit_and_title_in_the_admin(client, setup):
    client.force_login(setup["superuser"])
    _admin_form(client, setup["version"].budget, {"title": "Annan rubrik", "income_shown_negative": None})


def move_project_money_between_years(client, setup):
    first = setup["projects"][0]
    services_projects().set_year_amounts(project=first, amounts={2010: 2_000_000, 2011: 2_000_000})


def move_project_money_between_projects_in_a_year(client, setup):
    first, second = setup["projects"]
    ProjectYearAmount.objects.filter(project=first, year=2010).update(amount=2_500_000)
    ProjectYearAmount.objects.filter(project=second, year=2010).update(amount=2_500_000)


def change_the_fee_year(client, setup):
    url = reverse("members:fee_year_edit", kwargs={"slug": "eget", "year": 2010})
    municipality = setup["projects"][0].owner
    assert submit(client, url, {"total": "16100001", f"share_{municipality.pk}": "100"}).status_code == 302


def change_last_years_result(client, setup):
    previous = setup["previous"]
    url = reverse("budget:grid", kwargs={"slug": "eget", "year": 2009, "number": previous.number})
    staff = setup["lines"]["staff"]
    assert submit(client, url, {f"cell_{staff.pk}_2009": "9000000"}).status_code == 302


def change_the_rules(client, setup):
    url = reverse("budget:settings", kwargs={"slug": "eget"})
    assert submit(client, url, {"min_liquidity": "20000000", "equity_ceiling": ""}).status_code == 302


def rename_a_line_in_the_shell(client, setup):
    BudgetLine.objects.filter(pk=setup["lines"]["projects"].pk).update(name="X", show_project_breakdown=False)
    BudgetSettings.objects.update(income_shown_negative=True, equity_ceiling=1)


def services_projects():
    from projects import services as project_services

    return project_services


EDITS = [
    change_line_group,
    retire_a_line,
    make_a_line_a_subtotal,
    rename_a_line,
    add_a_subtotal_line,
    edit_a_line_in_the_admin,
    flip_sign_habit_and_title_in_the_admin,
    move_project_money_between_years,
    move_project_money_between_projects_in_a_year,
    change_the_fee_year,
    change_last_years_result,
    change_the_rules,
    rename_a_line_in_the_shell,
]


def _live(version):
    view = live_view(version)
    table = budget_table(view)
    return table.caption, table.rows, table.notes, view.rule_results


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

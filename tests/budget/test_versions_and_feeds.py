import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from budget import services
from budget.feeds import compute_version
from budget.models import BudgetAmount, BudgetSettings, LineGroup, LineKind, VersionStatus
from budget.rules import check_rules
from tests.factories import (
    BudgetColumnFactory,
    BudgetLineFactory,
    BudgetVersionFactory,
    FeeYearFactory,
    granted_project,
)
from tests.forms import submit


@pytest.fixture
def budget_setup(association):
    fees = BudgetLineFactory(
        association=association, name="Medlemsavgifter", group=LineGroup.INCOME, kind=LineKind.MEMBER_FEES
    )
    staff = BudgetLineFactory(association=association, name="Kansli")
    projects = BudgetLineFactory(association=association, name="Insatser", kind=LineKind.PROJECTS)
    result = BudgetLineFactory(association=association, name="Resultat", kind=LineKind.RESULT)
    version = BudgetVersionFactory(budget__association=association, budget__plan_year=2010)
    BudgetColumnFactory(version=version, year=2010)
    FeeYearFactory(association=association, year=2010, total=15_000_000)
    project = granted_project({2010: 7_745_000}, owner__association=association)
    services.save_amounts(version=version, values={(staff.pk, 2010): 2_000_000})
    return {
        "version": version,
        "fees": fees,
        "staff": staff,
        "projects": projects,
        "result": result,
        "project": project,
    }


def test_a_fed_line_follows_its_source(budget_setup):
    version, project = budget_setup["version"], budget_setup["project"]
    assert compute_version(version).value(budget_setup["projects"].pk, 2010) == 7_745_000
    amount = project.year_amounts.get(year=2010)
    amount.amount = 8_000_000
    amount.save()
    computed = compute_version(version)
    assert computed.value(budget_setup["projects"].pk, 2010) == 8_000_000
    assert computed.surplus[2010] == 15_000_000 - 2_000_000 - 8_000_000


def test_adoption_freezes_fed_figures_and_locks_the_version(budget_setup):
    version, project = budget_setup["version"], budget_setup["project"]
    services.adopt(version=version, adopted_on=datetime.date(2009, 11, 20), reference="§ 12")
    amount = project.year_amounts.get(year=2010)
    amount.amount = 1
    amount.save()
    version.refresh_from_db()
    assert compute_version(version).value(budget_setup["projects"].pk, 2010) == 7_745_000
    with pytest.raises(ValidationError, match="Versionen är fastställd"):
        services.save_amounts(version=version, values={(budget_setup["staff"].pk, 2010): 1})
    with pytest.raises(ValidationError):
        BudgetAmount.objects.filter(version=version).first().save()
    with pytest.raises(ValidationError):
        version.revision_reason = "smyg"
        version.save()


def test_an_adopted_version_cannot_be_changed_through_the_page(client, office_user, budget_setup):
    version, staff = budget_setup["version"], budget_setup["staff"]
    services.adopt(version=version, adopted_on=datetime.date(2009, 11, 20), reference="")
    before = list(BudgetAmount.objects.filter(version=version).values())
    client.force_login(office_user)
    url = reverse("budget:grid", kwargs={"slug": "eget", "year": 2010, "number": 1})
    response = client.post(url, {f"cell_{staff.pk}_2010": "1"}, follow=True)
    assert (
        "Versionen är fastställd och kan inte ändras. Gör en revision i stället." in response.content.decode()
    )
    assert list(BudgetAmount.objects.filter(version=version).values()) == before
    adopt_again = reverse("budget:adopt", kwargs={"slug": "eget", "year": 2010, "number": 1})
    client.post(adopt_again, {"adopted_on": "2020-01-01"})
    version.refresh_from_db()
    assert version.adopted_on == datetime.date(2009, 11, 20)


def test_an_adopted_version_cannot_be_changed_through_the_admin(client, office_user, budget_setup):
    version = budget_setup["version"]
    services.adopt(version=version, adopted_on=datetime.date(2009, 11, 20), reference="")
    amount = BudgetAmount.objects.filter(version=version).first()
    client.force_login(office_user)
    url = reverse("admin:budget_budgetamount_change", args=[amount.pk])
    response = client.post(url, {"version": version.pk, "line": amount.line_id, "year": 2010, "amount": 1})
    assert response.status_code == 403
    amount.refresh_from_db()
    assert amount.amount != 1


def test_a_revision_is_a_new_version_and_keeps_the_old_one_intact(client, office_user, budget_setup):
    version, staff = budget_setup["version"], budget_setup["staff"]
    services.adopt(version=version, adopted_on=datetime.date(2009, 11, 20), reference="")
    client.force_login(office_user)
    url = reverse("budget:revise", kwargs={"slug": "eget", "year": 2010, "number": 1})
    assert (
        client.post(url, {"revised_on": "2010-01-13", "reason": "utifrån förändrad budget 2010"}).status_code
        == 302
    )
    revision = version.budget.versions.get(number=2)
    assert (revision.status, revision.revision_note) == (
        VersionStatus.DRAFT,
        "Reviderad 2010-01-13 utifrån förändrad budget 2010",
    )
    grid = reverse("budget:grid", kwargs={"slug": "eget", "year": 2010, "number": 2})
    assert submit(client, grid, {f"cell_{staff.pk}_2010": "2500000"}).status_code == 302
    assert compute_version(revision).value(staff.pk, 2010) == 2_500_000
    assert compute_version(version).value(staff.pk, 2010) == 2_000_000
    compare = client.get(reverse("budget:compare", kwargs={"slug": "eget", "year": 2010}))
    assert compare.status_code == 200
    assert "table-warning" in compare.content.decode()


def test_a_negative_amount_in_the_grid_gets_a_message_and_saves_nothing(client, office_user, budget_setup):
    staff = budget_setup["staff"]
    client.force_login(office_user)
    url = reverse("budget:grid", kwargs={"slug": "eget", "year": 2010, "number": 1})
    response = submit(client, url, {f"cell_{staff.pk}_2010": "-5"})
    assert "Ange beloppet utan minustecken; radens grupp bestämmer tecknet." in response.content.decode()
    assert compute_version(budget_setup["version"]).value(staff.pk, 2010) == 2_000_000


def test_a_rule_breach_is_reported_with_rule_year_and_amount(association, budget_setup):
    version = budget_setup["version"]
    version.opening_equity = 0
    version.save()
    settings = BudgetSettings(
        association=association,
        min_liquidity=6_000_000,
        reservation_threshold=16_000_000,
        equity_ceiling=5_000_000,
    )
    computed = compute_version(version)  # surplus 15 000 000 - 2 000 000 - 7 745 000 = 5 255 000
    breaches = {(b.rule, b.year, b.amount) for b in check_rules(computed, settings, {2010: 15_000_000})}
    assert breaches == {
        ("min_liquidity", 2010, 745_000),
        ("reservation_threshold", 2010, 1_000_000),
        ("equity_ceiling", 2010, 255_000),
    }
    message = next(
        b.message for b in check_rules(computed, settings, {2010: 15_000_000}) if b.rule == "min_liquidity"
    )
    assert message == (
        "2010: eget kapital vid årets slut 5\u00a0255\u00a0000\u00a0kr är 745\u00a0000\u00a0kr under lägsta "
        "likviditet 6\u00a0000\u00a0000\u00a0kr."
    )


def test_the_budget_page_shows_fed_and_entered_marks_and_breaches(
    client, board_user, association, budget_setup
):
    BudgetSettings.objects.create(association=association, reservation_threshold=16_000_000)
    client.force_login(board_user)
    page = client.get(reverse("budget:detail", kwargs={"slug": "eget", "year": 2010})).content.decode()
    assert "hämtat" in page
    assert (
        "2010: medlemsavgifterna 15\u00a0000\u00a0000\u00a0kr är 1\u00a0000\u00a0000\u00a0kr under 16\u00a0000\u00a0000\u00a0kr"
        in page
    )
    assert "Ändra belopp" not in page  # read-only for the board


def test_budget_page_of_four_columns_30_lines_and_40_projects_runs_a_fixed_number_of_queries(
    client, auditor_user, association, django_assert_num_queries
):
    version = BudgetVersionFactory(budget__association=association, budget__plan_year=2010)
    for year in (2009, 2010, 2011, 2012):
        BudgetColumnFactory(version=version, year=year)
    BudgetLineFactory(
        association=association, name="Avgifter", group=LineGroup.INCOME, kind=LineKind.MEMBER_FEES
    )
    BudgetLineFactory(
        association=association, name="Insatser", kind=LineKind.PROJECTS, show_project_breakdown=True
    )
    lines = [BudgetLineFactory(association=association) for _ in range(27)]
    BudgetLineFactory(association=association, name="Resultat", kind=LineKind.RESULT)
    services.save_amounts(version=version, values={(line.pk, 2010): 1000 for line in lines})
    owner = granted_project({2010: 1}, owner__association=association).owner
    for _ in range(39):
        granted_project({2010: 100_000, 2011: 50_000}, owner=owner)
    client.force_login(auditor_user)
    url = reverse("budget:detail", kwargs={"slug": association.slug, "year": 2010})
    # session, user, grant; budget with its association; versions; columns; lines;
    # amounts; fee years; project breakdown (the year's totals are its sums); settings (with the single
    # ceiling); outcome; equity steps; next year's allocation basis; navigation.
    with django_assert_num_queries(15):
        response = client.get(url)
    assert response.status_code == 200


def test_office_staff_set_the_opening_equity_and_the_page_shows_equity(client, office_user, budget_setup):
    client.force_login(office_user)
    url = reverse("budget:grid", kwargs={"slug": "eget", "year": 2010, "number": 1})
    staff = budget_setup["staff"]
    assert (
        submit(client, url, {f"cell_{staff.pk}_2010": "2000000", "opening_equity": "1000000"}).status_code
        == 302
    )
    version = budget_setup["version"]
    version.refresh_from_db()
    assert version.opening_equity == 1_000_000
    page = client.get(reverse("budget:detail", kwargs={"slug": "eget", "year": 2010})).content.decode()
    # 1 000 000 + (15 000 000 − 2 000 000 − 7 745 000) = 6 255 000
    assert "vid årets slut 6\u00a0255\u00a0000\u00a0kr" in page


def test_money_moved_between_projects_is_noted_in_the_rows_order_not_sorted_as_text():
    from budget.feeds import _breakdown_changes

    adopted = {2010: [("9 Steget", "Kommunen", 3_000_000), ("10 Trappan", "Regionen", 2_000_000)]}
    today = {2010: [("9 Steget", "Kommunen", 2_500_000), ("10 Trappan", "Regionen", 2_500_000)]}
    changes = _breakdown_changes("Insatser", adopted, today)
    assert [(c.line, c.adopted, c.today) for c in changes] == [
        ("Insatser: 9 Steget", 3_000_000, 2_500_000),
        ("Insatser: 10 Trappan", 2_000_000, 2_500_000),
    ]

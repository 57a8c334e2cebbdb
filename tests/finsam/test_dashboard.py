"""The year dashboard: each role's variant, exact figures, no dead ends, and a pinned number of queries."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from budget.models import BudgetAmount, BudgetSettings, EquityCeilingStep, LineGroup, LineKind
from finsam.models import DashboardVisit
from finsam.plan.dashboard import months_of, place_in_cycle
from members.models import FeeYear
from tests.factories import (
    BudgetColumnFactory,
    BudgetLineFactory,
    BudgetVersionFactory,
    FeeYearFactory,
    MemberOrganisationFactory,
    ProjectFactory,
    granted_project,
)

NBSP = "\xa0"


def kr(text: str) -> str:
    return text.replace(" ", NBSP) + NBSP + "kr"


def _year_with_data(association, *, projects=2):
    FeeYearFactory(association=association, year=2009, total=16_000_000)
    owner = MemberOrganisationFactory(association=association)
    for _ in range(projects):
        granted_project({2009: 1_000_000}, owner=owner)
    version = BudgetVersionFactory(
        budget__association=association, budget__plan_year=2009, opening_equity=3_000_000
    )
    BudgetColumnFactory(version=version, year=2009)
    BudgetSettings.objects.create(association=association, min_liquidity=500_000, equity_ceiling=2_000_000)
    return version


def test_the_dashboard_opens_on_the_latest_year_with_data_and_offers_only_those_years(
    client, office_user, association
):
    _year_with_data(association)
    FeeYearFactory(association=association, year=2007)
    client.force_login(office_user)
    response = client.get(reverse("association", kwargs={"slug": association.slug}))
    assert response.status_code == 200
    assert response.context["year"] == 2009
    assert response.context["years"] == [2009, 2007]
    content = response.content.decode()
    assert 'href="/eget/2009/" aria-current="page"' in content


def test_key_figures_come_from_fees_projects_and_the_budget(client, office_user, association):
    _year_with_data(association)
    client.force_login(office_user)
    response = client.get(reverse("plan_year", kwargs={"slug": association.slug, "year": 2009}))
    figures = {figure.key: figure.amount for figure in response.context["figures"]}
    # Equity: 3 000 000 at the start, a year with 16 000 000 kr in fees the budget does not carry (no fee line)
    assert figures == {
        "member_fees": 16_000_000,
        "granted": 2_000_000,
        "unallotted": None,  # the budget has no project line to leave anything unallotted
        "above_liquidity_floor": 2_500_000,
        "equity_end": 3_000_000,
        "min_liquidity": 500_000,
        "equity_ceiling": 2_000_000,
    }
    content = response.content.decode()
    assert kr("16 000 000") in content
    assert "<svg" in content and "<desc" in content  # the chart, with its text alternative
    assert "2009: eget kapital vid årets slut 3" in content  # the ceiling rule's warning


def _budget_2009(association, *, fees=16_000_000, costs=12_000_000, opening=3_000_000):
    """A 2009 budget with a fed fee line and one cost line: equity at the year's end opening + fees − costs."""
    FeeYearFactory(association=association, year=2009, total=fees)
    version = BudgetVersionFactory(
        budget__association=association, budget__plan_year=2009, opening_equity=opening
    )
    BudgetColumnFactory(version=version, year=2009)
    BudgetLineFactory(
        association=association, name="Medlemsavgifter", group=LineGroup.INCOME, kind=LineKind.MEMBER_FEES
    )
    office = BudgetLineFactory(association=association, name="Kansli")
    BudgetAmount.objects.create(version=version, line=office, year=2009, amount=costs)
    return version


def _dashboard(client, user, association):
    client.force_login(user)
    response = client.get(reverse("plan_year", kwargs={"slug": association.slug, "year": 2009}))
    figures = {figure.key: (figure.label, figure.amount) for figure in response.context["figures"]}
    return figures, response.content.decode()


def test_the_dashboard_judges_equity_by_the_ceiling_staircase_and_warns_above_it(
    client, office_user, association
):
    _budget_2009(association)  # equity at the end: 3 000 000 + 16 000 000 − 12 000 000 = 7 000 000
    EquityCeilingStep.objects.create(association=association, up_to=15_000_000, max_share=30)
    EquityCeilingStep.objects.create(association=association, up_to=None, max_share=20)
    BudgetSettings.objects.create(association=association, equity_ceiling=50_000_000)  # the staircase wins
    figures, content = _dashboard(client, office_user, association)
    # 16 000 000 allocated is above the first step: 20 % of it
    assert figures["equity_ceiling"] == ("Rimligt eget kapital enligt trappan", 3_200_000)
    assert figures["equity_end"][1] == 7_000_000
    assert (
        f"Det egna kapitalet är {kr('3 800 000')} över den rimliga nivån. Enligt statens fördelningsmodell "
        "påverkar och begränsar det kommande års medelstilldelning." in content
    )
    assert "Budgeten håller förbundets ekonomiska regler." not in content


def test_the_dashboard_judges_equity_by_the_single_ceiling_without_a_staircase(
    client, office_user, association
):
    _budget_2009(association)
    BudgetSettings.objects.create(association=association, equity_ceiling=5_000_000)
    figures, content = _dashboard(client, office_user, association)
    assert figures["equity_ceiling"] == ("Tak för eget kapital", 5_000_000)
    assert (
        f"2009: eget kapital vid årets slut {kr('7 000 000')} är {kr('2 000 000')} över taket {kr('5 000 000')}."
        in content
    )
    assert "över den rimliga nivån" not in content  # the rule's warning is not said twice


def test_a_staircase_the_equity_stays_under_gives_no_warning(client, office_user, association):
    _budget_2009(association, costs=15_000_000)  # equity 4 000 000, under 30 % of 16 000 000 = 4 800 000
    EquityCeilingStep.objects.create(association=association, up_to=None, max_share=30)
    figures, content = _dashboard(client, office_user, association)
    assert figures["equity_ceiling"] == ("Rimligt eget kapital enligt trappan", 4_800_000)
    assert "över den rimliga nivån" not in content
    assert "Budgeten håller förbundets ekonomiska regler." in content


def test_unallotted_is_the_project_money_budgeted_but_not_granted_and_the_room_above_the_floor_is_apart(
    client, office_user, association
):
    version = _budget_2009(association)
    owner = MemberOrganisationFactory(association=association)
    granted_project({2009: 1_200_000}, owner=owner)
    granted_project({2009: 800_000}, owner=owner)
    projects = BudgetLineFactory(
        association=association, name="Insatser", kind=LineKind.PROJECTS, show_project_breakdown=True
    )
    # the office budgets 3 000 000 for projects; 2 000 000 of it is granted
    BudgetAmount.objects.create(version=version, line=projects, year=2009, amount=3_000_000)
    BudgetSettings.objects.create(association=association, min_liquidity=500_000)
    figures, content = _dashboard(client, office_user, association)
    assert figures["unallotted"] == ("Ej fördelat på insatser", 1_000_000)
    # equity at the end 3 000 000 + 16 000 000 − 12 000 000 − 3 000 000 = 4 000 000; the floor 500 000
    assert figures["above_liquidity_floor"] == ("Utrymme över likviditetsgolvet", 3_500_000)
    assert kr("1 000 000") in content and kr("3 500 000") in content
    budget = client.get(reverse("budget:detail", kwargs={"slug": association.slug, "year": 2009}))
    assert "Ej fördelat på insatser" in budget.content.decode()  # the same figure on the budget's own row


def test_the_dashboard_lists_due_and_overdue_reports_and_requisitions(client, office_user, association):
    ProjectFactory(
        owner__association=association,
        name="SIKTA",
        number="",
        start=datetime.date(2023, 1, 1),
        end=datetime.date(2023, 12, 31),
    )
    client.force_login(office_user)
    url = reverse("plan_year", kwargs={"slug": association.slug, "year": 2023})
    # the first half-year ends 30 June; its report and requisition are due 30 days later, on 30 July
    with time_machine.travel(datetime.datetime(2023, 6, 20, 9, tzinfo=datetime.UTC), tick=False):
        early = client.get(url).content.decode()
    with time_machine.travel(datetime.datetime(2023, 7, 25, 9, tzinfo=datetime.UTC), tick=False):
        soon = client.get(url).content.decode()
    with time_machine.travel(datetime.datetime(2023, 8, 10, 9, tzinfo=datetime.UTC), tick=False):
        late = client.get(url).content.decode()
    assert "Lägesrapport 2023, period 1" not in early  # more than a week ahead: not yet listed
    for page, status in ((soon, "Förfaller snart"), (late, "Försenad")):
        for what in ("Lägesrapport 2023, period 1", "Rekvisition 2023, period 1"):
            row = re.search(
                rf"<tr><td>2023-07-30</td><td>SIKTA</td><th scope=\"row\">{what}</th>(.*?)</tr>", page, re.S
            )
            assert row is not None and status in row.group(1), (what, status)


def test_office_staff_are_offered_the_next_step_for_plan_and_budget(client, office_user, association):
    client.force_login(office_user)
    content = client.get(
        reverse("plan_year", kwargs={"slug": association.slug, "year": 2011})
    ).content.decode()
    assert "Skapa budget" in content
    assert f'action="{reverse("budget:create", kwargs={"slug": association.slug})}"' in content
    assert "Skapa planen" in content
    assert f'/{association.slug}/2011/budget/"' not in content  # no link to a budget that does not exist


def test_a_board_member_sees_documents_and_no_office_actions(client, board_user, association):
    _year_with_data(association)
    client.force_login(board_user)
    content = client.get(
        reverse("plan_year", kwargs={"slug": association.slug, "year": 2009})
    ).content.decode()
    assert "Handlingar att läsa" in content
    assert "Skapa budget" not in content and "Skapa planen" not in content
    assert "Excel" not in content
    assert "Nästa steg" not in content


def test_readers_see_what_changed_since_their_last_visit(client, auditor_user, association):
    url = reverse("association", kwargs={"slug": association.slug})
    with time_machine.travel(datetime.datetime(2030, 3, 1, 9, 0, tzinfo=datetime.UTC), tick=False):
        client.force_login(auditor_user)
        first = client.get(url).content.decode()
    assert "Välkommen!" in first
    with time_machine.travel(datetime.datetime(2030, 3, 2, 9, 0, tzinfo=datetime.UTC), tick=False):
        FeeYearFactory(association=association, year=2009, total=16_000_000)
    with time_machine.travel(datetime.datetime(2030, 3, 3, 9, 0, tzinfo=datetime.UTC), tick=False):
        client.force_login(auditor_user)  # the next day's visit: the idle session of the first has ended
        second = client.get(url)
    assert second.context["change_count"] == 1
    assert "1 ändring sedan" in second.content.decode()
    assert DashboardVisit.objects.get(
        user=auditor_user, association=association
    ).seen_at == datetime.datetime(2030, 3, 3, 9, 0, tzinfo=datetime.UTC)


def test_a_change_between_two_visits_is_listed_on_every_dashboard_page_of_the_second_visit(
    client, board_user, association
):
    start = reverse("association", kwargs={"slug": association.slug})
    other_year = reverse("plan_year", kwargs={"slug": association.slug, "year": 2008})
    with time_machine.travel(datetime.datetime(2030, 3, 1, 9, 0, tzinfo=datetime.UTC), tick=False):
        client.force_login(board_user)
        assert client.get(start).context["since"] is None
    with time_machine.travel(datetime.datetime(2030, 3, 2, 9, 0, tzinfo=datetime.UTC), tick=False):
        FeeYearFactory(association=association, year=2009, total=16_000_000)
    with time_machine.travel(datetime.datetime(2030, 3, 3, 9, 0, tzinfo=datetime.UTC), tick=False):
        client.force_login(board_user)
        pages = [client.get(start), client.get(other_year), client.get(start), client.get(other_year)]
    for page in pages:
        assert page.context["since"] == datetime.datetime(2030, 3, 1, 9, 0, tzinfo=datetime.UTC)
        assert page.context["change_count"] == 1
        assert "1 ändring sedan" in page.content.decode()
    with time_machine.travel(datetime.datetime(2030, 3, 4, 9, 0, tzinfo=datetime.UTC), tick=False):
        client.force_login(board_user)  # the third visit: nothing changed since the second began
        third = client.get(start)
    assert third.context["since"] == datetime.datetime(2030, 3, 3, 9, 0, tzinfo=datetime.UTC)
    assert "Inget har ändrats sedan" in third.content.decode()


@pytest.mark.parametrize("projects", [1, 12])
def test_the_dashboard_runs_a_fixed_number_of_queries(
    client, office_user, association, django_assert_num_queries, projects
):
    _year_with_data(association, projects=projects)
    client.force_login(office_user)
    url = reverse("plan_year", kwargs={"slug": association.slug, "year": 2009})
    # session, user, grant; years with data (every app's sources in one UNION); per panel: plan and its
    # versions; budget (with its association), versions, columns, lines, amounts, fee and project feeds,
    # settings (the rules' and the single ceiling); the requisition table
    # (its total is the year's granted figure); running projects, follow-up settings, received reports; due
    # items: the projects that can still owe something (their reports and requisitions are read only when there
    # are any: none here, 2009 is past the window) and the yearly cycle; fee year; the year's report; cycle;
    # navigation; the ceiling: its steps, the outcome. Never per project.
    with django_assert_num_queries(23):
        assert client.get(url).status_code == 200


def test_a_year_outside_the_planned_years_answers_the_swedish_404_page(client, office_user, association):
    client.force_login(office_user)
    response = client.get(reverse("plan_year", kwargs={"slug": association.slug, "year": 2003}))
    assert response.status_code == 404
    assert "Året 2003 ligger utanför de år som planeras." in response.content.decode()


def test_menu_pages_open_on_the_latest_year_with_data(client, board_user, association):
    _year_with_data(association)
    client.force_login(board_user)
    response = client.get(
        reverse("latest_year_page", kwargs={"slug": association.slug, "page": "uppfoljning"})
    )
    assert response["Location"] == "/eget/2009/uppfoljning/"
    response = client.get(reverse("latest_year_page", kwargs={"slug": association.slug, "page": "styrelse"}))
    assert response["Location"] == "/eget/styrelse/"  # no board seats: the page opens as it is and says so
    assert client.get("/eget/senaste/finns-inte/").status_code == 404


def test_the_cycle_marks_this_month_and_the_next_steps():
    items = [
        ("Mars", "Årsredovisning"),
        ("Mars–april", "Medlemsmöte"),
        ("September", "Förslag"),
        ("November", "Beslut"),
    ]
    steps = place_in_cycle(items, datetime.date(2026, 4, 10), upcoming=2)
    assert [(s.what, s.now, s.upcoming) for s in steps] == [
        ("Årsredovisning", False, False),
        ("Medlemsmöte", True, False),
        ("Förslag", False, True),
        ("Beslut", False, True),
    ]
    december = place_in_cycle(items, datetime.date(2026, 12, 1), upcoming=1)
    assert [s.what for s in december if s.upcoming] == ["Årsredovisning"]  # next year's first step
    assert months_of("April–maj") == (4, 5)
    assert months_of("Löpande") == (None, None)


@pytest.mark.parametrize("role", ["kansli", "styrelse", "revisor"])
def test_menu_year_pages_open_for_every_role_and_hide_from_outsiders(
    client, users_by_role, association, other_association, role
):
    client.force_login(users_by_role[role])
    own = reverse("latest_year_page", kwargs={"slug": association.slug, "page": "insatser"})
    assert client.get(own).status_code == 302
    other = reverse("latest_year_page", kwargs={"slug": other_association.slug, "page": "insatser"})
    assert client.get(other).status_code == 404


def test_menu_year_pages_send_anonymous_visitors_to_login(client, association):
    from tests.access_matrix import assert_login_required

    assert_login_required(
        client, reverse("latest_year_page", kwargs={"slug": association.slug, "page": "insatser"})
    )


@pytest.mark.parametrize("projects", [1, 12])
def test_the_readers_dashboard_runs_a_fixed_number_of_queries(
    client, board_user, association, django_assert_num_queries, projects
):
    _year_with_data(association, projects=projects)
    client.force_login(board_user)
    url = reverse("plan_year", kwargs={"slug": association.slug, "year": 2009})
    client.get(url)  # the first visit; the second shows what changed since
    fee_year = FeeYear.objects.get(association=association, year=2009)
    fee_year.total = 17_000_000
    fee_year.save()
    client.force_login(board_user)  # the second visit
    # as for office staff, plus: adopted plans and budgets; the last visit read and written, and kept in the
    # session (the visit's first page); the changes since (page and count over all models, then per model on
    # the page and the names they show); the year's report; the ceiling (steps, outcome).
    with django_assert_num_queries(33):
        assert client.get(url).status_code == 200

"""Edits of everything an adopted budget (and the plan that shows it) was built from, as a user would make them.

Each takes the test client (logged in as office staff) and the setup of tests/scenarios.py::budget_scenario, with
a superuser under "superuser" for the admin edits (they leave the client logged in as that user). Shared by the
budget's and the plan's "adopted means frozen" tests, so both drive the same paths.
"""

from django.urls import reverse

from budget.models import BudgetLine, BudgetSettings, LineGroup, LineKind
from projects import services as project_services
from projects.models import ProjectYearAmount
from tests.forms import submit

INC, COSTS = LineGroup.INCOME, LineGroup.COSTS


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
    project_services.set_year_amounts(project=first, amounts={2010: 2_000_000, 2011: 2_000_000})


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


def change_the_equity_ceiling(client, setup):
    url = reverse("budget:settings", kwargs={"slug": "eget"})
    assert submit(client, url, {"equity_ceiling": "20000000"}).status_code == 302


def add_a_staircase_step(client, setup):
    """A step of the staircase (only in the admin): from now on the ceiling is a share of the allocation."""
    client.force_login(setup["superuser"])
    url = reverse("admin:budget_equityceilingstep_add")
    association = setup["version"].budget.association
    data = {"association": str(association.pk), "up_to": "", "max_share": "10"}
    assert submit(client, url, data, contains="max_share").status_code == 302


def rename_a_line_in_the_shell(client, setup):
    BudgetLine.objects.filter(pk=setup["lines"]["projects"].pk).update(name="X", show_project_breakdown=False)
    BudgetSettings.objects.update(income_shown_negative=True, equity_ceiling=1)


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
    change_the_equity_ceiling,
    add_a_staircase_step,
    rename_a_line_in_the_shell,
]

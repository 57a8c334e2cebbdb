"""`generate_national` builds benchmark data through the product's own models and services."""

import io

from django.core.management import call_command

from finsam.models import Association
from finsam.plan.management.commands import generate_national
from finsam.plan.models import Plan
from members.models import FeeYear
from projects.amounts import granted_total, year_total
from projects.models import Project


def _generate(**options) -> str:
    out = io.StringIO()
    call_command("generate_national", stdout=out, **options)
    return out.getvalue()


def test_it_builds_associations_whose_figures_add_up_and_a_bench_user_sees_them(client, db):
    output = _generate(associations=2, years=1, first_year=2021, large_plans=0)
    assert "[##############################] 2/2 nat-02" in output
    assert "Klart: 2 förbund × 1 år" in output
    association = Association.objects.get(slug="nat-01")
    projects = list(Project.objects.filter(association=association).prefetch_related("year_amounts"))
    assert len(projects) == 8  # eight a year
    for project in projects:
        assert sum(row.amount for row in project.year_amounts.all()) == granted_total(project)
    assert year_total(association, 2021) > 0
    assert list(FeeYear.objects.filter(association=association).values_list("year", flat=True)) == [2021]
    assert Plan.objects.filter(association=association).count() == 1
    client.login(username="bench", password="finsam-demo-2026")
    assert client.get("/nat-02/2021/plan/").status_code == 200
    assert client.get("/nat-01/2021/budget/").status_code == 200


def test_a_second_run_skips_what_exists_and_adds_the_rest(db):
    _generate(associations=1, years=1, first_year=2020, large_plans=0)
    output = _generate(associations=2, years=1, first_year=2020, large_plans=0)
    assert "1/2 nat-01 finns redan" in output
    assert Association.objects.filter(slug__startswith="nat-").count() == 2
    assert Project.objects.count() == 16


def test_large_plans_hold_their_many_projects_in_the_last_year_only(db, monkeypatch):
    monkeypatch.setattr(generate_national, "LARGE_PLAN_PROJECTS", 12)
    output = _generate(associations=1, years=2, first_year=2020, large_plans=2)
    assert "nat-stor-2: 12 insatser 2021" in output
    large = Association.objects.get(slug="nat-stor-1")
    assert Project.objects.filter(association=large).count() == 12
    assert year_total(large, 2021) > 0
    assert list(Plan.objects.filter(association=large).values_list("year", flat=True)) == [2021]
    again = _generate(associations=1, years=2, first_year=2020, large_plans=2)
    assert "nat-stor-1" not in again
    assert Project.objects.filter(association__slug__startswith="nat-stor-").count() == 24

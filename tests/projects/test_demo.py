from django.core.management import call_command

from finsam.models import Association
from projects.amounts import granted_total, year_total
from projects.exports import project_table
from projects.models import Project


def test_demo_projects_give_the_plans_yearly_sums(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    rar = Association.objects.get(slug="rar-sormland")
    assert year_total(rar, 2010) == 7_745_000
    table_2010 = project_table(rar, 2010)
    assert len(table_2010.rows) == 6  # five projects and the sum
    assert table_2010.rows[-1].cells["total"] == 22_203_000
    assert year_total(rar, 2011) == 3_511_000
    assert year_total(rar, 2012) == 0
    assert year_total(rar, 2023) == 9_353_000

    plan_2007 = Project.objects.filter(
        association=rar, start__year__lte=2007, end__isnull=False, end__year__lte=2008
    ) | Project.objects.filter(
        association=rar, name__in=["Kungsgatans Läkarmottagning Eskilstuna", "Kompetensutveckling Gnesta"]
    )
    plan_2007 = plan_2007.exclude(name="AGERA/FLAK").distinct()
    assert plan_2007.count() == 10
    assert sum(granted_total(p) for p in plan_2007) == 10_828_000
    assert year_total(rar, 2007) == 5_719_000

    for project in Project.objects.filter(association=rar):
        assert sum(project.year_amounts.values_list("amount", flat=True)) == granted_total(project), (
            project.name
        )


def test_the_impossible_date_of_the_2007_plan_is_stored_honestly(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    trosam = Project.objects.get(name="TROSAM Trosa")
    assert trosam.end_display == "juni 2008"
    assert "2008-06-31" in trosam.note
    kungsgatan = Project.objects.get(name="Kungsgatans Läkarmottagning Eskilstuna")
    assert kungsgatan.start_display == "Försenad, prel. hösten 2006"


def test_the_2007_project_table_lists_the_ten_projects_of_the_2007_plan(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    rar = Association.objects.get(slug="rar-sormland")
    table = project_table(rar, 2007)
    assert len(table.rows) == 11  # ten projects and the sum
    assert "AGERA/FLAK" not in [row.cells["name"] for row in table.rows]
    assert (table.rows[-1].cells["total"], table.rows[-1].cells["year_amount"]) == (10_828_000, 5_719_000)

"""Project lists imported from Excel: RAR 2010's "Befintliga projekt" (seed 000)."""

import datetime

from django.urls import reverse

from projects.amounts import granted_total
from projects.models import Project
from tests.factories import MemberOrganisationFactory, ProjectFactory
from tests.workbooks import preview_and_confirm, upload, workbook

RAR_PROJECTS_2010 = [
    ["Nr", "Projekt", "Omr.", "Inriktning", "Start", "Slut", "Budget totalt", "Beräknat utfall 2010"],
    [12, "AGERA/FLAK", "Gnesta", "Stöd till unga- Psykisk ohälsa", "2007-12-01", "2010-05-31", "2 924", "1 018"],
    [21, "Smärtprojektet", "sö län", "Smärtproblematik", "2008-01-01", "2010-01-31", "2 732", 99],
    [33, "EVA", "E-tuna", "Kvinnor med invandrarbakgrund", "2009-01-01", "2011-12-31", "5 894", "1 965"],
    [28, "TUNA", "E-tuna", "Arbetslösa; långtidssjuka", datetime.date(2008, 9, 1), datetime.date(2011, 8, 31), "7 987", "3 330"],
    [None, "Hälsoverket", "Oxelösund", "Sjukskrivna kvinnor", "2009-01-01", "2010-12-31", 2666, 1333],
    [None, "Summa", None, None, None, None, "22 203", "7 745"],
]  # fmt: skip


def _url(association):
    return reverse("projects:import", kwargs={"slug": association.slug})


def test_a_project_list_registers_each_project_with_its_total_and_the_years_given(office_client, association):
    gnesta = MemberOrganisationFactory(association=association, name="Gnesta")
    preview, done = preview_and_confirm(
        office_client, _url(association), workbook(RAR_PROJECTS_2010), unit="tkr"
    )
    shown = preview.context["preview"]
    assert shown.errors == [] and shown.differences == []  # 22 203 and 7 745 are right in the seed
    assert done.status_code == 302
    projects = {p.name: p for p in Project.objects.filter(association=association)}
    assert sorted(projects) == ["AGERA/FLAK", "EVA", "Hälsoverket", "Smärtprojektet", "TUNA"]
    tuna = projects["TUNA"]
    assert granted_total(tuna) == 7_987_000
    years = {row.year: row.amount for row in tuna.year_amounts.all()}
    assert (
        years[2010] == 3_330_000
        and sum(years.values()) == 7_987_000
        and sorted(years) == [2008, 2009, 2010, 2011]
    )
    assert (tuna.number, tuna.start, tuna.end) == (
        "28",
        datetime.date(2008, 9, 1),
        datetime.date(2011, 8, 31),
    )
    assert list(projects["AGERA/FLAK"].area_municipalities.all()) == [gnesta]
    assert projects["Smärtprojektet"].whole_county
    assert sum(p.year_amounts.get(year=2010).amount for p in projects.values()) == 7_745_000


def test_a_wrong_printed_project_sum_is_reported(office_client, association):
    rows = [list(row) for row in RAR_PROJECTS_2010]
    rows[-1][6] = "22 302"
    preview = office_client.post(_url(association), {"file": upload(workbook(rows)), "unit": "tkr"})
    assert [d.replace("\xa0", " ") for d in preview.context["preview"].differences] == [
        "Blad Budget, rad 7, kolumn G: Summa: 22 302 i filen, 22 203 enligt raderna"
    ]


def test_years_that_exceed_the_total_store_nothing_and_name_the_row(office_client, association):
    rows = [list(row) for row in RAR_PROJECTS_2010[:3]]
    rows[2][7] = "2 800"  # Smärtprojektet 2010 more than its total 2 732
    preview = office_client.post(_url(association), {"file": upload(workbook(rows)), "unit": "tkr"})
    errors = [e.replace("\xa0", " ") for e in preview.context["preview"].errors]
    assert errors == [
        "Blad Budget, rad 3, kolumn B: åren (2010: 2 800 000 kr) går inte ihop med totalbeloppet 2 732 000 kr inom "
        "perioden 2008-01-01–2010-01-31."
    ]
    office_client.post(_url(association), {"confirm": "1", "sha256": preview.context["sha256"]})
    assert not Project.objects.exists()


def test_a_project_already_registered_is_left_as_it_is(office_client, association):
    existing = ProjectFactory(owner__association=association, name="EVA")
    preview, _done = preview_and_confirm(
        office_client, _url(association), workbook(RAR_PROJECTS_2010), unit="tkr"
    )
    assert "befintlig insats: ändras inte" in [row.target for row in preview.context["preview"].rows]
    assert Project.objects.filter(association=association, name="EVA").get() == existing
    assert Project.objects.filter(association=association).count() == 5


def test_a_bad_date_is_named(office_client, association):
    rows = [list(row) for row in RAR_PROJECTS_2010[:2]]
    rows[1][4] = "2008-06-31"  # TROSAM's impossible date
    preview = office_client.post(_url(association), {"file": upload(workbook(rows)), "unit": "tkr"})
    assert preview.context["preview"].errors == [
        "Blad Budget, rad 2, kolumn E: ”2008-06-31” är inget datum (ÅÅÅÅ-MM-DD)."
    ]


# RAR 2023 (seed 002): the projects under "Samverkansinsatser", with only the year's amount, the year heading the
# column a row above the names, and a printed sum of 8 119 where the rows give 9 353.
RAR_PROJECTS_2023 = [
    ["EKONOMISK INFORMATION, belopp i TSK", None, "Budget 2023"],
    ["Namn på insats", "Insatsägare"],
    ["SIKTA", "Region Sörmland", 3107],
    ["NUVAS", "Nyköpings kommun", 1636],
    ["Steget före", "Region Sörmland", 841],
    ["Trappan mot arbete", "Trosa kommun", 1234],
    ["Steg för steg", "Gnesta kommun", 781],
    ["Unga på väg", "Eskilstuna kommun", 1284],
    ["Slussen", "Nyköpings kommun", 470],
    ["Ung comeback", None, 0],
    [None, "Summa samverkansinsatser", 8119],
]


def test_a_one_year_list_registers_each_project_for_that_year_and_the_budget_then_takes_their_sum(
    office_client, association
):
    from budget.feeds import compute_live
    from budget.models import Budget
    from finsam.lib.periods import DatePrecision
    from projects.models import ProjectStatus, StartStatus
    from tests.budget.test_import_budget import RAR_2023

    for name in ("Region Sörmland", "Nyköpings kommun", "Trosa kommun", "Gnesta kommun", "Eskilstuna kommun"):
        MemberOrganisationFactory(association=association, name=name)
    preview, done = preview_and_confirm(office_client, _url(association), workbook(RAR_PROJECTS_2023))
    shown = preview.context["preview"]
    assert shown.errors == []
    assert [d.replace("\xa0", " ") for d in shown.differences] == [
        "Blad Budget, rad 11, kolumn C: Summa samverkansinsatser: 8 119 i filen, 9 353 enligt raderna"
    ]
    targets = {row.label: row.target.replace("\xa0", " ") for row in shown.rows}
    assert targets["SIKTA"] == (
        "ny insats; per år 2023: 3 107 000 kr; bara årets belopp: perioden blir 2023 (okänd period) och "
        "totalbeloppet 3 107 000 kr"
    )
    assert targets["Ung comeback"].endswith("inget belopp: registreras som planerad, utan beslut")
    assert done.status_code == 302
    projects = {p.name: p for p in Project.objects.filter(association=association)}
    assert len(projects) == 8
    sikta = projects["SIKTA"]
    assert (sikta.start, sikta.end) == (datetime.date(2023, 1, 1), datetime.date(2023, 12, 31))
    assert (sikta.start_precision, sikta.end_precision) == (DatePrecision.YEAR, DatePrecision.YEAR)
    assert sikta.start_status == StartStatus.UNKNOWN
    assert sikta.owner.name == "Region Sörmland"
    assert granted_total(sikta) == 3_107_000
    assert {y.year: y.amount for y in sikta.year_amounts.all()} == {2023: 3_107_000}
    comeback = projects["Ung comeback"]
    assert (comeback.status, granted_total(comeback), comeback.year_amounts.count()) == (
        ProjectStatus.PLANNED,
        0,
        0,
    )
    assert sum(granted_total(p) for p in projects.values()) == 9_353_000

    budget_url = reverse("budget:import", kwargs={"slug": association.slug})
    preview, done = preview_and_confirm(office_client, budget_url, workbook(RAR_2023))
    differences = [d.replace("\xa0", " ") for d in preview.context["preview"].differences]
    assert (
        "Blad Budget, rad 10, kolumn C: Samverkansinsatser: 8 119 i filen, 9 353 enligt raderna"
        in differences
    )
    assert not any("i insatsens belopp" in d for d in differences)  # each row matches its imported project
    assert done.status_code == 302
    version = Budget.objects.get(association=association, plan_year=2023).versions.get()
    computed = compute_live(version)
    line = next(c for c in computed.lines if c.line.name == "Samverkansinsatser")
    assert line.cells[2023].value == 9_353_000  # the imported projects' sum, not the printed 8 119


def test_a_one_year_list_row_without_an_amount_is_named(office_client, association):
    rows = [list(row) for row in RAR_PROJECTS_2023[:3]] + [["Nytt projekt", None, None]]
    preview = office_client.post(_url(association), {"file": upload(workbook(rows))})
    assert preview.context["preview"].errors == [
        "Blad Budget, rad 4, kolumn A: insatsen saknar belopp för året."
    ]
    office_client.post(_url(association), {"confirm": "1", "sha256": preview.context["sha256"]})
    assert not Project.objects.exists()


def test_a_csv_project_list_is_imported(office_client, association):
    data = "Nr;Projekt;Start;Slut;Budget totalt;2010\n33;EVA;2009-01-01;2011-12-31;5 894 000;1 965 000\n"
    preview, done = preview_and_confirm(
        office_client, _url(association), data.encode("utf-8"), name="insatser.csv", unit="kr"
    )
    assert preview.context["preview"].errors == []
    assert done.status_code == 302
    eva = Project.objects.get(association=association, name="EVA")
    assert granted_total(eva) == 5_894_000
    assert eva.year_amounts.get(year=2010).amount == 1_965_000


def test_a_failure_halfway_through_the_confirm_stores_nothing_and_logs_no_import(
    office_client, association, monkeypatch
):
    from django.core.exceptions import ValidationError

    from finsam.models import ImportLog
    from projects import services
    from projects.models import Decision, ProjectYearAmount

    real = services.set_year_amounts
    calls = []

    def fails_on_the_third_project(*, project, amounts):
        calls.append(project.name)
        real(project=project, amounts=amounts)  # the first projects are written, this one too
        if len(calls) == 3:
            raise ValidationError("databasen svarar inte")

    monkeypatch.setattr(services, "set_year_amounts", fails_on_the_third_project)
    preview, done = preview_and_confirm(
        office_client, _url(association), workbook(RAR_PROJECTS_2010), unit="tkr"
    )
    assert calls == ["AGERA/FLAK", "Smärtprojektet", "EVA"]
    assert done.status_code == 200
    assert (
        "Ingenting är importerat: Blad Budget, rad 4, kolumn B: databasen svarar inte"
        in done.content.decode()
    )
    assert not Project.objects.exists()
    assert not Decision.objects.exists() and not ProjectYearAmount.objects.exists()
    assert not ImportLog.objects.exists()

"""The year's report (verksamhetsberättelse): the plan's twin, with the year's outcome against the plan."""

import datetime
import hashlib
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import load_workbook

from budget import services as budget_services
from finsam.access import Need
from finsam.lib.workbook import FIRST_DATA_ROW
from finsam.plan import services
from finsam.plan.models import Plan, PlanKind, PlanStatus, Section
from followup.models import Comparison, Goal, Indicator, ResultTarget
from projects.models import Requisition
from tests.access_matrix import ROLES, assert_login_required, assert_matrix_cell
from tests.documents import evaluated_sheets, pdf_text, sum_formula_rows
from tests.factories import PeriodReportFactory
from tests.forms import submit
from tests.scenarios import budget_scenario

pytestmark = pytest.mark.django_db

YEAR = 2010
HEADINGS = [
    "Inledning",
    "Verksamhetens inriktning",
    "Insatser under året",
    "Måluppfyllelse",
    "Deltagare",
    "Ekonomiskt utfall",
]


def _report(association, year=YEAR):
    return services.create_report(association=association, year=year)


def _url(name, slug="eget", **kwargs):
    return reverse(f"plan:{name}", kwargs={"slug": slug, "year": YEAR, **kwargs})


URLS = [
    ("report", lambda r: {}, Need.VIEW),
    ("report_edit", lambda r: {}, Need.EDIT),
    ("report_pdf", lambda r: {}, Need.DOWNLOAD_DOCUMENTS),
    ("report_xlsx", lambda r: {}, Need.EXPORT_SPREADSHEETS),
    ("report_section_create", lambda r: {}, Need.EDIT),
    ("report_section_edit", lambda r: {"pk": r.sections.first().pk}, Need.EDIT),
    ("report_section_delete", lambda r: {"pk": r.sections.first().pk}, Need.EDIT),
]
POST_URLS = [
    ("report_create", lambda r: {}),
    ("report_adopt", lambda r: {}),
    ("report_revise", lambda r: {}),
    ("report_section_move", lambda r: {"pk": r.sections.first().pk}),
]


@pytest.mark.parametrize("name,kwargs,need", URLS)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("own", [True, False])
def test_access_matrix(client, users_by_role, association, other_association, name, kwargs, need, role, own):
    target = association if own else other_association
    report = _report(target)
    url = _url(name, slug=target.slug, **kwargs(report))
    assert_matrix_cell(client, users_by_role[role], url, role, need, own)


@pytest.mark.parametrize(
    "name,need",
    [("report_version_pdf", Need.DOWNLOAD_DOCUMENTS), ("report_version_xlsx", Need.EXPORT_SPREADSHEETS)],
)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("own", [True, False])
def test_access_matrix_of_adopted_versions(
    client, users_by_role, association, other_association, name, need, role, own
):
    target = association if own else other_association
    services.adopt_plan(plan=_report(target), adopted_on=datetime.date(2011, 3, 15))
    url = _url(name, slug=target.slug, number=1)
    assert_matrix_cell(client, users_by_role[role], url, role, need, own)


@pytest.mark.parametrize("name,kwargs,need", URLS)
def test_anonymous_users_are_sent_to_login(client, association, name, kwargs, need):
    assert_login_required(client, _url(name, **kwargs(_report(association))))


@pytest.mark.parametrize("name,kwargs", POST_URLS)
def test_post_only_urls_refuse_get_the_board_and_outsiders(
    client, office_user, board_user, outsider, association, name, kwargs
):
    report = _report(association)
    before = list(report.sections.values_list("pk", "position"))
    url = _url(name, **kwargs(report))
    client.force_login(office_user)
    assert client.get(url).status_code == 405
    client.force_login(board_user)
    assert (
        client.post(url, {"adopted_on": "2011-03-15", "revised_on": "2011-04-01", "reason": "x"}).status_code
        == 403
    )
    client.force_login(outsider)
    assert client.post(url, {"adopted_on": "2011-03-15"}).status_code == 404
    report.refresh_from_db()
    assert report.status == PlanStatus.DRAFT
    assert list(report.sections.values_list("pk", "position")) == before
    assert Plan.objects.filter(kind=PlanKind.REPORT).count() == 1


def test_office_staff_create_the_years_report_from_its_page_with_the_default_sections(
    client, office_user, board_user, association
):
    client.force_login(board_user)
    page = client.get(_url("report")).content.decode()
    assert "Det finns ingen verksamhetsberättelse för året ännu." in page
    assert _url("report_create") not in page  # the board reads, the office creates
    client.force_login(office_user)
    assert _url("report_create") in client.get(_url("report")).content.decode()
    response = client.post(_url("report_create"))
    assert response.status_code == 302
    assert response["Location"] == _url("report")
    report = Plan.objects.get(association=association, year=YEAR, kind=PlanKind.REPORT)
    assert report.title == "Verksamhetsberättelse 2010"
    assert list(report.sections.values_list("heading", flat=True)) == HEADINGS
    assert list(report.sections.filter(kind="block").values_list("block", flat=True)) == [
        "funded_projects",
        "attainment",
        "participants",
        "outcome",
    ]
    again = client.post(_url("report_create"), follow=True)
    assert "Det finns redan en verksamhetsberättelse för 2010." in again.content.decode()
    assert Plan.objects.filter(kind=PlanKind.REPORT).count() == 1


def test_the_dashboard_offers_office_staff_to_create_the_report(client, office_user, association):
    client.force_login(office_user)
    page = client.get(reverse("plan_year", kwargs={"slug": association.slug, "year": YEAR})).content.decode()
    assert "Skapa verksamhetsberättelse" in page
    assert _url("report_create") in page


def test_the_plan_and_the_report_of_a_year_live_side_by_side(office_client, association):
    plan = services.create_plan(association=association, year=YEAR)
    report = _report(association)
    assert office_client.get(_url("report")).context["plan"] == report
    assert office_client.get(_url("detail")).context["plan"] == plan
    Section.objects.filter(plan=report, heading="Inledning").update(body="Året i korthet.")
    assert "Året i korthet." in office_client.get(_url("report")).content.decode()
    assert "Året i korthet." not in office_client.get(_url("detail")).content.decode()
    # a plan URL never reaches the report's sections, nor the other way round
    section = report.sections.first()
    assert office_client.get(_url("row_edit", kind="avsnitt", pk=section.pk)).status_code == 404
    plan_section = plan.sections.first()
    assert office_client.get(_url("report_section_edit", pk=plan_section.pk)).status_code == 404


def test_a_report_without_a_plan_leaves_the_plan_pages_to_the_plan(office_client, association):
    _report(association)
    assert "Det finns ingen plan för året ännu." in office_client.get(_url("detail")).content.decode()
    assert office_client.get(_url("edit")).status_code == 404
    assert office_client.post(_url("create")).status_code == 302
    assert Plan.objects.filter(association=association, year=YEAR, kind=PlanKind.PLAN).exists()


def test_office_staff_write_a_section_and_the_board_may_not(client, office_user, board_user, association):
    report = _report(association)
    section = report.sections.get(heading="Inledning")
    url = _url("report_section_edit", pk=section.pk)
    data = {"heading": "Inledning", "kind": "text", "body": "Året **2010** i korthet."}
    client.force_login(board_user)
    assert client.get(url).status_code == 403
    assert client.post(url, data).status_code == 403
    section.refresh_from_db()
    assert section.body == ""
    client.force_login(office_user)
    assert submit(client, url, {"body": data["body"]}).status_code == 302
    section.refresh_from_db()
    assert section.body == "Året **2010** i korthet."
    assert "Året <strong>2010</strong> i korthet." in client.get(_url("report")).content.decode()


def test_the_reports_blocks_are_offered_in_a_report_and_not_in_a_plan(office_client, association):
    _report(association)
    services.create_plan(association=association, year=YEAR)
    report_form = office_client.get(_url("report_section_create")).content.decode()
    plan_form = office_client.get(_url("row_create", kind="avsnitt")).content.decode()
    for block in ("outcome", "participants", "attainment", "funded_projects"):
        assert f'value="{block}"' in report_form
        assert f'value="{block}"' not in plan_form
    assert 'value="member_fees"' in report_form  # the plan's blocks serve a report too


def test_a_section_moves_within_the_report(office_client, association):
    report = _report(association)
    last = report.sections.get(heading="Ekonomiskt utfall")
    office_client.post(_url("report_section_move", pk=last.pk), {"riktning": "upp"})
    assert list(report.sections.values_list("heading", flat=True))[-2:] == ["Ekonomiskt utfall", "Deltagare"]


@pytest.fixture
def year_2010(association):
    """RAR's habit (income negative): the adopted 2010 budget, its outcome, requisitions, participants, a goal."""
    setup = budget_scenario(association)
    lines = setup["lines"]
    budget_services.save_outcome(
        values={
            (lines["fees"].pk, YEAR): 15_000_000,
            (lines["staff"].pk, YEAR): 2_200_000,
            (lines["projects"].pk, YEAR): 4_500_000,
        }
    )
    steget, trappan = setup["projects"]
    for project, start, end, amount in (
        (steget, (1, 1), (6, 30), 1_400_000),
        (steget, (7, 1), (12, 31), 1_500_000),
        (trappan, (1, 1), (12, 31), 1_800_000),
    ):
        Requisition.objects.create(
            project=project,
            period_start=datetime.date(YEAR, *start),
            period_end=datetime.date(YEAR, *end),
            amount=amount,
        )
    # Steget: 12 + 9 took part in the first half, 4 + 3 started in the second (where 15 + 10 took part)
    PeriodReportFactory(project=steget, year=YEAR, period=1, participated_women=12, participated_men=9)
    PeriodReportFactory(
        project=steget,
        year=YEAR,
        period=2,
        started_women=4,
        started_men=3,
        participated_women=15,
        participated_men=10,
        ended_women=4,
        work_women=2,
        job_seeking_women=2,
        ended_men=2,
        work_men=1,
        none_men=1,
    )
    PeriodReportFactory(
        project=trappan, year=YEAR, period=1, participated_women=7, participated_men=5, participated_other=1
    )
    goal = Goal.objects.create(
        association=association, year=YEAR, number=1, text="Fler i arbete", follow_up="SUS"
    )
    ResultTarget.objects.create(
        goal=goal,
        text="35 % av de avslutade till arbete eller studier",
        indicator=Indicator.WORK_OR_STUDIES_SHARE,
        comparison=Comparison.AT_LEAST,
        target_value=Decimal("35"),
    )
    report = _report(association)
    Section.objects.filter(plan=report, heading="Inledning").update(body="Året då *Steget* växte.")
    return report


def _files(report):
    return services.plan_files(report)


# Figures as the PDF prints them: the outcome table in the budget's tkr, the projects in kr, counts as they are.
OUTCOME_ROWS = {  # budget, outcome, deviation (RAR's habit: income negative; deviation = outcome - budget)
    "Medlemsavgifter": ["−15 000", "−15 000", "0"],
    "Summa intäkter": ["−19 000", "−15 000", "0"],
    "Kansli": ["2 000", "2 200", "200"],
    "Insatser": ["5 000", "4 500", "−500"],
    "Summa kostnader": ["7 000", "6 700", "−300"],
    "Resultat": ["−12 000", "−8 300", "−300"],
}
PROJECT_ROWS = {  # granted, requisitioned, difference (kr)
    "Steget": ["3 000 000", "2 900 000", "−100 000"],
    "Trappan": ["2 000 000", "1 800 000", "−200 000"],
    "Summa": ["5 000 000", "4 700 000", "−300 000"],
}
PARTICIPANT_ROWS = {  # women, men, other, total: each person once in the year
    "Steget": ["16", "12", "0", "28"],
    "Trappan": ["7", "5", "1", "13"],
    "Summa": ["23", "17", "1", "41"],
}


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines()]


def _printed(text: str, label: str, figures: list[str]) -> bool:
    """The row printed on one line: the label (a project's after its number), then exactly these figures."""
    row = " ".join([label, *figures])
    return any(line == row or line.endswith(" " + row) for line in _lines(text))


def test_the_report_pdf_shows_every_heading_the_outcome_and_the_participants_by_gender(year_2010):
    pdf, _workbook = _files(year_2010)
    text = pdf_text(pdf)
    assert "Verksamhetsberättelse 2010" in text
    assert "Utkast, inte fastställd" in text
    for number, heading in enumerate(HEADINGS, start=1):
        assert f"{number}. {heading}" in text
    assert "Året då Steget växte." in text
    for rows in (OUTCOME_ROWS, PROJECT_ROWS, PARTICIPANT_ROWS):
        for label, figures in rows.items():
            assert _printed(text, label, figures), (label, figures)
    assert "50,0 %" in text  # 3 of the 6 who ended went to work: the target of 35 % is met
    assert "Inget utfall registrerat" not in text
    assert "exempeldata" not in text


def test_the_workbook_sums_are_range_formulas_that_give_the_pdfs_figures(year_2010):
    pdf, workbook_bytes = _files(year_2010)
    text = pdf_text(pdf)
    document, _version = services.shown_document(year_2010)
    tables = [table for table in document.tables() if table.columns]
    workbook = load_workbook(io.BytesIO(workbook_bytes))
    assert len(workbook.sheetnames) == len(tables) == 4  # the report's own tables, nothing else
    evaluated = evaluated_sheets(workbook_bytes)
    formulas = 0
    for sheet_name, table in zip(workbook.sheetnames, tables, strict=True):
        for offset, row in enumerate(table.rows):
            if not row.is_derived:
                continue
            for index, column in enumerate(table.columns, start=1):
                value = row.cells.get(column.key)
                if column not in table.figure_columns() or value is None:
                    continue
                cell = workbook[sheet_name].cell(row=FIRST_DATA_ROW + offset, column=index)
                assert cell.data_type == "f"
                assert sum_formula_rows(cell.value) == {FIRST_DATA_ROW + t: sign for t, sign in row.terms}
                assert evaluated[sheet_name][FIRST_DATA_ROW + offset - 1][index - 1] == value
                formulas += 1
    # the participants' sums: 23 women, 17 men, 1 other, 41 in all, as the PDF prints them
    participants = evaluated["Deltagare 2010 efter kön"]
    assert participants[FIRST_DATA_ROW + 1][1:] == [23, 17, 1, 41]
    assert _printed(text, "Summa", PARTICIPANT_ROWS["Summa"])
    # the outcome's result: -12 000 000 budgeted, -8 300 000 outcome, as the PDF prints in tkr
    outcome = evaluated["Utfall 2010 mot budget"]
    result = next(row for row in outcome if row[0] == "Resultat")
    assert result[1:] == [-12_000_000, -8_300_000, -300_000]
    # participants: 4 columns; outcome: 2 sub-totals and the result, 3 columns each; projects: 3 columns
    assert formulas == 4 + 3 * 3 + 3


def test_without_any_outcome_every_block_says_so_and_shows_no_zeros(association):
    budget_scenario(association)  # a budget and two projects with money for 2010, nothing of the outcome
    goal = Goal.objects.create(
        association=association, year=YEAR, number=1, text="Fler i arbete", follow_up="SUS"
    )
    ResultTarget.objects.create(
        goal=goal,
        text="Minst 40 deltagare",
        indicator=Indicator.PARTICIPANTS,
        comparison=Comparison.AT_LEAST,
        target_value=Decimal("40"),
    )
    pdf, workbook_bytes = _files(_report(association))
    text = pdf_text(pdf)
    assert (
        " ".join(text.split()).count("Inget utfall registrerat för 2010.") == 4
    )  # projects, goals, people, economy
    assert "Rekvirerat" not in text
    assert "Utfall (" not in text  # no outcome column at all
    assert "Nej" not in text  # a target without figures is not "not met"
    assert _printed(text, "Summa", ["5 000 000"])  # what was granted is known
    sheets = evaluated_sheets(workbook_bytes)
    assert "Utfall 2010 mot budget" not in sheets
    granted = sheets["Beviljat och rekvirerat 2010"]
    assert granted[1] == ["Insats", "Beviljat 2010 (kr)"]


def test_a_report_without_projects_budget_or_goals_says_what_is_missing(association):
    text = pdf_text(_files(_report(association))[0])
    assert "Inga insatser hade medel för 2010." in text
    assert "Inga mål är registrerade för 2010." in text
    assert "Inget utfall registrerat för 2010." in text  # participants
    assert "Ingen budget är upplagd för året." in text


def test_the_board_adopts_the_report_as_it_adopts_the_plan(client, office_user, board_user, year_2010):
    client.force_login(office_user)
    response = client.post(
        _url("report_adopt"),
        {"adopted_on": "2011-03-15", "reference": "RAR11-3", "paragraph": "§ 5"},
        follow=True,
    )
    assert "Verksamhetsberättelsen är fastställd som version 1." in response.content.decode()
    year_2010.refresh_from_db()
    assert year_2010.is_adopted
    version = year_2010.versions.get()
    assert version.pdf_sha256 == hashlib.sha256(bytes(version.pdf)).hexdigest()
    assert "Fastställd 2011-03-15, Dnr RAR11-3, § 5" in pdf_text(bytes(version.pdf))
    client.force_login(board_user)
    pdf = client.get(_url("report_pdf"))
    assert pdf.content == bytes(version.pdf)
    assert pdf["X-Content-SHA256"] == version.pdf_sha256
    assert 'filename="eget-verksamhetsberattelse-2010-v1.pdf"' in pdf["Content-Disposition"]
    client.force_login(office_user)
    section = year_2010.sections.get(heading="Inledning")
    refused = client.post(
        _url("report_section_edit", pk=section.pk), {"heading": "Ändrad", "kind": "text"}, follow=True
    )
    assert "Verksamhetsberättelsen är fastställd och kan inte ändras." in refused.content.decode()
    section.refresh_from_db()
    assert section.heading == "Inledning"


def test_export_report_writes_the_pdf_and_the_workbook(tmp_path, year_2010):
    call_command(
        "export_report",
        "eget",
        "2010",
        "--format",
        "pdf",
        "--output",
        tmp_path / "r.pdf",
        stdout=io.StringIO(),
    )
    call_command(
        "export_report",
        "eget",
        "2010",
        "--format",
        "xlsx",
        "--output",
        tmp_path / "r.xlsx",
        stdout=io.StringIO(),
    )
    assert "5. Deltagare" in pdf_text((tmp_path / "r.pdf").read_bytes())
    assert "Deltagare 2010 efter kön" in load_workbook(tmp_path / "r.xlsx").sheetnames
    with pytest.raises(
        CommandError,
        match="har ingen verksamhetsberättelse för 2011. Verksamhetsberättelser finns för: 2010.",
    ):
        call_command("export_report", "eget", "2011", "--format", "pdf", "--output", tmp_path / "x.pdf")


def test_the_demo_report_marks_its_example_figures_as_examples(db):
    call_command("load_demo", stdout=io.StringIO())
    report = Plan.objects.get(association__slug="rar-sormland", year=2023, kind=PlanKind.REPORT)
    pdf, workbook_bytes = services.plan_files(report)
    text = " ".join(pdf_text(pdf).split())
    for number, heading in enumerate(HEADINGS, start=1):
        assert f"{number}. {heading}" in text
    assert "Deltagare 2023 efter kön (exempeldata)" in text
    assert "Summa (exempeldata) 107 95 0 202" in text
    assert "Utfall 2023 mot budget (exempeldata)" in text
    assert "Samverkansinsatser (exempeldata) 9 353 8 860 −493" in text
    assert "SIKTA (exempeldata) 3 107 000 2 880 000 −227 000" in text  # the demo's requisitions are examples
    assert "Summa 9 353 000 8 860 000 −493 000" in text
    sheets = evaluated_sheets(workbook_bytes)
    # below six projects
    assert sheets["Deltagare 2023 efter kön"][FIRST_DATA_ROW + 5][0] == "Summa (exempeldata)"
    assert sheets["Utfall 2023 mot budget"][0][0] == "Utfall 2023 mot budget (exempeldata)"

"""The plan's settings that shape its print: next year's copy, the logo, page breaks, and the charts."""

import io
import re
import subprocess

import pytest
from django.urls import reverse
from PIL import Image

from finsam.lib import charts
from finsam.lib.tables import CellKind, Column, Row, RowKind, Table
from finsam.plan import services
from finsam.plan.charts import budget_composition, goal_attainment, projects_over_time
from finsam.plan.document import build_document
from finsam.plan.models import Plan, Section
from finsam.plan.pdf import plan_pdf
from finsam.plan.services import next_year_text
from tests.documents import pdf_text


def _png(width=120, height=40) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "#1f5fa8").save(out, format="PNG")
    return out.getvalue()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Budget 2023", "Budget 2024"),
        ("Insatser 2023 och 2024", "Insatser 2024 och 2025"),
        ("Verksamhetsplan och budget 2009–2010", "Verksamhetsplan och budget 2010–2011"),
        ("Budget 2009 (september–december)", "Budget 2010 (september–december)"),
        ("Styrelseledamöter år 2009", "Styrelseledamöter år 2010"),
        ("Verksamhetsplan 2005/2006", "Verksamhetsplan 2006/2007"),
        ("Lagen (2003:1210)", "Lagen (2003:1210)"),
        ("Avsnitt 120230", "Avsnitt 120230"),
    ],
)
def test_next_years_text_moves_every_year_by_one_as_the_blocks_do(text, expected):
    assert next_year_text(text) == expected


def test_copy_to_next_year_rewrites_headings_and_block_years_and_keeps_breaks_and_logo(association):
    plan = services.create_plan(association=association, year=2023)
    Plan.objects.filter(pk=plan.pk).update(logo=_png())
    plan.refresh_from_db()
    Section.objects.filter(plan=plan, heading="Budget").update(heading="Budget 2023", page_break_before=True)
    Section.objects.create(
        plan=plan, heading="Avgifter 2022–2023", kind="block", block="member_fees", block_years="2022, 2023"
    )
    new = services.copy_to_next_year(plan=plan)
    headings = list(new.sections.values_list("heading", "block_years", "page_break_before"))
    assert ("Budget 2024", "", True) in headings
    assert ("Avgifter 2023–2024", "2023, 2024", False) in headings
    assert bytes(new.logo) == _png()
    assert new.title == "Verksamhetsplan och budget 2024"


def test_office_uploads_a_logo_that_the_title_page_shows(client, office_user, association):
    plan = services.create_plan(association=association, year=2023)
    url = reverse("plan:edit", kwargs={"slug": association.slug, "year": 2023})
    client.force_login(office_user)
    form = client.get(url).context["form"]
    data = {"title": plan.title, "reference": "", "history_marker": form["history_marker"].value()}
    upload = io.BytesIO(_png())
    upload.name = "logo.png"
    response = client.post(url, {**data, "logo_file": upload})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert bytes(plan.logo) == _png()
    pdf = plan_pdf(build_document(plan))
    images = subprocess.run(["pdfimages", "-list", "-"], input=pdf, capture_output=True, check=True).stdout
    assert re.search(rb"^\s+1\s+0\s+image\s+120\s+40\b", images, re.MULTILINE)  # on page 1, the title page


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "Logotypen måste vara en PNG- eller JPEG-bild."),
        (b"GIF89a" + b"\0" * 20, "Logotypen måste vara en PNG- eller JPEG-bild."),
        (b"\x89PNG" + b"\0" * (501 * 1024), "Logotypen får vara högst 500 kB."),
    ],
)
def test_a_logo_that_is_no_png_or_jpeg_or_too_big_is_refused_with_a_message(
    client, office_user, association, content, message
):
    plan = services.create_plan(association=association, year=2023)
    url = reverse("plan:edit", kwargs={"slug": association.slug, "year": 2023})
    client.force_login(office_user)
    form = client.get(url).context["form"]
    upload = io.BytesIO(content)
    upload.name = "logo.png"
    data = {"title": "Ändrad titel", "reference": "", "history_marker": form["history_marker"].value()}
    response = client.post(url, {**data, "logo_file": upload})
    assert response.status_code == 200
    assert message in response.content.decode()
    plan.refresh_from_db()
    assert plan.logo is None and plan.title == "Verksamhetsplan och budget 2023"


def test_a_section_that_asks_for_a_new_page_starts_one_and_the_others_flow_on(association):
    plan = services.create_plan(association=association, year=2023)
    Section.objects.filter(plan=plan, heading="Bakgrund och uppdrag").update(body="Vår bakgrund.")
    flowing = pdf_text(plan_pdf(build_document(plan))).split("\f")
    Section.objects.filter(plan=plan, heading="Budget").update(page_break_before=True)
    broken = pdf_text(plan_pdf(build_document(plan))).split("\f")
    assert len(broken) == len(flowing) + 1
    page = [text for text in broken if "7. Budget" in text][-1]  # the first is the contents
    assert "6. Riskanalys och internkontroll" not in page
    assert "Sida 4 av 4" in page


def _budget_table() -> Table:
    table = Table(
        "budget",
        "Budget 2023",
        [Column("label", "Kostnad/intäkt"), Column("y", "Budget 2023", CellKind.AMOUNT, "tkr")],
    )
    fees = table.add(Row({"label": "Medlemsavgifter", "y": 16_000_000}, group="income"))
    board = table.add(Row({"label": "Styrelse", "y": 432_000}, group="costs"))
    office = table.add(
        Row(
            {
                "label": "Kansli med en mycket lång benämning som inte får klippas av i diagrammet",
                "y": 2_800_000,
            },
            group="costs",
        )
    )
    table.add(
        Row(
            {"label": "Resultat", "y": 12_768_000},
            RowKind.TOTAL,
            terms=((fees, 1), (board, -1), (office, -1)),
        )
    )
    return table


def test_the_budget_chart_shows_each_cost_with_its_share_and_wraps_long_labels():
    svg = str(budget_composition(_budget_table()))
    assert 'role="img"' in svg and "<title" in svg
    assert "Totalt 3\u00a0232\u00a0tkr: Styrelse 432\u00a0tkr (13,4\u00a0%)" in svg  # the text alternative
    assert "2\u00a0800\u00a0tkr (86,6\u00a0%)" in svg
    assert "Medlemsavgifter" not in svg  # income is not a cost
    spans = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", svg)
    assert " ".join(spans).endswith("som inte får klippas av i diagrammet")  # wrapped, not cut


def test_goal_attainment_compares_each_outcome_with_its_target():
    table = Table("goals", "Mål", [Column("target", "Resultatmål"), Column("outcome", "Utfall")])
    table.add(Row({"target": "Minst 35 % ska gå till arbete.", "outcome": "43,5\u00a0%"}))
    table.add(Row({"target": "Minst 12 aktiviteter.", "outcome": "10"}))
    table.add(Row({"target": "Samverkan förbättras.", "outcome": "kvalitativ uppföljning"}))
    svg = str(goal_attainment(table))
    assert "Minst 35 % ska gå till arbete.: utfall 43,5 %, mål 35 %, uppnått" in svg
    assert "Minst 12 aktiviteter.: utfall 10, mål 12, inte uppnått" in svg
    assert "Samverkan" not in svg  # a qualitative target has no bar


def test_the_timeline_spans_the_projects_years_and_marks_the_plan_year():
    svg = str(
        charts.timeline_chart(
            title="Insatserna över tid",
            periods=[charts.Period("TROSAM Trosa", 2006, 2008, "beviljat 1 735 tkr")],
            mark_year=2007,
        )
    )
    assert [int(y) for y in re.findall(r">(\d{4})</text>", svg)] == [2006, 2007, 2008]
    assert "TROSAM Trosa: 2006–2008, beviljat 1 735 tkr" in svg


def test_the_timeline_gives_each_project_its_amount_in_every_year_of_its_period():
    table = Table(
        "projects",
        "Insatser 2010",
        [
            Column("name", "Insats"),
            Column("start", "Start", CellKind.DATE),
            Column("end", "Slut", CellKind.DATE),
            Column("total", "Beviljat totalt", CellKind.AMOUNT, "tkr"),
            Column("year_amount", "Belopp 2010", CellKind.AMOUNT, "tkr"),
        ],
    )
    amounts = {"2009": 1_965_000, "2010": 1_965_000, "2011": 1_964_000}
    table.add(
        Row(
            {"name": "EVA", "start": "2009-01-01", "end": "2011-12-31", "total": 5_894_000,
             "year_amount": 1_965_000, "amounts": amounts}
        )
    )  # fmt: skip
    svg = str(projects_over_time(table, 2010))
    description = re.search(r"<desc[^>]*>([^<]*)</desc>", svg)[1]
    assert description == (
        "EVA: 2009–2011 (2009: 1\u00a0965\u00a0tkr, 2010: 1\u00a0965\u00a0tkr, 2011: 1\u00a0964\u00a0tkr), "
        "beviljat 5\u00a0894\u00a0tkr"
    )
    # each year's figure is drawn in that year's column under the bar
    assert re.findall(r'font-size="10" text-anchor="middle">(\d+\u00a0\d+)</text>', svg) == [
        "1\u00a0965", "1\u00a0965", "1\u00a0964",
    ]  # fmt: skip

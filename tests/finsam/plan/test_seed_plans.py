"""The five source plans (/work/shared/seeds), rebuilt by load_demo, read back from their PDF and workbook.

Each PDF must hold every heading of its source and every figure of its source's tables, row by row, as the
product prints them (tkr or kr). Where a source's own sum disagrees with its lines, the computed sum is expected
and the printed one is named in a comment.
"""

import io
import re
import subprocess

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from finsam.lib.tables import RowKind
from finsam.lib.workbook import FIRST_DATA_ROW
from finsam.plan import services
from finsam.plan.document import build_document
from finsam.plan.models import Plan
from finsam.plan.services import plan_files, shown_document
from tests.documents import evaluated_sheets, pdf_text

pytestmark = pytest.mark.django_db

RAR, LANDSKRONA = "rar-sormland", "landskrona-svalov"

# (association, plan year): the source's headings (sections and sub-headings) and its tables' rows as
# (label the row starts with, figures printed on the row, in column order).
SEEDS = {
    (RAR, 2023): {
        "headings": [
            "Bakgrund och uppdrag", "FINSAM", "Samordningsförbundet RAR i Sörmland", "Styrelsens uppdrag",
            "Verksamhet", "Inriktning", "Målgrupper", "Mål och uppföljning 2023",
            "Uppföljning och utvärdering av insatserna", "Stöd till parterna för att underlätta samverkan",
            "Stöd till kompetensutveckling/kunskapshöjande insatser", "Årsprocess för verksamhetsplaneringen",
            "Kansliet", "Riskanalys och internkontrollplan", "Budget", "Insatser i länet under 2023",
            "Förkortningar",
        ],
        "rows": [
            ("Medlemsavgifter", ["16 000"]), ("ESF-medel", ["2 500"]), ("S:a intäkter", ["18 500"]),
            ("Styrelse", ["432"]), ("Kansli", ["2 800"]), ("Samverkansstöd, ESF, utvärdering", ["4 050"]),
            ("SIKTA", ["3 107"]), ("NUVAS", ["1 636"]), ("Steget före", ["841"]),
            ("Trappan mot arbete", ["1 234"]), ("Steg för steg", ["781"]), ("Unga på väg", ["1 284"]),
            ("Slussen", ["470"]), ("Ung comeback", ["0"]),
            ("Samverkansinsatser", ["9 353"]),  # printed 8 119; its own rows sum to 9 353
            ("S:a kostnader", ["16 635"]),  # printed 15 401 (with 8 119)
            ("Över-/underskott från tidigare år", ["1 488"]),
            ("Årets beräknade resultat", ["1 865"]),  # printed 3 099 (18 500 − 15 401)
        ],
        "texts": [
            "Mars", "Mars–april", "April–maj", "September", "Oktober", "November",  # the yearly cycle
            "MISAM", "ESF", "NNS", "SUS", "Intstrat", "BIP", "Horisontella kriterier",  # the abbreviations
        ],
    },
    (RAR, 2010): {
        "headings": [
            "Inledning", "Mål", "Övergripande mål", "Individmål", "Organisatoriska mål", "Finansiella mål",
            "Framgångsfaktorer och hinder i samverkansarbete", "Behovsgrupper",
            "Aktiviteter som ska genomföras under 2010", "Befintliga projekt", "Kommunikation och information",
            "Budget", "Medlemsinsatser", "Budget för kostnader och intäkter",
        ],
        "rows": [
            ("AGERA/FLAK", ["2 924", "1 018"]), ("Smärtprojektet", ["2 732", "99"]), ("EVA", ["5 894", "1 965"]),
            ("TUNA", ["7 987", "3 330"]), ("Hälsoverket", ["2 666", "1 333"]), ("Summa", ["22 203", "7 745"]),
            ("Eskilstuna", ["1 308 750"]), ("Flen", ["236 250"]), ("Gnesta", ["142 500"]),
            ("Katrineholm", ["465 000"]), ("Nyköping", ["712 500"]), ("Oxelösund", ["161 250"]),
            ("Strängnäs", ["438 750"]), ("Trosa", ["153 750"]), ("Vingåker", ["131 250"]),
            ("Summa kommuner", ["3 750 000"]), ("Landstinget", ["3 750 000"]),
            ("Försäkringskassan", ["7 500 000"]), ("Totalt", ["15 000 000"]),
            ("Intäkter", ["-15 000", "-13 000", "-15 000", "-15 000"]),
            ("Styrelse", ["475", "489", "500", "512"]), ("Personal", ["1 800", "2 002", "2 048", "2 095"]),
            ("Lokaler", ["175", "180", "183", "187"]), ("Revision", ["150", "150", "153", "157"]),
            ("Administration", ["288", "300", "307", "314"]), ("Avskrivningar", ["22", "25", "25", "25"]),
            ("Övrigt inkl utbildning", ["396", "500", "500", "500"]),
            ("Befintliga projekt", ["23 786", "7 745", "3 511", "0"]),
            ("Nya insatser", ["10 500", "9 500", "9 500"]),
            ("Finansiella intäkter", ["-426", "-150", "-100", "-50"]),
            ("Resultat", ["11 666", "8 741", "1 627", "-1 760"]),  # printed 1 628 for 2011; its lines give 1 627
        ],
        "texts": ["Reviderad 2010-01-13 utifrån förändrad budget 2010", "Dnr RAR09-19"],
    },
    (RAR, 2006): {
        "headings": [
            "Förbundets mål", "Inriktning", "Utvecklingsorganisation – Drivbänk", "Framgångsfaktorer",
            "Utgå från individens behov", "Samverkan i ett sammanhang", "Länsorganisation – att samordna samverkan",
            "Det lokala perspektivet – LSG", "Uthållighet", "Öppenhet", "Genderperspektivet", "Kostnader",
            "Uppföljning och utvärdering",
        ],
        "rows": [
            ("Styrelsen", ["195", "306"]), ("Personal", ["704", "1 263"]), ("Lokal", ["60", "160"]),
            ("Resor", ["13", "39"]), ("Samverkansstöd", ["25", "50"]), ("Revision", ["60"]),
            ("Avskrivningar", ["22", "71"]), ("Utvärdering", []), ("Samverkansinsatser", ["8 981", "13 051"]),
            ("Summa", ["10 000", "15 000"]),
        ],
        "texts": ["Delår 2005", "Helår 2006"],
    },
    (RAR, 2007): {
        "headings": [
            "Inledning", "Uppdrag", "Synsätt", "Mål",
            "Inriktningsmål",  # the source misspells it "Inriktingsmål"
            "Resultatmål", "Inriktning", "Utvecklingsorganisation – ”Drivbänk”", "Framgångsfaktorer", "Insatser",
            "Behovsgrupper", "Organisationerna", "Utbildning", "Tidiga och förebyggande insatser",
            "Statistiska underlag", "Befintliga projekt", "Kommunikation och information", "Budget", "Intäkter",
            "Kostnader", "Uppföljning och utvärdering",
        ],
        "rows": [
            ("Ungdomstorget", ["2 279", "1 140"]), ("Rehabkoordinator Flens VC", ["484", "242"]),
            ("Rehabkoordinator Ekensbergs VC", ["484", "242"]), ("Kungsgatans", ["307", "307"]),
            ("TROSAM", ["1 735", "868"]), ("KV-projektet", ["1 887", "944"]),
            ("Villa Bergsund", ["2 077", "1 039"]), ("Kompetensutveckling Gnesta", ["100"]),
            ("Processtöd Eskilstuna", ["1 077", "539"]), ("Flen Soc-Af", ["398", "398"]),
            ("Summa", ["10 828", "5 719"]),
            ("Eskilstuna", ["1 308 750", "1 308 750"]), ("Flen", ["236 250", "236 250"]),
            ("Gnesta", ["142 500", "142 500"]), ("Katrineholm", ["465 000", "465 000"]),
            ("Nyköping", ["712 500", "712 500"]), ("Oxelösund", ["161 250", "161 250"]),
            ("Strängnäs", ["438 750", "438 750"]), ("Trosa", ["153 750", "153 750"]),
            ("Vingåker", ["131 250", "131 250"]), ("Summa kommuner", ["3 750 000", "3 750 000"]),
            ("Landstinget", ["3 750 000", "3 750 000"]), ("Försäkringskassan", ["7 500 000", "7 500 000"]),
            ("Totalt", ["15 000 000", "15 000 000"]),
            ("Styrelsen", ["310"]), ("Personal", ["1 804"]), ("Lokal", ["160"]), ("Revision", ["60"]),
            ("Avskrivningar", ["73"]), ("Kostnad för beviljade projekt", ["5 719"]),
            ("Disponibelt belopp", ["6 874"]), ("Summa", ["15 000"]),
        ],
        "texts": [],
    },
    (LANDSKRONA, 2010): {
        "headings": [
            "Inledning", "Övergripande mål, syfte och centrala begrepp", "Samordningsförbundets uppgifter",
            "Målgrupper", "Inriktning i samverkansarbetet", "Organisation", "Styrelseledamöter år 2009",
            "Verksamhet under 2009", "Kansli", "Åtgärder/insatser", "Information/Marknadsföring",
            "Kompetensutveckling", "Uppföljning/utvärdering", "Budget 2009 (september-december)",
            "Verksamheten 2010", "Projektverksamhet", "Projektansökan", "Projektidé",
            "Konferenser och kompetensutveckling", "Budget 2010",
        ],
        "rows": [
            # Budget 2009 (september–december)
            ("Verksamhetens ägarbidrag", ["5 440"]), ("Övriga intäkter", ["0"]), ("Summa intäkter", ["5 440"]),
            ("Styrelse och revisorer", ["45"]), ("Samordnare", ["170"]), ("Konsulttjänster", ["30"]),
            ("Kontor", ["13"]), ("Utbildning", ["40"]), ("Åtgärder", ["160"]), ("Summa kostnader", ["458"]),
            ("Ränta", ["0"]), ("Summa finansiella intäkter", ["0"]), ("Summa finansiella kostnader", ["0"]),
            ("Periodens resultat", ["4 982"]),
            # Budget 2010
            ("Verksamhetens ägarbidrag", ["5 000"]), ("Övriga intäkter", ["4 982"]),
            ("Summa intäkter", ["9 982"]),  # printed 10 422; 5 000 + 4 982 = 9 982
            ("Styrelse och revisorer", ["230"]), ("Samordnare", ["510"]), ("Konsulter", ["60"]),
            ("Marknadsföring", ["70"]), ("Utvärdering", ["100"]), ("Kontor", ["39"]),
            ("Utbildning och resor", ["200"]), ("Summa kostnader", ["1 209"]), ("Ränta", ["14"]),
            ("Summa finansiella intäkter", ["14"]), ("Medel för insatser att fördela", ["8 787"]),
            ("Periodens resultat", ["0"]),
        ],
        "texts": [
            "Landskrona stad", "Svalövs kommun", "Region Skåne", "Försäkringskassan", "Arbetsförmedlingen",
            "Mattias Adolfsson", "Hans Petersson", "Krister Olsson", "Agnetha Persson", "Lennart Ling",
            "Eva Örtegren", "Ingrid Sonander", "Cecilia Sporre", "Camilla Rejdvik-Pålsson", "Stefan Wikander",
        ],
    },
}  # fmt: skip


@pytest.fixture(scope="module")
def seed_plans(django_db_setup, django_db_blocker):
    """The demo loaded once; each seed plan's PDF, workbook and document as a reader gets them."""
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=open("/dev/null", "w"))
        plans = {
            (p.association.slug, p.year): p
            for p in Plan.objects.filter(kind="plan").select_related("association")
        }
        files = {key: (*plan_files(plans[key]), shown_document(plans[key])[0]) for key in SEEDS}
        yield files
        call_command("flush", "--no-input", verbosity=0)


def _normal(text: str) -> str:
    """pdftotext's text with the typographic minus and hyphens and no-break spaces as plain characters."""
    for typographic, plain in (("\u2212", "-"), ("\u2010", "-"), ("\u2011", "-"), ("\u00a0", " ")):
        text = text.replace(typographic, plain)
    return text.replace("–", "-")


def _reading_text(pdf: bytes) -> str:
    """The PDF in reading order, words hyphenated at a line end joined again."""
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    return re.sub(r"[\u00ad\u2010-]\n", "", text)


def _row_label(row) -> str:
    return str(row.cells.get("label") or row.cells.get("name") or row.cells.get("member") or "")


def _row_patterns(label: str, figures: list[str]) -> list[re.Pattern]:
    """A printed table row: a line that starts with the label (after the project's number, if any) and has the
    figures after it, in order, each a whole number (not part of a longer one). Figures found anywhere else
    (another row, a chart's legend) do not count: "Ränta 0" is found only on a line of its own.

    The product's label may go on ("Flens kommun" for the source's "Flen"), and a long one may wrap in its
    column: its first words then stand with the figures and the rest starts the next line.
    """
    figures_part = r"\s+".join(
        rf"(?<![\d,])(?<!\d ){re.escape(figure)}(?![\d,])(?! \d)" for figure in figures
    )
    words = label.split()
    patterns = []
    for cut in range(len(words), 0, -1):
        first, rest = " ".join(words[:cut]), " ".join(words[cut:])
        pattern = rf"^(?:\d+ )?{re.escape(first)}s?(?![^\W\d])[^\n]*?{figures_part}[^\n]*"
        if rest:
            pattern += rf"\n{re.escape(rest)}(?![^\W\d])"
        patterns.append(re.compile(pattern, re.MULTILINE))
    return patterns


def _has_row(layout: str, label: str, figures: list[str]) -> bool:
    return any(pattern.search(layout) for pattern in _row_patterns(_normal(label), figures))


@pytest.mark.parametrize("key", list(SEEDS), ids=lambda key: f"{key[0]}-{key[1]}")
def test_the_pdf_holds_every_heading_and_table_figure_of_its_source(seed_plans, key):
    pdf, _workbook, document = seed_plans[key]
    seed = SEEDS[key]
    lines = [line.strip() for line in _normal(pdf_text(pdf)).splitlines()]
    for heading in seed["headings"]:
        wanted = _normal(heading)
        assert any(re.fullmatch(rf"(\d+\. )?{re.escape(wanted)}", line) for line in lines), heading
    layout = "\n".join(lines)
    for label, figures in seed["rows"]:
        assert _has_row(layout, label, figures), (label, figures)
    reading = _normal(_reading_text(pdf))
    for text in seed["texts"]:
        assert _normal(text) in reading, text
    # every row of the source is a row of the document's tables (labels in the product's words may go on)
    labels = [_row_label(row) for table in document.tables() for row in table.rows]
    for label, _figures in seed["rows"]:
        assert any(_normal(found).startswith(_normal(label)) for found in labels), label


def test_the_combined_plan_shows_both_budgets_each_from_its_own_version(seed_plans):
    _pdf, _workbook, document = seed_plans[(LANDSKRONA, 2010)]
    budgets = [t for t in document.tables() if t.key.startswith("budget")]
    assert [(t.key, t.caption, [c.label for c in t.columns[1:]]) for t in budgets] == [
        ("budget-2009", "Budget 2009 (september–december)", ["Budget 2009 (sept–dec)"]),
        ("budget", "Budget 2010", ["Budget 2010"]),
    ]


def test_the_2005_06_plan_shows_the_part_year_and_the_full_year(seed_plans):
    _pdf, _workbook, document = seed_plans[(RAR, 2006)]
    (budget,) = [t for t in document.tables() if t.key == "budget"]
    assert [c.label for c in budget.columns[1:]] == ["Delår 2005", "Helår 2006"]
    summa = next(row.cells for row in budget.rows if row.cells["label"] == "Summa")
    assert (summa["y2005"], summa["y2006"]) == (10_000_000, 15_000_000)


def test_example_follow_up_figures_are_marked_as_examples(seed_plans):
    pdf, workbook, document = seed_plans[(RAR, 2023)]
    (goals,) = [t for t in document.tables() if t.key == "goals"]
    figures = [row.cells for row in goals.rows if row.cells["outcome"] != "kvalitativ uppföljning"]
    assert [cells["outcome"] for cells in figures] == [
        "43,5\u00a0% (exempeldata)", "100,0\u00a0% (exempeldata)", "10 (exempeldata)", "390 (exempeldata)",
    ]  # fmt: skip
    assert all(cells["met"].endswith("(exempeldata)") for cells in figures)
    reading = _reading_text(pdf)
    assert "påhittade siffror" in reading
    assert not re.search(r"43,5\s%\s*Ja", _normal(reading))  # never printed as if it were a result
    sheets = load_workbook(io.BytesIO(workbook))
    indicators = next(sheets[name] for name in sheets.sheetnames if name.startswith("Deltagare och resultat"))
    assert any("exempeldata" in str(cell.value) for row in indicators.iter_rows() for cell in row)


@pytest.mark.parametrize("key", list(SEEDS), ids=lambda key: f"{key[0]}-{key[1]}")
def test_the_workbook_holds_every_table_with_formulas_that_give_the_pdfs_figures(seed_plans, key):
    _pdf, workbook, document = seed_plans[key]
    # a table with no rows of its own (only sums of nothing) has no sheet
    tables = [t for t in document.tables() if t.columns and any(r.kind == RowKind.ITEM for r in t.rows)]
    names = load_workbook(io.BytesIO(workbook)).sheetnames
    evaluated = evaluated_sheets(workbook)
    assert len(names) >= len(tables)
    for name, table in zip(names, tables, strict=False):
        rows = evaluated[name]
        for offset, row in enumerate(table.rows):
            for index, column in enumerate(table.columns):
                value = row.cells.get(column.key)
                if column in table.figure_columns() and value is not None:
                    assert rows[FIRST_DATA_ROW - 1 + offset][index] == value, (name, row.cells, column.key)


def _description(svg: str) -> str:
    return re.search(r"<desc[^>]*>([^<]*)</desc>", svg)[1].replace("\u00a0", " ")


def test_the_budget_chart_shows_the_costs_of_the_plan_years_budget_whatever_the_sign_habit(seed_plans):
    """RAR shows income negative: costs are told by the lines' group, and the column is Budget 2010, not the
    2009 forecast that comes first."""
    _pdf, _workbook, document = seed_plans[(RAR, 2010)]
    section = next(s for s in document.sections if s.heading == "Budget för kostnader och intäkter")
    svg = str(section.chart)
    assert "<title" in svg and ">Kostnaderna i budget 2010</title>" in svg
    assert _description(svg) == (
        "Totalt 21 891 tkr: Styrelse 489 tkr (2,2 %); Personal 2 002 tkr (9,1 %); Lokaler 180 tkr (0,8 %); "
        "Revision 150 tkr (0,7 %); Administration 300 tkr (1,4 %); Avskrivningar 25 tkr (0,1 %); "
        "Övrigt inkl utbildning 500 tkr (2,3 %); Befintliga projekt 7 745 tkr (35,4 %); "
        "Nya insatser 10 500 tkr (48,0 %)"
    )
    assert "Intäkter" not in svg and "Finansiella intäkter" not in svg


def test_the_timeline_of_the_2010_projects_gives_their_amount_year_by_year(seed_plans):
    _pdf, _workbook, document = seed_plans[(RAR, 2010)]
    section = next(s for s in document.sections if s.heading == "Befintliga projekt")
    description = _description(str(section.chart))
    assert (
        "EVA: 2009–2011 (2009: 1 965 tkr, 2010: 1 965 tkr, 2011: 1 965 tkr), beviljat 5 894 tkr"
        in description
    )
    assert "TUNA: 2008–2011 (2008: 779 tkr, 2009: 2 331 tkr, 2010: 3 330 tkr, 2011: 1 547 tkr)" in description


def test_budget_tables_show_the_sources_group_headings(seed_plans):
    pdf, workbook, document = seed_plans[(LANDSKRONA, 2010)]
    budget = next(t for t in document.tables() if t.key == "budget-2009")
    shown = [(row.kind, row.cells["label"]) for row in budget.rows]
    assert shown[:2] == [(RowKind.HEADING, "Intäkter"), (RowKind.ITEM, "Verksamhetens ägarbidrag")]
    groups = [label for kind, label in shown if kind == RowKind.HEADING]
    assert groups == ["Intäkter", "Verksamhetens kostnader", "Finansiella intäkter", "Finansiella kostnader"]
    # each "Ränta" under its heading, in the PDF as on the page
    text = _normal(pdf_text(pdf))
    assert re.search(r"Finansiella intäkter\n\s*Ränta\s+0\n\s*Summa finansiella intäkter\s+0\n", text)
    assert re.search(r"Finansiella kostnader\n\s*Ränta\s+0\n\s*Summa finansiella kostnader\s+0\n", text)
    # and in the workbook, where the sums still add up the same lines
    sheets = evaluated_sheets(workbook)
    rows = sheets["Budget 2009 (sept–dec)"]
    labels = [row[0] for row in rows[FIRST_DATA_ROW - 1 :]]
    assert labels[:2] == ["Intäkter", "Verksamhetens ägarbidrag"]
    assert rows[FIRST_DATA_ROW - 1 + labels.index("Periodens resultat")][1] == 4_982_000
    # RAR 2010, whose lines bear the group names themselves, gets no heading twice
    rar = next(t for t in seed_plans[(RAR, 2010)][2].tables() if t.key == "budget")
    assert [row.cells["label"] for row in rar.rows if row.kind == RowKind.HEADING] == [
        "Verksamhetens kostnader"
    ]


def test_a_published_plan_leaves_out_where_its_figures_come_from_and_a_draft_keeps_it(seed_plans):
    adopted, _workbook, _document = seed_plans[(RAR, 2010)]
    draft, _workbook, _document = seed_plans[(LANDSKRONA, 2010)]
    assert "från avgiftsåret" not in pdf_text(adopted) and "inmatat" not in pdf_text(adopted)
    assert "Intäkter -15 000" in " ".join(_normal(pdf_text(adopted)).split())
    assert "Övriga intäkter (föregående års resultat)" in " ".join(pdf_text(draft).split())


def test_example_figures_are_marked_on_their_rows_in_the_workbook(seed_plans):
    _pdf, workbook, _document = seed_plans[(RAR, 2023)]
    sheets = load_workbook(io.BytesIO(workbook))

    def rows_and_note_column(name, first_header):
        """The sheet's table whose header row starts with `first_header` (a sheet may stack two tables)."""
        rows = list(sheets[name].iter_rows(values_only=True))
        top = next(i for i, row in enumerate(rows) if row[0] == first_header)
        header = list(rows[top])
        body = []
        for row in rows[top + 1 :]:
            if not row[0]:
                break
            body.append(row)
        return header, body, header.index("Anmärkning")

    # every participant figure of 2023 is an example: every row says so beside its figures
    header, rows, note = rows_and_note_column("Deltagare och resultat 2023", "Insats")
    counted = [row for row in rows if any(isinstance(value, (int, float)) and value for value in row[1:note])]
    assert len(counted) >= 5 and all(row[note] == "exempeldata" for row in counted)
    # the return's real budget figures stand unmarked; a row with example participants is marked
    header, rows, note = rows_and_note_column("Uppföljning Finsam 2023", "Insats")
    participants = header.index("Deltagare totalt")
    with_participants = [row for row in rows if row[participants]]
    assert with_participants and all(row[note] == "exempeldata" for row in with_participants)


def test_nothing_the_sources_do_not_say_is_printed_as_if_they_did(seed_plans):
    """RAR 2023 has no risk table (only words) and gives no project periods; RAR 2010 names no project owners."""
    pdf_2023, workbook_2023, document_2023 = seed_plans[(RAR, 2023)]
    assert not [t for t in document_2023.tables() if t.key == "risks"]
    assert "Sannolikhet" not in pdf_text(pdf_2023)
    assert not any(
        name.startswith("Riskanalys") for name in load_workbook(io.BytesIO(workbook_2023)).sheetnames
    )
    (projects,) = [t for t in document_2023.tables() if t.key == "projects"]
    starts = {row.cells["start"] for row in projects.rows if row.kind == RowKind.ITEM}
    assert starts == {"Okänd period"}
    assert {row.cells["end"] for row in projects.rows if row.kind == RowKind.ITEM} == {""}
    _pdf, _workbook, document_2010 = seed_plans[(RAR, 2010)]
    (projects,) = [t for t in document_2010.tables() if t.key == "projects"]
    assert {row.cells["owner"] for row in projects.rows if row.kind == RowKind.ITEM} == {""}


def test_next_years_copy_of_the_combined_plan_keeps_each_heading_over_its_table(seed_plans):
    plan = Plan.objects.get(association__slug=LANDSKRONA, year=2010)
    new = services.copy_to_next_year(plan=plan)
    sections = {s.heading: s.block_years for s in new.sections.all() if s.kind == "block"}
    assert sections == {
        "Styrelseledamöter år 2010": "2010",
        "Budget 2010 (september–december)": "2010",
        "Budget 2011": "2011",
    }
    assert new.title == "Verksamhetsplan och budget 2010–2011"
    document = build_document(new)
    captions = {s.heading: [t.caption for t in s.tables] for s in document.sections if s.tables}
    assert captions["Styrelseledamöter år 2010"] == ["Förbundsstyrelsen 2010"]
    assert captions["Budget 2010 (september–december)"] == ["Budget 2010"]

"""The printed plan as a reader sees it: pages rendered to images (pdftoppm) and read back (pdftotext)."""

import html
import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command
from PIL import Image

from finsam.lib.pdf import print_table, protect_names
from finsam.lib.tables import CellKind, Column, Row, RowKind, Table
from finsam.plan.document import Adoption, DocumentSection, PlanDocument
from finsam.plan.models import Plan
from finsam.plan.pdf import plan_pdf, print_sections
from finsam.plan.services import plan_files, shown_document
from members.models import MemberOrganisation
from projects.models import Project
from tests.documents import pdf_text

pytestmark = pytest.mark.django_db

RESOLUTION = 18  # dots per inch: enough to see where the ink ends, cheap to render
# print.css: 25 mm top and 22 mm bottom margin hold the running header and footer
TOP_MM, BOTTOM_MM = 25, 22


@pytest.fixture(scope="module")
def printed(django_db_setup, django_db_blocker):
    """Every demo plan once: its document, PDF, the text of each page and the page images."""
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=open("/dev/null", "w"))
        plans = {}
        for plan in Plan.objects.filter(kind="plan").select_related("association"):
            pdf, _workbook = plan_files(plan)
            document = shown_document(plan)[0]
            plans[(plan.association.slug, plan.year)] = (document, pdf, _pages_text(pdf), _page_images(pdf))
        names = [m.name for m in MemberOrganisation.objects.all()] + [p.name for p in Project.objects.all()]
        yield plans, names
        call_command("flush", "--no-input", verbosity=0)


def _pages_text(pdf: bytes) -> list[str]:
    return pdf_text(pdf).split("\f")[:-1]


def _page_images(pdf: bytes) -> list[Image.Image]:
    """Each page as a greyscale image."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            ["pdftoppm", "-r", str(RESOLUTION), "-gray", "-", f"{folder}/page"], input=pdf, check=True
        )
        paths = sorted(Path(folder).glob("page-*.pgm"), key=lambda path: int(path.stem.split("-")[-1]))
        return [Image.open(path).copy() for path in paths]


def _fill(image: Image.Image) -> float:
    """How far down the body area (between header and footer) the ink reaches, 0–1."""
    width, height = image.size
    page_mm = 297 if height > width else 210
    top = round(height * TOP_MM / page_mm)
    bottom = round(height * (page_mm - BOTTOM_MM) / page_mm)
    body = image.crop((0, top, width, bottom)).point(lambda value: 255 if value < 200 else 0)
    box = body.getbbox()  # the box of everything darker than light grey
    return 0.0 if box is None else box[3] / (bottom - top)


def _starts_chapter(document, text: str) -> bool:
    """A page begins with something that always starts a page: the contents, or a section that asks for it."""
    head = "\n".join(line for line in text.splitlines()[:6])
    if "Innehåll" in head:
        return True
    starts = [document.sections[0]] + [s for s in document.sections if s.page_break]
    return any(f"{s.number}. {s.heading}" in head for s in starts)


def test_no_page_but_a_chapters_last_is_less_than_a_third_full(printed):
    plans, _names = printed
    checked = 0
    for key, (document, _pdf, texts, images) in plans.items():
        assert len(texts) == len(images), key
        for number in range(1, len(images) - 1):  # the title page (0) and the last page are a chapter's end
            following = images[number + 1]
            turns = (following.width > following.height) != (images[number].width > images[number].height)
            if turns or _starts_chapter(document, texts[number + 1]):
                continue  # the next page starts anew: a landscape table, or a break the plan asks for
            assert _fill(images[number]) >= 1 / 3, (
                key,
                f"sida {number + 1}",
                round(_fill(images[number]), 2),
            )
            checked += 1
    assert checked >= 3  # the rule did look at some pages


def test_the_fill_measure_tells_a_full_page_from_an_empty_one():
    full, empty = Image.new("L", (100, 141), 0), Image.new("L", (100, 141), 255)
    assert _fill(full) == pytest.approx(1.0) and _fill(empty) == 0.0


def test_no_name_is_split_by_a_hyphen_and_running_text_is_hyphenated(printed):
    plans, names = printed
    name_words = {word.lower() for name in names for word in re.findall(r"\w{4,}", name)}
    hyphenated = []
    for key, (_document, pdf, _texts, _images) in plans.items():
        raw = subprocess.run(
            ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
        for first, rest in re.findall(r"(\w+)[-\u2010\u00ad]\n(\w+)", raw):
            word = (first + rest).lower()
            assert word not in name_words, (key, f"{first}-/{rest}")
            hyphenated.append(word)
    # Swedish hyphenation is at work in the running text (pyphen's sv dictionary through hyphens: auto)
    assert any(word.islower() for word in hyphenated), hyphenated


def test_the_pdf_is_archival_tagged_and_embeds_its_typeface(printed):
    plans, _names = printed
    _document, pdf, _texts, _images = plans[("rar-sormland", 2023)]
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert "Tagged:          yes" in info
    assert "PDF version:     1.7" in info
    meta = subprocess.run(
        ["pdfinfo", "-meta", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert 'pdfaid:part="3"' in meta and 'pdfaid:conformance="B"' in meta  # PDF/A-3b
    fonts = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    rows = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
    assert {row[0].split("+")[-1] for row in rows} >= {"Carlito", "Carlito-Bold"}
    assert all(row[-5] == "yes" for row in rows)  # every font embedded ("emb")


def test_empty_columns_are_left_out_of_the_print(printed):
    plans, _names = printed
    dropped_somewhere = 0
    for key, (document, _pdf, texts, _images) in plans.items():
        for table in document.tables():
            shown = print_table(table).table
            dropped = [c.label for c in table.columns if c not in shown.columns]
            if not dropped or len(shown.columns) < 2:
                continue
            first, second = shown.columns[0].label, shown.columns[1].label.split()[0]
            headers = [
                line for text in texts for line in text.splitlines() if first in line and second in line
            ]
            assert headers, (key, table.key)
            assert not any(label in line for label in dropped for line in headers), (key, table.key, dropped)
            dropped_somewhere += 1
    assert dropped_somewhere  # e.g. 2023's projects have no Nr, Område or Inriktning


def _table(columns, rows):
    return Table("t", "T", columns, [Row(cells) for cells in rows])


def test_a_table_too_wide_for_an_upright_page_goes_landscape_and_figures_never_wrap():
    narrow = _table(
        [Column("name", "Insats"), Column("amount", "Belopp", CellKind.AMOUNT, "kr")],
        [{"name": "Unga på väg", "amount": 1_284_000}],
    )
    wide_columns = [Column(f"c{i}", f"Kolumn{i}") for i in range(8)] + [Column("d", "Start", CellKind.DATE)]
    wide = _table(wide_columns, [{f"c{i}": "Arbetslivsinriktad" for i in range(8)} | {"d": "2006-02-01"}])
    assert not print_table(narrow).wide and print_table(narrow).nowrap_columns == [2]
    assert print_table(wide).wide and print_table(wide).nowrap_columns == [9]
    vague = _table([Column("d", "Start", CellKind.DATE)], [{"d": "prel start hösten 2006"}])
    assert print_table(vague).nowrap_columns == []  # a date in words may wrap


def test_names_in_running_text_are_kept_whole():
    html = '<p>Eskilstuna och <a href="https://x.se/Nyköping">Nyköpings kommun</a> samverkar.</p>'
    assert protect_names(html) == (
        '<p><span class="name">Eskilstuna</span> och <a href="https://x.se/Nyköping">'
        '<span class="name">Nyköpings</span> kommun</a> samverkar.</p>'
    )


def _content(text: str) -> list[str]:
    """A page's lines without the running header (first line) and footer (last line, "… Sida N av M"), each with
    its spaces collapsed."""
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    if lines and "Sida " in lines[-1]:
        lines = lines[:-1]
    return lines[1:]


def _headings(document) -> set[str]:
    """Every line that is a heading in print: section headings, the narrative's sub-headings, table captions and
    the group headings inside tables."""
    found = set()
    for section in document.sections:
        found.add(f"{section.number}. {section.heading}")
        for heading in re.findall(r"<h[3-5]>(.*?)</h[3-5]>", str(section.html or ""), re.DOTALL):
            found.add(" ".join(html.unescape(re.sub(r"<[^>]+>", "", heading)).split()))
        for table in section.tables:
            if table.columns:
                found.add(table.caption)
                found.update(
                    str(row.cells.get(table.columns[0].key))
                    for row in table.rows
                    if row.kind == RowKind.HEADING
                )
    return found


def test_no_page_ends_with_a_heading_nor_begins_with_a_table_its_words_lead_into(printed):
    plans, _names = printed
    for key, (document, _pdf, texts, _images) in plans.items():
        headings = _headings(document)
        # a table that follows its section's words: the words and the table's caption share a page
        led = {s.tables[0].caption for s in document.sections if s.html and s.tables and s.tables[0].columns}
        for number, text in enumerate(texts[2:-1], start=3):  # after the title page and the contents
            lines = _content(text)
            assert lines and lines[-1] not in headings, (key, f"sida {number}", lines[-1:])
            assert lines[0] not in led, (key, f"sida {number}", lines[0])
        assert _content(texts[-1])[-1] not in headings, key


def test_no_page_begins_with_a_total_row(printed):
    plans, _names = printed
    checked = 0
    for key, (document, _pdf, texts, _images) in plans.items():
        totals = {
            str(row.cells.get(table.columns[0].key))
            for table in document.tables()
            if table.columns
            for row in table.rows
            if row.is_derived
        }
        for number, text in enumerate(texts[2:], start=3):
            # the first two lines: a table running on repeats its header row, then its first row
            for line in _content(text)[:2]:
                for total in totals:
                    starts_with_total = line.startswith(total + " ") and re.search(r"\d", line[len(total) :])
                    assert not starts_with_total, (key, f"sida {number}", line)
            checked += 1
    assert checked >= 20


def test_an_adopted_plans_landscape_pages_hold_only_the_wide_section():
    """Drafts and adopted plans alike run on a named page, so the words after a landscape table start on an upright
    page (RAR 2010, adopted, once had section 7 on the landscape page of its projects)."""
    wide = Table("wide", "Bred tabell", [Column(f"c{i}", f"Kolumnrubrik{i}") for i in range(9)])
    wide.add(Row({f"c{i}": "Arbetslivsinriktad" for i in range(9)}))
    sections = [
        DocumentSection(1, "avsnitt-1", "Inledning", html="<p>Förbundet finansierar insatser.</p>"),
        DocumentSection(2, "avsnitt-2", "Befintliga projekt", tables=[wide]),
        DocumentSection(3, "avsnitt-3", "Kommunikation och information", html="<p>Öppenhet och insyn.</p>"),
    ]
    document = PlanDocument(
        "Samordningsförbundet RAR i Sörmland", 2010, "Verksamhetsplan RAR 2010", "RAR09-19", sections,
        adoption=Adoption(1, "2010-01-13", "RAR09-19"),
    )  # fmt: skip
    assert [item["wide"] for item in print_sections(document)] == [False, True, False]
    pdf = plan_pdf(document)
    texts = _pages_text(pdf)
    images = _page_images(pdf)
    on_landscape = [
        line
        for text, image in zip(texts, images, strict=True)
        if image.width > image.height
        for line in _content(text)
        if re.match(r"\d+\. ", line)
    ]
    assert on_landscape == ["2. Befintliga projekt"]


def test_the_adopted_rar_2010_plan_prints_no_narrative_on_a_landscape_page(printed):
    plans, _names = printed
    document, _pdf, texts, images = plans[("rar-sormland", 2010)]
    wide = {
        f"{item['section'].number}. {item['section'].heading}"
        for item in print_sections(document)
        if item["wide"]
    }
    for text, image in zip(texts, images, strict=True):
        if image.width > image.height:
            headings = [line for line in _content(text) if re.match(r"\d+\. \w", line)]
            assert set(headings) <= wide, headings

"""Writes of plans: creating one, moving sections, adopting and revising, starting next year's plan."""

import datetime
import hashlib
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from finsam import concurrency
from finsam.models import check_values
from finsam.plan import blocks, renders
from finsam.plan.document import Adoption, PlanDocument, build_document
from finsam.plan.models import CycleItem, Plan, PlanKind, PlanStatus, PlanVersion, RiskItem, Section
from finsam.plan.pdf import plan_pdf
from finsam.plan.workbook import plan_workbook

DEFAULT_SECTIONS = [
    ("Bakgrund och uppdrag", "text", ""),
    ("Medlemmar och medlemsavgifter", "block", "member_fees"),
    ("Mål och uppföljning", "block", "goals"),
    ("Insatser", "block", "projects"),
    ("Årsprocess", "block", "cycle"),
    ("Riskanalys och internkontroll", "block", "risks"),
    ("Budget", "block", "budget"),
]


@transaction.atomic
def create_plan(*, association, year: int, title: str = "", reference: str = "") -> Plan:
    if Plan.objects.filter(association=association, year=year, kind=PlanKind.PLAN).exists():
        raise ValidationError(_("Det finns redan en plan för %(year)s.") % {"year": year})
    plan = Plan.objects.create(
        association=association,
        year=year,
        title=title or f"Verksamhetsplan och budget {year}",
        reference=reference,
    )
    for position, (heading, kind, block) in enumerate(DEFAULT_SECTIONS, start=1):
        Section.objects.create(plan=plan, position=position * 10, heading=heading, kind=kind, block=block)
    return plan


# The year's report: the narrative the office writes, and the year's outcome against the plan, computed.
REPORT_SECTIONS = [
    ("Inledning", "text", ""),
    ("Verksamhetens inriktning", "text", ""),
    ("Insatser under året", "block", "funded_projects"),
    ("Måluppfyllelse", "block", "attainment"),
    ("Deltagare", "block", "participants"),
    ("Ekonomiskt utfall", "block", "outcome"),
]


@transaction.atomic
def create_report(*, association, year: int, title: str = "", reference: str = "") -> Plan:
    """The year's report (verksamhetsberättelse) with its default sections, and the year's plan's logo."""
    if Plan.objects.filter(association=association, year=year, kind=PlanKind.REPORT).exists():
        raise ValidationError(_("Det finns redan en verksamhetsberättelse för %(year)s.") % {"year": year})
    logo = (
        Plan.objects.filter(association=association, year=year, kind=PlanKind.PLAN)
        .values_list("logo", flat=True)
        .first()
    )
    report = Plan.objects.create(
        association=association,
        year=year,
        kind=PlanKind.REPORT,
        title=title or f"Verksamhetsberättelse {year}",
        reference=reference,
        logo=logo,
    )
    for position, (heading, kind, block) in enumerate(REPORT_SECTIONS, start=1):
        Section.objects.create(plan=report, position=position * 10, heading=heading, kind=kind, block=block)
    return report


@transaction.atomic
def move_section(*, section: Section, step: int) -> None:
    """Swap the section with its neighbour (step -1 up, +1 down); positions are renumbered 10, 20, …"""
    sections = list(section.plan.sections.all())
    index = next(i for i, s in enumerate(sections) if s.pk == section.pk)
    other = index + step
    if 0 <= other < len(sections):
        sections[index], sections[other] = sections[other], sections[index]
    for position, item in enumerate(sections, start=1):
        if item.position != position * 10:
            item.position = position * 10
            item.save(update_fields=["position"])


# A year of a heading: 19xx or 20xx standing alone, not part of a longer number ("Avsnitt 120230") nor a law's
# number ("Lagen (SFS 2003:1210)", which names the same law next year).
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d|:\d)")
YEAR_STEP = 1  # next year's plan: every year it names moves on by one, as its blocks' years do


def next_year_text(text: str) -> str:
    """A heading or title as next year's plan says it: every year moves on by one, as the years its block
    shows do ("Budget 2009 (september–december)" over the block's 2009 → "Budget 2010 (september–december)"
    over its 2010; "Verksamhetsplan 2009–2010" → "Verksamhetsplan 2010–2011"). Moving only the plan's own
    year left the Landskrona-Svalöv 2011 copy with "Budget 2009" over a Budget 2010 table."""
    return _YEAR.sub(lambda match: str(int(match[1]) + YEAR_STEP), text)


@transaction.atomic
def copy_to_next_year(*, plan: Plan) -> Plan:
    """Next year's plan with this year's text, cycle and risks; generated blocks are computed afresh.

    Every year in the title and the headings moves on by one, and so do the years a block shows (member fees of
    2009 and 2010 in the 2010 plan: of 2010 and 2011 in the 2011 plan), so a heading and its table keep naming
    the same year. The budget block
    shows the budget of the new plan's year, so next year's plan links next year's budget by itself.
    """
    year = plan.year + 1
    if Plan.objects.filter(association=plan.association, year=year).exists():
        raise ValidationError(_("Det finns redan en plan för %(year)s.") % {"year": year})
    title = (
        next_year_text(plan.title) if str(plan.year) in plan.title else f"Verksamhetsplan och budget {year}"
    )
    new = Plan.objects.create(association=plan.association, year=year, title=title, logo=plan.logo)
    for section in plan.sections.all():
        years = ""
        if section.block_years:
            years = ", ".join(str(y + YEAR_STEP) for y in section.years())
        Section.objects.create(
            plan=new,
            position=section.position,
            heading=next_year_text(section.heading),
            kind=section.kind,
            body=section.body,
            block=section.block,
            block_years=years,
            page_break_before=section.page_break_before,
        )
    for item in plan.cycle_items.all():
        CycleItem.objects.create(plan=new, position=item.position, when=item.when, what=item.what)
    for item in plan.risk_items.all():
        RiskItem.objects.create(
            plan=new,
            position=item.position,
            risk=item.risk,
            likelihood=item.likelihood,
            consequence=item.consequence,
            control=item.control,
            responsible=item.responsible,
        )
    return new


def render_files(plan: Plan, document: PlanDocument) -> tuple[bytes, bytes]:
    """The document's PDF and workbook (with the follow-up sheets the apps add to a plan's workbook)."""
    with translation.override("sv"):
        return plan_pdf(document), plan_workbook(document, blocks.workbook_extras(plan))


def _sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


@transaction.atomic
def adopt_plan(
    *,
    plan: Plan,
    adopted_on: datetime.date,
    reference: str = "",
    paragraph: str = "",
    adopt_dependencies: bool = False,
    by=None,
) -> PlanVersion:
    """The board adopts the plan: the next version keeps the document as shown, and the plan is locked.

    Blocks say what adoption needs of them (the budget block: an adopted budget, adopted here in the same step
    when `adopt_dependencies`). The version's PDF and workbook are rendered once from the document as adopted
    (and the workbook's extra tables as they are now), by the background worker, so a large plan never holds a
    web request for its seconds; the bytes are then stored with their SHA-256 and downloads of the version serve
    exactly those (finsam/plan/renders.py). Of two simultaneous adoptions the second waits for the row lock and
    is then told the plan was already adopted.
    """
    check_values(PlanVersion, adopted_on=adopted_on, reference=reference, paragraph=paragraph)
    locked = Plan.objects.select_for_update().select_related("association").get(pk=plan.pk)
    if locked.is_adopted:
        latest = locked.versions.order_by("-number").first()
        raise ValidationError(
            _("Planen fastställdes redan %(date)s (version %(number)s); den har inte ändrats.")
            % {"date": latest.adopted_on.isoformat(), "number": latest.number},
            code="already_adopted",
        )
    reference = reference or locked.reference
    for section in locked.sections.filter(kind="block"):
        block = blocks.get(section.block)
        if block is not None and block.prepare_adoption is not None:
            block.prepare_adoption(
                locked,
                section,
                adopted_on=adopted_on,
                reference=reference,
                adopt_dependencies=adopt_dependencies,
                by=by,
            )
    number = (locked.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    adoption = Adoption(number, adopted_on.isoformat(), reference, paragraph)
    with translation.override("sv"):
        document = build_document(locked, adoption=adoption)
    sources = renders.archive_sources(locked, document)
    version = PlanVersion.objects.create(
        plan=locked,
        number=number,
        adopted_on=adopted_on,
        reference=reference,
        paragraph=paragraph,
        revised_on=locked.revised_on,
        revision_reason=locked.revision_reason,
        document=document.to_dict(),
        pdf_key=renders.source_key(sources["pdf"]),
        xlsx_key=renders.source_key(sources["xlsx"]),
        created_by=by,
    )
    renders.start_archive(version=version, plan=locked, sources=sources)
    version.refresh_from_db()  # the archive, if a render was ready at once
    locked.status = PlanStatus.ADOPTED
    locked.revised_on, locked.revision_reason = None, ""  # the revision now lives in its version
    locked.save(update_fields=["status", "revised_on", "revision_reason"])
    plan.status = locked.status
    return version


@transaction.atomic
def start_revision(*, plan: Plan, revised_on: datetime.date, reason: str) -> None:
    """An adopted plan opens for changes as a revision; its adopted versions stay as they are.

    The plan's row is locked first: of two simultaneous "Revidera", the second waits, then finds the plan a draft
    and is told, so the first one's date and reason stay (through finsam.concurrency, where tests meet).
    """
    check_values(Plan, revised_on=revised_on, revision_reason=reason)
    locked = concurrency.lock_rows(Plan.objects.filter(pk=plan.pk))[0]
    if not locked.is_adopted:
        raise ValidationError(
            _("Planen är inte fastställd, eller en revision pågår redan; ändra den direkt."),
            code="not_adopted",
        )
    locked.status = PlanStatus.DRAFT
    locked.revised_on, locked.revision_reason = revised_on, reason
    locked.starting_revision = True
    locked.save(update_fields=["status", "revised_on", "revision_reason"])
    plan.status, plan.revised_on, plan.revision_reason = locked.status, revised_on, reason


def latest_version(plan: Plan) -> PlanVersion | None:
    return plan.versions.order_by("-number").first()


def shown_document(plan: Plan) -> tuple[PlanDocument, PlanVersion | None]:
    """What the plan's page shows: an adopted plan its latest version as archived, a draft the live document."""
    if plan.is_adopted:
        version = latest_version(plan)
        if version is not None and version.document is not None:
            return PlanDocument.from_dict(version.document), version
    return build_document(plan), None


def plan_files(plan: Plan) -> tuple[bytes, bytes]:
    """The plan's PDF and workbook as a reader gets them: an adopted plan's archived bytes, a draft rendered now."""
    document, version = shown_document(plan)
    if version is not None:
        if not (version.is_archived("pdf") and version.is_archived("xlsx")):
            renders.finish_archive_now(version)
        return bytes(version.pdf), bytes(version.xlsx)
    return render_files(plan, document)


def archive_pending_versions(*, using: str = "default") -> int:
    """Versions created by migration 0005 (plans adopted before archives existed) get their archive once."""
    count = 0
    pending = (
        PlanVersion.objects.using(using).filter(document__isnull=True).select_related("plan__association")
    )
    for version in pending:
        plan = version.plan
        with transaction.atomic(using=using):
            adoption = Adoption(
                version.number, version.adopted_on.isoformat(), version.reference, version.paragraph
            )
            plan.revised_on, plan.revision_reason = version.revised_on, version.revision_reason
            with translation.override("sv"):
                document = build_document(plan, adoption=adoption)
            pdf, xlsx = render_files(plan, document)
            version.document = document.to_dict()
            version.pdf, version.pdf_sha256 = pdf, _sha256(pdf)
            version.xlsx, version.xlsx_sha256 = xlsx, _sha256(xlsx)
            version.save()
        count += 1
    return count

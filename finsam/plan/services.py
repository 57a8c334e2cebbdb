"""Writes of plans: creating one, moving sections, starting next year's plan from this year's text."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from finsam.plan.models import CycleItem, Plan, RiskItem, Section

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
    if Plan.objects.filter(association=association, year=year).exists():
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


@transaction.atomic
def copy_to_next_year(*, plan: Plan) -> Plan:
    """Next year's plan with this year's text, cycle and risks; generated blocks are computed afresh."""
    year = plan.year + 1
    if Plan.objects.filter(association=plan.association, year=year).exists():
        raise ValidationError(_("Det finns redan en plan för %(year)s.") % {"year": year})
    title = (
        plan.title.replace(str(plan.year), str(year))
        if str(plan.year) in plan.title
        else f"Verksamhetsplan och budget {year}"
    )
    new = Plan.objects.create(association=plan.association, year=year, title=title)
    for section in plan.sections.all():
        years = ""
        if section.block_years:
            years = ", ".join(str(y + 1) for y in section.years())
        Section.objects.create(
            plan=new,
            position=section.position,
            heading=section.heading,
            kind=section.kind,
            body=section.body,
            block=section.block,
            block_years=years,
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

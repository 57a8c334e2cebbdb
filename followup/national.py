"""The association's return to Försäkringskassan's Uppföljning Finsam (the successor of SUS), computed.

What the return asks (finsam.se, "Behörighetsroller" and "Användarhandledning" of Uppföljning Finsam; DOMAIN.md):
- per association and year: allocated funds (tilldelade medel: the member contributions), equity (eget kapital,
  actual: from the outcome), the budget and outcome of the association's own administration;
- per project (insats): individ- or strukturinriktad (a mixed project is entered as two), ESF funding, the
  specified focus from the return's fixed list (projects.models.SpecifiedFocus), the follow-up method, budget and
  outcome, planned participants, target group, participants by gender; a structure-oriented project reports its
  activities and the staff it reached by gender instead.

Participants of a year count each person once: those who took part in the first period plus those who started in
the later ones (`participants_once`). Summing each period's "took part" would count a person in both halves twice.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum

from budget.feeds import compute_version, current_version
from budget.models import GROUP_SIGN, Budget, LineGroup, LineKind, Outcome
from followup.models import GENDERS, PeriodReport, PlannedParticipants, StaffReached, StructuralReport
from members.models import FeeYear
from projects.exports import projects_with_money
from projects.models import ProjectKind, Requisition


@dataclass(frozen=True)
class NationalFigures:
    allocated: int | None  # kronor
    equity_end: int | None  # kronor, at the year's end as budgeted
    administration_budget: int | None
    administration_outcome: int | None
    equity_actual: int | None = None  # kronor, at the year's end from the outcome (the annual accounts)
    # the year's outcome holds example data (the demo's): the figures built on it must say so
    outcome_is_example: bool = False


def _zero() -> dict[str, int]:
    return {gender: 0 for gender in GENDERS}


def participants_once(reports: Iterable) -> dict[str, int]:
    """One project's participants in a year by gender: the first period's "took part" plus the later "started".

    `reports` are the project's period reports of one year, in any order.
    """
    counts = _zero()
    for index, report in enumerate(sorted(reports, key=lambda r: r.period)):
        prefix = "participated" if index == 0 else "started"
        for gender in GENDERS:
            counts[gender] += getattr(report, f"{prefix}_{gender}")
    return counts


def actual_equity(computed, outcome: dict[int, int], year: int) -> int | None:
    """Equity at the year's end from the outcome: the year's opening equity plus the outcome's own result.

    As in the budget (budget/compute.py), a carry-over line brings in funds already in the equity, so it does not
    add to it. Every line with a budgeted amount must have an outcome, else nothing is guessed.
    """
    start = computed.equity_start.get(year)
    if start is None or not outcome:
        return None
    change = 0
    for computed_line in computed.lines:
        line = computed_line.line
        if line.kind in (LineKind.SUBTOTAL, LineKind.RESULT) or not line.used_in(year):
            continue
        if line.group == LineGroup.MEMO:
            continue  # a memo line (RAR's "över-/underskott från tidigare år") moves no money
        budgeted = computed_line.cells[year].value if year in computed_line.cells else None
        actual = outcome.get(line.id)
        if actual is None:
            if budgeted:
                return None
            continue
        if line.kind == LineKind.CARRYOVER:
            continue
        change += GROUP_SIGN[line.group] * actual
    return start + change


def budget_figures(association, year: int) -> NationalFigures:
    fee_year = FeeYear.objects.filter(association=association, year=year).first()
    allocated = fee_year.total if fee_year else None
    equity_end = administration_budget = equity_actual = None
    outcome_rows = list(
        Outcome.objects.filter(line__association=association, year=year).values_list(
            "line_id", "amount", "is_example"
        )
    )
    outcome = {line_id: amount for line_id, amount, _example in outcome_rows}
    budget = (
        Budget.objects.filter(association=association, plan_year=year).prefetch_related("versions").first()
    )
    version = current_version(budget) if budget else None
    if version is not None:
        computed = compute_version(version)
        if year in computed.years:
            equity_end = computed.equity_end[year]
            admin_lines = [c for c in computed.lines if c.line.administration]
            administration_budget = sum(c.cells[year].value or 0 for c in admin_lines)
            if allocated is None:
                fee_line = next((c for c in computed.lines if c.line.kind == LineKind.MEMBER_FEES), None)
                allocated = fee_line.cells[year].value if fee_line else None
            equity_actual = actual_equity(computed, outcome, year)
    administration_outcome = Outcome.objects.filter(
        line__association=association, line__administration=True, year=year
    ).aggregate(total=Sum("amount"))["total"]
    return NationalFigures(
        allocated,
        equity_end,
        administration_budget,
        administration_outcome,
        equity_actual,
        outcome_is_example=any(example for _line, _amount, example in outcome_rows),
    )


@dataclass
class NationalProject:
    """One project's row of the return (kronor; counts by gender)."""

    project: object
    structural: bool
    budget: int
    outcome: int  # requisitioned in the year
    planned: int | None
    participants: dict[str, int] = field(default_factory=_zero)  # individual: counted once in the year
    activities: int | None = None  # structural
    staff: dict[str, int] = field(default_factory=_zero)  # structural: staff reached
    example: bool = False  # a figure of the row rests on example data (reports or requisitions)

    @property
    def participants_total(self) -> int:
        return sum(self.participants.values())

    @property
    def staff_total(self) -> int:
        return sum(self.staff.values())


def national_projects(association, year: int) -> list[NationalProject]:
    """Every project of the year with what the return asks, in seven queries whatever their number."""
    requested, examples = {}, set()
    for row in (
        Requisition.objects.filter(project__association=association, period_start__year=year)
        .values("project")
        .annotate(total=Sum("amount"), examples=Count("pk", filter=Q(is_example=True)))
    ):
        requested[row["project"]] = row["total"]
        if row["examples"]:
            examples.add(row["project"])
    planned = dict(
        PlannedParticipants.objects.filter(project__association=association, year=year).values_list(
            "project", "count"
        )
    )
    reports: dict[int, list] = {}
    for report in PeriodReport.objects.filter(project__association=association, year=year):
        reports.setdefault(report.project_id, []).append(report)
        if report.is_example:
            examples.add(report.project_id)
    activities: dict[int, int] = {}
    for project_id, count, example in StructuralReport.objects.filter(
        project__association=association, year=year
    ).values_list("project_id", "activities", "is_example"):
        activities[project_id] = activities.get(project_id, 0) + count
        if example:
            examples.add(project_id)
    staff: dict[int, dict[str, int]] = {}
    for row in StaffReached.objects.filter(
        report__project__association=association, report__year=year
    ).values("report__project_id", *(f"staff_{g}" for g in GENDERS)):
        counts = staff.setdefault(row["report__project_id"], _zero())
        for gender in GENDERS:
            counts[gender] += row[f"staff_{gender}"]
    rows = []
    for project in projects_with_money(association, year):
        structural = project.kind == ProjectKind.STRUCTURAL
        rows.append(
            NationalProject(
                project=project,
                structural=structural,
                budget=project.year_amount,
                outcome=requested.get(project.pk, 0),
                planned=planned.get(project.pk),
                participants=participants_once(reports.get(project.pk, [])),
                activities=activities.get(project.pk) if structural else None,
                staff=staff.get(project.pk, _zero()),
                example=project.pk in examples,
            )
        )
    return rows

"""Rows of the follow-up tables (targets and outcomes, indicators, the national report), built once."""

from dataclasses import dataclass

from django.db.models import Prefetch, Sum
from django.utils.translation import gettext as _

from finsam.lib.tables import CellKind, Column, Row, RowKind, Table, format_cell
from followup.indicators import ActivityFigures, Figures, TargetOutcome, activity_figures, evaluate
from followup.models import (
    GENDER_LABELS,
    GENDERS,
    Activity,
    Goal,
    Indicator,
    PeriodReport,
    PlannedParticipants,
)
from projects.exports import projects_with_money
from projects.models import Project, ProjectKind, Requisition

ACTIVITY_INDICATORS = (Indicator.ACTIVITIES, Indicator.ACTIVITY_PARTICIPANTS)


@dataclass
class TargetRow:
    goal: Goal
    target: object
    outcome: TargetOutcome
    example: bool = False  # the outcome rests on example data (made up to show the pages), not on results


@dataclass
class YearFollowup:
    goals: list
    reports: list
    activities: list
    activity_figures: ActivityFigures
    targets: list[TargetRow]


def year_followup(association, year: int) -> YearFollowup:
    """Everything the follow-up page of a year shows, in six queries whatever the number of projects."""
    goals = list(
        Goal.objects.filter(association=association, year=year).prefetch_related(
            "targets", Prefetch("targets__projects", queryset=Project.objects.only("pk", "kind"))
        )
    )
    reports = list(
        PeriodReport.objects.filter(project__association=association, year=year).select_related(
            "project__owner"
        )
    )
    activities = list(
        Activity.objects.filter(association=association, date__year=year).prefetch_related("participants")
    )
    figures_of_activities = activity_figures(activities)
    targets = []
    for goal in goals:
        for target in goal.targets.all():
            covered = {p.pk for p in target.projects.all()}
            chosen = [
                r
                for r in reports
                if (r.project_id in covered if covered else r.project.kind == ProjectKind.INDIVIDUAL)
            ]
            sources = activities if target.indicator in ACTIVITY_INDICATORS else chosen
            example = target.indicator != Indicator.QUALITATIVE and any(s.is_example for s in sources)
            outcome = evaluate(target, Figures.of(chosen), figures_of_activities)
            targets.append(TargetRow(goal, target, outcome, example))
    return YearFollowup(goals, reports, activities, figures_of_activities, targets)


def outcome_cell(value):
    """An outcome as a table cell: a share (Decimal, printed `43,5 %`, a fraction in the workbook), a count,
    or "ingen data" when nobody ended."""
    return _("ingen data") if value is None else value


def goals_table(association, year: int, *, data: YearFollowup | None = None) -> Table:
    """Goals with their result targets, follow-up method, outcome and whether the target is met."""
    data = data or year_followup(association, year)
    table = Table(
        key="goals",
        caption=_("Mål och resultatmål %(year)s") % {"year": year},
        columns=[
            Column("goal", _("Mål")),
            Column("target", _("Resultatmål")),
            Column("follow_up", _("Uppföljning")),
            Column("outcome", _("Utfall")),
            Column("met", _("Uppfyllt")),
        ],
    )
    for row in data.targets:
        target = row.target
        met = {True: _("Ja"), False: _("Nej"), None: "–"}[row.outcome.met]
        outcome = (
            _("kvalitativ uppföljning")
            if target.indicator == "qualitative"
            else outcome_cell(row.outcome.value)
        )
        if row.example:
            outcome, met = marked_example(outcome), marked_example(met)
        table.add(
            Row(
                {
                    "goal": f"{row.goal}: {row.goal.text}",
                    "target": target.text,
                    "follow_up": row.goal.follow_up,
                    "outcome": outcome,
                    "met": met,
                }
            )
        )
    for goal in data.goals:
        if not goal.targets.all():
            table.add(
                Row(
                    {
                        "goal": f"{goal}: {goal.text}",
                        "target": "",
                        "follow_up": goal.follow_up,
                        "outcome": "",
                        "met": "",
                    }
                )
            )
    if any(row.example for row in data.targets):
        table.notes.append(example_note())
    return table


def example_note() -> str:
    return _("Utfall märkta exempeldata är påhittade siffror som visar hur sidorna fungerar, inte resultat.")


def marked_example(value) -> str:
    """A figure from example data, said so wherever it is printed, the workbook too: "43,5 % (exempeldata)".

    Marked, a figure is text: an example must not pass for a result in anyone's sums."""
    text = value if isinstance(value, str) else format_cell(value, Column("value", ""))
    return _("%(value)s (exempeldata)") % {"value": text}


def project_figures(reports) -> dict:
    """Figures per project (the project objects as keys, in name order)."""
    by_project: dict = {}
    for report in reports:
        by_project.setdefault(report.project, Figures()).add(report)
    return dict(sorted(by_project.items(), key=lambda item: item[0].name))


def indicator_table(association, year: int, *, data: YearFollowup | None = None) -> Table:
    """Per project and for the association: participants and the two shares, each by gender."""
    data = data or year_followup(association, year)
    columns = [Column("label", _("Insats"))]
    for gender in (*GENDERS, "all"):
        suffix = GENDER_LABELS[gender] if gender != "all" else _("totalt")
        columns.append(Column(f"participated_{gender}", _("Deltog, %(g)s") % {"g": suffix}, CellKind.COUNT))
    columns += [
        Column("ended", _("Avslutade"), CellKind.COUNT),
        Column("work_or_studies", _("Till arbete/studier"), CellKind.PERCENT),
        Column("next_activity", _("Efterföljande aktivitet"), CellKind.PERCENT),
    ]
    table = Table(
        key="indicators", caption=_("Deltagare och resultat %(year)s") % {"year": year}, columns=columns
    )
    rows = []
    examples = {report.project_id for report in data.reports if report.is_example}
    for project, figures in project_figures(data.reports).items():
        note = _("exempeldata") if project.pk in examples else ""
        rows.append(table.add(Row(_indicator_cells(str(project), figures), note=note)))
    total = Figures.of(data.reports)
    table.add(
        Row(
            _indicator_cells(_("Förbundet totalt"), total),
            RowKind.TOTAL,
            terms=tuple((i, 1) for i in rows),
            note=_("exempeldata") if examples else "",
        )
    )
    if examples:
        table.notes.append(example_note())
    return table


def _indicator_cells(label: str, figures: Figures) -> dict:
    cells = {"label": label}
    for gender in GENDERS:
        cells[f"participated_{gender}"] = figures.participated[gender]
    cells["participated_all"] = figures.total("participated")
    cells["ended"] = figures.total("ended")
    cells["work_or_studies"] = outcome_cell(figures.work_or_studies_share())
    cells["next_activity"] = outcome_cell(figures.next_activity_share())
    return cells


def national_projects_table(association, year: int) -> Table:
    """Per project what Försäkringskassan's Uppföljning Finsam asks: budget, outcome, planned participants,
    focus, target group and participants by gender."""
    requested = {
        row["project"]: row["total"]
        for row in Requisition.objects.filter(project__association=association, period_start__year=year)
        .values("project")
        .annotate(total=Sum("amount"))
    }
    planned = dict(
        PlannedParticipants.objects.filter(project__association=association, year=year).values_list(
            "project", "count"
        )
    )
    reports = list(
        PeriodReport.objects.filter(project__association=association, year=year).select_related("project")
    )
    figures_by_id = {project.pk: f for project, f in project_figures(reports).items()}
    examples = {report.project_id for report in reports if report.is_example}
    table = Table(
        key="national_projects",
        caption=_("Uppföljning Finsam %(year)s: insatser") % {"year": year},
        sheet=_("Finsam %(year)s – insatser") % {"year": year},
        columns=[
            Column("name", _("Insats")),
            Column("budget", _("Budget"), CellKind.AMOUNT, "kr"),
            Column("outcome", _("Utfall (rekvirerat)"), CellKind.AMOUNT, "kr"),
            Column("planned", _("Planerade deltagare"), CellKind.COUNT),
            Column("focus", _("Inriktning")),
            Column("target_group", _("Målgrupp")),
            Column("women", _("Deltagare, kvinnor"), CellKind.COUNT),
            Column("men", _("Deltagare, män"), CellKind.COUNT),
            Column("other", _("Deltagare, annat/ej angivet"), CellKind.COUNT),
        ],
    )
    for project in projects_with_money(association, year):
        f = figures_by_id.get(project.pk, Figures())
        table.add(
            Row(
                {
                    "name": str(project),
                    "budget": project.year_amount,
                    "outcome": requested.get(project.pk, 0),
                    "planned": planned.get(project.pk),
                    "focus": project.focus,
                    "target_group": project.target_group,
                    "women": f.participated["women"],
                    "men": f.participated["men"],
                    "other": f.participated["other"],
                },
                note=_("deltagare: exempeldata") if project.pk in examples else "",
            )
        )
    if examples:
        table.notes.append(example_note())
    return table

"""Rows of the follow-up tables (targets and outcomes, indicators, the national report), built once."""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from finsam.lib.tables import CellKind, Column, Row, RowKind, Table, format_cell
from followup.indicators import ActivityFigures, Figures, TargetOutcome, activity_figures, evaluate
from followup.models import (
    GENDER_LABELS,
    GENDERS,
    Activity,
    Goal,
    Indicator,
    PeriodReport,
)
from followup.national import NationalProject, budget_figures, national_projects, participants_once
from projects.models import Project, ProjectKind

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


PARTICIPANTS_ONCE_NOTE = gettext_lazy(
    "Deltagare räknas en gång per år: de som deltog under årets första period och de som påbörjade under de senare."
)


def participants_table(association, year: int) -> Table | None:
    """The year's participants by gender per project and in total, each person counted once (`participants_once`).

    Only projects with figures registered for the year are listed; None when no project has any. Figures that
    rest on example data say so in the row's label, which the workbook carries too, and in the caption.
    """
    reports: dict = {}
    for report in PeriodReport.objects.filter(project__association=association, year=year).select_related(
        "project"
    ):
        reports.setdefault(report.project, []).append(report)
    if not reports:
        return None
    examples = {project.pk for project, rows in reports.items() if any(r.is_example for r in rows)}
    caption = _("Deltagare %(year)s efter kön") % {"year": year}
    columns = [Column("label", _("Insats"))]
    for gender in GENDERS:
        columns.append(Column(gender, str(GENDER_LABELS[gender]).capitalize(), CellKind.COUNT))
    columns.append(Column("total", _("Totalt"), CellKind.COUNT))
    table = Table(
        key="participants",
        caption=marked_example(caption) if examples else caption,
        sheet=caption,
        columns=columns,
        notes=[str(PARTICIPANTS_ONCE_NOTE)],
    )
    rows = []
    for project in sorted(reports, key=lambda p: p.name):
        counts = participants_once(reports[project])
        label = marked_example(str(project)) if project.pk in examples else str(project)
        rows.append(table.add(Row({"label": label, **counts, "total": sum(counts.values())})))
    totals = {column.key: sum(table.rows[i].cells[column.key] for i in rows) for column in columns[1:]}
    label = _("Summa")
    table.add(
        Row(
            {"label": marked_example(label) if examples else label, **totals},
            RowKind.TOTAL,
            terms=tuple((i, 1) for i in rows),
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


def _yes_no(value: bool) -> str:
    return _("Ja") if value else _("Nej")


def _example_mark(example: bool) -> str:
    return _("exempeldata") if example else ""


def national_sheet_name(year: int) -> str:
    """The return's one workbook sheet: the association's part on top, the projects under it."""
    return _("Uppföljning Finsam %(year)s") % {"year": year}


def national_association_table(association, year: int, figures=None) -> Table:
    """The association's part of the return: allocated funds, equity (actual and budgeted), administration.

    The figures built on the outcome (equity from the outcome, the administration's outcome) are marked
    "exempeldata" when that outcome is example data.
    """
    figures = figures or budget_figures(association, year)
    table = Table(
        key="national_association",
        caption=_("Uppföljning Finsam %(year)s: förbundet") % {"year": year},
        sheet=national_sheet_name(year),
        columns=[
            Column("field", _("Uppgift")),
            Column("amount", _("Belopp"), CellKind.AMOUNT, "kr"),
            Column("note", _("Anmärkning")),
        ],
    )
    example = figures.outcome_is_example
    for label, value, from_outcome in (
        (_("Tilldelade medel"), figures.allocated, False),
        (_("Eget kapital vid årets slut (utfall)"), figures.equity_actual, True),
        (_("Eget kapital vid årets slut (budget)"), figures.equity_end, False),
        (_("Administrativa kostnader, budget"), figures.administration_budget, False),
        (_("Administrativa kostnader, utfall"), figures.administration_outcome, True),
    ):
        note = _example_mark(example and from_outcome and value is not None)
        table.add(Row({"field": str(label), "amount": value, "note": note}))
    if example:
        table.notes.append(example_note())
    return table


NATIONAL_PROJECT_COLUMNS = [
    ("name", gettext_lazy("Insats"), CellKind.TEXT),
    ("owner", gettext_lazy("Insatsägare"), CellKind.TEXT),
    ("kind", gettext_lazy("Insatsinriktning"), CellKind.TEXT),
    ("esf", gettext_lazy("ESF-finansierad"), CellKind.TEXT),
    ("specified_focus", gettext_lazy("Preciserad inriktning"), CellKind.TEXT),
    ("follow_up_method", gettext_lazy("Uppföljningsmetod"), CellKind.TEXT),
    ("focus", gettext_lazy("Inriktning (förbundets text)"), CellKind.TEXT),
    ("target_group", gettext_lazy("Målgrupp"), CellKind.TEXT),
    ("budget", gettext_lazy("Budget"), CellKind.AMOUNT),
    ("outcome", gettext_lazy("Utfall (rekvirerat)"), CellKind.AMOUNT),
    ("planned", gettext_lazy("Planerade deltagare"), CellKind.COUNT),
    ("women", gettext_lazy("Deltagare, kvinnor"), CellKind.COUNT),
    ("men", gettext_lazy("Deltagare, män"), CellKind.COUNT),
    ("other", gettext_lazy("Deltagare, annat/ej angivet"), CellKind.COUNT),
    ("participants", gettext_lazy("Deltagare totalt"), CellKind.COUNT),
    ("activities", gettext_lazy("Aktiviteter (strukturinriktad)"), CellKind.COUNT),
    ("staff_women", gettext_lazy("Nådd personal, kvinnor"), CellKind.COUNT),
    ("staff_men", gettext_lazy("Nådd personal, män"), CellKind.COUNT),
    ("staff_other", gettext_lazy("Nådd personal, annat/ej angivet"), CellKind.COUNT),
    ("note", gettext_lazy("Anmärkning"), CellKind.TEXT),  # ours, not the return's: "exempeldata"
]


def national_project_cells(row: NationalProject) -> dict:
    """One project's cells of the return, in the order the return is entered."""
    project = row.project
    return {
        "name": str(project),
        "owner": str(project.owner) if project.owner else "",
        "kind": str(ProjectKind(project.kind).label),
        "esf": _yes_no(project.esf_funded),
        "specified_focus": project.get_specified_focus_display() if project.specified_focus else "",
        "follow_up_method": project.follow_up_method,
        "focus": project.focus,
        "target_group": project.target_group,
        "budget": row.budget,
        "outcome": row.outcome,
        "planned": row.planned,
        "women": None if row.structural else row.participants["women"],
        "men": None if row.structural else row.participants["men"],
        "other": None if row.structural else row.participants["other"],
        "participants": None if row.structural else row.participants_total,
        "activities": row.activities if row.structural else None,
        "staff_women": row.staff["women"] if row.structural else None,
        "staff_men": row.staff["men"] if row.structural else None,
        "staff_other": row.staff["other"] if row.structural else None,
        "note": _example_mark(row.example),
    }


def national_projects_table(association, year: int, rows: list[NationalProject] | None = None) -> Table:
    """Per project what Försäkringskassan's Uppföljning Finsam asks (followup/national.py), one row each."""
    rows = national_projects(association, year) if rows is None else rows
    table = Table(
        key="national_projects",
        caption=_("Uppföljning Finsam %(year)s: insatser") % {"year": year},
        sheet=national_sheet_name(year),
        columns=[
            Column(key, str(label), kind, "kr" if kind == CellKind.AMOUNT else "")
            for key, label, kind in NATIONAL_PROJECT_COLUMNS
        ],
        notes=[str(PARTICIPANTS_ONCE_NOTE)],
    )
    for row in rows:
        table.add(Row(national_project_cells(row)))
    if any(row.example for row in rows):
        table.notes.append(example_note())
    return table


def national_return_tables(association, year: int) -> list[Table]:
    """The return as it is entered, for the workbook: the association's part, then one row per project.

    Both tables carry the same sheet name, so the workbook writer puts them on one sheet, one under the other.
    """
    return [national_association_table(association, year), national_projects_table(association, year)]


def national_csv_rows(association, year: int):
    """The return as it is entered: the association's figures, then one line per project (plain values)."""
    figures = budget_figures(association, year)
    yield [_("Uppföljning Finsam"), association.name, year]
    for row in national_association_table(association, year, figures).rows:
        cells = row.cells
        yield [cells["field"], "" if cells["amount"] is None else cells["amount"], cells["note"]]
    yield []
    yield [str(label) for _key, label, _kind in NATIONAL_PROJECT_COLUMNS]
    for row in national_projects(association, year):
        cells = national_project_cells(row)
        yield ["" if cells[key] is None else cells[key] for key, _label, _kind in NATIONAL_PROJECT_COLUMNS]

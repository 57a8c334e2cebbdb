"""RAR 2023's goals with their result targets (plan 2023, Mål 1–3), and example figures marked as such.

The half-year figures, the structure-oriented project's activities and the activities below are EXAMPLE DATA,
made up to show the pages; they are flagged `is_example` and shown with an "exempeldata" badge. They are only counts.
"""

import datetime
from decimal import Decimal

from finsam.demo import RAR, ensure
from followup.models import (
    Activity,
    ActivityKind,
    ActivityParticipants,
    Comparison,
    Goal,
    Indicator,
    PeriodReport,
    PlannedParticipants,
    ResultTarget,
    StaffReached,
    StatusReport,
    StructuralReport,
)
from members.models import MemberOrganisation
from projects.models import Project, ProjectKind

GOALS = [
    (
        1,
        "Finansierade insatser bidrar till att individer förbättrar sina möjligheter att närma sig arbete eller studier.",
        "SUS; lägesrapporter från insatserna",
        [
            ("I insatser som syftar till arbetsåtergång ska 35 % av de avslutade deltagarna ha kommit ut till "
             "arbete eller studier.", Indicator.WORK_OR_STUDIES_SHARE, Decimal("35"), ["SIKTA", "Unga på väg", "Trappan mot arbete"]),
            ("I insatser som syftar till förrehabilitering ska minst 90 % av de avslutade deltagarna ha en "
             "efterföljande aktivitet.", Indicator.NEXT_ACTIVITY_SHARE, Decimal("90"), ["Steget före", "Steg för steg", "Slussen"]),
        ],
    ),
    (
        2,
        "Samordningsförbundet ska erbjuda kompetenshöjande aktiviteter som rör samordning och arbetslivsinriktad "
        "rehabilitering.",
        "Räkna antalet aktiviteter och deltagare",
        [
            ("Minst 12 aktiviteter ska genomföras under året.", Indicator.ACTIVITIES, Decimal("12"), []),
            ("Aktiviteterna ska nå minst 600 deltagare.", Indicator.ACTIVITY_PARTICIPANTS, Decimal("600"), []),
        ],
    ),
    (
        3,
        "Utveckla effektiva samverkansstrukturer mellan förbundets medlemmar i syfte att skapa kontinuitet på "
        "individnivå.",
        "Intervjuer med medlemmar; berättelser som visar hur samverkan har förbättrats",
        [
            ("Representanter från medlemsorganisationerna beskriver förbättring i samverkansarbetet.",
             Indicator.QUALITATIVE, None, []),
        ],
    ),
]  # fmt: skip

# EXAMPLE DATA per project, first half of 2023: (participated w, m; ended w, m; to work w, m; studies w, m;
# job seeking w, m; other activity w, m; none w, m)
EXAMPLE_H1 = {
    "SIKTA": (40, 32, 12, 10, 3, 2, 1, 1, 2, 2, 4, 3, 2, 2),
    "Steget före": (18, 10, 6, 4, 1, 0, 0, 1, 1, 1, 4, 2, 0, 0),
    "Trappan mot arbete": (12, 14, 4, 5, 2, 2, 0, 1, 1, 1, 1, 0, 0, 1),
    "Steg för steg": (9, 6, 3, 2, 0, 0, 1, 0, 0, 0, 2, 2, 0, 0),
    "Unga på väg": (22, 25, 7, 8, 2, 3, 2, 1, 1, 2, 1, 1, 1, 1),
    "Slussen": (6, 8, 2, 3, 0, 1, 0, 0, 0, 0, 2, 2, 0, 0),
}


# EXAMPLE DATA for the structure-oriented project of 2023, per period: activities, and the staff reached per
# member (women, men).
EXAMPLE_STRUCTURAL = {
    "NUVAS": {
        1: (3, {"Nyköpings kommun": (14, 5), "Arbetsförmedlingen": (6, 4)}),
        2: (2, {"Nyköpings kommun": (9, 3), "Försäkringskassan": (5, 1)}),
    },
}


def load(associations, stdout=None) -> None:
    rar = associations[RAR]
    names = list(EXAMPLE_H1) + list(EXAMPLE_STRUCTURAL) + ["Ung comeback"]
    projects = {p.name: p for p in Project.objects.filter(association=rar, name__in=names)}
    for number, text, follow_up, targets in GOALS:
        goal = ensure(
            Goal, {"association": rar, "year": 2023, "number": number}, {"text": text, "follow_up": follow_up}
        )
        for target_text, indicator, value, covered in targets:
            target = ensure(
                ResultTarget,
                {"goal": goal, "text": target_text},
                {"indicator": indicator, "comparison": Comparison.AT_LEAST, "target_value": value},
            )
            wanted = {projects[name].pk for name in covered if name in projects}
            if set(target.projects.values_list("pk", flat=True)) != wanted:
                target.projects.set(wanted)
    for name, figures in EXAMPLE_H1.items():
        project = projects.get(name)
        if project is None:
            continue
        _example_report(project, figures)
        ensure(
            PlannedParticipants, {"project": project, "year": 2023}, {"count": (figures[0] + figures[1]) + 20}
        )
    for name in [*EXAMPLE_H1, *EXAMPLE_STRUCTURAL]:
        if name in projects:
            ensure(
                StatusReport,
                {"project": projects[name], "year": 2023, "period": 1, "kind": "status"},
                {"received_on": datetime.date(2023, 8, 15)},
            )
    for name, periods in EXAMPLE_STRUCTURAL.items():
        if name in projects and projects[name].kind == ProjectKind.STRUCTURAL:
            _example_structural(rar, projects[name], periods)
    _example_activities(rar)


def _example_structural(rar, project, periods) -> None:
    # an earlier demo had this project's figures as participants; a structure-oriented project has none
    PeriodReport.objects.filter(project=project, is_example=True).delete()
    members = {m.name: m for m in MemberOrganisation.objects.filter(association=rar)}
    for period, (activities, staff) in periods.items():
        report = ensure(
            StructuralReport,
            {"project": project, "year": 2023, "period": period},
            {"activities": activities, "is_example": True},
        )
        for member_name, (women, men) in staff.items():
            if member_name in members:
                ensure(
                    StaffReached,
                    {"report": report, "member": members[member_name]},
                    {"staff_women": women, "staff_men": men},
                )


def _example_report(project, f) -> None:
    pw, pm, ew, em, ww, wm, sw, sm, jw, jm, aw, am, nw, nm = f
    values = {
        "started_women": pw // 2, "started_men": pm // 2, "participated_women": pw, "participated_men": pm,
        "ended_women": ew, "ended_men": em, "work_women": ww, "work_men": wm, "studies_women": sw, "studies_men": sm,
        "job_seeking_women": jw, "job_seeking_men": jm, "activity_women": aw, "activity_men": am,
        "none_women": nw, "none_men": nm, "is_example": True,
    }  # fmt: skip
    report = ensure(PeriodReport, {"project": project, "year": 2023, "period": 1}, values)
    report.full_clean()


def _example_activities(rar) -> None:
    members = list(MemberOrganisation.objects.filter(association=rar).order_by("name"))
    if not members:
        return
    titles = [
        "Frukostseminarium om samverkan",
        "Utbildning i arbetsförmågebedömning",
        "Nätverksträff för insatsledare",
        "Temadag om unga utanför arbete och studier",
        "Seminarium om psykisk ohälsa och arbete",
        "Nätverksträff för arbetsmarknadschefer",
        "Utbildning om finansiell samordning",
        "Workshop om jämställd rehabilitering",
        "Seminarium om förrehabilitering",
        "Temadag om samordnade insatser",
    ]
    for index, title in enumerate(titles):
        activity = ensure(
            Activity,
            {"association": rar, "title": title},
            {
                "date": datetime.date(2023, 1 + index, 10),
                "kind": ActivityKind.NETWORK if "Nätverk" in title else ActivityKind.COMPETENCE,
                "is_example": True,
            },
        )
        member = members[index % len(members)]
        ensure(
            ActivityParticipants,
            {"activity": activity, "member": member},
            {"count_women": 20 + index, "count_men": 10 + index, "count_other": 0},
        )

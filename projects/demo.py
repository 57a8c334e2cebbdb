"""Projects of the source plans (RAR 2007, 2010 and 2023) with their totals and the yearly amounts they give.

The plans give a total and one year's amount; the other years are the rest of the total spread pro rata to days
(projects/amounts.py), so the years always add up to the total. Amounts in the plans are in thousands.
"""

import datetime

from finsam.demo import RAR, ensure
from finsam.lib.periods import DatePrecision
from members.models import MemberKind, MemberOrganisation
from projects.amounts import propose_split
from projects.models import (
    Decision,
    DecisionOutcome,
    Project,
    ProjectKind,
    ProjectRules,
    ProjectStatus,
    ProjectYearAmount,
    Requisition,
    SpecifiedFocus,
    StartStatus,
)

D = datetime.date
TKR = 1000

# name, number, owner, area (municipalities or None for the whole county), focus, start, start precision,
# start status, end, end precision, total tkr, {year: tkr}, status, note
RAR_2007 = [
    (
        "Ungdomstorget Nyköping",
        "",
        "Nyköpings kommun",
        ["Nyköpings kommun"],
        "Stödja unga i att få arbete/studier",
        D(2006, 8, 15),
        "day",
        "confirmed",
        D(2008, 8, 14),
        "day",
        2279,
        {2007: 1140},
        ProjectStatus.ENDED,
        "",
    ),
    (
        "Rehabkoordinator Flens VC",
        "",
        "Region Sörmland",
        ["Flens kommun"],
        "Förbättra insatser inom Rehabskelettet",
        D(2006, 2, 1),
        "day",
        "confirmed",
        D(2008, 1, 31),
        "day",
        484,
        {2007: 242},
        ProjectStatus.ENDED,
        "",
    ),
    (
        "Rehabkoordinator Ekensbergs VC Nyköping",
        "",
        "Region Sörmland",
        ["Nyköpings kommun"],
        "Förbättra insatser inom Rehabskelettet",
        D(2006, 5, 15),
        "day",
        "confirmed",
        D(2008, 5, 14),
        "day",
        484,
        {2007: 242},
        ProjectStatus.ENDED,
        "",
    ),
    (
        "Kungsgatans Läkarmottagning Eskilstuna",
        "",
        "Region Sörmland",
        ["Eskilstuna kommun"],
        "Personer som är eller bedöms bli sjukskrivna mer än 28 dagar",
        D(2006, 7, 1),
        "half",
        "delayed",
        None,
        "day",
        307,
        {2007: 307},
        ProjectStatus.ENDED,
        "Planen 2007: ”Försenad, prel start hösten 2006”; slutdatum anges inte.",
    ),
    (
        "TROSAM Trosa",
        "",
        "Trosa kommun",
        ["Trosa kommun"],
        "Rehabilitera personer med psykisk ohälsa för att de ska kunna återgå i arbete",
        D(2006, 6, 1),
        "day",
        "confirmed",
        D(2008, 6, 1),
        "month",
        1735,
        {2007: 868},
        ProjectStatus.ENDED,
        "Planen 2007 anger slut 2008-06-31, ett datum som inte finns; lagrat som juni 2008.",
    ),
    (
        "KV-projektet Katrineholm och Vingåker",
        "",
        "Katrineholms kommun",
        ["Katrineholms kommun", "Vingåkers kommun"],
        "Förbättrad utredning och förbättrade insatser för personer med rehabiliteringsbehov",
        D(2006, 8, 1),
        "day",
        "confirmed",
        D(2008, 7, 31),
        "day",
        1887,
        {2007: 944},
        ProjectStatus.ENDED,
        "",
    ),
    (
        "Villa Bergsund Oxelösund",
        "",
        "Oxelösunds kommun",
        ["Oxelösunds kommun"],
        "Arbetsträning och rehabilitering",
        D(2006, 8, 15),
        "day",
        "confirmed",
        D(2008, 8, 14),
        "day",
        2077,
        {2007: 1039},
        ProjectStatus.ENDED,
        "",
    ),
    (
        "Kompetensutveckling Gnesta",
        "",
        "Gnesta kommun",
        ["Gnesta kommun"],
        "Utsatta grupper i kommunen",
        D(2006, 9, 1),
        "month",
        "confirmed",
        None,
        "day",
        100,
        {2007: 0},
        ProjectStatus.ENDED,
        "Planen 2007: start september 2006, inget belopp 2007 och inget slutdatum.",
    ),
    (
        "Processtöd Eskilstuna",
        "",
        "Eskilstuna kommun",
        ["Eskilstuna kommun"],
        "Stöd för Eskilstuna LSG",
        D(2007, 1, 1),
        "day",
        "preliminary",
        D(2008, 12, 31),
        "day",
        1077,
        {2007: 539},
        ProjectStatus.ENDED,
        "",
    ),
    (
        "Flen Soc-Af",
        "",
        "Flens kommun",
        ["Flens kommun"],
        "Utveckling av samverkan mellan socialtjänst och Arbetsförmedlingen kring arbetslösa med ekonomiskt bistånd",
        D(2007, 1, 1),
        "day",
        "preliminary",
        D(2007, 9, 30),
        "day",
        398,
        {2007: 398},
        ProjectStatus.ENDED,
        "",
    ),
]

# The plan 2010 names each project's area but not its owner; none is made up (an earlier demo inferred owners
# from the areas, which then printed as if the plan said so).
OWNER_UNKNOWN = "Planen 2010 anger område men inte insatsägare."
RAR_2010 = [
    (
        "AGERA/FLAK",
        "12",
        None,
        ["Gnesta kommun"],
        "Stöd till unga – psykisk ohälsa",
        D(2007, 12, 1),
        "day",
        "confirmed",
        D(2010, 5, 31),
        "day",
        2924,
        {2010: 1018},
        ProjectStatus.ENDED,
        OWNER_UNKNOWN + " Startmånaden december 2007 bär inget belopp (budgeten 2007 tar upp 5 719 tkr).",
    ),
    (
        "Smärtprojektet",
        "21",
        None,
        None,
        "Smärtproblematik",
        D(2008, 1, 1),
        "day",
        "confirmed",
        D(2010, 1, 31),
        "day",
        2732,
        {2010: 99},
        ProjectStatus.ENDED,
        OWNER_UNKNOWN,
    ),
    (
        "EVA",
        "33",
        None,
        ["Eskilstuna kommun"],
        "Kvinnor med invandrarbakgrund",
        D(2009, 1, 1),
        "day",
        "confirmed",
        D(2011, 12, 31),
        "day",
        5894,
        {2010: 1965},
        ProjectStatus.ENDED,
        OWNER_UNKNOWN,
    ),
    # 2011 chosen so that EVA + TUNA = 3 511 tkr, the plan's "Befintliga projekt 2011".
    (
        "TUNA",
        "28",
        None,
        ["Eskilstuna kommun"],
        "Arbetslösa; långtidssjuka",
        D(2008, 9, 1),
        "day",
        "confirmed",
        D(2011, 8, 31),
        "day",
        7987,
        {2010: 3330, 2011: 1546.5},
        ProjectStatus.ENDED,
        OWNER_UNKNOWN,
    ),
    (
        "Hälsoverket",
        "",
        None,
        ["Oxelösunds kommun"],
        "Sjukskrivna kvinnor",
        D(2009, 1, 1),
        "day",
        "confirmed",
        D(2010, 12, 31),
        "day",
        2666,
        {2010: 1333},
        ProjectStatus.ENDED,
        OWNER_UNKNOWN,
    ),
]

# Years a project touched but that carry no money (no row is stored for them): AGERA/FLAK started in December 2007,
# after the 2007 budget was set, and its first month is not in the 2007 plan.
NO_AMOUNT_YEARS = {"AGERA/FLAK": {2007}}

ONLY_2023 = "Planen 2023 anger bara årets belopp; period och totalbelopp för hela insatsen är inte kända."
EXAMPLE_RETURN = (
    " Exempeldata: slag, preciserad inriktning, inriktning, målgrupp och uppföljningsmetod är påhittade för att "
    "visa Uppföljning Finsam; planen anger dem inte."
)
RAR_2023 = [
    ("SIKTA", "Region Sörmland", 3107),
    ("NUVAS", "Nyköpings kommun", 1636),
    ("Steget före", "Region Sörmland", 841),
    ("Trappan mot arbete", "Trosa kommun", 1234),
    ("Steg för steg", "Gnesta kommun", 781),
    ("Unga på väg", "Eskilstuna kommun", 1284),
    ("Slussen", "Nyköpings kommun", 470),
    ("Ung comeback", None, 0),
]

# EXAMPLE DATA for the Uppföljning Finsam return (the plan gives only name, owner and amount): kind, specified
# focus, focus, target group, follow-up method. The goals of 2023 (followup/demo.py) decide the focus: return to
# work for SIKTA, Unga på väg and Trappan mot arbete, pre-rehabilitation for Steget före, Steg för steg and Slussen.
WORK = "Deltagare per kön; avslut till arbete eller studier"
NEXT = "Deltagare per kön; avslut med efterföljande aktivitet"
RAR_2023_RETURN = {
    "SIKTA": (ProjectKind.INDIVIDUAL, SpecifiedFocus.VOCATIONAL, "Arbetslivsinriktad rehabilitering",
              "Personer med psykisk och/eller fysisk ohälsa", WORK),
    "NUVAS": (ProjectKind.STRUCTURAL, SpecifiedFocus.COOPERATION, "Samverkan kring unga vuxna",
              "Personal hos medlemmarna i Nyköping", "Aktiviteter och nådd personal per kön"),
    "Steget före": (ProjectKind.INDIVIDUAL, SpecifiedFocus.PRE_REHABILITATION, "Förrehabilitering",
                    "Personer med psykisk ohälsa långt från arbetsmarknaden", NEXT),
    "Trappan mot arbete": (ProjectKind.INDIVIDUAL, SpecifiedFocus.VOCATIONAL, "Stegvis väg till arbete",
                           "Personer med försörjningsstöd och ohälsa", WORK),
    "Steg för steg": (ProjectKind.INDIVIDUAL, SpecifiedFocus.PRE_REHABILITATION, "Förrehabilitering",
                      "Personer med långvarig sjukskrivning", NEXT),
    "Unga på väg": (ProjectKind.INDIVIDUAL, SpecifiedFocus.YOUNG, "Unga till arbete eller studier",
                    "Unga vuxna 16–29 år utan arbete eller studier", WORK),
    "Slussen": (ProjectKind.INDIVIDUAL, SpecifiedFocus.PRE_REHABILITATION, "Kartläggning och motivation",
                "Personer med neuropsykiatriska funktionsnedsättningar", NEXT),
    "Ung comeback": (ProjectKind.INDIVIDUAL, SpecifiedFocus.YOUNG, "Unga tillbaka till studier",
                     "Unga med aktivitetsersättning", WORK),
}  # fmt: skip

# EXAMPLE DATA: each running project's requisitions of 2023, kronor for January–June and July–December
RAR_2023_REQUISITIONS = {
    "SIKTA": (1_500_000, 1_380_000),
    "NUVAS": (800_000, 760_000),
    "Steget före": (420_000, 390_000),
    "Trappan mot arbete": (600_000, 610_000),
    "Steg för steg": (380_000, 350_000),
    "Unga på väg": (640_000, 600_000),
    "Slussen": (230_000, 200_000),
}


def load(associations, stdout=None) -> None:
    rar = associations[RAR]
    # RAR's rules: projects at most three years; 75 % long-term, county-wide (mål- och inriktningsplan 2022–2026).
    ensure(
        ProjectRules,
        {"association": rar},
        {"max_length_months": 36, "min_long_term_share": 75, "share_rule_from_year": 2022},
    )
    for row in RAR_2007 + RAR_2010:
        _project(rar, *row)
    for name, owner, amount in RAR_2023:
        kind, specified, focus, target_group, method = RAR_2023_RETURN[name]
        project = _project(
            rar, name, "", owner, [], focus, D(2023, 1, 1), "year", StartStatus.UNKNOWN, D(2023, 12, 31), "year",
            amount, {2023: amount}, ProjectStatus.RUNNING if amount else ProjectStatus.PLANNED,
            ONLY_2023 + EXAMPLE_RETURN,
            kind=kind, specified_focus=specified, target_group=target_group, follow_up_method=method,
        )  # fmt: skip
        for (start, end), requested in zip(HALVES_2023, RAR_2023_REQUISITIONS.get(name, ()), strict=False):
            ensure(
                Requisition,
                {"project": project, "period_start": start},
                {"period_end": end, "amount": requested, "received_on": end + datetime.timedelta(days=20),
                 "is_example": True},
            )  # fmt: skip


HALVES_2023 = ((D(2023, 1, 1), D(2023, 6, 30)), (D(2023, 7, 1), D(2023, 12, 31)))


def _owner(association, name):
    if name is None:
        return None
    kind = MemberKind.REGION if name.startswith("Region") else MemberKind.MUNICIPALITY
    owner, _created = MemberOrganisation.objects.get_or_create(
        association=association, name=name, defaults={"kind": kind}
    )
    return owner


def _project(
    association, name, number, owner, area, focus, start, start_precision, start_status, end, end_precision,
    total_tkr, known_tkr, status, note, **more,
):  # fmt: skip
    project = ensure(
        Project,
        {"association": association, "name": name},
        {
            **more,
            "number": number,
            "owner": _owner(association, owner),
            "focus": focus,
            "whole_county": area is None,
            "start": start,
            "start_precision": DatePrecision(start_precision),
            "start_status": StartStatus(start_status),
            "end": end,
            "end_precision": DatePrecision(end_precision),
            "status": status,
            "note": note,
        },
    )
    if area:
        wanted = {_owner(association, municipality).pk for municipality in area}
        if set(project.area_municipalities.values_list("pk", flat=True)) != wanted:
            project.area_municipalities.set(wanted)
    total = int(total_tkr * TKR)
    if total:  # a project the plan lists at 0 (RAR 2023's "Ung comeback") has no grant yet
        ensure(
            Decision,
            {"association": association, "project": project},
            {"outcome": DecisionOutcome.GRANTED, "granted_amount": total},
        )
    fixed = {year: int(tkr * TKR) for year, tkr in known_tkr.items()}
    empty = NO_AMOUNT_YEARS.get(name, set())
    split = propose_split(
        total,
        start,
        end or max([start, *(D(y, 12, 31) for y in fixed)]),
        fixed={**fixed, **dict.fromkeys(empty, 0)},
    )
    for year, amount in split.items():
        if year not in empty:
            ensure(ProjectYearAmount, {"project": project, "year": year}, {"amount": amount})
    return project

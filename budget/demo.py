"""Budgets of the source plans, each in its own line structure and sign habit.

Figures are the plans' (in thousands) for entered lines; fed lines take their sources: RAR's fee year 2009 and the
projects' yearly amounts. Where a plan's printed total disagrees with its own lines (RAR 2023 "Samverkansinsatser
8 119" against projects summing to 9 353; Landskrona-Svalöv 2010 "Summa 10 422" against 5 000 + 4 982; RAR 2010's
2011 result "1 628" against lines giving 1 627), the computed value stands; no line is bent to match.

RAR 2023 opens with the equity the plan forecasts ("kvarvarande medel vid slutet av året beräknas uppgå till 1,5
mkr", its line "Över-/underskott från tidigare år 1 488"). Its outcome is EXAMPLE DATA, made up so that the
Uppföljning Finsam return has actual equity and an administration outcome to show; it is flagged `is_example` and
shown as "exempeldata" wherever a figure built on it is reported.
"""

import datetime

from budget.models import (
    Budget,
    BudgetAmount,
    BudgetColumn,
    BudgetLine,
    BudgetSettings,
    BudgetVersion,
    ColumnKind,
    LineGroup,
    LineKind,
    Outcome,
    VersionStatus,
)
from finsam.demo import LANDSKRONA_SVALOV, RAR, ensure

TKR = 1000
INC, C, FI, FC, M = (
    LineGroup.INCOME,
    LineGroup.COSTS,
    LineGroup.FINANCIAL_INCOME,
    LineGroup.FINANCIAL_COSTS,
    LineGroup.MEMO,
)
E, FEES, PROJ, CARRY, SUM, RES = (
    LineKind.ENTERED,
    LineKind.MEMBER_FEES,
    LineKind.PROJECTS,
    LineKind.CARRYOVER,
    LineKind.SUBTOTAL,
    LineKind.RESULT,
)

# key, name, group, kind, first year, last year (the line structure over RAR's plans)
RAR_LINES = [
    ("r_fees_2010", "Intäkter", INC, FEES, 2009, 2012),
    ("r_fees_2023", "Medlemsavgifter", INC, FEES, 2023, None),
    ("r_esf", "ESF-medel", INC, E, 2023, None),
    ("r_income_sum", "S:a intäkter", INC, SUM, 2023, None),
    ("r_board_old", "Styrelsen", C, E, None, 2007),
    ("r_board", "Styrelse", C, E, 2009, None),
    ("r_staff", "Personal", C, E, None, 2012),
    ("r_office", "Kansli", C, E, 2023, None),
    ("r_premises_old", "Lokal", C, E, None, 2007),
    ("r_premises", "Lokaler", C, E, 2009, 2012),
    ("r_travel", "Resor", C, E, None, 2006),
    ("r_support", "Samverkansstöd", C, E, None, 2006),
    ("r_audit", "Revision", C, E, None, 2012),
    ("r_admin", "Administration", C, E, 2009, 2012),
    ("r_depreciation", "Avskrivningar", C, E, None, 2012),
    ("r_evaluation", "Utvärdering", C, E, None, 2006),
    ("r_other", "Övrigt inkl utbildning", C, E, 2009, 2012),
    ("r_support_2023", "Samverkansstöd, ESF, utvärdering", C, E, 2023, None),
    ("r_available_old", "Samverkansinsatser (att fördela)", C, E, None, 2006),
    ("r_projects_2007", "Kostnad för beviljade projekt", C, PROJ, 2007, 2007),
    ("r_available_2007", "Disponibelt belopp", C, E, 2007, 2007),
    ("r_projects_2010", "Befintliga projekt", C, PROJ, 2009, 2012),
    ("r_new", "Nya insatser", C, E, 2009, 2012),
    ("r_projects_2023", "Samverkansinsatser", C, PROJ, 2023, None),
    ("r_cost_sum_old", "Summa", C, SUM, None, 2007),
    ("r_cost_sum", "S:a kostnader", C, SUM, 2023, None),
    ("r_financial", "Finansiella intäkter", FI, E, 2009, 2012),
    ("r_result_2010", "Resultat", C, RES, 2009, 2012),
    ("r_earlier", "Över-/underskott från tidigare år", M, E, 2023, None),
    ("r_result_2023", "Årets beräknade resultat", C, RES, 2023, None),
]

LANDSKRONA_LINES = [
    ("l_fees", "Verksamhetens ägarbidrag", INC, E, 2009, None),
    ("l_other", "Övriga intäkter", INC, CARRY, 2009, None),
    ("l_income_sum", "Summa intäkter", INC, SUM, 2009, None),
    ("l_board", "Styrelse och revisorer", C, E, 2009, None),
    ("l_coordinator", "Samordnare", C, E, 2009, None),
    ("l_consulting_2009", "Konsulttjänster", C, E, 2009, 2009),
    ("l_consulting", "Konsulter", C, E, 2010, None),
    ("l_marketing", "Marknadsföring", C, E, 2010, None),
    ("l_evaluation", "Utvärdering", C, E, 2010, None),
    ("l_office", "Kontor", C, E, 2009, None),
    ("l_training_2009", "Utbildning", C, E, 2009, 2009),
    ("l_training", "Utbildning och resor", C, E, 2010, None),
    ("l_measures", "Åtgärder", C, E, 2009, 2009),
    ("l_cost_sum", "Summa kostnader", C, SUM, 2009, None),
    ("l_interest_in", "Ränta", FI, E, 2009, None),
    ("l_fin_in_sum", "Summa finansiella intäkter", FI, SUM, 2009, None),
    ("l_interest_out", "Ränta", FC, E, 2009, None),
    ("l_fin_out_sum", "Summa finansiella kostnader", FC, SUM, 2009, None),
    ("l_to_allot", "Medel för insatser att fördela", C, E, 2010, None),
    ("l_result", "Periodens resultat", C, RES, 2009, None),
]

# Lines that are the association's own administration (board, office, premises, audit …).
ADMINISTRATION = {
    "r_board_old", "r_board", "r_staff", "r_office", "r_premises_old", "r_premises", "r_travel", "r_audit", "r_admin",
    "r_depreciation", "l_board", "l_coordinator", "l_consulting_2009", "l_consulting", "l_office",
}  # fmt: skip

# plan year, title, income negative, columns (year, kind, label), figures {line key: {year: tkr}}, version info
RAR_BUDGETS = [
    (2006, "Budget kansli/aktivitet 2005–2006", False,
     [(2005, ColumnKind.BUDGET, "Delår 2005"), (2006, ColumnKind.BUDGET, "Helår 2006")],
     {"r_board_old": {2005: 195, 2006: 306}, "r_staff": {2005: 704, 2006: 1263}, "r_premises_old": {2005: 60, 2006: 160},
      "r_travel": {2005: 13, 2006: 39}, "r_support": {2005: 25, 2006: 50}, "r_audit": {2006: 60},
      "r_depreciation": {2005: 22, 2006: 71}, "r_available_old": {2005: 8981, 2006: 13051}},
     None),
    (2007, "Budget 2007", False, [(2007, ColumnKind.BUDGET, "")],
     {"r_board_old": {2007: 310}, "r_staff": {2007: 1804}, "r_premises_old": {2007: 160}, "r_audit": {2007: 60},
      "r_depreciation": {2007: 73}, "r_available_2007": {2007: 6874}},
     None),
    (2010, "Budget 2010", True,
     [(2009, ColumnKind.FORECAST, ""), (2010, ColumnKind.BUDGET, ""), (2011, ColumnKind.PLAN, "Budget 2011"),
      (2012, ColumnKind.PLAN, "Budget 2012")],
     {"r_fees_2010": {2010: 13000, 2011: 15000, 2012: 15000},
      "r_board": {2009: 475, 2010: 489, 2011: 500, 2012: 512}, "r_staff": {2009: 1800, 2010: 2002, 2011: 2048, 2012: 2095},
      "r_premises": {2009: 175, 2010: 180, 2011: 183, 2012: 187}, "r_audit": {2009: 150, 2010: 150, 2011: 153, 2012: 157},
      "r_admin": {2009: 288, 2010: 300, 2011: 307, 2012: 314}, "r_depreciation": {2009: 22, 2010: 25, 2011: 25, 2012: 25},
      "r_other": {2009: 396, 2010: 500, 2011: 500, 2012: 500},
      # the 2009 forecast includes projects decided before the product held them
      "r_projects_2010": {2009: 23786},
      "r_new": {2010: 10500, 2011: 9500, 2012: 9500},
      "r_financial": {2009: 426, 2010: 150, 2011: 100, 2012: 50}},
     {"adopted_on": datetime.date(2010, 1, 13), "decision_reference": "Dnr RAR09-19",
      "revised_on": datetime.date(2010, 1, 13), "revision_reason": "utifrån förändrad budget 2010"}),  # noqa: E501
    (2023, "Budget 2023", False, [(2023, ColumnKind.BUDGET, "")],
     {"r_fees_2023": {2023: 16000}, "r_esf": {2023: 2500}, "r_board": {2023: 432}, "r_office": {2023: 2800},
      "r_support_2023": {2023: 4050}, "r_earlier": {2023: 1488}},
     None),
]  # fmt: skip

RAR_2023_OPENING_EQUITY = 1_488_000  # kronor: the plan's forecast of the funds left from earlier years

# EXAMPLE DATA: RAR's outcome for 2023, kronor per line (the project line is the projects' example requisitions)
RAR_2023_EXAMPLE_OUTCOME = {
    "r_fees_2023": 16_000_000,
    "r_esf": 2_350_000,
    "r_board": 410_000,
    "r_office": 2_905_000,
    "r_support_2023": 3_870_000,
    "r_projects_2023": 8_860_000,
}

LANDSKRONA_BUDGETS = [
    (2009, "Budget 2009 (september–december)", False, [(2009, ColumnKind.BUDGET, "Budget 2009 (sept–dec)")],
     {"l_fees": {2009: 5440}, "l_other": {2009: 0}, "l_board": {2009: 45}, "l_coordinator": {2009: 170},
      "l_consulting_2009": {2009: 30}, "l_office": {2009: 13}, "l_training_2009": {2009: 40}, "l_measures": {2009: 160},
      "l_interest_in": {2009: 0}, "l_interest_out": {2009: 0}},
     None),
    (2010, "Budget 2010", False, [(2010, ColumnKind.BUDGET, "")],
     {"l_fees": {2010: 5000}, "l_board": {2010: 230}, "l_coordinator": {2010: 510}, "l_consulting": {2010: 60},
      "l_marketing": {2010: 70}, "l_evaluation": {2010: 100}, "l_office": {2010: 39}, "l_training": {2010: 200},
      "l_interest_in": {2010: 14}, "l_to_allot": {2010: 8787}},
     None),
]  # fmt: skip


def load(associations, stdout=None) -> None:
    rar, landskrona = associations[RAR], associations[LANDSKRONA_SVALOV]
    # RAR's financial rules (plan 2010): liquidity never below 500 tkr, 2 000 tkr for new projects within six
    # months, a reservation in funding decisions if member contributions fall below 15 mkr.
    ensure(
        BudgetSettings,
        {"association": rar},
        {"min_liquidity": 500_000, "new_project_reserve": 2_000_000, "reservation_threshold": 15_000_000},
    )
    rar_lines = _lines(rar, RAR_LINES)
    for budget in RAR_BUDGETS:
        _budget(rar, rar_lines, *budget)
    _rar_2023_equity_and_outcome(rar, rar_lines)
    landskrona_lines = _lines(landskrona, LANDSKRONA_LINES)
    for budget in LANDSKRONA_BUDGETS:
        _budget(landskrona, landskrona_lines, *budget)


def _lines(association, specs) -> dict[str, BudgetLine]:
    lines = {}
    for position, (key, name, group, kind, first, last) in enumerate(specs, start=1):
        lines[key] = ensure(
            BudgetLine,
            {"association": association, "name": name, "group": group, "first_year": first},
            {
                "kind": kind,
                "position": position * 10,
                "last_year": last,
                "show_project_breakdown": key == "r_projects_2023",
                "administration": key in ADMINISTRATION,
            },
        )
    return lines


def _budget(association, lines, plan_year, title, negative, columns, figures, adoption) -> None:
    budget = ensure(
        Budget,
        {"association": association, "plan_year": plan_year},
        {"title": title, "income_shown_negative": negative},
    )
    version = BudgetVersion.objects.filter(budget=budget, number=1).first()
    if version is not None and version.status == VersionStatus.ADOPTED:
        return  # already loaded and adopted: read-only from here on
    version = version or BudgetVersion.objects.create(budget=budget, number=1)
    for year, kind, label in columns:
        ensure(BudgetColumn, {"version": version, "year": year}, {"kind": kind, "label": label})
    for key, by_year in figures.items():
        for year, tkr in by_year.items():
            ensure(
                BudgetAmount, {"version": version, "line": lines[key], "year": year}, {"amount": tkr * TKR}
            )
    if adoption:
        from budget.services import adopt

        version.revised_on = adoption["revised_on"]
        version.revision_reason = adoption["revision_reason"]
        version.save()
        adopt(version=version, adopted_on=adoption["adopted_on"], reference=adoption["decision_reference"])


def _rar_2023_equity_and_outcome(rar, lines) -> None:
    version = BudgetVersion.objects.filter(budget__association=rar, budget__plan_year=2023, number=1).first()
    if version is not None and version.status == VersionStatus.DRAFT:
        ensure(BudgetVersion, {"pk": version.pk}, {"opening_equity": RAR_2023_OPENING_EQUITY})
    for key, amount in RAR_2023_EXAMPLE_OUTCOME.items():
        ensure(Outcome, {"line": lines[key], "year": 2023}, {"amount": amount, "is_example": True})

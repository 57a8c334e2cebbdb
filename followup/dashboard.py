"""Follow-up's panel on the year dashboard: status reports not yet received, and the year's follow-up pages."""

from finsam.dashboard import (
    Panel,
    YearPage,
    distinct_years,
    register_panel,
    register_year_page,
    register_years,
    year_query,
    years_in,
)
from followup.models import Activity, BenefitSum, Goal, PeriodReport, StatusReport
from followup.reminders import due_items
from followup.reports import missing_status_reports, running_projects, settings_for


def _figure_year_queries(association) -> list:
    return [
        year_query(Goal.objects.filter(association=association)),
        year_query(PeriodReport.objects.filter(project__association=association)),
        year_query(StatusReport.objects.filter(project__association=association)),
    ]


def figure_years(association) -> set[int]:
    """Years with follow-up figures: goals, participants' figures, status reports (in one query)."""
    return years_in(_figure_year_queries(association))


def activity_years(association) -> set[int]:
    return {day.year for day in Activity.objects.filter(association=association).dates("date", "year")}


def benefit_years(association) -> set[int]:
    return distinct_years(BenefitSum.objects.filter(member__association=association))


# each follow-up page, and the years it has data for (it opens on the latest and offers them)
FOLLOWUP_PAGES = [
    ("uppfoljning", "followup:overview", figure_years),
    ("aktiviteter", "followup:activities", activity_years),
    ("uppfoljning-finsam", "followup:national", figure_years),
    ("forsorjningsmatt", "followup:support_measure", benefit_years),
]


def _panel(access, year, today):
    association = access.association
    projects = running_projects(association, year)
    settings = settings_for(association)
    return {
        "year": year,
        "missing": missing_status_reports(association, year, projects, settings.periods_per_year),
        # what is due or overdue today, whatever year is shown: reports, requisitions, the yearly cycle
        "due": due_items(association, today, settings=settings),
    }


def register() -> None:
    register_years(_figure_year_queries)
    for key, url_name, years in FOLLOWUP_PAGES:
        register_year_page(YearPage(key, url_name, years=years))
    register_panel(Panel("followup", "followup/partials/dashboard.html", _panel, order=35))

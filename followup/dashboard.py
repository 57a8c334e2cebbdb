"""Follow-up's panel on the year dashboard: status reports not yet received, and the year's follow-up pages."""

from finsam.dashboard import Panel, YearPage, register_panel, register_year_page, register_years
from followup.models import Goal, PeriodReport, StatusReport
from followup.reminders import due_items
from followup.reports import missing_status_reports, running_projects, settings_for

FOLLOWUP_PAGES = [
    ("uppfoljning", "followup:overview"),
    ("aktiviteter", "followup:activities"),
    ("uppfoljning-finsam", "followup:national"),
    ("forsorjningsmatt", "followup:support_measure"),
]


def _years(association) -> set[int]:
    years = set(Goal.objects.filter(association=association).values_list("year", flat=True))
    years.update(PeriodReport.objects.filter(project__association=association).values_list("year", flat=True))
    years.update(StatusReport.objects.filter(project__association=association).values_list("year", flat=True))
    return years


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
    register_years(_years)
    for key, url_name in FOLLOWUP_PAGES:
        register_year_page(YearPage(key, url_name))
    register_panel(Panel("followup", "followup/partials/dashboard.html", _panel, order=35))

"""Which status reports (lägesrapporter) a year still lacks: one per running project and period."""

from followup.models import FollowupSettings, StatusReport
from projects.models import Project, ProjectStatus


def settings_for(association) -> FollowupSettings:
    """The association's follow-up settings, or the defaults when it has saved none."""
    return FollowupSettings.objects.filter(association=association).first() or FollowupSettings(
        association=association
    )


def running_projects(association, year: int) -> list[Project]:
    return list(Project.objects.filter(association=association).running_in(year).select_related("owner"))


def missing_status_reports(association, year: int, projects: list[Project], periods: int) -> list[tuple]:
    """(project, period) for each period of `year` without a received report, cancelled projects excluded."""
    received = set(
        StatusReport.objects.filter(project__association=association, year=year).values_list(
            "project_id", "period"
        )
    )
    return [
        (project, period)
        for project in projects
        if project.status != ProjectStatus.CANCELLED
        for period in range(1, periods + 1)
        if (project.pk, period) not in received
    ]

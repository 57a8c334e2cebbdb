"""Writes of the follow-up that span several rows; each in one transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from followup.models import ActivityParticipants, Goal, ResultTarget, StaffReached, StructuralReport


@transaction.atomic
def carry_over_goals(*, association, from_year: int, to_year: int) -> int:
    """Copy a year's goals and result targets (with the projects they cover) to another plan year."""
    if Goal.objects.filter(association=association, year=to_year).exists():
        raise ValidationError(
            _("Planåret %(year)s har redan mål; ta bort dem först eller ändra dem direkt.")
            % {"year": to_year}
        )
    goals = list(
        Goal.objects.filter(association=association, year=from_year).prefetch_related("targets__projects")
    )
    for goal in goals:
        copy = Goal.objects.create(
            association=association,
            year=to_year,
            number=goal.number,
            text=goal.text,
            follow_up=goal.follow_up,
        )
        for target in goal.targets.all():
            new_target = ResultTarget.objects.create(
                goal=copy,
                text=target.text,
                indicator=target.indicator,
                comparison=target.comparison,
                target_value=target.target_value,
            )
            new_target.projects.set(target.projects.all())
    return len(goals)


@transaction.atomic
def save_activity(*, form, participants: dict) -> None:
    """The activity and its participants per member organisation: {member: {gender: count}}."""
    activity = form.save()
    existing = {row.member_id: row for row in activity.participants.all()}
    for member, counts in participants.items():
        row = existing.pop(member.pk, None)
        if not any(counts.values()):
            if row is not None:
                row.delete()
            continue
        if row is None:
            ActivityParticipants.objects.create(
                activity=activity, member=member, **{f"count_{g}": n for g, n in counts.items()}
            )
        elif any(getattr(row, f"count_{g}") != n for g, n in counts.items()):
            for gender, count in counts.items():
                setattr(row, f"count_{gender}", count)
            row.save()


@transaction.atomic
def save_structural_report(
    *, project, year: int, period: int, activities: int, staff: dict
) -> StructuralReport:
    """A structure-oriented project's period: its activities and the staff reached per member organisation."""
    report = StructuralReport.objects.filter(project=project, year=year, period=period).first()
    if report is None or report.activities != activities:
        report = report or StructuralReport(project=project, year=year, period=period)
        report.activities = activities
        report.full_clean()  # the count's bounds hold by any path, not only the page's
        report.save()
    existing = {row.member_id: row for row in report.staff.all()}
    for member, counts in staff.items():
        row = existing.get(member.pk)
        values = {f"staff_{gender}": count for gender, count in counts.items()}
        if not any(counts.values()):
            if row is not None:
                row.delete()
        elif row is None or any(getattr(row, key) != value for key, value in values.items()):
            row = row or StaffReached(report=report, member=member)
            for key, value in values.items():
                setattr(row, key, value)
            row.full_clean()
            row.save()
    return report

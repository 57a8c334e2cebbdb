"""Writes of projects and their money; each in one transaction, each keeping years and total in agreement."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from finsam.lib.allocation import allocate
from finsam.lib.money import format_kr
from finsam.lib.sync import sync_figures
from projects.amounts import days_per_year, granted_total, mismatch_message, propose_split
from projects.models import (
    Application,
    ApplicationStatus,
    Decision,
    DecisionOutcome,
    Project,
    ProjectYearAmount,
)


def _split_for(project: Project, total: int, fixed: dict[int, int] | None = None) -> dict[int, int]:
    end = project.end or project.start
    return propose_split(total, project.start, end, fixed=fixed)


def _sync_years(rows, amounts: dict[int, int]) -> None:
    """Make a related manager's (year, amount) rows exactly `amounts`, saving only what changed (clean history)."""
    sync_figures(
        {row.year: row for row in rows.all()},
        amounts,
        lambda year, amount: rows.create(year=year, amount=amount),
        delete_missing=True,
    )


def _write_years(project: Project, amounts: dict[int, int]) -> None:
    _sync_years(project.year_amounts, amounts)


@transaction.atomic
def save_project(*, form) -> bool:
    """Save a project's form; when its dates moved so that its calendar years changed, the granted total is
    spread over the new years pro rata to days (as when it was registered). Returns whether it was."""
    project = form.save()
    if not {"start", "end"} & set(form.changed_data):
        return False
    years = {row.year for row in project.year_amounts.all() if row.amount}
    if not years or years == set(days_per_year(project.start, project.end or project.start)):
        return False
    _write_years(project, _split_for(project, granted_total(project)))
    return True


def outside_period(amounts: dict[int, int], start, end) -> str | None:
    """A message if a year with money lies outside the period's calendar years, else None."""
    last = (end or start).year
    outside = sorted(year for year, amount in amounts.items() if amount and not start.year <= year <= last)
    if not outside:
        return None
    return _(
        "%(years)s ligger utanför perioden %(start)s–%(end)s; belopp kan bara läggas på åren %(first)s–%(last)s."
    ) % {
        "years": ", ".join(str(year) for year in outside),
        "start": start.isoformat(),
        "end": end.isoformat() if end else "",
        "first": start.year,
        "last": last,
    }


def _resplit(project: Project) -> None:
    """After a decision is corrected or withdrawn: the years keep their proportions and add up to the new total."""
    total = granted_total(project)
    current = {row.year: row.amount for row in project.year_amounts.all()}
    if total <= 0:
        _write_years(project, {})
    elif sum(current.values()) > 0:
        _write_years(project, allocate(total, current))
    else:
        _write_years(project, _split_for(project, total))


@transaction.atomic
def register_project(*, project: Project, decision: Decision | None, participants=(), area=()) -> Project:
    """A granted project entered directly (e.g. one decided before the product was used).

    The yearly amounts are proposed pro rata to days over the project's period; office staff adjust them after.
    Without a decision the project is registered with nothing granted (a plan's project listed at 0 kr).
    """
    project.full_clean()
    project.save()
    project.participants.set(participants)
    project.area_municipalities.set(area)
    if decision is None:
        return project
    decision.project = project
    decision.association = project.association
    decision.outcome = DecisionOutcome.GRANTED
    decision.full_clean()
    decision.save()
    _write_years(project, _split_for(project, decision.granted_amount))
    return project


@transaction.atomic
def set_year_amounts(*, project: Project, amounts: dict[int, int]) -> None:
    """Replace the yearly amounts; refused (ValidationError, nothing saved) unless they add up to the grant."""
    total = granted_total(project)
    problem = mismatch_message(sum(amounts.values()), total) or outside_period(
        amounts, project.start, project.end
    )
    if problem:
        raise ValidationError(problem)
    _write_years(project, amounts)


@transaction.atomic
def add_decision(*, project: Project, decision: Decision) -> None:
    """A further decision on a running project (more money, less money, or a declined request).

    The years before the decision's year keep their amounts; the new total's remainder is spread pro rata
    over the project's remaining years, so years and total keep agreeing.
    """
    decision.project = project
    decision.association = project.association
    decision.full_clean()
    decision.save()
    if decision.outcome == DecisionOutcome.DECLINED:
        return
    total = granted_total(project)
    if total < 0:
        raise ValidationError(
            _("Minskningen är större än vad insatsen har beviljats: kvar skulle bli %(total)s.")
            % {"total": format_kr(total)}
        )
    if total == 0:
        raise ValidationError(
            _(
                "Efter minskningen skulle insatsen stå utan beviljade medel. Ska insatsen inte fortsätta, ändra "
                "dess status till Avbruten."
            ),
            code="no_money_left",
        )
    from_year = decision.decided_on.year if decision.decided_on else project.start.year
    amounts = {row.year: row.amount for row in project.year_amounts.all()}
    fixed = {year: amount for year, amount in amounts.items() if year < from_year}
    last_year = (project.end or project.start).year
    if last_year < from_year:
        raise ValidationError(
            "Beslutet gäller efter insatsens slut: ändra insatsens slutdatum innan beloppet fördelas."
        )
    if sum(fixed.values()) > total:
        raise ValidationError(
            _(
                "Åren före beslutet har redan %(fixed)s, mer än insatsens nya totalbelopp %(total)s. Ändra beloppen "
                "per år först."
            )
            % {"fixed": format_kr(sum(fixed.values())), "total": format_kr(total)}
        )
    _write_years(project, _split_for(project, total, fixed=fixed))


def _refuse_without_money(project: Project, total: int, *, corrected: bool) -> None:
    """A running project always has money granted: a correction or withdrawal that would leave it with none (or
    less) is refused with what to do instead."""
    if total < 0:
        raise ValidationError(
            _("Efter ändringen skulle insatsens beviljade belopp bli %(total)s.")
            % {"total": format_kr(total)}
            if corrected
            else _("Utan beslutet skulle insatsens beviljade belopp bli negativt.")
        )
    if total == 0:
        raise ValidationError(
            _(
                "Efter rättelsen skulle insatsen stå utan beviljade medel. Var beslutet i själva verket ett avslag, "
                "återkalla det i stället (insatsen tas då bort med det) och registrera avslaget på ansökan; ska "
                "insatsen inte fortsätta, ändra dess status till Avbruten."
            )
            if corrected
            else _(
                "Utan beslutet skulle insatsen stå utan beviljade medel. Återkalla först de senare besluten, eller "
                "ändra insatsens status till Avbruten om den inte ska fortsätta."
            ),
            code="no_money_left",
        )


def _hanging_on(project: Project, *, besides: Decision) -> list[str]:
    """What else than its yearly amounts and `besides` refers to the project (requisitions, reports, targets…),
    named as a person reads it."""
    found = []
    for relation in project._meta.related_objects:
        if relation.related_model is ProjectYearAmount:
            continue
        rows = getattr(project, relation.get_accessor_name()).all()
        if relation.related_model is Decision:
            rows = rows.exclude(pk=besides.pk)
        if rows.exists():
            found.append(str(relation.related_model._meta.verbose_name_plural))
    return found


@transaction.atomic
def correct_decision(*, decision: Decision) -> None:
    """A wrong decision corrected (the form has set its new values): saved, and the project's years follow.

    Refused when the project would be left without granted money: a grant that was really a refusal is
    withdrawn instead (which removes the project it made) and the refusal registered on the application.
    """
    decision.full_clean()
    decision.save()
    if decision.project_id:
        _refuse_without_money(decision.project, granted_total(decision.project), corrected=True)
        _resplit(decision.project)


@transaction.atomic
def withdraw_decision(*, decision: Decision) -> Project | None:
    """A decision registered by mistake is withdrawn: deleted (the history keeps it, and it can be restored);
    the project's years follow its new total, and an application it answered is open again.

    A project's only decision goes with the project it made, provided nothing else hangs on the project
    (requisitions, reports, …): a project nobody granted is no project, and deciding its application again must
    not make a second one. Returns the removed project, if any.
    """
    project, application = decision.project, decision.application
    removed = None
    if project is not None:
        Project.objects.select_for_update().filter(pk=project.pk).first()  # one withdrawal at a time
        others = project.decisions.exclude(pk=decision.pk)
        if not others.exists():
            hanging = _hanging_on(project, besides=decision)
            if hanging:
                raise ValidationError(
                    _(
                        "Beslutet är insatsens enda och kan inte återkallas, eftersom insatsen har %(what)s. Är "
                        "beloppet fel, rätta beslutet; ska insatsen inte fortsätta, ändra dess status till Avbruten."
                    )
                    % {"what": ", ".join(hanging)},
                    code="project_in_use",
                )
            project.delete()  # with its decision and years: one batch in history, restorable together
            removed = project
        elif application is not None:
            raise ValidationError(
                _(
                    "Beslutet beviljade ansökan som insatsen kom från, och insatsen har fler beslut. Rätta beslutet "
                    "i stället, eller återkalla de senare besluten först."
                ),
                code="origin_of_project",
            )
        else:
            decision.delete()
            _refuse_without_money(project, granted_total(project), corrected=False)
            _resplit(project)
    else:
        decision.delete()
    if application is not None and not application.decisions.exists():
        application.status = ApplicationStatus.RECEIVED
        application.save(update_fields=["status"])
    return removed


@transaction.atomic
def decide_application(
    *, application: Application, decision: Decision, number: str = "", years: dict[int, int] | None = None
) -> Project | None:
    """The board's decision on an application. A grant makes the application a project.

    The project takes the application's details; its years are `years` as decided (the decision page starts
    them from the amounts applied for), which must add up to the grant and lie within the period. An application
    is decided once: a second decision (a double click, a colleague at the same moment) is refused, so it never
    makes a second project.
    """
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if locked.decisions.exists():
        raise ValidationError(_("Ansökan är redan beslutad."), code="already_decided")
    decision.application = application
    decision.association = application.association
    decision.full_clean()
    decision.save()
    if decision.outcome != DecisionOutcome.GRANTED:
        application.status = ApplicationStatus.DECLINED
        application.save(update_fields=["status"])
        return None
    application.status = ApplicationStatus.GRANTED
    application.save(update_fields=["status"])
    project = Project(
        association=application.association,
        number=number,
        name=application.name,
        owner=application.applicant,
        whole_county=application.whole_county,
        focus=application.focus,
        target_group=application.target_group,
        kind=application.kind,
        start=application.start,
        end=application.end,
    )
    project.full_clean()
    project.save()
    project.participants.set(application.participants.all())
    project.area_municipalities.set(application.area_municipalities.all())
    decision.project = project
    decision.save(update_fields=["project"])
    if years is None:
        years = {row.year: row.amount for row in application.year_amounts.all()}
        if sum(years.values()) != decision.granted_amount:
            years = _split_for(project, decision.granted_amount)
    problem = mismatch_message(sum(years.values()), decision.granted_amount) or outside_period(
        years, project.start, project.end
    )
    if problem:
        raise ValidationError(problem)
    _write_years(project, years)
    return project


@transaction.atomic
def save_application(*, form, amounts: dict[int, int]) -> Application:
    application = form.save()
    _sync_years(application.year_amounts, amounts)
    return application

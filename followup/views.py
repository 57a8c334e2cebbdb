import csv

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from finsam.access import Need, get_access
from finsam.concurrency import Guard
from finsam.crud import delete_page, form_page
from finsam.fields import MAX_COUNT, count_form_field
from finsam.lib import params
from finsam.lib.sync import sync_figures
from finsam.lib.workbook import workbook_bytes
from finsam.plan.charts import goal_attainment
from followup import exports, services
from followup.dashboard import activity_years, benefit_years, figure_years
from followup.forms import (
    ActivityForm,
    BenefitForm,
    FollowupSettingsForm,
    GenderGridForm,
    GoalForm,
    PeriodReportForm,
    ResultTargetForm,
    StatusReportForm,
)
from followup.indicators import Figures, activity_figures
from followup.measures import measure_rows
from followup.models import (
    GENDER_LABELS,
    GENDERS,
    Activity,
    ActivityParticipants,
    BenefitSum,
    FollowupSettings,
    Goal,
    PeriodReport,
    PlannedParticipants,
    ReminderLog,
    ResultTarget,
    StaffReached,
    StatusReport,
    StructuralReport,
)
from followup.national import budget_figures
from followup.reminders import due_items
from followup.reports import missing_status_reports
from members.models import MemberKind, MemberOrganisation, Population
from projects.models import Project, ProjectKind

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _context(access, **extra):
    return {"access": access, "association": access.association, **extra}


def _settings(association) -> FollowupSettings:
    return FollowupSettings.objects.filter(association=association).first() or FollowupSettings(
        association=association
    )


def _overview_url(slug, year) -> str:
    return reverse("followup:overview", kwargs={"slug": slug, "year": year})


@login_required
def overview(request, slug, year):
    access = get_access(request.user, slug)
    association = access.association
    data = exports.year_followup(association, year)
    followup_settings = _settings(association)
    periods = followup_settings.periods_per_year
    projects = list(Project.objects.filter(association=association).running_in(year).select_related("owner"))
    missing = missing_status_reports(association, year, projects, periods)
    status_form = StatusReportForm(association=association, initial={"period": 1})
    status_form.fields["project"].queryset = status_form.fields["project"].queryset.filter(
        pk__in=[p.pk for p in projects]
    )
    context = _context(
        access,
        year=year,
        data=data,
        indicator_table=exports.indicator_table(association, year, data=data),
        goals_chart=goal_attainment(exports.goals_table(association, year, data=data)),
        projects=projects,
        missing=missing,
        status_form=status_form,
        periods=periods,
        due=due_items(association, timezone.localdate(), settings=followup_settings),
        years=sorted(figure_years(association), reverse=True),
    )
    return render(request, "followup/overview.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request, slug, year, pk=None):
    access = get_access(request.user, slug, Need.EDIT)
    goal = (
        get_object_or_404(Goal.objects.filter(association=access.association, year=year), pk=pk)
        if pk
        else None
    )
    form = GoalForm(request.POST or None, instance=goal, association=access.association)
    if goal is None:
        form.instance.year = year
    title = _("Ändra mål") if goal else _("Nytt mål %(year)s") % {"year": year}
    return form_page(request, access=access, form=form, title=title, success_url=_overview_url(slug, year))


@login_required
@require_http_methods(["GET", "POST"])
def goal_delete(request, slug, year, pk):
    access = get_access(request.user, slug, Need.EDIT)
    goal = get_object_or_404(Goal.objects.filter(association=access.association, year=year), pk=pk)
    return delete_page(
        request,
        access=access,
        obj=goal,
        success_url=_overview_url(slug, year),
        in_use_message=_("Målet kan inte tas bort."),
    )


def _target_form(request, access, year, goal, target):
    form = ResultTargetForm(
        request.POST or None, instance=target or ResultTarget(goal=goal), association=access.association
    )
    form.fields["projects"].queryset = Project.objects.filter(association=access.association).running_in(year)
    return form


@login_required
@require_http_methods(["GET", "POST"])
def target_create(request, slug, year, goal_pk):
    access = get_access(request.user, slug, Need.EDIT)
    goal = get_object_or_404(Goal.objects.filter(association=access.association, year=year), pk=goal_pk)
    form = _target_form(request, access, year, goal, None)
    return form_page(
        request,
        access=access,
        form=form,
        title=_("Nytt resultatmål för %(goal)s") % {"goal": goal},
        success_url=_overview_url(slug, year),
    )


@login_required
@require_http_methods(["GET", "POST"])
def target_edit(request, slug, year, pk):
    access = get_access(request.user, slug, Need.EDIT)
    target = get_object_or_404(
        ResultTarget.objects.filter(goal__association=access.association, goal__year=year).select_related(
            "goal"
        ),
        pk=pk,
    )
    form = _target_form(request, access, year, target.goal, target)
    return form_page(
        request, access=access, form=form, title=_("Ändra resultatmål"), success_url=_overview_url(slug, year)
    )


@login_required
@require_http_methods(["GET", "POST"])
def target_delete(request, slug, year, pk):
    access = get_access(request.user, slug, Need.EDIT)
    target = get_object_or_404(
        ResultTarget.objects.filter(goal__association=access.association, goal__year=year), pk=pk
    )
    return delete_page(
        request,
        access=access,
        obj=target,
        success_url=_overview_url(slug, year),
        in_use_message=_("Målet kan inte tas bort."),
    )


@login_required
@require_POST
def carry_over(request, slug, year):
    access = get_access(request.user, slug, Need.EDIT)
    try:
        count = services.carry_over_goals(association=access.association, from_year=year, to_year=year + 1)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_overview_url(slug, year))
    messages.success(
        request, _("%(count)s mål är kopierade till %(year)s.") % {"count": count, "year": year + 1}
    )
    return redirect(_overview_url(slug, year + 1))


@login_required
@require_POST
def status_report_create(request, slug, year):
    access = get_access(request.user, slug, Need.EDIT)
    form = StatusReportForm(request.POST, instance=StatusReport(year=year), association=access.association)
    form.fields["project"].queryset = Project.objects.filter(association=access.association)
    if form.is_valid():
        form.save()
        messages.success(request, _("Rapporten är registrerad som inkommen."))
    else:
        errors = "; ".join(str(message) for messages_ in form.errors.values() for message in messages_)
        messages.error(request, _("Rapporten är inte registrerad: %(errors)s") % {"errors": errors})
    return redirect(_overview_url(slug, year))


@login_required
def project_figures(request, slug, year, pk):
    access = get_access(request.user, slug)
    project = get_object_or_404(
        Project.objects.filter(association=access.association).select_related("owner"), pk=pk
    )
    reports = {r.period: r for r in PeriodReport.objects.filter(project=project, year=year)}
    planned = PlannedParticipants.objects.filter(project=project, year=year).first()
    periods = range(1, _settings(access.association).periods_per_year + 1)
    figures = Figures.of(reports.values())
    context = _context(
        access,
        year=year,
        planned_marker=_planned_guard(project, year).marker(),
        project=project,
        reports=[(period, reports.get(period)) for period in periods],
        figures=figures,
        planned=planned,
        genders=GENDERS,
    )
    return render(request, "followup/project_figures.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def period_report_edit(request, slug, year, pk, period):
    access = get_access(request.user, slug, Need.EDIT)
    project = get_object_or_404(Project.objects.filter(association=access.association), pk=pk)
    if period not in range(1, _settings(access.association).periods_per_year + 1):
        messages.error(request, _("Perioden finns inte för förbundets indelning av året."))
        return redirect("followup:project", slug=slug, year=year, pk=pk)
    if project.kind == ProjectKind.STRUCTURAL:
        return _structural_report_page(request, access, project, year, period)
    report = PeriodReport.objects.filter(project=project, year=year, period=period).first()
    form = PeriodReportForm(
        request.POST or None,
        instance=report or PeriodReport(project=project, year=year, period=period),
        association=access.association,
    )
    back = reverse("followup:project", kwargs={"slug": slug, "year": year, "pk": pk})
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Ändringarna är sparade."))
            return redirect(back)
        messages.error(request, _("Uppgifterna är inte sparade. Rätta felen nedan."))
    context = _context(
        access,
        year=year,
        project=project,
        period=period,
        form=form,
        grid=form.grid(),
        outcome_sums=form.outcome_sums(),
        genders=[GENDER_LABELS[gender] for gender in GENDERS],
        back=back,
    )
    return render(request, "followup/period_form.html", context)


def _structural_report_page(request, access, project, year, period):
    """A structure-oriented project reports activities and staff reached per member organisation instead."""
    report = StructuralReport.objects.filter(project=project, year=year, period=period).first()
    members = list(MemberOrganisation.objects.filter(association=access.association).order_by("kind", "name"))
    counts = {}
    if report:
        for row in report.staff.all():
            for gender in GENDERS:
                counts[(row.member_id, gender)] = getattr(row, f"staff_{gender}")
    activities = count_form_field(label=_("Antal aktiviteter"))  # bounded like every count: no overflow
    data = request.POST or None
    guard = Guard(
        lock=lambda: Project.objects.filter(pk=project.pk),
        history=[
            StructuralReport.history.filter(project_id=project.pk, year=year, period=period),
            StaffReached.history.filter(report_id=report.pk if report else 0),
        ],
    )
    grid = GenderGridForm(data, members=members, guard=guard, initial_counts=counts, prefix="personal")
    value = request.POST.get("activities", "") if data else (report.activities if report else "")
    back = reverse(
        "followup:project", kwargs={"slug": access.association.slug, "year": year, "pk": project.pk}
    )
    error = None
    if data:
        try:
            count = activities.clean(value)
        except forms.ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            if grid.is_valid():
                services.save_structural_report(
                    project=project, year=year, period=period, activities=count, staff=grid.counts()
                )
                messages.success(request, _("Rapporten är sparad."))
                return redirect(back)
        messages.error(request, _("Uppgifterna är inte sparade. Rätta felen nedan."))
    grid_rows = [(member, [grid[f"m{member.pk}_{gender}"] for gender in GENDERS]) for member in members]
    context = _context(
        access,
        year=year,
        project=project,
        period=period,
        activities=value,
        error=error,
        grid=grid,
        grid_rows=grid_rows,
        back=back,
    )
    return render(request, "followup/structural_form.html", context)


def _planned_guard(project, year) -> Guard:
    return Guard(
        lock=lambda: Project.objects.filter(pk=project.pk),
        history=[PlannedParticipants.history.filter(project_id=project.pk, year=year)],
    )


@login_required
@require_POST
def planned_participants(request, slug, year, pk):
    access = get_access(request.user, slug, Need.EDIT)
    project = get_object_or_404(Project.objects.filter(association=access.association), pk=pk)
    count = params.whole_number(request.POST.get("count", "").strip())
    back = reverse("followup:project", kwargs={"slug": slug, "year": year, "pk": pk})
    if count is None or count > MAX_COUNT:
        messages.error(request, _("Ange planerat antal deltagare som ett heltal från 0 till 10 000 000."))
        return redirect(back)
    try:
        _planned_guard(project, year).check(request.POST.get("history_marker"))
    except forms.ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back)
    PlannedParticipants.objects.update_or_create(project=project, year=year, defaults={"count": count})
    messages.success(request, _("Planerat antal deltagare är sparat."))
    return redirect(back)


@login_required
def activity_list(request, slug, year):
    access = get_access(request.user, slug)
    activities = Activity.objects.filter(association=access.association, date__year=year).prefetch_related(
        "participants"
    )
    context = _context(
        access,
        year=year,
        activities=activities,
        figures=activity_figures(activities),
        years=sorted(activity_years(access.association), reverse=True),
    )
    return render(request, "followup/activity_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request, slug, year, pk=None):
    access = get_access(request.user, slug, Need.EDIT)
    activity = (
        get_object_or_404(Activity.objects.filter(association=access.association), pk=pk) if pk else None
    )
    members = list(MemberOrganisation.objects.filter(association=access.association).order_by("kind", "name"))
    counts = {}
    if activity:
        for row in activity.participants.all():
            for gender in GENDERS:
                counts[(row.member_id, gender)] = getattr(row, f"count_{gender}")
    form = ActivityForm(request.POST or None, instance=activity, association=access.association)
    guard = Guard(
        lock=lambda: Activity.objects.filter(pk=activity.pk if activity else 0),
        history=[ActivityParticipants.history.filter(activity_id=activity.pk if activity else 0)],
    )
    grid = GenderGridForm(
        request.POST or None, members=members, guard=guard, initial_counts=counts, prefix="deltagare"
    )
    back = reverse("followup:activities", kwargs={"slug": slug, "year": year})
    if request.method == "POST":
        if form.is_valid() and grid.is_valid():
            services.save_activity(form=form, participants=grid.counts())
            messages.success(request, _("Aktiviteten är sparad."))
            return redirect(back)
        messages.error(request, _("Uppgifterna är inte sparade. Rätta felen nedan."))
    title = _("Ändra aktivitet") if activity else _("Ny aktivitet")
    grid_rows = [(member, [grid[f"m{member.pk}_{gender}"] for gender in GENDERS]) for member in members]
    context = _context(access, year=year, form=form, grid=grid, grid_rows=grid_rows, title=title, back=back)
    return render(request, "followup/activity_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def activity_delete(request, slug, year, pk):
    access = get_access(request.user, slug, Need.EDIT)
    activity = get_object_or_404(Activity.objects.filter(association=access.association), pk=pk)
    back = reverse("followup:activities", kwargs={"slug": slug, "year": year})
    return delete_page(
        request,
        access=access,
        obj=activity,
        success_url=back,
        in_use_message=_("Aktiviteten kan inte tas bort."),
    )


@login_required
def national_report(request, slug, year):
    access = get_access(request.user, slug)
    figures = budget_figures(access.association, year)
    context = _context(
        access,
        year=year,
        figures=figures,
        table=exports.national_projects_table(access.association, year),
        years=sorted(figure_years(access.association), reverse=True),
    )
    return render(request, "followup/national.html", context)


@login_required
def national_csv(request, slug, year):
    access = get_access(request.user, slug, Need.EXPORT_SPREADSHEETS)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"uppfoljning-finsam-{access.association.slug}-{year}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so that Excel reads the file as UTF-8
    writer = csv.writer(response, delimiter=";")
    for row in exports.national_csv_rows(access.association, year):
        writer.writerow([_csv_cell(value) for value in row])
    return response


# A spreadsheet program reads a CSV cell starting with one of these as a formula (CSV injection).
CSV_FORMULA_LIKE = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value):
    """A text cell that would start a formula gets a leading apostrophe, so it opens as the text it is;
    numbers are written as numbers."""
    if isinstance(value, str) and value.startswith(CSV_FORMULA_LIKE):
        return "'" + value
    return value


@login_required
def national_xlsx(request, slug, year):
    """The return as a workbook, laid out as it is entered: the association's part, then one row per project."""
    access = get_access(request.user, slug, Need.EXPORT_SPREADSHEETS)
    association = access.association
    data = workbook_bytes(
        exports.national_return_tables(association, year),
        title=_("Uppföljning Finsam %(year)s") % {"year": year},
        author=association.name,
    )
    response = HttpResponse(data, content_type=XLSX_CONTENT_TYPE)
    filename = f"uppfoljning-finsam-{association.slug}-{year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def reminder_log(request, slug):
    access = get_access(request.user, slug, Need.EDIT)  # the office's own log
    today = timezone.localdate()
    context = _context(
        access,
        year=today.year,
        due=due_items(access.association, today),
        logs=ReminderLog.objects.filter(association=access.association)[:500],
    )
    return render(request, "followup/reminder_log.html", context)


def _municipalities(association):
    return list(
        MemberOrganisation.objects.filter(association=association, kind=MemberKind.MUNICIPALITY).order_by(
            "name"
        )
    )


@login_required
def support_measure(request, slug, year):
    access = get_access(request.user, slug)
    municipalities = _municipalities(access.association)
    settings = _settings(access.association)
    rows = measure_rows(
        municipalities,
        BenefitSum.objects.filter(member__association=access.association, year=year),
        Population.objects.filter(member__association=access.association, age_band=settings.age_band),
        year,
        settings.age_band,
    )
    context = _context(
        access,
        year=year,
        rows=rows,
        age_band=settings.age_band,
        years=sorted(benefit_years(access.association), reverse=True),
    )
    return render(request, "followup/support_measure.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def benefits_edit(request, slug, year, half):
    access = get_access(request.user, slug, Need.EDIT)
    if half not in (1, 2):
        messages.error(request, _("Halvåret är 1 (januari–juni) eller 2 (juli–december)."))
        return redirect("followup:support_measure", slug=slug, year=year)
    municipalities = _municipalities(access.association)
    existing = {
        b.member_id: b for b in BenefitSum.objects.filter(member__in=municipalities, year=year, half=half)
    }
    guard = Guard(
        lock=lambda: MemberOrganisation.objects.filter(pk__in=[m.pk for m in municipalities]),
        history=[
            BenefitSum.history.filter(member_id__in=[m.pk for m in municipalities], year=year, half=half)
        ],
    )
    form = BenefitForm(
        request.POST or None,
        municipalities=municipalities,
        guard=guard,
        initial_amounts={k: v.amount for k, v in existing.items()},
    )
    back = reverse("followup:support_measure", kwargs={"slug": slug, "year": year})

    def save(valid_form):
        sync_figures(
            {member: existing.get(member.pk) for member in municipalities if member.pk in existing},
            valid_form.amounts(),
            lambda member, amount: BenefitSum.objects.create(
                member=member, year=year, half=half, amount=amount
            ),
        )

    title = _("Utbetald ersättning %(year)s, halvår %(half)s") % {"year": year, "half": half}
    return form_page(request, access=access, form=form, title=title, success_url=back, save=save)


@login_required
@require_http_methods(["GET", "POST"])
def settings_edit(request, slug, year):
    access = get_access(request.user, slug, Need.EDIT)
    form = FollowupSettingsForm(
        request.POST or None, instance=_settings(access.association), association=access.association
    )
    return form_page(
        request,
        access=access,
        form=form,
        title=_("Inställningar för uppföljning"),
        success_url=_overview_url(slug, year),
    )

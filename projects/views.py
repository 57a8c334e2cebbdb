from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Sum, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from finsam.access import Need, get_access
from finsam.concurrency import Guard, GuardedForm
from finsam.crud import delete_page, form_page
from finsam.importing import import_page
from finsam.lib import params
from finsam.lib.money import format_kr
from finsam.plan.charts import projects_over_time
from projects import amounts, exports, imports, rules, services
from projects.dashboard import years_with_amounts
from projects.filters import ApplicationFilter, ProjectFilter
from projects.forms import (
    ApplicationForm,
    ApplicationRoundForm,
    DecideApplicationForm,
    DecisionForm,
    NewProjectDecisionForm,
    ProjectForm,
    ProjectRulesForm,
    RequisitionForm,
    year_amount_formset,
)
from projects.models import (
    Application,
    ApplicationRound,
    Decision,
    Project,
    ProjectStatus,
    ProjectYearAmount,
    Requisition,
)


def _year(request, association) -> tuple[int, list[int]]:
    """The year asked for (`?ar=`), else the latest year with project money; and those years, newest first."""
    years = sorted(years_with_amounts(association), reverse=True)
    return params.chosen_year(request.GET.get("ar"), years), years


def _projects(access):
    return Project.objects.filter(association=access.association)


def _context(access, **extra):
    return {"access": access, "association": access.association, **extra}


@login_required
def project_list(request, slug):
    access = get_access(request.user, slug)
    year, years = _year(request, access.association)
    filters = ProjectFilter(
        request.GET,
        queryset=exports.projects_with_money(access.association, year, include_cancelled=True),
        association=access.association,
    )
    projects = list(filters.qs)
    project_rules = rules.rules_for(access.association)
    warnings = {p.pk: rules.length_warning(p, project_rules) for p in projects}
    share = rules.long_term_share(access.association, year, project_rules)
    context = _context(
        access,
        year=year,
        projects=projects,
        warnings=warnings,
        share=share,
        # the sum is the year's money as the budget counts it: cancelled projects stand apart
        total_granted=sum(p.granted for p in projects if p.status != ProjectStatus.CANCELLED),
        total_year=sum(p.year_amount for p in projects if p.status != ProjectStatus.CANCELLED),
        cancelled_year=sum(p.year_amount for p in projects if p.status == ProjectStatus.CANCELLED),
        cancelled_count=sum(1 for p in projects if p.status == ProjectStatus.CANCELLED),
        filters=filters,
        years=years,
        # the plan's timeline of the projects shown, as the budget counts them (cancelled ones left out)
        chart=projects_over_time(
            exports.project_table(
                access.association,
                year,
                projects=[p for p in projects if p.status != ProjectStatus.CANCELLED],
            ),
            year,
        ),
    )
    return render(request, "projects/project_list.html", context)


@login_required
def project_detail(request, slug, pk):
    access = get_access(request.user, slug)
    project = get_object_or_404(_projects(access).select_related("owner"), pk=pk)
    year_amounts = list(project.year_amounts.all())
    granted = amounts.granted_total(project)
    requisitions = list(project.requisitions.all())
    requested_by_year: dict[int, int] = {}
    for requisition in requisitions:
        year = requisition.period_start.year
        requested_by_year[year] = requested_by_year.get(year, 0) + requisition.amount
    years = [
        {
            "year": row.year,
            "amount": row.amount,
            "requested": requested_by_year.get(row.year, 0),
            "warning": rules.requisition_warning(requested_by_year.get(row.year, 0), row.amount),
        }
        for row in year_amounts
    ]
    warnings = [
        w
        for w in (
            rules.length_warning(project, rules.rules_for(access.association)),
            amounts.mismatch_message(sum(row.amount for row in year_amounts), granted),
            rules.requisition_warning(sum(r.amount for r in requisitions), granted),
        )
        if w
    ]
    context = _context(
        access,
        project=project,
        years=years,
        granted=granted,
        years_total=sum(row.amount for row in year_amounts),
        requested_total=sum(r.amount for r in requisitions),
        decisions=project.decisions.select_related("application"),
        requisitions=requisitions,
        warnings=warnings,
        participants=project.participants.all(),
        area=exports.area_label(project),
    )
    return render(request, "projects/project_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def project_create(request, slug):
    access = get_access(request.user, slug, Need.EDIT)
    association = access.association
    form = ProjectForm(request.POST or None, association=association)
    decision_form = NewProjectDecisionForm(
        request.POST or None, association=association, granted_only=True, prefix="beslut"
    )
    if request.method == "POST":
        if form.is_valid() and decision_form.is_valid():
            project = services.register_project(
                project=form.save(commit=False),
                decision=decision_form.instance,
                participants=form.cleaned_data["participants"],
                area=form.cleaned_data["area_municipalities"],
            )
            messages.success(
                request,
                _(
                    "Insatsen är registrerad. Beloppen per år är föreslagna efter antal dagar; justera dem vid behov."
                ),
            )
            return redirect(project)
        messages.error(request, _("Uppgifterna är inte sparade. Rätta felen nedan."))
    context = _context(access, form=form, decision_form=decision_form)
    return render(request, "projects/project_create.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request, slug, pk):
    access = get_access(request.user, slug, Need.EDIT)
    project = get_object_or_404(_projects(access), pk=pk)
    form = ProjectForm(request.POST or None, instance=project, association=access.association)

    def save(valid_form):
        if services.save_project(form=valid_form):
            messages.info(
                request,
                _("Perioden har nya kalenderår: beloppen per år är fördelade på nytt efter antal dagar."),
            )

    return form_page(
        request,
        access=access,
        form=form,
        title=_("Ändra insats %(name)s") % {"name": project},
        success_url=project.get_absolute_url(),
        save=save,
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_delete(request, slug, pk):
    access = get_access(request.user, slug, Need.EDIT)
    project = get_object_or_404(_projects(access), pk=pk)
    return delete_page(
        request,
        access=access,
        obj=project,
        success_url=reverse("projects:list", kwargs={"slug": slug}),
        in_use_message=_("Insatsen kan inte tas bort."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_years(request, slug, pk):
    access = get_access(request.user, slug, Need.EDIT)
    project = get_object_or_404(_projects(access), pk=pk)
    granted = amounts.granted_total(project)
    current = {row.year: row.amount for row in project.year_amounts.all()}
    if request.GET.get("forslag"):
        current = amounts.propose_split(granted, project.start, project.end or project.start)
    formset = year_amount_formset(request.POST or None, current)
    marker = GuardedForm(request.POST or None, guard=_years_guard(project))
    if request.method == "POST" and formset.is_valid():
        if not marker.is_valid():
            messages.error(request, " ".join(marker.non_field_errors()))
        else:
            try:
                services.set_year_amounts(project=project, amounts=formset.amounts())
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Beloppen per år är sparade."))
                return redirect(project)
    context = _context(access, project=project, formset=formset, granted=granted, marker=marker)
    return render(request, "projects/project_years.html", context)


def _years_guard(project) -> Guard:
    """The years form shows the project's yearly amounts against its decisions' total: a change of either since
    the form was shown refuses the save (finsam/concurrency.py); the project's row serialises the saves."""
    return Guard(
        lock=lambda: Project.objects.filter(pk=project.pk),
        history=[
            ProjectYearAmount.history.filter(project_id=project.pk),
            Decision.history.filter(project_id=project.pk),
        ],
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision_create(request, slug, pk):
    access = get_access(request.user, slug, Need.EDIT)
    project = get_object_or_404(_projects(access), pk=pk)
    form = DecisionForm(request.POST or None, association=access.association)

    def save(valid_form):
        services.add_decision(project=project, decision=valid_form.instance)

    if request.method == "POST" and form.is_valid():
        try:
            save(form)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Beslutet är registrerat och beloppen per år är fördelade på nytt."))
            return redirect(project)
    return form_page(
        request,
        access=access,
        form=form,
        title=_("Nytt beslut om %(name)s") % {"name": project},
        success_url=project.get_absolute_url(),
        save=lambda f: None,
    )


def _requisition_page(request, access, project, requisition):
    form = RequisitionForm(
        request.POST or None,
        instance=requisition or Requisition(project=project),
        association=access.association,
    )
    title = _("Ändra rekvisition") if requisition else _("Ny rekvisition för %(name)s") % {"name": project}
    return form_page(request, access=access, form=form, title=title, success_url=project.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def requisition_create(request, slug, pk):
    access = get_access(request.user, slug, Need.EDIT)
    project = get_object_or_404(_projects(access), pk=pk)
    return _requisition_page(request, access, project, None)


def _requisition(access, pk, rpk):
    return get_object_or_404(
        Requisition.objects.filter(project__association=access.association, project_id=pk).select_related(
            "project"
        ),
        pk=rpk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def requisition_edit(request, slug, pk, rpk):
    access = get_access(request.user, slug, Need.EDIT)
    requisition = _requisition(access, pk, rpk)
    return _requisition_page(request, access, requisition.project, requisition)


@login_required
@require_http_methods(["GET", "POST"])
def requisition_delete(request, slug, pk, rpk):
    access = get_access(request.user, slug, Need.EDIT)
    requisition = _requisition(access, pk, rpk)
    return delete_page(
        request,
        access=access,
        obj=requisition,
        success_url=requisition.project.get_absolute_url(),
        in_use_message=_("Rekvisitionen kan inte tas bort."),
    )


@login_required
def requisition_overview(request, slug):
    access = get_access(request.user, slug)
    year, years = _year(request, access.association)
    context = _context(
        access,
        year=year,
        years=years,
        table=exports.requisition_table(access.association, year),
    )
    return render(request, "projects/requisitions.html", context)


@login_required
def application_list(request, slug):
    access = get_access(request.user, slug)
    filters = ApplicationFilter(
        request.GET,
        queryset=Application.objects.filter(association=access.association)
        .select_related("applicant", "round")
        .annotate(applied_total=Coalesce(Sum("year_amounts__amount"), Value(0))),
        association=access.association,
    )
    rounds = ApplicationRound.objects.filter(association=access.association)
    context = _context(access, applications=filters.qs, rounds=rounds, filters=filters)
    return render(request, "projects/application_list.html", context)


def _application_page(request, access, application):
    form = ApplicationForm(request.POST or None, instance=application, association=access.association)
    current = {row.year: row.amount for row in application.year_amounts.all()} if application else {}
    formset = year_amount_formset(request.POST or None, current)
    back = reverse("projects:applications", kwargs={"slug": access.association.slug})
    if request.method == "POST" and "fordela" in request.POST:
        # "Fördela på åren": the year rows follow the dates and the total; nothing is saved yet.
        proposal = form.proposed_years()
        if proposal is not None:
            formset = year_amount_formset(None, proposal)
            messages.info(
                request,
                _(
                    "Beloppet är fördelat på periodens kalenderår efter antal dagar. Kontrollera åren och spara."
                ),
            )
    elif request.method == "POST":
        if form.is_valid() and formset.is_valid():
            data = form.cleaned_data
            years = formset.amounts()
            if not any(years.values()) and data["total"]:
                years = amounts.propose_split(data["total"], data["start"], data["end"])
            problem = services.outside_period(years, data["start"], data["end"])
            if problem:
                form.add_error(None, problem)
            elif data["total"] is not None and sum(years.values()) != data["total"]:
                form.add_error(
                    "total",
                    _("Åren summerar till %(sum)s men det sökta totalbeloppet är %(total)s.")
                    % {"sum": format_kr(sum(years.values())), "total": format_kr(data["total"])},
                )
            else:
                services.save_application(form=form, amounts=years)
                messages.success(request, _("Ansökan är sparad."))
                return redirect(back)
        messages.error(request, _("Uppgifterna är inte sparade. Rätta felen nedan."))
    title = _("Ändra ansökan") if application else _("Ny ansökan")
    return render(
        request,
        "projects/application_form.html",
        _context(access, form=form, formset=formset, title=title, back=back),
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_create(request, slug):
    access = get_access(request.user, slug, Need.EDIT)
    return _application_page(request, access, None)


@login_required
@require_http_methods(["GET", "POST"])
def application_edit(request, slug, pk):
    access = get_access(request.user, slug, Need.EDIT)
    application = get_object_or_404(Application.objects.filter(association=access.association), pk=pk)
    return _application_page(request, access, application)


@login_required
@require_http_methods(["GET", "POST"])
def application_decide(request, slug, pk):
    access = get_access(request.user, slug, Need.EDIT)
    application = get_object_or_404(Application.objects.filter(association=access.association), pk=pk)
    if application.decisions.exists():
        messages.error(request, _("Ansökan är redan beslutad."))
        return redirect("projects:applications", slug=slug)
    form = DecideApplicationForm(
        request.POST or None, association=access.association, application=application
    )
    applied_years = {row.year: row.amount for row in application.year_amounts.all()}
    # the years start from the amounts applied for; the board's grant may change them
    formset = year_amount_formset(request.POST or None, applied_years)
    granting = request.POST.get("outcome", "granted") == "granted"
    if request.method == "POST" and form.is_valid() and (formset.is_valid() or not granting):
        try:
            project = services.decide_application(
                application=application,
                decision=form.instance,
                number=form.cleaned_data["number"].strip(),
                years=formset.amounts() if form.instance.outcome == "granted" else None,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if project is None:
                messages.success(request, _("Avslaget är registrerat."))
                return redirect("projects:applications", slug=slug)
            messages.success(
                request, _("Ansökan är beviljad och är nu insatsen %(name)s.") % {"name": project}
            )
            return redirect(project)
    if request.method == "POST":
        messages.error(request, _("Beslutet är inte sparat. Rätta felen nedan."))
    applied = sum(applied_years.values())
    context = _context(access, form=form, formset=formset, application=application, applied=applied)
    return render(request, "projects/application_decide.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def round_edit(request, slug, pk=None):
    access = get_access(request.user, slug, Need.EDIT)
    instance = None
    if pk is not None:
        instance = get_object_or_404(ApplicationRound.objects.filter(association=access.association), pk=pk)
    form = ApplicationRoundForm(request.POST or None, instance=instance, association=access.association)
    back = reverse("projects:applications", kwargs={"slug": slug})
    title = _("Ändra ansökningsomgång") if instance else _("Ny ansökningsomgång")
    return form_page(request, access=access, form=form, title=title, success_url=back)


@login_required
@require_http_methods(["GET", "POST"])
def round_delete(request, slug, pk):
    access = get_access(request.user, slug, Need.EDIT)
    instance = get_object_or_404(ApplicationRound.objects.filter(association=access.association), pk=pk)
    back = reverse("projects:applications", kwargs={"slug": slug})
    return delete_page(
        request,
        access=access,
        obj=instance,
        success_url=back,
        in_use_message=_("Omgången kan inte tas bort."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def rules_edit(request, slug):
    access = get_access(request.user, slug, Need.EDIT)
    instance = rules.rules_for(access.association)
    form = ProjectRulesForm(request.POST or None, instance=instance, association=access.association)
    back = reverse("projects:list", kwargs={"slug": slug})
    return form_page(request, access=access, form=form, title=_("Regler för insatser"), success_url=back)


def _decision(access, pk, dpk):
    return get_object_or_404(
        Decision.objects.filter(association=access.association, project_id=pk).select_related("project"),
        pk=dpk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision_edit(request, slug, pk, dpk):
    """Correct a decision registered wrong; the project's years follow the corrected total."""
    access = get_access(request.user, slug, Need.EDIT)
    decision = _decision(access, pk, dpk)
    form = DecisionForm(request.POST or None, instance=decision, association=access.association)
    if request.method == "POST" and form.is_valid():
        try:
            services.correct_decision(decision=form.instance)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Beslutet är rättat och beloppen per år följer det nya totalbeloppet.")
            )
            return redirect(decision.project)
    return form_page(
        request,
        access=access,
        form=form,
        title=_("Rätta beslut om %(name)s") % {"name": decision.project},
        success_url=decision.project.get_absolute_url(),
        save=lambda f: None,
        delete_url=reverse("projects:decision_delete", kwargs={"slug": slug, "pk": pk, "dpk": dpk}),
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision_delete(request, slug, pk, dpk):
    """Withdraw a decision registered by mistake (it stays in the history and can be restored); a project's only
    decision takes the project with it."""
    access = get_access(request.user, slug, Need.EDIT)
    decision = _decision(access, pk, dpk)
    project = decision.project
    if request.method == "POST":
        label = str(decision)
        try:
            removed = services.withdraw_decision(decision=decision)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(project)
        if removed is not None:
            messages.success(
                request,
                _(
                    "”%(label)s” är återkallat och insatsen %(name)s är borttagen med det. Båda kan återställas "
                    "från historiken."
                )
                % {"label": label, "name": removed},
            )
            return redirect("projects:list", slug=slug)
        messages.success(
            request,
            _("”%(label)s” är borttagen. Den kan återställas från historiken.") % {"label": label},
        )
        return redirect(project)
    return delete_page(
        request,
        access=access,
        obj=decision,
        success_url=project.get_absolute_url(),
        in_use_message=_("Beslutet kan inte återkallas."),
        note=""
        if project.decisions.exclude(pk=decision.pk).exists()
        else _("Beslutet är insatsens enda: insatsen %(name)s tas bort med det.") % {"name": project},
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_import(request, slug):
    access = get_access(request.user, slug, Need.EDIT)
    return import_page(
        request,
        access=access,
        kind="projects",
        importer=imports,
        form_class=imports.ProjectUploadForm,
        template="projects/import_projects.html",
        back_url=reverse("projects:list", kwargs={"slug": slug}),
        title=_("Importera insatser från Excel"),
    )

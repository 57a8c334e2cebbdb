from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from finsam.access import Need, get_access
from finsam.crud import delete_page, form_page
from finsam.forms import refusal_message
from finsam.lib.periods import is_valid_plan_year
from finsam.plan import renders, services
from finsam.plan.document import render_markdown
from finsam.plan.forms import (
    AdoptPlanForm,
    AdoptReportForm,
    CycleItemForm,
    PlanForm,
    RevisePlanForm,
    RiskItemForm,
    SectionForm,
)
from finsam.plan.models import (
    PLAN_ADOPTED_MESSAGE,
    CycleItem,
    Plan,
    PlanKind,
    PlanVersion,
    RenderStatus,
    RiskItem,
    Section,
)


def _context(access, **extra):
    return {"access": access, "association": access.association, **extra}


def _plan(access, year, kind=PlanKind.PLAN) -> Plan:
    return get_object_or_404(
        Plan.objects.filter(association=access.association, kind=kind).select_related("association"),
        year=year,
    )


def with_parts(plans):
    """Plans with their sections, yearly cycle and risks read once, for the document and the page together (in
    their own order, without the join to the plan and its association that the models' default ordering adds)."""
    return plans.prefetch_related(
        Prefetch("sections", queryset=Section.objects.order_by("position", "pk")),
        Prefetch("cycle_items", queryset=CycleItem.objects.order_by("position", "pk")),
        Prefetch("risk_items", queryset=RiskItem.objects.order_by("position", "pk")),
    )


def _detail(slug, year, kind=PlanKind.PLAN) -> str:
    name = "plan:report" if kind == PlanKind.REPORT else "plan:detail"
    return reverse(name, kwargs={"slug": slug, "year": year})


# What the plan's pages and the year's report's (finsam/plan/report_views.py) say differently about the same acts.
KIND_TEXTS = {
    PlanKind.PLAN: {
        "adopted_refusal": PLAN_ADOPTED_MESSAGE,
        "no_date": gettext_lazy("Planen är inte fastställd: ange datum för styrelsens beslut."),
        "adopted": gettext_lazy(
            "Planen är fastställd som version %(number)s. PDF och Excel skapas en gång ur planen som den "
            "fastställdes och sparas sedan oförändrade."
        ),
        "revision_started": gettext_lazy(
            "Revisionen är startad. De fastställda versionerna finns kvar; fastställ planen igen när den är klar."
        ),
    },
    PlanKind.REPORT: {
        "adopted_refusal": gettext_lazy(
            "Verksamhetsberättelsen är fastställd och kan inte ändras. Starta en revision för att ändra den."
        ),
        "no_date": gettext_lazy(
            "Verksamhetsberättelsen är inte fastställd: ange datum för styrelsens beslut."
        ),
        "adopted": gettext_lazy(
            "Verksamhetsberättelsen är fastställd som version %(number)s. PDF och Excel skapas en gång ur "
            "berättelsen som den fastställdes och sparas sedan oförändrade."
        ),
        "revision_started": gettext_lazy("Revisionen är startad. De fastställda versionerna finns kvar."),
    },
}
ADOPT_FORMS = {PlanKind.PLAN: AdoptPlanForm, PlanKind.REPORT: AdoptReportForm}


@login_required
def plan_detail(request, slug, year):
    access = get_access(request.user, slug)
    if not is_valid_plan_year(year):
        raise Http404
    plan = with_parts(
        Plan.objects.filter(association=access.association, year=year, kind=PlanKind.PLAN).select_related(
            "association"
        )
    ).first()
    context = _context(access, year=year, plan=plan)
    if plan is not None:
        document, version = services.shown_document(plan)
        context.update(
            document=document,
            shown_version=version,
            versions=list(plan.versions.order_by("number").only("number", "adopted_on")),
            sections=list(plan.sections.all()),
            cycle_items=list(plan.cycle_items.all()),
            risk_items=list(plan.risk_items.all()),
            adopt_form=AdoptPlanForm(initial={"reference": plan.reference}),
            revise_form=RevisePlanForm(),
        )
    return render(request, "finsam/plan/detail.html", context)


def _refuse_if_adopted(request, plan: Plan, slug, year):
    """Edits of an adopted plan or report are refused with the way forward; None when it may be changed."""
    if plan.is_adopted:
        messages.error(request, str(KIND_TEXTS[plan.kind]["adopted_refusal"]))
        return redirect(_detail(slug, year, plan.kind))
    return None


def adopt(request, slug, year, kind):
    """The board's decision registered: the plan or report becomes its next archived version."""
    access = get_access(request.user, slug, Need.EDIT)
    plan = _plan(access, year, kind)
    texts = KIND_TEXTS[kind]
    form = ADOPT_FORMS[kind](request.POST)
    if not form.is_valid():
        messages.error(request, refusal_message(form, str(texts["no_date"])))
        return redirect(_detail(slug, year, kind))
    data = form.cleaned_data
    try:
        version = services.adopt_plan(
            plan=plan,
            adopted_on=data["adopted_on"],
            reference=data["reference"],
            paragraph=data["paragraph"],
            adopt_dependencies=data.get("adopt_budget") or False,
            by=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, str(texts["adopted"]) % {"number": version.number})
    return redirect(_detail(slug, year, kind))


def revise(request, slug, year, kind):
    access = get_access(request.user, slug, Need.EDIT)
    plan = _plan(access, year, kind)
    form = RevisePlanForm(request.POST)
    if not form.is_valid():
        messages.error(request, refusal_message(form, _("Ange revisionens datum och skäl.")))
        return redirect(_detail(slug, year, kind))
    try:
        services.start_revision(
            plan=plan, revised_on=form.cleaned_data["revised_on"], reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, str(KIND_TEXTS[kind]["revision_started"]))
    return redirect(_detail(slug, year, kind))


def move(request, slug, year, pk, kind):
    access = get_access(request.user, slug, Need.EDIT)
    section = get_object_or_404(
        Section.objects.filter(plan__association=access.association, plan__year=year, plan__kind=kind), pk=pk
    )
    if refused := _refuse_if_adopted(request, section.plan, slug, year):
        return refused
    services.move_section(section=section, step=-1 if request.POST.get("riktning") == "upp" else 1)
    return redirect(_detail(slug, year, kind) + f"#sektion-{section.pk}")


@login_required
@require_POST
def plan_adopt(request, slug, year):
    return adopt(request, slug, year, PlanKind.PLAN)


@login_required
@require_POST
def plan_revise(request, slug, year):
    return revise(request, slug, year, PlanKind.PLAN)


@login_required
@require_POST
def plan_create(request, slug, year):
    access = get_access(request.user, slug, Need.EDIT)
    try:
        services.create_plan(association=access.association, year=year)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Planen är skapad med standardavsnitt. Skriv texterna och ordna avsnitten.")
        )
    return redirect(_detail(slug, year))


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request, slug, year):
    access = get_access(request.user, slug, Need.EDIT)
    plan = _plan(access, year)
    if refused := _refuse_if_adopted(request, plan, slug, year):
        return refused
    form = PlanForm(
        request.POST or None, request.FILES or None, instance=plan, association=access.association
    )
    return form_page(
        request, access=access, form=form, title=_("Planens uppgifter"), success_url=_detail(slug, year)
    )


@login_required
@require_POST
def plan_copy(request, slug, year):
    access = get_access(request.user, slug, Need.EDIT)
    plan = _plan(access, year)
    try:
        new = services.copy_to_next_year(plan=plan)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_detail(slug, year))
    messages.success(
        request,
        _("Planen för %(year)s är skapad med årets texter; tabellerna räknas fram på nytt.")
        % {"year": new.year},
    )
    return redirect(_detail(slug, new.year))


ROWS = {
    "avsnitt": (Section, SectionForm, _("avsnitt")),
    "arsprocess": (CycleItem, CycleItemForm, _("punkt i årsprocessen")),
    "risk": (RiskItem, RiskItemForm, _("risk")),
}


def _row_spec(kind):
    if kind not in ROWS:
        raise Http404
    return ROWS[kind]


@login_required
@require_http_methods(["GET", "POST"])
def row_edit(request, slug, year, kind, pk=None):
    access = get_access(request.user, slug, Need.EDIT)
    plan = _plan(access, year)
    model, form_class, label = _row_spec(kind)
    if refused := _refuse_if_adopted(request, plan, slug, year):
        return refused
    if pk is None:
        last = (
            model.objects.filter(plan=plan).order_by("-position").values_list("position", flat=True).first()
            or 0
        )
        instance = model(plan=plan, position=last + 10)
    else:
        instance = get_object_or_404(model.objects.filter(plan=plan), pk=pk)
    form = form_class(request.POST or None, instance=instance, association=access.association)
    title = (_("Ändra %(what)s") if pk else _("Ny %(what)s")) % {"what": label}
    delete_url = (
        reverse("plan:row_delete", kwargs={"slug": slug, "year": year, "kind": kind, "pk": pk})
        if pk
        else None
    )
    if model is Section:
        return _section_page(request, access, form, title, _detail(slug, year), delete_url, year)
    return form_page(
        request, access=access, form=form, title=title, success_url=_detail(slug, year), delete_url=delete_url
    )


def _section_page(request, access, form, title, success_url, delete_url, year):
    """A section's form shows the fields of its kind, and the Markdown as the plan will show it."""
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Ändringarna är sparade."))
            return redirect(success_url)
        messages.error(request, _("Uppgifterna är inte sparade. Rätta felen nedan."))
    context = {
        "access": access,
        "association": access.association,
        "form": form,
        "title": title,
        "year": year,
        "cancel_url": success_url,
        "delete_url": delete_url,
        "preview": render_markdown(form["body"].value() or ""),
    }
    return render(request, "finsam/plan/section_form.html", context)


@login_required
@require_POST
def section_preview(request, slug, year):
    """The Markdown as the plan renders it (sanitised), for the section form's live preview."""
    get_access(request.user, slug, Need.EDIT)
    return HttpResponse(render_markdown(request.POST.get("body", "")[:100_000]))


@login_required
@require_http_methods(["GET", "POST"])
def row_delete(request, slug, year, kind, pk):
    access = get_access(request.user, slug, Need.EDIT)
    plan = _plan(access, year)
    model, _form, _label = _row_spec(kind)
    if refused := _refuse_if_adopted(request, plan, slug, year):
        return refused
    obj = get_object_or_404(model.objects.filter(plan=plan), pk=pk)
    return delete_page(request, access=access, obj=obj, success_url=_detail(slug, year), in_use_message="")


@login_required
@require_POST
def section_move(request, slug, year, pk):
    return move(request, slug, year, pk, PlanKind.PLAN)


def _filename(plan, extension: str, version: PlanVersion | None = None) -> str:
    suffix = f"-v{version.number}" if version else "-utkast"
    document = "verksamhetsberattelse" if plan.is_report else "verksamhetsplan"
    return f"{plan.association.slug}-{document}-{plan.year}{suffix}.{extension}"


CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _file_response(content: bytes, extension: str, name: str, sha256: str = "") -> HttpResponse:
    response = HttpResponse(bytes(content), content_type=CONTENT_TYPES[extension])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    if sha256:
        response["X-Content-SHA256"] = sha256
    return response


def _version_file(request, access, plan, version: PlanVersion, extension: str) -> HttpResponse:
    """An adopted version's archived bytes, exactly as they were stored after adoption; until the worker has
    stored them (moments after the board's decision was registered), the waiting page."""
    rendered = renders.archive_render(version, extension, retry="igen" in request.GET)
    if rendered is not None:
        return _waiting(request, access, plan, rendered, extension, version=version)
    if not version.is_archived(extension):
        raise Http404(_("Den fastställda versionens fil finns inte."))
    if "vantat" in request.GET:
        return _ready(request, access, plan)
    content, sha256 = (
        (version.pdf, version.pdf_sha256) if extension == "pdf" else (version.xlsx, version.xlsx_sha256)
    )
    return _file_response(content, extension, _filename(plan, extension, version), sha256)


WAIT_REFRESH_SECONDS = 2


def _ready(request, access, plan) -> HttpResponse:
    """The waiting page's last view: the file is there, and the download starts."""
    response = render(request, "finsam/plan/render_ready.html", _context(access, plan=plan, url=request.path))
    response["Refresh"] = f"0; url={request.path}"
    return response


def _waiting(request, access, plan, rendered, extension, version=None) -> HttpResponse:
    """A page that reloads itself (the Refresh header, no script) until the worker has rendered the file."""
    url = request.path
    context = _context(
        access,
        plan=plan,
        url=url,
        kind=extension,
        progress=renders.progress(rendered),
        error=rendered.error,
        version=version,
    )
    response = render(request, "finsam/plan/render_wait.html", context)
    if rendered.status != RenderStatus.FAILED:
        response["Refresh"] = f"{WAIT_REFRESH_SECONDS}; url={url}?vantat=1"
    response["Cache-Control"] = "no-store"
    return response


def _plan_file(request, slug, year, extension, need, kind=PlanKind.PLAN):
    """An adopted plan's archive, or the draft's stored render of its current content.

    A draft whose content was not rendered before gets a waiting page (it refreshes itself, without script,
    through the Refresh header) until the background worker has the file; then a page that says so and starts
    the download. `?vantat=1` marks a request from the waiting page, `?igen=1` tries a failed render again.
    """
    access = get_access(request.user, slug, need)
    plan = _plan(access, year, kind)
    document, version = services.shown_document(plan)
    if version is not None:
        return _version_file(request, access, plan, version, extension)
    rendered = renders.request_file(plan=plan, document=document, kind=extension, retry="igen" in request.GET)
    if rendered.status == RenderStatus.READY:
        if "vantat" not in request.GET:
            return _file_response(rendered.content, extension, _filename(plan, extension))
        return _ready(request, access, plan)
    return _waiting(request, access, plan, rendered, extension)


@login_required
def plan_pdf_download(request, slug, year):
    return _plan_file(request, slug, year, "pdf", Need.DOWNLOAD_DOCUMENTS)


@login_required
def plan_xlsx_download(request, slug, year):
    return _plan_file(request, slug, year, "xlsx", Need.EXPORT_SPREADSHEETS)


@login_required
def plan_versions(request, slug, year):
    access = get_access(request.user, slug)
    plan = _plan(access, year)
    versions = list(plan.versions.order_by("-number").defer("pdf", "xlsx", "document"))
    return render(request, "finsam/plan/versions.html", _context(access, plan=plan, versions=versions))


@login_required
def plan_version_download(request, slug, year, number, extension):
    need = Need.DOWNLOAD_DOCUMENTS if extension == "pdf" else Need.EXPORT_SPREADSHEETS
    access = get_access(request.user, slug, need)
    plan = _plan(access, year)
    version = get_object_or_404(plan.versions.all(), number=number)
    return _version_file(request, access, plan, version, extension)


@login_required
def adopted_plans(request, slug):
    """Every year's plan in one place, newest first, with the adopted versions to read and download."""
    access = get_access(request.user, slug)
    plans = (
        Plan.objects.filter(association=access.association, kind=PlanKind.PLAN)
        .order_by("-year")
        .prefetch_related(
            Prefetch(
                "versions", queryset=PlanVersion.objects.order_by("-number").defer("pdf", "xlsx", "document")
            )
        )
    )
    return render(request, "finsam/plan/adopted_plans.html", _context(access, plans=plans))

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from finsam.access import Need, get_access
from finsam.crud import delete_page, form_page
from finsam.lib.periods import is_valid_plan_year
from finsam.plan import services
from finsam.plan.document import build_document
from finsam.plan.forms import CycleItemForm, PlanForm, RiskItemForm, SectionForm
from finsam.plan.models import CycleItem, Plan, RiskItem, Section
from finsam.plan.pdf import plan_pdf
from finsam.plan.workbook import plan_workbook


def _context(access, **extra):
    return {"access": access, "association": access.association, **extra}


def _plan(access, year) -> Plan:
    return get_object_or_404(
        Plan.objects.filter(association=access.association).select_related("association"), year=year
    )


def _detail(slug, year) -> str:
    return reverse("plan:detail", kwargs={"slug": slug, "year": year})


@login_required
def plan_detail(request, slug, year):
    access = get_access(request.user, slug)
    if not is_valid_plan_year(year):
        raise Http404
    plan = (
        Plan.objects.filter(association=access.association, year=year).select_related("association").first()
    )
    context = _context(access, year=year, plan=plan)
    if plan is not None:
        context["document"] = build_document(plan)
        context["sections"] = list(plan.sections.all())
        context["cycle_items"] = list(plan.cycle_items.all())
        context["risk_items"] = list(plan.risk_items.all())
    return render(request, "finsam/plan/detail.html", context)


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
    form = PlanForm(request.POST or None, instance=plan, association=access.association)
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
    return form_page(request, access=access, form=form, title=title, success_url=_detail(slug, year))


@login_required
@require_http_methods(["GET", "POST"])
def row_delete(request, slug, year, kind, pk):
    access = get_access(request.user, slug, Need.EDIT)
    plan = _plan(access, year)
    model, _form, _label = _row_spec(kind)
    obj = get_object_or_404(model.objects.filter(plan=plan), pk=pk)
    return delete_page(request, access=access, obj=obj, success_url=_detail(slug, year), in_use_message="")


@login_required
@require_POST
def section_move(request, slug, year, pk):
    access = get_access(request.user, slug, Need.EDIT)
    section = get_object_or_404(
        Section.objects.filter(plan__association=access.association, plan__year=year), pk=pk
    )
    services.move_section(section=section, step=-1 if request.POST.get("riktning") == "upp" else 1)
    return redirect(_detail(slug, year) + f"#sektion-{section.pk}")


def _filename(plan, extension: str) -> str:
    return f"{plan.association.slug}-verksamhetsplan-{plan.year}.{extension}"


@login_required
def plan_pdf_download(request, slug, year):
    access = get_access(request.user, slug, Need.DOWNLOAD_DOCUMENTS)
    plan = _plan(access, year)
    response = HttpResponse(plan_pdf(plan), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(plan, "pdf")}"'
    return response


@login_required
def plan_xlsx_download(request, slug, year):
    access = get_access(request.user, slug, Need.EXPORT_SPREADSHEETS)
    plan = _plan(access, year)
    response = HttpResponse(
        plan_workbook(plan), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(plan, "xlsx")}"'
    return response

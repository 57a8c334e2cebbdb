"""The year's report (verksamhetsberättelse): its page, sections, adoption and files.

A report is a plan of the kind "report" (finsam/plan/models.py), so these views are the plan's views over the
other kind: the same access rules (`get_access` with the same needs), the same section form, the same render
cache, PDF and workbook, the same adoption with archived files. Adopting, revising and moving a section are the
plan's own views (finsam/plan/views.py) called with the report's kind; what they say differs by kind there.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from finsam.access import Need, get_access
from finsam.crud import delete_page, form_page
from finsam.lib.periods import is_valid_plan_year
from finsam.plan import services, views
from finsam.plan.forms import AdoptReportForm, PlanForm, RevisePlanForm, SectionForm
from finsam.plan.models import Plan, PlanKind, Section
from finsam.plan.views import _plan, _plan_file, _refuse_if_adopted, _section_page, _version_file

REPORT = PlanKind.REPORT


def _report(access, year) -> Plan:
    return _plan(access, year, REPORT)


def _detail(slug, year) -> str:
    return views._detail(slug, year, REPORT)


@login_required
def report_detail(request, slug, year):
    access = get_access(request.user, slug)
    if not is_valid_plan_year(year):
        raise Http404
    report = views.with_parts(
        Plan.objects.filter(association=access.association, year=year, kind=REPORT).select_related(
            "association"
        )
    ).first()
    context = {"access": access, "association": access.association, "year": year, "plan": report}
    if report is not None:
        document, version = services.shown_document(report)
        context.update(
            document=document,
            shown_version=version,
            versions=list(report.versions.order_by("number").only("number", "adopted_on")),
            sections=list(report.sections.all()),
            adopt_form=AdoptReportForm(initial={"reference": report.reference}),
            revise_form=RevisePlanForm(),
        )
    return render(request, "finsam/plan/report.html", context)


@login_required
@require_POST
def report_create(request, slug, year):
    access = get_access(request.user, slug, Need.EDIT)
    if not is_valid_plan_year(year):
        raise Http404
    try:
        services.create_report(association=access.association, year=year)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _(
                "Verksamhetsberättelsen är skapad med standardavsnitt. Skriv texterna; tabellerna räknas fram."
            ),
        )
    return redirect(_detail(slug, year))


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request, slug, year):
    access = get_access(request.user, slug, Need.EDIT)
    report = _report(access, year)
    if refused := _refuse_if_adopted(request, report, slug, year):
        return refused
    form = PlanForm(
        request.POST or None, request.FILES or None, instance=report, association=access.association
    )
    return form_page(
        request,
        access=access,
        form=form,
        title=_("Verksamhetsberättelsens uppgifter"),
        success_url=_detail(slug, year),
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_section_edit(request, slug, year, pk=None):
    access = get_access(request.user, slug, Need.EDIT)
    report = _report(access, year)
    if refused := _refuse_if_adopted(request, report, slug, year):
        return refused
    if pk is None:
        last = report.sections.order_by("-position").values_list("position", flat=True).first() or 0
        instance = Section(plan=report, position=last + 10)
    else:
        instance = get_object_or_404(report.sections.all(), pk=pk)
    form = SectionForm(request.POST or None, instance=instance, association=access.association)
    title = _("Ändra avsnitt") if pk else _("Nytt avsnitt")
    delete_url = (
        reverse("plan:report_section_delete", kwargs={"slug": slug, "year": year, "pk": pk}) if pk else None
    )
    return _section_page(request, access, form, title, _detail(slug, year), delete_url, year)


@login_required
@require_http_methods(["GET", "POST"])
def report_section_delete(request, slug, year, pk):
    access = get_access(request.user, slug, Need.EDIT)
    report = _report(access, year)
    if refused := _refuse_if_adopted(request, report, slug, year):
        return refused
    section = get_object_or_404(report.sections.all(), pk=pk)
    return delete_page(
        request, access=access, obj=section, success_url=_detail(slug, year), in_use_message=""
    )


@login_required
@require_POST
def report_section_move(request, slug, year, pk):
    return views.move(request, slug, year, pk, REPORT)


@login_required
@require_POST
def report_adopt(request, slug, year):
    return views.adopt(request, slug, year, REPORT)


@login_required
@require_POST
def report_revise(request, slug, year):
    return views.revise(request, slug, year, REPORT)


@login_required
def report_pdf_download(request, slug, year):
    return _plan_file(request, slug, year, "pdf", Need.DOWNLOAD_DOCUMENTS, REPORT)


@login_required
def report_xlsx_download(request, slug, year):
    return _plan_file(request, slug, year, "xlsx", Need.EXPORT_SPREADSHEETS, REPORT)


@login_required
def report_version_download(request, slug, year, number, extension):
    need = Need.DOWNLOAD_DOCUMENTS if extension == "pdf" else Need.EXPORT_SPREADSHEETS
    access = get_access(request.user, slug, need)
    report = _report(access, year)
    version = get_object_or_404(report.versions.all(), number=number)
    return _version_file(request, access, report, version, extension)

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from budget import documents, imports, services
from budget.allocation import state_estimate, view_ceiling
from budget.compute import OVERRIDE, displayed, subtotal_members
from budget.exports import budget_table, outcome_and_examples, outcome_table, source_change_notes
from budget.feeds import (
    budget_view,
    compute_live,
    current_version,
    lines_for,
    settings_for,
    source_changes,
    versions_of,
)
from budget.forms import (
    AdoptForm,
    AmountGridForm,
    BudgetLineForm,
    BudgetSettingsForm,
    NewBudgetForm,
    ReviseForm,
    StateAllocationBasisForm,
)
from budget.models import (
    GROUP_SIGN,
    Budget,
    BudgetAmount,
    BudgetLine,
    BudgetVersion,
    LineGroup,
    LineKind,
    Outcome,
    StateAllocationBasis,
)
from finsam.access import Need, get_access
from finsam.concurrency import Guard
from finsam.crud import delete_page, form_page
from finsam.fields import kronor_form_field
from finsam.forms import refusal_message
from finsam.importing import import_page


def _context(access, **extra):
    return {"access": access, "association": access.association, **extra}


def _budgets(access):
    return versions_of(Budget.objects.filter(association=access.association).select_related("association"))


def _budget(access, year) -> Budget:
    return get_object_or_404(_budgets(access), plan_year=year)


def _version(budget: Budget, number: str | int | None) -> BudgetVersion:
    """The version asked for (or the one that counts), with its columns loaded once for the whole page."""
    version = _find_version(budget, number)
    prefetch_related_objects([version], "columns")
    return version


def _find_version(budget: Budget, number: str | int | None) -> BudgetVersion:
    versions = list(budget.versions.all())
    if number:
        for version in versions:
            if str(version.number) == str(number):
                return version
        raise Http404("Ingen sådan version.")
    version = current_version(budget)
    if version is None:
        raise Http404("Budgeten saknar version.")
    return version


@login_required
def budget_list(request, slug):
    access = get_access(request.user, slug)
    budgets = Budget.objects.filter(association=access.association).prefetch_related("versions")
    form = NewBudgetForm(request.POST or None, initial={"plan_year": None}) if access.can_edit else None
    return render(request, "budget/budget_list.html", _context(access, budgets=budgets, form=form))


@login_required
@require_POST
def budget_create(request, slug):
    access = get_access(request.user, slug, Need.EDIT)
    form = NewBudgetForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            budget = services.create_budget(
                association=access.association,
                plan_year=data["plan_year"],
                title=data["title"],
                columns=services.default_columns(
                    data["plan_year"], forecast=data["forecast"], plan_years_after=data["plan_years_after"]
                ),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if data["income_shown_negative"]:
                budget.income_shown_negative = True
                budget.save(update_fields=["income_shown_negative"])
            messages.success(request, _("Budgeten är skapad. Fyll i beloppen."))
            return redirect("budget:detail", slug=slug, year=budget.plan_year)
    else:
        messages.error(request, _("Budgeten är inte skapad: kontrollera planåret och antalet år."))
    budgets = Budget.objects.filter(association=access.association).prefetch_related("versions")
    return render(request, "budget/budget_list.html", _context(access, budgets=budgets, form=form))


@login_required
def budget_detail(request, slug, year):
    access = get_access(request.user, slug)
    budget = _budgets(access).filter(plan_year=year).first()
    if budget is None:
        # No dead end: say so, and let office staff start the year's budget here.
        form = NewBudgetForm(initial={"plan_year": year}) if access.can_edit else None
        return render(
            request, "budget/budget_missing.html", _context(access, year=year, form=form), status=404
        )
    version = _version(budget, request.GET.get("version"))
    view = budget_view(version)
    changes = source_changes(view, access.association)
    outcome, examples = outcome_and_examples(access.association, budget.plan_year)
    context = _context(
        access,
        budget=budget,
        version=version,
        view=view,
        versions=list(budget.versions.all()),
        table=budget_table(view),
        source_notes=source_change_notes(changes),
        breaches=view.rule_results,
        outcome_table=outcome_table(view, outcome, examples),
        adopt_form=AdoptForm(),
        revise_form=ReviseForm(),
        ceiling=view_ceiling(access.association, view, outcome),
        state=state_estimate(access.association, budget.plan_year + 1),
    )
    return render(request, "budget/budget_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def allocation_basis_edit(request, slug, year):
    """The basis of next year's state allocation, entered from the budget page of `year`."""
    access = get_access(request.user, slug, Need.EDIT)
    allocation_year = year + 1
    basis = StateAllocationBasis.objects.filter(association=access.association, year=allocation_year).first()
    form = StateAllocationBasisForm(
        request.POST or None,
        instance=basis
        or StateAllocationBasis(
            association=access.association, year=allocation_year, statistics_year=year - 1
        ),
        association=access.association,
    )
    back = reverse("budget:detail", kwargs={"slug": slug, "year": year})
    title = _("Underlag för statens medelstilldelning %(year)s") % {"year": allocation_year}
    return form_page(request, access=access, form=form, title=title, success_url=back)


def _editable_cells(version, computed):
    amounts = {(a.line_id, a.year): a.amount for a in version.amounts.filter(frozen=False)}
    cells = []
    for computed_line in computed.lines:
        line = computed_line.line
        if line.kind in (LineKind.SUBTOTAL, LineKind.RESULT):
            continue
        for year in computed.years:
            if line.used_in(year):
                cells.append((line, year, amounts.get((line.id, year))))
    return cells


class _LineRef:
    """A LineSpec with a `pk`, for the grid form's field names."""

    def __init__(self, spec):
        self.spec, self.pk, self.name = spec, spec.id, spec.name


@login_required
@require_http_methods(["GET", "POST"])
def budget_grid(request, slug, year, number):
    access = get_access(request.user, slug, Need.EDIT)
    budget = _budget(access, year)
    version = _version(budget, number)
    detail = reverse("budget:detail", kwargs={"slug": slug, "year": year}) + f"?version={version.number}"
    if version.is_adopted:
        messages.error(request, _("Versionen är fastställd och kan inte ändras. Gör en revision i stället."))
        return redirect(detail)
    computed = compute_live(version)
    refs = {c.line.id: _LineRef(c.line) for c in computed.lines}
    cells = [(refs[line.id], y, initial) for line, y, initial in _editable_cells(version, computed)]
    guard = Guard(
        lock=lambda: BudgetVersion.objects.filter(pk=version.pk),
        history=[
            BudgetAmount.history.filter(version_id=version.pk),
            BudgetVersion.history.filter(id=version.pk),
        ],
    )
    form = AmountGridForm(request.POST or None, cells=cells, guard=guard)
    form.fields["opening_equity"] = kronor_form_field(
        negative=True,
        label=_("Eget kapital vid första årets början (kr)"),
        required=False,
        initial=version.opening_equity,
        help_text=_(
            "Ej förbrukade medel från tidigare år; behövs för att visa eget kapital och pröva reglerna."
        ),
    )
    if request.method == "POST":
        if form.is_valid():
            services.save_amounts(version=version, values=form.values())
            services.set_opening_equity(version=version, amount=form.cleaned_data["opening_equity"])
            messages.success(request, _("Beloppen är sparade och summorna räknade om."))
            return redirect(detail)
        messages.error(request, _("Beloppen är inte sparade. Rätta felen nedan."))
    grid = _grid_rows(computed, form, refs)
    return render(
        request,
        "budget/budget_grid.html",
        _context(
            access,
            budget=budget,
            version=version,
            columns=list(version.columns.all()),
            grid=grid,
            form=form,
            detail=detail,
        ),
    )


def _grid_rows(computed, form, refs) -> list[dict]:
    """The grid's rows, each cell with what the page's script needs to recompute it as the user types.

    The figures themselves come from budget/compute.py (the server's sums, shown without JavaScript); the
    `sum` expressions only name which cells a sum or result adds (`-id` subtracts) so that the script
    follows the same rule: a sum adds the lines of its group above it, the result adds income and subtracts
    costs, an empty fed cell counts its source's figure, and an empty carry-over takes the year before's
    result when that year is in the grid.
    """

    def cell_id(line, year):
        return form[AmountGridForm.key(refs[line.id], year)].auto_id

    specs = [c.line for c in computed.lines]
    surplus = {
        year: " ".join(
            ("" if GROUP_SIGN[LineGroup(line.group)] > 0 else "-") + cell_id(line, year)
            for line in specs
            if line.used_in(year)
            and line.kind not in (LineKind.SUBTOTAL, LineKind.RESULT)
            and GROUP_SIGN[LineGroup(line.group)] != 0
        )
        for year in computed.years
    }
    members = {year: subtotal_members(specs, year) for year in computed.years}
    rows = []
    for computed_line in computed.lines:
        line = computed_line.line
        row = {"line": line, "fields": []}
        for year in computed.years:
            key = AmountGridForm.key(refs[line.id], year)
            cell = computed_line.cells[year]
            item = {"field": form[key] if key in form.fields else None, "cell": cell, "sum": None}
            if line.kind == LineKind.SUBTOTAL and line in members[year]:
                item["sum"] = " ".join(cell_id(m, year) for m in members[year][line])
            elif line.kind == LineKind.RESULT and line.used_in(year):
                item["sum"] = surplus[year]
            elif item["field"] is not None and line.kind != LineKind.ENTERED:
                item["fed"] = cell.fed_value if cell.source == OVERRIDE else cell.value
                if line.kind == LineKind.CARRYOVER and year - 1 in surplus:
                    item["fed_sum"] = surplus[year - 1]
            row["fields"].append(item)
        rows.append(row)
    return rows


@login_required
@require_POST
def budget_adopt(request, slug, year, number):
    access = get_access(request.user, slug, Need.EDIT)
    version = _version(_budget(access, year), number)
    form = AdoptForm(request.POST)
    if not form.is_valid():
        messages.error(request, refusal_message(form, _("Ange datum för styrelsens beslut.")))
    else:
        try:
            services.adopt(
                version=version,
                adopted_on=form.cleaned_data["adopted_on"],
                reference=form.cleaned_data["reference"],
                by=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Budgeten är fastställd."))
    return redirect(
        reverse("budget:detail", kwargs={"slug": slug, "year": year}) + f"?version={version.number}"
    )


@login_required
@require_POST
def budget_revise(request, slug, year, number):
    access = get_access(request.user, slug, Need.EDIT)
    version = _version(_budget(access, year), number)
    form = ReviseForm(request.POST)
    if not form.is_valid():
        messages.error(request, refusal_message(form, _("Ange revisionens datum och skäl.")))
    else:
        try:
            revision = services.revise(
                version=version,
                revised_on=form.cleaned_data["revised_on"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("Version %(number)s är skapad som utkast.") % {"number": revision.number}
            )
            return redirect(
                reverse("budget:grid", kwargs={"slug": slug, "year": year, "number": revision.number})
            )
    return redirect(
        reverse("budget:detail", kwargs={"slug": slug, "year": year}) + f"?version={version.number}"
    )


@login_required
def budget_compare(request, slug, year):
    access = get_access(request.user, slug)
    budget = _budget(access, year)
    versions = list(budget.versions.order_by("number"))
    if len(versions) < 2:
        messages.info(request, _("Budgeten har bara en version."))
        return redirect("budget:detail", slug=slug, year=year)
    first = _version(budget, request.GET.get("a") or versions[-2].number)
    second = _version(budget, request.GET.get("b") or versions[-1].number)
    view_a, view_b = budget_view(first), budget_view(second)
    years = sorted(set(view_a.computed.years) | set(view_b.computed.years))
    by_id = {}  # each line once, as the newer version names it; lines of only one version too
    for view in (view_a, view_b):
        for computed_line in view.computed.lines:
            by_id[computed_line.line.id] = computed_line.line
    order = [c.line.id for c in view_b.computed.lines]
    order += [c.line.id for c in view_a.computed.lines if c.line.id not in order]

    def shown(view, line_id, year):
        computed_line = next((c for c in view.computed.lines if c.line.id == line_id), None)
        if computed_line is None or year not in computed_line.cells:
            return None
        return displayed(computed_line.cells[year].value, computed_line.line, view.income_shown_negative)

    rows = []
    for line_id in order:
        cells = []
        for y in years:
            va, vb = shown(view_a, line_id, y), shown(view_b, line_id, y)
            cells.append({"a": va, "b": vb, "changed": va != vb})
        rows.append({"name": by_id[line_id].name, "cells": cells})
    context = _context(
        access, budget=budget, first=first, second=second, years=years, rows=rows, versions=versions
    )
    return render(request, "budget/budget_compare.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def outcome_grid(request, slug, year):
    access = get_access(request.user, slug, Need.EDIT)
    lines = [
        line
        for line in lines_for(access.association, [year])
        if line.kind not in (LineKind.SUBTOTAL, LineKind.RESULT)
    ]
    existing = {o.line_id: o.amount for o in Outcome.objects.filter(line__in=lines, year=year)}
    cells = [(line, year, existing.get(line.pk)) for line in lines]
    guard = Guard(
        lock=lambda: BudgetLine.objects.filter(pk__in=[line.pk for line in lines]),
        history=[Outcome.history.filter(line_id__in=[line.pk for line in lines], year=year)],
    )
    form = AmountGridForm(request.POST or None, cells=cells, guard=guard)
    back = reverse("budget:detail", kwargs={"slug": slug, "year": year})
    if request.method == "POST":
        if form.is_valid():
            services.save_outcome(values=form.values())
            messages.success(request, _("Utfallet är sparat."))
            return redirect(back)
        messages.error(request, _("Uppgifterna är inte sparade. Rätta felen nedan."))
    rows = [{"line": line, "field": form[AmountGridForm.key(line, year)]} for line, _y, _i in cells]
    totals = []  # income, costs and the result, recomputed by the page's script as the user types
    for title, signs in (
        (_("Summa intäkter"), {1: ""}),
        (_("Summa kostnader"), {-1: ""}),
        (_("Resultat"), {1: "", -1: "-"}),
    ):
        terms = [
            (signs[GROUP_SIGN[LineGroup(row["line"].group)]], row["field"])
            for row in rows
            if GROUP_SIGN[LineGroup(row["line"].group)] in signs
        ]
        totals.append(
            {
                "title": title,
                "sum": " ".join(sign + field.auto_id for sign, field in terms),
                "value": _outcome_total(terms),
            }
        )
    context = _context(access, year=year, rows=rows, totals=totals, form=form, back=back)
    return render(request, "budget/outcome_grid.html", context)


def _outcome_total(terms) -> int | None:
    """The sum shown before any script runs, of the figures in the form; None while a cell is not a number."""
    total = 0
    for sign, field in terms:
        raw = field.value()
        if raw in (None, ""):
            continue
        try:
            total += (-1 if sign else 1) * int(raw)
        except (TypeError, ValueError):
            return None
    return total


@login_required
def line_list(request, slug):
    access = get_access(request.user, slug)
    lines = BudgetLine.objects.filter(association=access.association).order_by("position", "pk")
    return render(request, "budget/line_list.html", _context(access, lines=lines))


@login_required
@require_http_methods(["GET", "POST"])
def line_edit(request, slug, pk=None):
    access = get_access(request.user, slug, Need.EDIT)
    instance = (
        get_object_or_404(BudgetLine.objects.filter(association=access.association), pk=pk) if pk else None
    )
    form = BudgetLineForm(request.POST or None, instance=instance, association=access.association)
    title = _("Ändra budgetrad") if instance else _("Ny budgetrad")
    return form_page(
        request,
        access=access,
        form=form,
        title=title,
        success_url=reverse("budget:lines", kwargs={"slug": slug}),
    )


@login_required
@require_http_methods(["GET", "POST"])
def line_delete(request, slug, pk):
    access = get_access(request.user, slug, Need.EDIT)
    line = get_object_or_404(BudgetLine.objects.filter(association=access.association), pk=pk)
    return delete_page(
        request,
        access=access,
        obj=line,
        success_url=reverse("budget:lines", kwargs={"slug": slug}),
        in_use_message=_(
            "Raden har belopp i en budget och kan inte tas bort. Pensionera den i stället (ange sista år)."
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def settings_edit(request, slug):
    access = get_access(request.user, slug, Need.EDIT)
    form = BudgetSettingsForm(
        request.POST or None, instance=settings_for(access.association), association=access.association
    )
    return form_page(
        request,
        access=access,
        form=form,
        title=_("Budgetinställningar och regler"),
        success_url=reverse("budget:list", kwargs={"slug": slug}),
    )


DOCUMENTS = {
    "pdf": (Need.DOWNLOAD_DOCUMENTS, documents.budget_pdf, "application/pdf"),
    "xlsx": (
        Need.EXPORT_SPREADSHEETS,
        documents.budget_workbook,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}


def _budget_document(request, slug, year, extension):
    """The version (?version=N, else the one that counts) on its own, from the same table as its page."""
    need, render_document, content_type = DOCUMENTS[extension]
    access = get_access(request.user, slug, need)
    version = _version(_budget(access, year), request.GET.get("version"))
    view = budget_view(version)
    response = HttpResponse(render_document(view, access.association), content_type=content_type)
    name = documents.filename(access.association, view, version.number, extension)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def budget_pdf_download(request, slug, year):
    return _budget_document(request, slug, year, "pdf")


@login_required
def budget_xlsx_download(request, slug, year):
    return _budget_document(request, slug, year, "xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def budget_import(request, slug):
    access = get_access(request.user, slug, Need.EDIT)
    return import_page(
        request,
        access=access,
        kind="budget",
        importer=imports,
        form_class=imports.BudgetUploadForm,
        template="budget/import_budget.html",
        back_url=reverse("budget:list", kwargs={"slug": slug}),
        title=_("Importera budget från Excel"),
    )

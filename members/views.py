import datetime
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from finsam.access import Need, get_access
from finsam.concurrency import Guard
from finsam.crud import delete_page, form_page
from finsam.importing import import_page
from finsam.lib import params
from members import exports, imports, services
from members.forms import (
    BoardSeatForm,
    FeeYearForm,
    LocalGroupForm,
    MemberForm,
    PopulationForm,
    PreparatoryGroupMemberForm,
)
from members.models import (
    AgeBand,
    BoardSeat,
    FeeYear,
    LocalGroup,
    MemberKind,
    MemberOrganisation,
    Population,
    PreparatoryGroupMember,
)


@login_required
def member_list(request, slug):
    access = get_access(request.user, slug)
    members = MemberOrganisation.objects.filter(association=access.association).select_related("local_group")
    context = {"access": access, "association": access.association, "members": members}
    return render(request, "members/member_list.html", context)


@dataclass(frozen=True)
class Kind:
    """A kind of simple row edited with the shared form and delete pages."""

    model: type
    form: type
    back: str  # URL name of the page that lists it
    new_title: str
    edit_title: str


KINDS = {
    "medlem": Kind(
        MemberOrganisation,
        MemberForm,
        "members:list",
        gettext_lazy("Ny medlem"),
        gettext_lazy("Ändra medlem"),
    ),
    "ledamot": Kind(
        BoardSeat,
        BoardSeatForm,
        "members:board",
        gettext_lazy("Ny styrelseplats"),
        gettext_lazy("Ändra styrelseplats"),
    ),
    "beredning": Kind(
        PreparatoryGroupMember,
        PreparatoryGroupMemberForm,
        "members:board",
        gettext_lazy("Ny ledamot i beredningsgruppen"),
        gettext_lazy("Ändra ledamot i beredningsgruppen"),
    ),
    "lsg": Kind(
        LocalGroup,
        LocalGroupForm,
        "members:board",
        gettext_lazy("Ny lokal samverkansgrupp"),
        gettext_lazy("Ändra lokal samverkansgrupp"),
    ),
}


def _kind(kind: str) -> Kind:
    if kind not in KINDS:
        raise Http404
    return KINDS[kind]


def _scoped(kind: Kind, association):
    return kind.model.objects.filter(**{kind.model.association_path: association})


@login_required
@require_http_methods(["GET", "POST"])
def object_create(request, slug, kind):
    access = get_access(request.user, slug, Need.EDIT)
    spec = _kind(kind)
    form = spec.form(request.POST or None, association=access.association)
    back = reverse(spec.back, kwargs={"slug": slug})
    return form_page(request, access=access, form=form, title=str(spec.new_title), success_url=back)


@login_required
@require_http_methods(["GET", "POST"])
def object_edit(request, slug, kind, pk):
    access = get_access(request.user, slug, Need.EDIT)
    spec = _kind(kind)
    obj = get_object_or_404(_scoped(spec, access.association), pk=pk)
    form = spec.form(request.POST or None, instance=obj, association=access.association)
    back = reverse(spec.back, kwargs={"slug": slug})
    return form_page(request, access=access, form=form, title=str(spec.edit_title), success_url=back)


@login_required
@require_http_methods(["GET", "POST"])
def object_delete(request, slug, kind, pk):
    access = get_access(request.user, slug, Need.EDIT)
    spec = _kind(kind)
    obj = get_object_or_404(_scoped(spec, access.association), pk=pk)
    return delete_page(
        request,
        access=access,
        obj=obj,
        success_url=reverse(spec.back, kwargs={"slug": slug}),
        in_use_message=_(
            "”%(label)s” används (t.ex. som insatsägare eller i ett avgiftsår) och kan inte tas bort. "
            "Sätt ett slutdatum för medlemskapet i stället."
        )
        % {"label": obj},
    )


def _chosen_years(request, available: list[int]) -> list[int]:
    """The fee years asked for (`?ar=`), else the latest two side by side."""
    return params.chosen_years(request.GET.getlist("ar"), available) or available[-2:]


@login_required
def fee_table(request, slug):
    access = get_access(request.user, slug)
    fee_years = list(FeeYear.objects.filter(association=access.association).order_by("year"))
    available = [fy.year for fy in fee_years]
    years = _chosen_years(request, available)
    results, members = exports.compute_fee_years(access.association, available)
    context = {
        "access": access,
        "association": access.association,
        "table": exports.build_fee_table(results, members, years) if years else None,
        "fee_years": [results[fy.year] for fy in fee_years],
        "chosen": years,
    }
    return render(request, "members/fee_table.html", context)


def _fee_year_form_page(request, access, fee_year: FeeYear | None):
    shares = {s.member_id: s.percent for s in fee_year.fixed_shares.all()} if fee_year else {}
    form = FeeYearForm(request.POST or None, instance=fee_year, association=access.association, shares=shares)
    back = reverse("members:fees", kwargs={"slug": access.association.slug})

    def save(valid_form):
        services.save_fee_year(fee_year=valid_form.instance, percentages=valid_form.percentages())

    title = _("Ändra avgiftsår %(year)s") % {"year": fee_year.year} if fee_year else _("Nytt avgiftsår")
    return form_page(request, access=access, form=form, title=title, success_url=back, save=save)


@login_required
@require_http_methods(["GET", "POST"])
def fee_year_create(request, slug):
    access = get_access(request.user, slug, Need.EDIT)
    return _fee_year_form_page(request, access, None)


@login_required
@require_http_methods(["GET", "POST"])
def fee_year_edit(request, slug, year):
    access = get_access(request.user, slug, Need.EDIT)
    fee_year = get_object_or_404(FeeYear.objects.filter(association=access.association), year=year)
    return _fee_year_form_page(request, access, fee_year)


@login_required
@require_http_methods(["GET", "POST"])
def fee_year_delete(request, slug, year):
    access = get_access(request.user, slug, Need.EDIT)
    fee_year = get_object_or_404(FeeYear.objects.filter(association=access.association), year=year)
    back = reverse("members:fees", kwargs={"slug": slug})
    return delete_page(
        request,
        access=access,
        obj=fee_year,
        success_url=back,
        in_use_message=_("Avgiftsåret kan inte tas bort."),
    )


@login_required
def population_list(request, slug):
    access = get_access(request.user, slug)
    municipalities = list(
        MemberOrganisation.objects.filter(
            association=access.association, kind=MemberKind.MUNICIPALITY
        ).order_by("name")
    )
    rows = Population.objects.filter(member__association=access.association)
    columns = sorted({(p.reference_date, p.age_band) for p in rows})
    counts = {(p.member_id, p.reference_date, p.age_band): p.inhabitants for p in rows}
    table = [
        (member, [counts.get((member.pk, date, band)) for date, band in columns]) for member in municipalities
    ]
    totals = [sum(counts.get((m.pk, date, band)) or 0 for m in municipalities) for date, band in columns]
    context = {
        "access": access,
        "association": access.association,
        "columns": columns,
        "table": table,
        "totals": totals,
    }
    return render(request, "members/population_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def population_edit(request, slug):
    access = get_access(request.user, slug, Need.EDIT)
    municipalities = list(
        MemberOrganisation.objects.filter(
            association=access.association, kind=MemberKind.MUNICIPALITY
        ).order_by("name")
    )
    initial_date = _parse_date(request.GET.get("datum")) or datetime.date(
        datetime.date.today().year - 1, 11, 1
    )
    band = request.GET.get("grupp")
    if band not in AgeBand.values:  # only a known group reaches the query (PostgreSQL refuses a NUL, for one)
        band = AgeBand.AGE_16_64
    existing = {
        p.member_id: p.inhabitants
        for p in Population.objects.filter(
            member__in=municipalities, reference_date=initial_date, age_band=band
        )
    }
    guard = Guard(
        lock=lambda: MemberOrganisation.objects.filter(pk__in=[m.pk for m in municipalities]),
        history=[Population.history.filter(member_id__in=[m.pk for m in municipalities])],
    )
    form = PopulationForm(
        request.POST or None,
        municipalities=municipalities,
        guard=guard,
        counts=existing,
        initial={"reference_date": initial_date, "age_band": band},
    )
    back = reverse("members:populations", kwargs={"slug": slug})

    def save(valid_form):
        services.save_populations(
            reference_date=valid_form.cleaned_data["reference_date"],
            age_band=valid_form.cleaned_data["age_band"],
            counts=valid_form.counts(),
        )

    return form_page(
        request, access=access, form=form, title=_("Befolkning per datum"), success_url=back, save=save
    )


def _parse_date(value):
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@login_required
def board(request, slug):
    access = get_access(request.user, slug)
    association = access.association
    seats = list(BoardSeat.objects.filter(member__association=association).select_related("member"))
    years = exports.board_years(seats, datetime.date.today())
    year = params.chosen_year(request.GET.get("ar"), years)
    context = {
        "access": access,
        "association": association,
        "year": year,
        "years": years,
        # no seats at all: the page says so rather than show an empty board for this year
        "board_table": exports.board_table(association, year) if seats else None,
        "seats": seats,
        "preparatory": PreparatoryGroupMember.objects.filter(member__association=association).select_related(
            "member"
        ),
        "groups": LocalGroup.objects.filter(association=association).prefetch_related("members"),
    }
    return render(request, "members/board.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def fee_import(request, slug):
    access = get_access(request.user, slug, Need.EDIT)
    return import_page(
        request,
        access=access,
        kind="fees",
        importer=imports.fees,
        form_class=imports.FeeUploadForm,
        template="members/import_fees.html",
        back_url=reverse("members:fees", kwargs={"slug": slug}),
        title=_("Importera medlemsavgifter från Excel"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def population_import(request, slug):
    access = get_access(request.user, slug, Need.EDIT)
    return import_page(
        request,
        access=access,
        kind="population",
        importer=imports.populations,
        form_class=imports.PopulationUploadForm,
        template="members/import_population.html",
        back_url=reverse("members:populations", kwargs={"slug": slug}),
        title=_("Importera befolkning från Excel"),
    )

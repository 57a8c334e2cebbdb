import datetime

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.timezone import now
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from finsam import dashboard, history
from finsam.access import Need, get_access, visible_associations
from finsam.forms import AssociationForm, DirectSelect
from finsam.lib import params
from finsam.lib.charts import bar_chart
from finsam.lib.periods import is_valid_plan_year
from finsam.models import DashboardVisit


@login_required
def home(request):
    associations = list(visible_associations(request.user))
    if len(associations) == 1:
        return redirect(associations[0])
    return render(request, "finsam/home.html", {"associations": associations})


def not_found(request, message: str):
    """The Swedish 404 page with a message, also where DEBUG would show Django's own."""
    return render(request, "404.html", {"message": message}, status=404)


RECENT_CHANGES = 10


def _dashboard(request, access, year: int, years: list[int], template: str):
    today = datetime.date.today()
    shown = dashboard.panels_for(access, year, today)
    figures = dashboard.key_figures(shown)
    context = {
        "access": access,
        "association": access.association,
        "year": year,
        "years": years,
        "panels": shown,
        "figures": figures,
        "chart": _figures_chart(year, figures),
        "variant": dashboard.variant_for(access),
    }
    if context["variant"] == dashboard.READER:
        since = _last_visit(request, access.association)
        context["since"] = since
        if since is not None:
            context["changes"], context["change_count"] = history.history_page(
                access.association, since=since, limit=RECENT_CHANGES
            )
    return render(request, template, context)


def _last_visit(request, association):
    """When the user's previous visit began (None the first time).

    A visit is a session: its first dashboard view records this moment as the user's visit and keeps the
    previous one in the session, so every page of the visit (a reload, another year) lists what changed since
    the visit before, not since a few seconds ago. Logging in starts a new visit (`dashboard.SINCE_KEY`).
    """
    kept = request.session.get(dashboard.SINCE_KEY, {})
    key = str(association.pk)
    if key in kept:
        return parse_datetime(kept[key]) if kept[key] else None
    visit = DashboardVisit.objects.filter(user=request.user, association=association).first()
    since = visit.seen_at if visit is not None else None
    if visit is None:
        DashboardVisit.objects.create(user=request.user, association=association, seen_at=now())
    else:
        visit.seen_at = now()
        visit.save(update_fields=["seen_at"])
    request.session[dashboard.SINCE_KEY] = {**kept, key: since.isoformat() if since else None}
    return since


def _figures_chart(year: int, figures):
    items = [(f.label, f.amount) for f in figures if f.amount is not None and f.amount >= 0]
    if not items:
        return None
    return bar_chart(title=_("Nyckeltal %(year)s") % {"year": year}, items=items)


@login_required
def association_start(request, slug):
    """The year dashboard, on the latest plan year with data."""
    access = get_access(request.user, slug)
    years = dashboard.years_with_data(access.association)
    year = dashboard.latest_year(access.association, years=years)
    return _dashboard(request, access, year, years, "finsam/association.html")


@login_required
def latest_year_page(request, slug, page):
    """A year's page (from the menu) on the latest year the page itself has data for (else the association's)."""
    access = get_access(request.user, slug)
    target = dashboard.year_page(page)
    if target is None:
        return not_found(request, _("Ingen sådan sida."))
    own = target.years(access.association) if target.years is not None else None
    year = max(own) if own else dashboard.latest_year(access.association)
    if target.year_in_query:
        # a list with no data at all opens as it is, and says so (never on an empty year of its own)
        query = f"?ar={year}" if own or own is None else ""
        return redirect(reverse(target.url_name, kwargs={"slug": slug}) + query)
    return redirect(target.url_name, slug=slug, year=year)


@login_required
def plan_year(request, slug, year):
    """The year dashboard of one plan year."""
    access = get_access(request.user, slug)
    if not is_valid_plan_year(year):
        return not_found(request, _("Året %(year)s ligger utanför de år som planeras.") % {"year": year})
    years = dashboard.years_with_data(access.association)
    return _dashboard(request, access, year, years, "finsam/plan_year.html")


@login_required
def association_edit(request, slug):
    access = get_access(request.user, slug, Need.EDIT)
    form = AssociationForm(request.POST or None, instance=access.association)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Uppgifterna om förbundet är sparade."))
        return redirect(access.association)
    return render(
        request,
        "finsam/association_form.html",
        {"access": access, "association": access.association, "form": form},
    )


HISTORY_PAGE_SIZE = 50
DATE_INPUT = forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d")
SELECT = {"class": "form-select"}


def _history_filterset(access, data):
    """person, kind of object and date range, validated by django-filter (bad input: a message, no filter)."""
    models_by_label = {model._meta.label_lower: model for model in history.audited_models()}
    kinds = sorted(
        ((label, str(m._meta.verbose_name_plural).capitalize()) for label, m in models_by_label.items()),
        key=lambda pair: pair[1],
    )
    # everyone who holds a role now, and everyone who changed anything (former staff, superusers)
    people = (
        get_user_model()
        .objects.filter(
            Q(grants__association=access.association)
            | Q(pk__in=history.people_in_history(access.association))
        )
        .distinct()
        .order_by("username")
    )

    class Filters(django_filters.FilterSet):
        typ = django_filters.ChoiceFilter(
            label=_("Slag av uppgifter"),
            choices=kinds,
            empty_label=_("Allt"),
            widget=DirectSelect(attrs=SELECT),
        )
        person = django_filters.ModelChoiceFilter(
            label=_("Person"), queryset=people, empty_label=_("Alla"), widget=DirectSelect(attrs=SELECT)
        )
        fran = django_filters.DateFilter(label=_("Från och med"), widget=DATE_INPUT)
        till = django_filters.DateFilter(label=_("Till och med"), widget=DATE_INPUT)

        class Meta:
            model = get_user_model()
            fields: list = []

    return Filters(data or None, queryset=people.none()), models_by_label


@login_required
def association_history(request, slug):
    access = get_access(request.user, slug, Need.VIEW_HISTORY)
    filters, models_by_label = _history_filterset(access, request.GET)
    chosen = filters.form.cleaned_data if filters.is_bound and filters.is_valid() else {}
    model = models_by_label.get(chosen.get("typ") or "")
    person = chosen.get("person")
    page_number = params.page_number(request.GET.get("sida"))

    def page(number):
        return history.history_page(
            access.association,
            models_=[model] if model else None,
            user_id=person.pk if person else None,
            date_from=chosen.get("fran"),
            date_to=chosen.get("till"),
            offset=(number - 1) * HISTORY_PAGE_SIZE,
            limit=HISTORY_PAGE_SIZE,
        )

    changes, total = page(page_number)
    pages = max((total + HISTORY_PAGE_SIZE - 1) // HISTORY_PAGE_SIZE, 1)
    if page_number > pages:  # past the end: the last page
        page_number = pages
        changes, total = page(page_number)
    query = request.GET.copy()
    query.pop("sida", None)
    context = {
        "access": access,
        "association": access.association,
        "changes": changes,
        "total": total,
        "filters": filters,
        "page_number": page_number,
        "pages": pages,
        "previous_page": page_number - 1 if page_number > 1 else None,
        "next_page": page_number + 1 if page_number < pages else None,
        "query": query.urlencode(),
        "first_row": (page_number - 1) * HISTORY_PAGE_SIZE + 1,
        "last_row": (page_number - 1) * HISTORY_PAGE_SIZE + len(changes),
    }
    return render(request, "finsam/history.html", context)


@login_required
@require_POST
def association_restore(request, slug, model, history_id):
    """Office staff bring back a deletion, with everything deleted or unlinked by it, from the history page."""
    access = get_access(request.user, slug, Need.EDIT)
    domain_model = {m._meta.label_lower: m for m in history.audited_models()}.get(model)
    if domain_model is None:
        raise Http404("Ingen sådan sorts uppgifter.")
    try:
        count = history.restore_deletion(
            access.association, model=domain_model, history_id=history_id, by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            ngettext("%(count)s rad är återställd.", "%(count)s rader är återställda.", count)
            % {"count": count},
        )
    return redirect("association_history", slug=slug)

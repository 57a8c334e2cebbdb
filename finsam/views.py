import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from finsam import history
from finsam.access import Need, get_access, visible_associations
from finsam.forms import AssociationForm
from finsam.lib.periods import is_valid_plan_year


def _plan_years(association, today: datetime.date) -> list[int]:
    """The years offered in the year menu: from the founding year (or ten years back) to next year."""
    first = association.founded.year if association.founded else today.year - 10
    return list(range(today.year + 1, first - 1, -1))


@login_required
def home(request):
    associations = list(visible_associations(request.user))
    if len(associations) == 1:
        return redirect(associations[0])
    return render(request, "finsam/home.html", {"associations": associations})


@login_required
def association_start(request, slug):
    access = get_access(request.user, slug)
    today = datetime.date.today()
    context = {
        "access": access,
        "association": access.association,
        "years": _plan_years(access.association, today),
        "current_year": today.year,
    }
    return render(request, "finsam/association.html", context)


@login_required
def plan_year(request, slug, year):
    access = get_access(request.user, slug)
    if not is_valid_plan_year(year):
        raise Http404("Året ligger utanför det som planeras.")
    today = datetime.date.today()
    context = {
        "access": access,
        "association": access.association,
        "year": year,
        "years": _plan_years(access.association, today),
    }
    return render(request, "finsam/plan_year.html", context)


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


HISTORY_LIMIT = 200


@login_required
def association_history(request, slug):
    access = get_access(request.user, slug, Need.VIEW_HISTORY)
    models_by_label = {model._meta.label_lower: model for model in history.audited_models()}
    chosen = request.GET.get("typ", "")
    model = models_by_label.get(chosen)
    changes = history.changes_for(access.association, model=model, limit=HISTORY_LIMIT)
    context = {
        "access": access,
        "association": access.association,
        "changes": changes,
        "limit": HISTORY_LIMIT,
        "model_choices": sorted(
            ((label, str(m._meta.verbose_name_plural).capitalize()) for label, m in models_by_label.items()),
            key=lambda pair: pair[1],
        ),
        "chosen": chosen if model else "",
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

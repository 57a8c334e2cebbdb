"""The plain create/edit/delete pages that every app has for its association-owned rows.

Views stay in the apps (they fetch access and the object through their scoped querysets); these helpers only do
the form round trip, so every edit page behaves the same: Swedish success message, nothing saved on bad input,
a confirmation page before deleting, and a clear message when a row is still in use.
"""

from django.contrib import messages
from django.contrib.admin.utils import NestedObjects
from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.db.models import ProtectedError
from django.shortcuts import redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext as _


def form_page(
    request,
    *,
    access,
    form,
    title: str,
    success_url: str,
    save=None,
    cancel_url: str | None = None,
    delete_url: str | None = None,
):
    """Show `form`; on a valid POST save it (with `save(form)` if given) and go to `success_url`."""
    if request.method == "POST" and form.is_valid():
        if save is not None:
            save(form)
        else:
            form.save()
        messages.success(request, _("Ändringarna är sparade."))
        return redirect(success_url)
    if request.method == "POST":
        messages.error(request, _("Uppgifterna är inte sparade. Rätta felen nedan."))
    context = {
        "access": access,
        "association": access.association,
        "form": form,
        "title": title,
        "cancel_url": cancel_url or success_url,
        "delete_url": delete_url,
    }
    return render(request, "finsam/object_form.html", context)


def deletion_preview(obj) -> dict:
    """What deleting `obj` takes with it, changes, or is stopped by, as the confirmation page lists it.

    Django's own collector (as the admin uses it) finds every row a deletion reaches; rows that only lose a
    link (SET_NULL, many-to-many) are listed apart from the rows that go.
    """
    collector = NestedObjects(using=router.db_for_write(type(obj)))
    collector.collect([obj])
    going = set()
    deleted: dict[str, list[str]] = {}
    for model, instances in collector.data.items():
        going.update((model, i.pk) for i in instances)
        if model._meta.auto_created:
            continue
        names = sorted(str(i) for i in instances if i.pk != obj.pk or model is not type(obj))
        if names:
            deleted.setdefault(capfirst(model._meta.verbose_name_plural), []).extend(names)
    changed = []
    for (model_field, _value), querysets in collector.field_updates.items():
        for rows in querysets:
            for row in rows:
                changed.append(
                    _("%(what)s ”%(row)s” förlorar sin koppling (%(field)s).")
                    % {
                        "what": capfirst(row._meta.verbose_name),
                        "row": row,
                        "field": model_field.verbose_name,
                    }
                )
    for model, instances in collector.data.items():
        if not model._meta.auto_created:
            continue
        for link in instances:
            for link_field in model._meta.fields:
                if not link_field.is_relation:
                    continue
                other = getattr(link, link_field.name)
                if (type(other), other.pk) not in going:
                    changed.append(
                        _("%(what)s ”%(row)s” förlorar sin koppling till ”%(gone)s”.")
                        % {"what": capfirst(other._meta.verbose_name), "row": other, "gone": obj}
                    )
    protected = sorted(f"{capfirst(p._meta.verbose_name)}: {p}" for p in collector.protected)
    return {"deleted": sorted(deleted.items()), "changed": sorted(set(changed)), "protected": protected}


def delete_page(request, *, access, obj, success_url: str, in_use_message: str, delete=None, note: str = ""):
    """GET asks for confirmation, listing every row that goes with it (and `note`, what else the deletion
    does); POST deletes (with `delete(obj)` if given, e.g. a service that also updates what depends on it), or
    explains why not."""
    if request.method == "POST":
        label = str(obj)
        try:
            with transaction.atomic():
                (delete or type(obj).delete)(obj)
        except ProtectedError:
            messages.error(request, in_use_message)
            return redirect(success_url)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(success_url)
        messages.success(
            request,
            _("”%(label)s” är borttagen. Den kan återställas från historiken.") % {"label": label},
        )
        return redirect(success_url)
    context = {
        "access": access,
        "association": access.association,
        "object": obj,
        "cancel_url": success_url,
        "in_use_message": in_use_message,
        "note": note,
        **deletion_preview(obj),
    }
    return render(request, "finsam/object_confirm_delete.html", context)

"""The plain create/edit/delete pages that every app has for its association-owned rows.

Views stay in the apps (they fetch access and the object through their scoped querysets); these helpers only do
the form round trip, so every edit page behaves the same: Swedish success message, nothing saved on bad input,
a confirmation page before deleting, and a clear message when a row is still in use.
"""

from django.contrib import messages
from django.db.models import ProtectedError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _


def form_page(
    request, *, access, form, title: str, success_url: str, save=None, cancel_url: str | None = None
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
    }
    return render(request, "finsam/object_form.html", context)


def delete_page(request, *, access, obj, success_url: str, in_use_message: str):
    """GET asks for confirmation; POST deletes, or explains why the row cannot go."""
    if request.method == "POST":
        label = str(obj)
        try:
            obj.delete()
        except ProtectedError:
            messages.error(request, in_use_message)
            return redirect(success_url)
        messages.success(request, _("”%(label)s” är borttagen.") % {"label": label})
        return redirect(success_url)
    context = {"access": access, "association": access.association, "object": obj, "cancel_url": success_url}
    return render(request, "finsam/object_confirm_delete.html", context)

from functools import update_wrapper

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from finsam.access import is_office_staff_anywhere


class FinsamAdminSite(admin.AdminSite):
    """The admin, open to superusers and to office staff (kansli) of at least one association.

    What office staff see inside is limited per model by `AssociationScopedAdmin`. There is no separate admin
    login: anonymous visitors go to the site's own login page, and a logged-in user without office rights
    gets 403 rather than a second login form.
    """

    site_header = _("FINSAM Admin – administration")
    site_title = _("FINSAM Admin")
    index_title = _("Administration")

    def has_permission(self, request) -> bool:
        return is_office_staff_anywhere(request.user)

    def _refuse(self, request):
        if request.user.is_authenticated:
            raise PermissionDenied
        return redirect_to_login(request.get_full_path())

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def guarded(request, *args, **kwargs):
            if not self.has_permission(request):
                return self._refuse(request)
            return inner(request, *args, **kwargs)

        return update_wrapper(guarded, inner)

    def login(self, request, extra_context=None):
        target = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = reverse("admin:index", current_app=self.name)
        if self.has_permission(request):
            return redirect(target)
        if request.user.is_authenticated:
            raise PermissionDenied
        return redirect_to_login(target)

from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class FinsamConfig(AppConfig):
    name = "finsam"
    verbose_name = _("Förbund och behörigheter")

    def ready(self) -> None:
        # registers checks, history signals, and the idle timeout's note at login
        from finsam import checks, history, middleware  # noqa: F401


class FinsamAdminConfig(AdminConfig):
    """The Django admin, on a site that lets office staff in for their own association only."""

    default_site = "finsam.admin_site.FinsamAdminSite"

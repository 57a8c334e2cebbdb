from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanConfig(AppConfig):
    """The annual plan (verksamhetsplan och budget): an app of its own that composes the others' tables."""

    name = "finsam.plan"
    label = "plan"
    verbose_name = _("Verksamhetsplan")

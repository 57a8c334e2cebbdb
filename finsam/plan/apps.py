from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PlanConfig(AppConfig):
    """The annual plan (verksamhetsplan och budget): an app of its own that composes the others' tables."""

    name = "finsam.plan"
    label = "plan"
    verbose_name = _("Verksamhetsplan")

    def ready(self) -> None:
        from finsam.demo_registry import register_demo
        from finsam.plan import dashboard, demo
        from finsam.plan.plan_blocks import register_blocks

        register_blocks()
        dashboard.register()
        register_demo("plan", demo.load, order=50)  # the plans show every other app's data
        post_migrate.connect(_archive_legacy_versions, sender=self)


def _archive_legacy_versions(sender, using="default", **kwargs) -> None:
    """Plans adopted before archives existed (migration 0005) get their document, PDF and workbook once.

    After migrating rather than in a migration, because rendering takes the product's own document code.
    """
    from finsam.plan.services import archive_pending_versions

    archive_pending_versions(using=using)

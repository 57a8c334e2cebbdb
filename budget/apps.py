from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class BudgetConfig(AppConfig):
    name = "budget"
    verbose_name = _("Budget")

    def ready(self) -> None:
        from budget import dashboard, demo
        from budget.plan_blocks import register_blocks
        from finsam.demo_registry import register_demo

        register_blocks()
        dashboard.register()
        register_demo("budget", demo.load, order=30)
        post_migrate.connect(_backfill_adoption_records, sender=self)


def _backfill_adoption_records(sender, using="default", **kwargs) -> None:
    """Versions adopted before adoption records existed get theirs once, from their frozen figures.

    Done after migrating rather than in a data migration because building a record takes the product's own
    computation (budget/feeds.py), which a migration should not import.
    """
    from budget.services import backfill_adoption_records

    backfill_adoption_records(using=using)

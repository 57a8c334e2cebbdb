from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "followup"
    verbose_name = _("Uppföljning")

    def ready(self) -> None:
        from finsam.demo_registry import register_demo
        from followup import dashboard, demo
        from followup.plan_blocks import register_blocks

        register_blocks()
        dashboard.register()
        register_demo("followup", demo.load, order=40)

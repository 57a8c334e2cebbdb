from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Medlemmar")

    def ready(self) -> None:
        from finsam.demo_registry import register_demo
        from members import dashboard, demo
        from members.plan_blocks import register_blocks

        register_blocks()
        dashboard.register()
        register_demo("members", demo.load, order=10)

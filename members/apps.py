from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Medlemmar")

    def ready(self) -> None:
        from members import dashboard
        from members.plan_blocks import register_blocks

        register_blocks()
        dashboard.register()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Insatser")

    def ready(self) -> None:
        from projects import dashboard
        from projects.plan_blocks import register_blocks

        register_blocks()
        dashboard.register()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Insatser")

    def ready(self) -> None:
        from finsam.demo_registry import register_demo
        from projects import dashboard, demo
        from projects.plan_blocks import register_blocks

        register_blocks()
        dashboard.register()
        register_demo("projects", demo.load, order=20)

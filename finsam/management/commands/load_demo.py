from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from finsam import demo

# Each app's demo part, in the order their data depend on each other.
APP_DEMOS = ["members.demo", "projects.demo", "budget.demo", "followup.demo", "finsam.plan.demo"]


class Command(BaseCommand):
    help = "Lägger in demodata för RAR i Sörmland och Landskrona-Svalöv (kan köras flera gånger)."

    @transaction.atomic
    def handle(self, *args, **options):
        associations = demo.load(stdout=self.stdout)
        for module_name in APP_DEMOS:
            try:
                module = import_module(module_name)
            except ModuleNotFoundError as error:
                if error.name != module_name:
                    raise
                continue
            module.load(associations, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demodata är inlagd."))

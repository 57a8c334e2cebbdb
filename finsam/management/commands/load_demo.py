from django.core.management.base import BaseCommand
from django.db import transaction

from finsam import demo
from finsam.demo_registry import demo_parts


class Command(BaseCommand):
    help = "Lägger in demodata för RAR i Sörmland och Landskrona-Svalöv (kan köras flera gånger)."

    @transaction.atomic
    def handle(self, *args, **options):
        associations = demo.load(stdout=self.stdout)
        # Each app's demo part, registered in its AppConfig.ready(), in the order their data depend on each other.
        for part in demo_parts():
            part.load(associations, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demodata är inlagd."))

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from finsam.models import Association
from finsam.plan.models import Plan, PlanKind
from finsam.plan.services import plan_files


class Command(BaseCommand):
    help = "Skriver en förbunds verksamhetsplan som PDF eller Excel, utan webbläsare."
    kind = PlanKind.PLAN
    missing = "{name} har ingen plan för {year}. Planer finns för: {years}."

    def add_arguments(self, parser):
        parser.add_argument("association", help="förbundets adressnamn, t.ex. rar-sormland")
        parser.add_argument("year", type=int)
        parser.add_argument("--format", choices=["pdf", "xlsx"], required=True)
        parser.add_argument("--output", required=True, help="filen som skrivs")

    def handle(self, *args, association, year, format, output, **options):
        found = Association.objects.filter(slug=association).first()
        if found is None:
            known = ", ".join(Association.objects.values_list("slug", flat=True)) or "inga"
            raise CommandError(f"Förbundet ”{association}” finns inte. Kända förbund: {known}.")
        plans = Plan.objects.filter(association=found, kind=self.kind)
        plan = plans.filter(year=year).select_related("association").first()
        if plan is None:
            years = ", ".join(str(y) for y in plans.values_list("year", flat=True))
            raise CommandError(self.missing.format(name=found.name, year=year, years=years or "inga år"))
        pdf, workbook = plan_files(plan)
        content = pdf if format == "pdf" else workbook
        try:
            Path(output).write_bytes(content)
        except OSError as error:
            raise CommandError(f"Kunde inte skriva {output}: {error.strerror}.") from error
        self.stdout.write(f"Skrev {output} ({len(content)} byte).")

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from budget.documents import budget_pdf, budget_workbook, filename
from budget.feeds import budget_view, current_version
from budget.models import Budget
from finsam.models import Association


class Command(BaseCommand):
    help = (
        "Skriver en budget som Excel eller PDF, utan webbläsare och utan plan: den fastställda versionen "
        "(eller senaste utkastet), eller den version som anges."
    )

    def add_arguments(self, parser):
        parser.add_argument("association", help="förbundets adressnamn, t.ex. rar-sormland")
        parser.add_argument("year", type=int, help="budgetens planår")
        parser.add_argument("--format", choices=["xlsx", "pdf"], default="xlsx")
        parser.add_argument(
            "--budget-version", type=int, dest="number", help="versionens nummer (standard: den som gäller)"
        )
        parser.add_argument(
            "--output", help="filen som skrivs (standard: ett namn efter förbund, år och version)"
        )

    def handle(self, *args, association, year, format, number, output, **options):
        found = Association.objects.filter(slug=association).first()
        if found is None:
            known = ", ".join(Association.objects.values_list("slug", flat=True)) or "inga"
            raise CommandError(f"Förbundet ”{association}” finns inte. Kända förbund: {known}.")
        budget = Budget.objects.filter(association=found, plan_year=year).prefetch_related("versions").first()
        if budget is None:
            years = ", ".join(
                str(y) for y in Budget.objects.filter(association=found).values_list("plan_year", flat=True)
            )
            raise CommandError(
                f"{found.name} har ingen budget för {year}. Budgetar finns för: {years or 'inga år'}."
            )
        versions = {v.number: v for v in budget.versions.all()}
        version = versions.get(number) if number else current_version(budget)
        if version is None:
            known = ", ".join(str(n) for n in sorted(versions)) or "inga"
            raise CommandError(f"Budgeten för {year} har ingen version {number}. Versioner: {known}.")
        view = budget_view(version)
        content = budget_workbook(view, found) if format == "xlsx" else budget_pdf(view, found)
        output = output or filename(found, view, version.number, format)
        try:
            Path(output).write_bytes(content)
        except OSError as error:
            raise CommandError(f"Kunde inte skriva {output}: {error.strerror}.") from error
        self.stdout.write(f"Skrev {output} ({len(content)} byte, version {version.number}).")

from finsam.plan.management.commands import export_plan
from finsam.plan.models import PlanKind


class Command(export_plan.Command):
    help = "Skriver en förbunds verksamhetsberättelse som PDF eller Excel, utan webbläsare."
    kind = PlanKind.REPORT
    missing = "{name} har ingen verksamhetsberättelse för {year}. Verksamhetsberättelser finns för: {years}."

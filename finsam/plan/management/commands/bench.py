"""`make bench`: the RAR 2023 plan's PDF against bare WeasyPrint on the same HTML, in interleaved pairs.

A (the product: data, document, HTML and PDF) and B (WeasyPrint alone, same HTML and options) run in turns,
A B A B …, so a slower moment of a shared machine falls on both alike; the median of the per-pair ratios A/B is
the product's cost over WeasyPrint. The workbook is timed after.
"""

import gc
import statistics
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from finsam.lib.pdf import PDF_OPTIONS
from finsam.plan.blocks import workbook_extras
from finsam.plan.document import build_document
from finsam.plan.models import Plan
from finsam.plan.pdf import plan_html, plan_pdf
from finsam.plan.workbook import plan_workbook

RATIO_LIMIT = 1.10


def _seconds(function) -> float:
    gc.collect()  # the previous run's garbage is not collected on this run's clock
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def interleaved_ratios(product, bare, pairs: int) -> tuple[list[float], list[float], list[float]]:
    """Per pair (product, bare, product/bare), running product then bare each time."""
    products, bares, ratios = [], [], []
    for _ in range(pairs):
        a = _seconds(product)
        b = _seconds(bare)
        products.append(a)
        bares.append(b)
        ratios.append(a / b)
    return products, bares, ratios


class Command(BaseCommand):
    help = "Mäter RAR:s plan 2023 som PDF mot WeasyPrint ensam (växelvis, A B A B …) och som Excel."

    def add_arguments(self, parser):
        parser.add_argument("--pairs", type=int, default=9)

    def handle(self, *args, pairs, **options):
        from weasyprint import HTML

        plans = Plan.objects.filter(association__slug="rar-sormland", year=2023, kind="plan")
        plan = plans.first()
        if plan is None:
            call_command("load_demo", stdout=open("/dev/null", "w"))
            plan = plans.get()
        html = plan_html(build_document(plan))
        extras = workbook_extras(plan)

        def product():
            plan_pdf(build_document(plan))

        def bare():
            HTML(string=html, base_url=".").write_pdf(**PDF_OPTIONS)

        product()  # warm up fonts, templates and caches for both
        bare()
        products, bares, ratios = interleaved_ratios(product, bare, pairs)
        workbook = statistics.median(
            _seconds(lambda: plan_workbook(build_document(plan), extras)) for _ in range(5)
        )
        ratio = statistics.median(ratios)
        self.stdout.write(f"RAR 2023, {pairs} par växelvis (A B A B …):")
        self.stdout.write(
            f"  A: PDF (data, HTML och WeasyPrint), median: {statistics.median(products) * 1000:8.1f} ms"
        )
        self.stdout.write(
            f"  B: WeasyPrint ensam, samma HTML, median:    {statistics.median(bares) * 1000:8.1f} ms"
        )
        self.stdout.write(f"  median av kvoterna A/B: {ratio:.3f}  (mål: högst {RATIO_LIMIT:.2f})")
        self.stdout.write(f"  Excel-arbetsbok, median: {workbook * 1000:8.1f} ms  (mål: klart under 1 s)")
        if ratio > RATIO_LIMIT:
            raise CommandError(f"Kvoten {ratio:.3f} är över {RATIO_LIMIT:.2f}.")

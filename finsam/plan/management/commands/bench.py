"""`make bench`: how long the RAR 2023 plan's documents take, and what WeasyPrint alone takes for the same HTML."""

import statistics
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand

from finsam.lib.pdf import render_pdf
from finsam.plan.blocks import workbook_extras
from finsam.plan.document import build_document
from finsam.plan.models import Plan
from finsam.plan.pdf import plan_html, plan_pdf
from finsam.plan.workbook import plan_workbook


def _median_seconds(function, runs: int) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


class Command(BaseCommand):
    help = "Mäter hur lång tid RAR:s plan 2023 tar att bygga som PDF och Excel (medianer)."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=7)

    def handle(self, *args, runs, **options):
        plan = Plan.objects.filter(association__slug="rar-sormland", year=2023).first()
        if plan is None:
            call_command("load_demo", stdout=open("/dev/null", "w"))
            plan = Plan.objects.get(association__slug="rar-sormland", year=2023)
        html = plan_html(build_document(plan))
        extras = workbook_extras(plan)
        render_pdf(html)  # warm up fonts and caches
        weasyprint_only = _median_seconds(lambda: render_pdf(html), runs)
        whole_pdf = _median_seconds(lambda: plan_pdf(build_document(plan)), runs)
        workbook = _median_seconds(lambda: plan_workbook(build_document(plan), extras), runs)
        overhead = (whole_pdf - weasyprint_only) / weasyprint_only * 100
        self.stdout.write(f"Medianer över {runs} körningar, RAR 2023:")
        self.stdout.write(f"  PDF (data, HTML och WeasyPrint): {whole_pdf * 1000:8.1f} ms")
        self.stdout.write(f"  WeasyPrint ensam, samma HTML:    {weasyprint_only * 1000:8.1f} ms")
        self.stdout.write(f"  produktens tillägg:              {overhead:8.1f} %  (mål: under 20 %)")
        self.stdout.write(
            f"  Excel-arbetsbok:                 {workbook * 1000:8.1f} ms  (mål: klart under 1 s)"
        )

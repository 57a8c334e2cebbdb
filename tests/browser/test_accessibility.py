"""WCAG 2.1 AA on every main page, as each demo role, on a wide and a narrow screen.

axe-core comes from the npm registry at setup (`make install`, into build/npm); the test injects it into each page
and fails on any serious or critical violation. At 390 px the page itself must not scroll sideways: wide tables
scroll inside their own (focusable, labelled) region. One browser, one login per role, every page in one loop.
"""

import json
import os
from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "build" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.exists():
        message = f"axe-core saknas ({AXE}); installera med: make install (kräver npm)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message + " (REQUIRE_BROWSER=1)")
        pytest.skip(message)
    return AXE.read_text(encoding="utf-8")


def _main_pages(role: str) -> list[str]:
    """Every main page a role can open: lists, documents, follow-up, and the office's forms."""
    from budget.feeds import current_version
    from budget.models import Budget
    from finsam.plan.models import Plan
    from followup.models import PeriodReport
    from projects.models import Application, Project

    slug = "rar-sormland"
    budget = Budget.objects.filter(association__slug=slug).order_by("-plan_year").first()
    report = PeriodReport.objects.filter(project__association__slug=slug).order_by("-year").first()
    project = Project.objects.filter(association__slug=slug).order_by("pk").first()
    plan = Plan.objects.filter(association__slug=slug).order_by("-year").first()
    year = report.year
    pages = [
        f"/{slug}/",
        f"/{slug}/2023/",
        f"/{slug}/medlemmar/",
        f"/{slug}/medlemsavgifter/",
        f"/{slug}/befolkning/",
        f"/{slug}/styrelse/",
        f"/{slug}/insatser/",
        f"/{slug}/insatser/rekvisitioner/",
        f"/{slug}/insatser/{project.pk}/",
        f"/{slug}/ansokningar/",
        f"/{slug}/budget/",
        f"/{slug}/budget/rader/",
        f"/{slug}/{budget.plan_year}/budget/",
        f"/{slug}/{year}/uppfoljning/",
        f"/{slug}/{year}/uppfoljning/insatser/{report.project_id}/",
        f"/{slug}/{year}/uppfoljning/aktiviteter/",
        f"/{slug}/{year}/uppfoljning/nationell-rapport/",
        f"/{slug}/{year}/uppfoljning/forsorjningsmatt/",
        f"/{slug}/2023/plan/",
        f"/{slug}/2023/plan/versioner/",
        f"/{slug}/planer/",
        f"/{slug}/2023/verksamhetsberattelse/",
    ]
    if role != "styrelse":
        pages.append(f"/{slug}/historik/")
    if role == "kansli":
        section = plan.sections.filter(kind="text").first()
        applications = Application.objects.filter(association__slug=slug).order_by("pk")
        application = applications.first()
        undecided = applications.filter(decisions__isnull=True).first()
        pages += [
            f"/{slug}/{budget.plan_year}/budget/v{current_version(budget).number}/andra/",
            f"/{slug}/{budget.plan_year}/budget/utfall/",
            f"/{slug}/budget/installningar/",
            f"/{slug}/{year}/uppfoljning/insatser/{report.project_id}/period/{report.period}/",
            f"/{slug}/{year}/uppfoljning/aktiviteter/ny/",
            f"/{slug}/paminnelser/",
            f"/{slug}/ansokningar/ny/",
            f"/{slug}/insatser/ny/",
            f"/{slug}/insatser/{project.pk}/andra/",
            f"/{slug}/insatser/{project.pk}/belopp/",
            f"/{slug}/medlemsavgifter/nytt-ar/",
            f"/{slug}/andra/",
            f"/{slug}/{plan.year}/plan/avsnitt/ny/",
        ]
        # the demo's own rows where it has them (a text section, applications)
        pages += [f"/{slug}/{plan.year}/plan/avsnitt/{s.pk}/andra/" for s in [section] if s is not None]
        pages += [f"/{slug}/ansokningar/{a.pk}/andra/" for a in [application] if a is not None]
        pages += [f"/{slug}/ansokningar/{a.pk}/beslut/" for a in [undecided] if a is not None]
    return pages


# Rules outside the WCAG tags that we hold the pages to as well, at any impact: an empty table header (a row
# header with no text) leaves a screen reader's row without a name.
EXTRA_RULES = ["empty-table-header"]


def _serious(page) -> list[str]:
    result = page.evaluate(
        """async ([tags, extra]) => {
            const ids = axe.getRules(tags)
                .filter((rule) => !rule.tags.includes("experimental"))
                .map((rule) => rule.ruleId)
                .concat(extra);
            return (await axe.run(document, {runOnly: {type: "rule", values: ids},
                                             resultTypes: ["violations"]})).violations;
        }""",
        [WCAG_AA, EXTRA_RULES],
    )
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
        for v in result
        if v["impact"] in ("serious", "critical") or v["id"] in EXTRA_RULES
    ]


def test_every_main_page_passes_axe_and_fits_a_phone_for_every_role(live_server, browser, axe_source):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    failures = []
    for role in ("kansli", "styrelse", "revisor"):
        context = browser.new_context(locale="sv-SE", viewport={"width": 1366, "height": 900})
        context.add_init_script(axe_source)  # axe in every page as it loads
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(f"{live_server.url}/konto/logga-in/")
        page.get_by_label("Användarnamn").fill(role)
        page.get_by_label("Lösenord").fill("finsam-demo-2026")
        page.get_by_role("button", name="Logga in").click()
        page.wait_for_url(f"{live_server.url}/")
        for path in _main_pages(role):
            page.set_viewport_size({"width": 1366, "height": 900})
            response = page.goto(f"{live_server.url}{path}")
            if response.status != 200:
                failures.append(f"{role} {path}: HTTP {response.status}")
                continue
            for problem in _serious(page):
                failures.append(f"{role} {path} @1366: {problem}")
            page.set_viewport_size({"width": 390, "height": 844})
            width = page.evaluate("() => document.documentElement.scrollWidth")
            if width > 390:
                failures.append(f"{role} {path} @390: the page scrolls sideways ({width} px)")
            for problem in _serious(page):
                failures.append(f"{role} {path} @390: {problem}")
        context.close()
    assert not failures, json.dumps(failures, indent=1, ensure_ascii=False)

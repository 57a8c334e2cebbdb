"""National-scale data for the benchmark: `manage.py generate_national --associations 80 --years 20`.

Every row goes through the product's own models and services (members and fee years, populations, projects
registered with a granted decision and their yearly amounts split pro rata, budgets with their columns and
amounts, a plan per year with the standard sections), so the data looks like what office staff would have
entered. Figures come from a seeded generator: the same arguments give the same data. Associations are named
`nat-01`, `nat-02`, …; one that exists already is skipped, so an interrupted run can be continued.
Two more, `nat-stor-1` and `nat-stor-2`, hold one plan year with 160 running projects each: the largest plans an
association has, whose PDFs the benchmark renders while it measures the start page.
A user `bench` (password: DEMO_PASSWORD) is office staff in all of them, for the benchmark client.
"""

import datetime
import random
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from budget.models import BudgetLine, LineGroup, LineKind
from budget.services import create_budget, default_columns, save_amounts
from finsam.models import AccessGrant, Association, Role
from finsam.plan.services import create_plan
from members.models import (
    AgeBand,
    FeeStatus,
    FeeYear,
    MemberKind,
    MemberOrganisation,
    Population,
    SplitMethod,
)
from projects.models import Decision, Project, ProjectStatus
from projects.services import register_project

BENCH_USER = "bench"
PROJECTS_PER_YEAR = 8  # a plan year then shows some 20 running projects, an association 160 over 20 years
LARGE_PLANS = 2
LARGE_PLAN_PROJECTS = 160  # all running in the plan year: the plan PDF of the largest association
COST_LINES = ["Styrelse", "Kansli", "Lokaler", "Revision", "Utvärdering", "Kunskapsförmedling"]


class Command(BaseCommand):
    help = "Bygger nationell testdata (förbund × år) genom produktens egna modeller, för make bench-scale."

    def add_arguments(self, parser):
        parser.add_argument("--associations", type=int, default=80)
        parser.add_argument("--years", type=int, default=20)
        parser.add_argument("--first-year", type=int, default=2006)
        parser.add_argument("--seed", type=int, default=2003)
        parser.add_argument(
            "--large-plans",
            type=int,
            default=LARGE_PLANS,
            help=f"förbund med en planår med {LARGE_PLAN_PROJECTS} insatser (nat-stor-1 …)",
        )

    def handle(self, *args, associations, years, first_year, seed, large_plans, **options):
        user = _bench_user()
        started = time.monotonic()
        for number in range(1, associations + 1):
            slug = f"nat-{number:02d}"
            if Association.objects.filter(slug=slug).exists():
                self._progress(number, associations, started, f"{slug} finns redan")
                continue
            rng = random.Random(f"{seed}-{number}")
            with transaction.atomic():
                association = _association(slug, number, user)
                _generate(association, rng, range(first_year, first_year + years))
            self._progress(number, associations, started, slug)
        last_year = first_year + years - 1
        for number in range(1, large_plans + 1):
            slug = large_plan_slug(number)
            if Association.objects.filter(slug=slug).exists():
                continue
            rng = random.Random(f"{seed}-stor-{number}")
            with transaction.atomic():
                association = _association(slug, 100 + number, user)
                _generate(association, rng, range(last_year, last_year + 1), projects=LARGE_PLAN_PROJECTS)
            self.stdout.write(f"{slug}: {LARGE_PLAN_PROJECTS} insatser {last_year}")
        _analyze()
        self.stdout.write(
            f"Klart: {associations} förbund × {years} år på {time.monotonic() - started:.0f} s."
        )

    def _progress(self, done, total, started, what):
        elapsed = time.monotonic() - started
        bar = "#" * (30 * done // total)
        remaining = elapsed / done * (total - done)
        self.stdout.write(f"[{bar:<30}] {done}/{total} {what} ({elapsed:.0f} s, ~{remaining:.0f} s kvar)")
        self.stdout.flush()


def _analyze() -> None:
    """The planner's statistics for what was just written, as autovacuum would gather them on a server in use
    (a server with autovacuum off, as on a test machine, would otherwise plan with none and measure that)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def large_plan_slug(number: int) -> str:
    return f"nat-stor-{number}"


def _bench_user():
    user, created = get_user_model().objects.get_or_create(username=BENCH_USER)
    if created:
        user.set_password(settings.DEMO_PASSWORD)
        user.save()
    return user


def _association(slug, number, user) -> Association:
    association = Association(
        slug=slug, name=f"Samordningsförbundet Nationellt {number:02d}", short_name=f"Nat {number:02d}"
    )
    association.full_clean()
    association.save()
    AccessGrant.objects.create(user=user, association=association, role=Role.KANSLI)
    return association


def _generate(association, rng: random.Random, years: range, projects: int = PROJECTS_PER_YEAR) -> None:
    municipalities = _members(association, rng)
    lines = _budget_lines(association, years.start)
    for year in years:
        reference_date = datetime.date(year - 1, 11, 1)
        for member in municipalities:
            Population.objects.create(
                member=member,
                reference_date=reference_date,
                age_band=AgeBand.AGE_16_64,
                inhabitants=rng.randint(4_000, 120_000),
            )
        fee_year = FeeYear(
            association=association,
            year=year,
            total=rng.randrange(4_000_000, 40_000_000, 1_000),  # kronor
            status=FeeStatus.FINAL,
            split_method=SplitMethod.POPULATION,
            population_date=reference_date,
        )
        fee_year.full_clean()
        fee_year.save()
        for index in range(projects):
            _project(association, rng, year, index, municipalities)
        _budget(association, rng, year, lines)
        create_plan(association=association, year=year)


def _members(association, rng) -> list[MemberOrganisation]:
    for name, kind in (
        ("Försäkringskassan", MemberKind.FORSAKRINGSKASSAN),
        ("Arbetsförmedlingen", MemberKind.ARBETSFORMEDLINGEN),
        (f"Region {association.short_name}", MemberKind.REGION),
    ):
        MemberOrganisation.objects.create(association=association, name=name, kind=kind)
    return [
        MemberOrganisation.objects.create(
            association=association,
            name=f"Kommun {number} ({association.short_name})",
            kind=MemberKind.MUNICIPALITY,
        )
        for number in range(1, rng.randint(3, 9) + 1)
    ]


def _project(association, rng, year, index, municipalities) -> None:
    start = datetime.date(year, rng.randint(1, 9), 1)
    months = rng.choice([12, 24, 36])
    end = datetime.date(start.year + months // 12, start.month, 1) - datetime.timedelta(days=1)
    owner = rng.choice(municipalities)
    project = Project(
        association=association,
        name=f"Insats {year}-{index + 1:02d}",
        owner=owner,
        focus="Stöd till arbete eller studier",
        start=start,
        end=end,
        status=ProjectStatus.ENDED if end.year < year + 1 else ProjectStatus.RUNNING,
    )
    decision = Decision(granted_amount=rng.randrange(200_000, 4_000_000, 1_000))  # kronor
    register_project(project=project, decision=decision, area=[owner.pk])


def _budget_lines(association, first_year) -> dict[str, BudgetLine]:
    specs = [
        ("fees", "Medlemsavgifter", LineGroup.INCOME, LineKind.MEMBER_FEES),
        ("income_sum", "S:a intäkter", LineGroup.INCOME, LineKind.SUBTOTAL),
        ("projects", "Insatser", LineGroup.COSTS, LineKind.PROJECTS),
        *[(name, name, LineGroup.COSTS, LineKind.ENTERED) for name in COST_LINES],
        ("cost_sum", "S:a kostnader", LineGroup.COSTS, LineKind.SUBTOTAL),
        ("result", "Resultat", LineGroup.COSTS, LineKind.RESULT),
    ]
    lines = {}
    for position, (key, name, group, kind) in enumerate(specs, start=1):
        line = BudgetLine(
            association=association,
            name=name,
            group=group,
            kind=kind,
            position=position * 10,
            first_year=first_year,
        )
        line.full_clean()
        line.save()
        lines[key] = line
    return lines


def _budget(association, rng, year, lines) -> None:
    budget = create_budget(
        association=association,
        plan_year=year,
        title=f"Budget {year}",
        columns=default_columns(year, forecast=True, plan_years_after=2),
    )
    version = budget.versions.get()
    values = {
        (lines[name].pk, column_year): rng.randrange(50_000, 2_000_000, 1_000)  # kronor
        for name in COST_LINES
        for column_year in range(year - 1, year + 3)
    }
    save_amounts(version=version, values=values)

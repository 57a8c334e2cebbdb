"""Every form office staff can post, fed hostile values: never a 5xx, never a silent change.

The fuzzer finds the forms the way a user would: it crawls the demo association as office staff, and opens the
admin's add and change form of every domain model (a row of each is seeded where the demo has none). It checks
against the URL resolver that every page of the apps was reached, and that every form was posted. Each form is
then posted with one field at a time set to values of one shared list, and to values hypothesis draws with a
strategy for the field's type (whole numbers, kronor, decimals, dates, text, choices). For every post:
- the answer is never a 5xx;
- a refused post (the form shown again, a 4xx, or a redirect with an error message) leaves every domain table,
  many-to-many links included, exactly as it was;
- an accepted post stored what was sent, read back from the database (after the documented normalisation:
  surrounding whitespace removed, numbers and dates in their canonical form, `1 000` and `1,5` read as numbers,
  0 and empty alike for a figure).
Each post runs in a savepoint that is rolled back, so every post starts from the same demo data.
"""

import datetime
import re
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from html import unescape
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib import admin
from django.contrib.messages import constants, get_messages
from django.core.management import call_command
from django.db import transaction
from django.test import Client, RequestFactory
from django.urls import Resolver404, get_resolver, resolve, reverse
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from finsam.fields import MAX_KRONOR
from finsam.history import audited_models
from tests.forms import page_forms

# Marking the module makes pytest-django set up the test database even when only these tests run; without a
# django_db test in the session, the module fixture below would reach the development database.
pytestmark = pytest.mark.django_db

SLUG = "rar-sormland"
HOSTILE = [
    "",
    "   ",
    "100000000000000000000",  # 10^20
    "-1",
    "0",
    "1,5",
    "1 000",
    "a\x00b",
    "x" * 10_000,
    "😀 שלום עולם",
    "2023-02-30",
    "0001-01-01",
    "<script>alert(1)</script>",
    "=1+1",
    "@SUM(A1)",
    "²",  # a digit to str.isdigit(), not to int()
]
# The values most likely to break each kind of field, sent to every field of that kind; the rest of the list
# reaches every kind in turn (and each value every kind at least once: see `plan_posts`).
KILLERS = {
    "amount": ["100000000000000000000", "-1", "²"],
    "integer": ["100000000000000000000", "-1", "²"],
    "decimal": ["100000000000000000000"],
    "date": ["0001-01-01"],
    "text": ["a\x00b"],
    "textarea": ["a\x00b", "x" * 10_000],
    "choice": ["=1+1"],
}
FIGURES = ("amount", "integer", "decimal")
STORED_KINDS = (*FIGURES, "date", "text", "textarea")  # kinds whose accepted value is read back
# Fields the fuzzer leaves as the page filled them: bookkeeping, not user input.
BOOKKEEPING = re.compile(
    r"(^|-)(csrfmiddlewaretoken|history_marker|TOTAL_FORMS|INITIAL_FORMS|MIN_NUM_FORMS|MAX_NUM_FORMS|id)$"
)
# Pages the crawl does not enter: other years than the two with the most data, language and account pages.
YEARS = {"2010", "2023"}
NOT_TYPED = {"hidden", "submit", "button", "image", "reset", "file"}
PER_ROUTE = 2  # pages of one route that are crawled (e.g. two projects' pages)
PER_FAMILY = 2  # fields of one family fuzzed per form (cell_5_2010, cell_6_2010, …: the same field again)
DOMAIN_APPS = {"budget", "followup", "members", "projects", "plan"}


@dataclass(repr=False)
class Form:
    url: str  # the page that shows it
    action: str
    route: str
    fields: dict[str, list[str]]  # as the page filled them
    kinds: dict[str, str] = field(default_factory=dict)
    attributes: dict[str, dict] = field(default_factory=dict)
    options: dict[str, list[str]] = field(default_factory=dict)

    def __repr__(self) -> str:  # short, so a failing hypothesis example does not print every field
        return f"<form {self.route} {self.action}>"

    def kind(self, name: str) -> str:
        """The field's kind as the fuzzer tells them apart: its input type, with number fields split into
        kronor (the kronor fields' bound is in the page), other whole numbers and decimals."""
        kind, attributes = self.kinds.get(name, "text"), self.attributes.get(name, {})
        if "vDateField" in attributes.get("class", ""):
            return "date"  # the admin's date input
        if kind == "number":
            if attributes.get("step") not in (None, "1"):
                return "decimal"
            if str(MAX_KRONOR) in (attributes.get("max"), attributes.get("min", "").lstrip("-")):
                return "amount"
            return "integer"
        if kind in ("select", "radio", "checkbox"):
            return "choice"
        return kind if kind in ("date", "textarea") else "text"

    def fuzzable(self) -> list[str]:
        """The user's fields, at most PER_FAMILY of each family."""
        families: Counter = Counter()
        names = []
        for name in self.fields:
            if BOOKKEEPING.search(name) or self.kinds.get(name) in NOT_TYPED:
                continue
            family = re.sub(r"\d+", "N", name)
            families[family] += 1
            if families[family] <= PER_FAMILY:
                names.append(name)
        return names


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=open("/dev/null", "w"))
        _complete_the_demo()
        from django.contrib.auth import get_user_model

        yield get_user_model().objects.get(username="kansli")
        call_command("flush", "--no-input", verbosity=0)


def _complete_the_demo():
    """What the demo lacks for every page and admin form to have something to edit: a round with an
    application, a requisition, a revised budget (two versions to compare), a structure-oriented project with
    its report, and one row of each domain model the demo has none of."""
    from budget import services as budget_services
    from budget.models import BudgetLine, BudgetVersion, EquityCeilingStep, Outcome, StateAllocationBasis
    from finsam.plan.models import Plan, RiskItem
    from followup.models import BenefitSum, FollowupSettings, StructuralReport
    from members.models import BoardSeat, MemberKind, MemberOrganisation, Population, PreparatoryGroupMember
    from projects.models import Application, ApplicationRound, Decision, Project, ProjectKind, Requisition

    association = MemberOrganisation.objects.filter(association__slug=SLUG).first().association
    members = MemberOrganisation.objects.filter(association=association)
    municipality = members.filter(kind=MemberKind.MUNICIPALITY).first()
    spring = ApplicationRound.objects.create(
        association=association, name="Våren 2023", deadline=datetime.date(2023, 3, 1)
    )
    Application.objects.create(
        association=association, round=spring, name="Vägen vidare", start=datetime.date(2023, 9, 1),
        end=datetime.date(2025, 8, 31), applicant=members.first(),
    )  # fmt: skip
    for project in Project.objects.filter(association=association):
        Requisition.objects.create(
            project=project,
            period_start=datetime.date(2023, 1, 1),
            period_end=datetime.date(2023, 6, 30),
            amount=1,
        )
    adopted = BudgetVersion.objects.get(budget__association=association, budget__plan_year=2010)
    budget_services.revise(version=adopted, revised_on=datetime.date(2010, 3, 1), reason="ny prognos")
    structural = Project.objects.create(
        association=association, number="S1", name="Samverkan i länet", owner=members.first(),
        kind=ProjectKind.STRUCTURAL, start=datetime.date(2023, 1, 1), end=datetime.date(2024, 12, 31),
    )  # fmt: skip
    Decision.objects.create(
        association=association, project=structural, decided_on=datetime.date(2022, 12, 1), reference="22-9",
        granted_amount=200_000,
    )  # fmt: skip
    structural.year_amounts.create(year=2023, amount=100_000)
    structural.year_amounts.create(year=2024, amount=100_000)
    rows = [
        StructuralReport(project=structural, year=2023, period=1, activities=3),
        EquityCeilingStep(association=association, up_to=10_000_000, max_share=Decimal("20")),
        Outcome(line=BudgetLine.objects.filter(association=association).first(), year=2008, amount=1),
        StateAllocationBasis(
            association=association,
            year=2024,
            statistics_year=2022,
            national_amount=300_000_000,
            associations=80,
            national_population=6_500_000,
            national_benefits=1_000_000_000,
        ),  # fmt: skip
        FollowupSettings(association=association),
        BenefitSum(member=municipality, year=2023, half=1, amount=1_000_000),
        Population(
            member=municipality,
            reference_date=datetime.date(2021, 11, 1),
            age_band="16-64",
            inhabitants=9_000,
        ),
        PreparatoryGroupMember(member=municipality, person_name="Anna Andersson"),
        BoardSeat(
            member=municipality, person_name="Bo Berg", role="ledamot", term_from=datetime.date(2023, 1, 1)
        ),
        RiskItem(
            plan=Plan.objects.filter(association=association, status="draft").order_by("-year").first(),
            risk="Medlemmarnas bidrag minskar",
            control="Följs upp varje kvartal",
        ),
    ]
    for row in rows:
        model = type(row)
        if not model.objects.filter(**{model.association_path: association}).exists():
            row.full_clean()
            row.save()


def _domain_models():
    """Every domain table: the audited models, the documents of record and the reminders sent, with the link
    tables of their many-to-many fields."""
    from budget.models import BudgetRecord
    from finsam.plan.models import PlanVersion
    from followup.models import ReminderLog

    models = [*audited_models(), BudgetRecord, PlanVersion, ReminderLog]
    links = [
        many.remote_field.through
        for model in models
        for many in model._meta.local_many_to_many
        if many.remote_field.through._meta.auto_created
    ]
    return models + links


def rows() -> dict[str, dict]:
    """Every row of every domain table: {table: {pk: (column values…)}} (history excluded: it is where changes
    are written)."""
    return {
        model._meta.label: dict(
            (row[0], row) for row in model._default_manager.values_list("pk", *_columns(model))
        )
        for model in _domain_models()
    }


def _columns(model) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields]


def _changed_rows(before: dict, after: dict) -> list[dict]:
    """The rows a post added or changed, as {column: value}."""
    from django.apps import apps

    changed = []
    for label, table in after.items():
        names = ["pk", *_columns(apps.get_model(label))]
        old = before[label]
        changed += [dict(zip(names, row, strict=True)) for pk, row in table.items() if old.get(pk) != row]
    return changed


def _differences(before: dict, after: dict) -> list[str]:
    return [label for label in after if after[label] != before[label]]


def _admin_models():
    return [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in DOMAIN_APPS
    ]


def _admin_urls(user) -> list[str]:
    """The add form of every domain model in the admin, and the change form of one row the user may change."""
    from finsam.models import Association

    association = Association.objects.get(slug=SLUG)
    request = RequestFactory().get("/admin/")
    request.user = user
    urls = []
    for model, model_admin in _admin_models():
        info = (model._meta.app_label, model._meta.model_name)
        urls.append(reverse("admin:{}_{}_add".format(*info)))
        scoped = model._default_manager.filter(**{model.association_path: association}).order_by("pk")
        row = next((row for row in scoped[:50] if model_admin.has_change_permission(request, row)), None)
        row = row or scoped.first()
        assert row is not None, f"seed a {model.__name__} in _complete_the_demo"
        urls.append(reverse("admin:{}_{}_change".format(*info), args=[row.pk]))
    return urls


def _variant_urls() -> list[str]:
    """Pages whose form differs by what they show, opened first so the crawl's PER_ROUTE does not skip them:
    the period report of a structure-oriented and of an individual-oriented project."""
    from projects.models import Project, ProjectKind

    projects = Project.objects.filter(association__slug=SLUG)
    structural = projects.get(kind=ProjectKind.STRUCTURAL, number="S1")
    individual = projects.filter(kind=ProjectKind.INDIVIDUAL).order_by("pk").first()
    return [
        reverse("followup:period", kwargs={"slug": SLUG, "year": 2023, "pk": project.pk, "period": 1})
        for project in (structural, individual)
    ]


def _wanted(url: str) -> bool:
    path = urlsplit(url).path
    if path.startswith("/admin/"):
        parts = path.strip("/").split("/")
        return (
            len(parts) <= 5
            and not {"history", "delete", "auth", "axes", "otp_totp", "finsam"} & set(parts)
            and "?" not in path
        )
    if not path.startswith(f"/{SLUG}/"):
        return False
    plan_year = re.match(rf"/{SLUG}/(\d+)/", path)
    return (plan_year is None or plan_year.group(1) in YEARS) and not path.endswith(("/pdf/", "/excel/"))


def crawl(client, first: list[str], errors: list, statuses: dict) -> dict[str, str]:
    """url -> HTML of every page reached from `first`, the association's start page and the admin index; a
    page that answers with a server error is added to `errors`, every answer's status to `statuses`."""
    seen_routes: dict[str, int] = {}
    pages: dict[str, str] = {}
    queue = deque(
        [
            *first,
            f"/{SLUG}/",
            f"/{SLUG}/2010/",
            f"/{SLUG}/2023/",
            f"/{SLUG}/insatser/?ar=2023",
            f"/{SLUG}/styrelse/?ar=2023",
            "/admin/",
        ]
    )
    while queue:
        url = queue.popleft()
        if url in pages or url in statuses:
            continue
        try:
            match = resolve(urlsplit(url).path)
        except Resolver404:
            continue
        route = match.view_name
        if seen_routes.get(route, 0) >= (1 if route.startswith("admin:") else PER_ROUTE):
            continue
        response = client.get(url)
        statuses[url] = response.status_code
        if response.status_code >= 500:
            errors.append((url, response.status_code))
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        seen_routes[route] = seen_routes.get(route, 0) + 1
        html = response.content.decode()
        pages[url] = html
        for href in re.findall(r'href="([^"#]+)', html):
            target = urljoin(url, unescape(href))
            if urlsplit(target).netloc in ("", "testserver") and _wanted(target):
                queue.append(
                    urlsplit(target).path + (f"?{urlsplit(target).query}" if urlsplit(target).query else "")
                )
    return pages


def post_forms(pages: dict[str, str]) -> list[Form]:
    """Every POST form on the pages, once per route and shape (a second project's edit form adds time, not
    coverage)."""
    found, seen = [], set()
    for url, html in pages.items():
        for parsed in page_forms(html):
            if parsed["attrs"].get("method", "get").lower() != "post":
                continue
            action = urljoin(url, unescape(parsed["attrs"].get("action") or url))
            if any(
                part in action for part in ("/sprak/", "logga-ut", "logout", "password_change", "/konto/")
            ):
                continue  # the session and the account, not the association's data
            fields: dict[str, list[str]] = {}
            for name, value in parsed["fields"]:
                fields.setdefault(name, []).append(value)
            for name, kind in parsed["kinds"].items():
                if kind not in NOT_TYPED:
                    fields.setdefault(name, [])  # an unchecked checkbox: fuzzed too, posted as sent
            route = resolve(urlsplit(action).path).view_name
            key = (route, tuple(sorted({re.sub(r"\d+", "N", name) for name in fields})))
            if key not in seen:
                seen.add(key)
                found.append(
                    Form(url, action, route, fields, parsed["kinds"], parsed["attributes"], parsed["options"])
                )
    return found


@dataclass
class Post:
    form: Form
    name: str
    value: str


def plan_posts(forms: list[Form]) -> list[Post]:
    """The deterministic posts: every field gets its kind's killers and the next values of the list in turn for
    its kind; then each kind gets any value of the list it has not met yet, so every value reaches every kind
    of field at least once."""
    posts, turn, met = [], Counter(), defaultdict(set)
    fields_of_kind = defaultdict(list)
    for form in forms:
        names = form.fuzzable()
        for name in names:
            kind = form.kind(name)
            fields_of_kind[kind].append((form, name))
            # two values in turn for a field whose value is stored (one for a choice): the whole list comes
            # round to the fields of a kind every eight fields
            values = [*KILLERS.get(kind, []), HOSTILE[turn[kind] % len(HOSTILE)]]
            if kind in STORED_KINDS:
                values.append(HOSTILE[(turn[kind] + len(HOSTILE) // 2) % len(HOSTILE)])
            turn[kind] += 1
            for value in dict.fromkeys(values):
                posts.append(Post(form, name, value))
                met[kind].add(value)
        if not names:
            posts.append(Post(form, "extra", "=1+1"))
    for kind, targets in fields_of_kind.items():
        for index, value in enumerate(v for v in HOSTILE if v not in met[kind]):
            form, name = targets[index % len(targets)]
            posts.append(Post(form, name, value))
    return posts


class Crawl(tuple):
    """(pages, forms, errors, statuses, baseline) with a short repr, so a failing hypothesis example does not
    print every page."""

    def __new__(cls, *parts):
        return super().__new__(cls, parts)

    def __repr__(self) -> str:
        return f"<crawl: {len(self[0])} pages, {len(self[1])} forms>"


@pytest.fixture(scope="module")
def forms_to_fuzz(demo, django_db_blocker):
    with django_db_blocker.unblock():
        client = Client(raise_request_exception=False)
        client.force_login(demo)
        errors: list = []
        statuses: dict = {}
        pages = crawl(client, [*_variant_urls(), *_admin_urls(demo)], errors, statuses)
        return Crawl(pages, post_forms(pages) + _scripted_posts(), errors, statuses, rows())


def _scripted_posts() -> list[Form]:
    """Posts no crawled page shows a form for: the section editor's live preview of its Markdown (posted by the
    page's script), and the revision of a year's report (its form is shown on an adopted report only, and the
    demo's report is a draft: the post is refused, but its fields are checked)."""
    preview = reverse("plan:preview", kwargs={"slug": SLUG, "year": 2023})
    revise = reverse("plan:report_revise", kwargs={"slug": SLUG, "year": 2023})
    return [
        Form(preview, preview, "plan:preview", {"body": [""]}, {"body": "textarea"}),
        Form(
            revise,
            revise,
            "plan:report_revise",
            {"revised_on": ["2024-03-01"], "reason": ["Ny uppgift om utfallet"]},
            {"revised_on": "date", "reason": "text"},
        ),
    ]


@pytest.fixture(scope="module")
def fuzz_client(demo, django_db_blocker):
    with django_db_blocker.unblock():
        client = Client(raise_request_exception=False)  # a server error is an answer to check, not a crash
        client.force_login(demo)
        return client


POST_ONLY = {
    "budget:create", "budget:adopt", "budget:revise", "plan:create", "plan:copy", "plan:adopt", "plan:revise",
    "plan:move", "followup:carry_over", "followup:planned", "followup:status_report", "association_restore",
    "projects:decision_delete", "plan:preview",
    "plan:report_create", "plan:report_adopt", "plan:report_revise", "plan:report_section_move",
}  # fmt: skip


def test_the_crawl_reaches_every_page_of_the_apps(forms_to_fuzz):
    """Walk the URL resolver: every GET route below an association is among the pages crawled."""
    pages, _forms, errors, _statuses, _baseline = forms_to_fuzz
    assert errors == []
    reached = {resolve(urlsplit(url).path).view_name for url in pages}
    routes = {name for name, _pattern in _named_routes(get_resolver())}
    downloads = {
        "budget:pdf",
        "budget:xlsx",
        "followup:national_csv",
        "followup:national_xlsx",
        "plan:pdf",
        "plan:xlsx",
        "plan:version_pdf",
        "plan:version_xlsx",
        "plan:report_pdf",
        "plan:report_xlsx",
        "plan:report_version_pdf",
        "plan:report_version_xlsx",
    }
    redirects = {"latest_year_page"}  # the menu's way to a year's page: answers with a redirect only
    missing = {
        r for r in routes
        if not r.startswith(
            ("admin:", "login", "logout", "password", "set_language", "home", "healthz", "two_factor")
        )  # the account and health routes have their own tests (tests/finsam/test_login_security.py)
        and r not in POST_ONLY | downloads | redirects and r not in reached
    }  # fmt: skip
    assert not missing, sorted(missing)


def test_every_form_route_is_posted_in_each_of_its_shapes(forms_to_fuzz):
    """Every route that takes a POST (its own page's form or another page's button) has a form in the fuzz,
    and so do the pages whose form changes with what they show (the structure-oriented project's report)."""
    _pages, forms, _errors, _statuses, _baseline = forms_to_fuzz
    posted = {form.route for form in forms}
    not_posted = {
        "association_restore"
    }  # the history page's restore buttons: tested in test_history_restore.py
    assert POST_ONLY - not_posted <= posted, sorted(POST_ONLY - not_posted - posted)
    period_shapes = [form for form in forms if form.route == "followup:period"]
    assert any("activities" in form.fields for form in period_shapes)
    assert any("ended_women" in form.fields for form in period_shapes)


def test_every_domain_model_in_the_admin_has_its_add_and_change_form_fuzzed(forms_to_fuzz, demo):
    """Each registered domain model's add and change form is posted, unless its admin refuses office staff
    that form (a document of record, money that only the project pages change)."""
    _pages, forms, _errors, statuses, _baseline = forms_to_fuzz
    posted = {form.route for form in forms}
    request = RequestFactory().get("/admin/")
    request.user = demo
    unfuzzed = []
    for model, model_admin in _admin_models():
        info = (model._meta.app_label, model._meta.model_name)
        if "admin:{}_{}_add".format(*info) not in posted and model_admin.has_add_permission(request):
            unfuzzed.append("admin:{}_{}_add".format(*info))
        if "admin:{}_{}_change".format(*info) not in posted and model_admin.has_change_permission(request):
            unfuzzed.append("admin:{}_{}_change".format(*info))
    assert not unfuzzed
    assert not [url for url, status in statuses.items() if url.startswith("/admin/") and status >= 500]


def test_the_plan_sends_every_value_of_the_list_to_every_kind_of_field(forms_to_fuzz):
    _pages, forms, _errors, _statuses, _baseline = forms_to_fuzz
    met = defaultdict(set)
    for post in plan_posts(forms):
        if post.name != "extra":
            met[post.form.kind(post.name)].add(post.value)
    assert set(met) >= {"amount", "integer", "decimal", "date", "text", "textarea", "choice"}
    assert {kind: [v[:12] for v in HOSTILE if v not in values] for kind, values in met.items()} == {
        kind: [] for kind in met
    }
    decision_amounts = {
        post.value
        for post in plan_posts(forms)
        if post.name == "granted_amount" and post.form.route.startswith("projects:")
    }
    assert "-1" in decision_amounts  # the grant of −1 kr that once gave a server error


def _named_routes(resolver, namespace=""):
    for pattern in resolver.url_patterns:
        if hasattr(pattern, "url_patterns"):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _named_routes(pattern, inner)
        elif pattern.name:
            yield f"{namespace}{pattern.name}", pattern


def _canonical(value) -> str:
    """What a sent or stored value is compared as: text trimmed; numbers (also `1 000` and `1,5`) and dates in
    their canonical form; 0, empty and None alike (an empty figure is no figure, and a grid shows 0 as empty)."""
    if value is None or isinstance(value, bool):
        return "" if value is None else str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value).strip()
    number = text.replace(" ", "") if re.fullmatch(r"-?\d{1,3}( \d{3})+", text) else text.replace(",", ".")
    if re.fullmatch(r"-?\d+(\.\d+)?", number):
        try:
            parsed = Decimal(number)
        except InvalidOperation:  # pragma: no cover: the pattern is a number
            return text
        return "" if parsed == 0 else str(parsed.normalize())
    try:
        return datetime.date.fromisoformat(text).isoformat()
    except ValueError:
        return text


def _error_messages(response) -> list[str]:
    """The error messages this request added (not those of earlier posts still waiting to be shown)."""
    queued = get_messages(response.wsgi_request)._queued_messages
    return [str(m) for m in queued if m.level >= constants.ERROR]


def _post_and_check(client, form: Form, name: str, value: str, before: dict):
    data = {key: list(values) for key, values in form.fields.items()}
    data[name] = [value]
    what = (form.action, name, value[:40])
    savepoint = transaction.savepoint()
    try:
        response = client.post(form.action, data)
        assert response.status_code < 500, (*what, response.status_code)
        assert "/logga-in/" not in response.get("Location", ""), "the fuzzer lost its session"
        after = rows()
        refused = response.status_code != 302 or _error_messages(response)
        if refused:
            assert after == before, (*what, "refused, yet changed", _differences(before, after))
            if response.status_code == 200:
                page = response.content.decode()
                assert "Traceback" not in page and "överträds" not in page and "violates" not in page
        elif name in form.fields and form.kind(name) in STORED_KINDS:
            _check_stored(form, name, value, before, after, what)
    finally:
        transaction.savepoint_rollback(savepoint)


def _check_stored(form, name, value, before, after, what) -> None:
    """An accepted post stored what was sent: a changed or added row has the field (named as the form names it,
    a formset's prefix left out) with the value sent; or, when nothing changed, the value was the one shown."""
    changed = _changed_rows(before, after)
    column = name.rsplit("-", 1)[-1]
    sent = _canonical(value)
    stored = [row[key] for row in changed for key in (column, f"{column}_id") if key in row]
    if stored:
        assert sent in {_canonical(v) for v in stored}, (*what, "stored instead:", stored[:5])
    elif not changed:
        shown = form.fields.get(name) or [""]
        assert sent == _canonical(shown[0]), (*what, "accepted, yet nothing stored; shown was", shown[0][:40])


def _run(client, posts, before):
    """Every post, and every failure reported together (a list of them says more than the first alone)."""
    failures = []
    for post in posts:
        try:
            _post_and_check(client, post.form, post.name, post.value, before)
        except AssertionError as failure:
            failures.append(str(failure)[:400])
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(failures)


# Six parts rather than two halves of several minutes each: the test workers share the parts and the rest of
# the suite between them (--dist worksteal in the Makefile), instead of one of them finishing alone.
FUZZ_PARTS = 6


@pytest.mark.parametrize("part", range(FUZZ_PARTS))
def test_every_form_answers_hostile_values_with_a_message_and_changes_nothing_when_refused(
    forms_to_fuzz, fuzz_client, part
):
    _pages, forms, _errors, _statuses, baseline = forms_to_fuzz
    assert len(forms) > 60
    assert rows() == baseline
    _run(fuzz_client, plan_posts(forms)[part::FUZZ_PARTS], baseline)


def _choices(form: Form, name: str):
    return st.one_of(st.sampled_from(form.options.get(name) or [""]), st.text(max_size=20))


# One strategy per kind of field: what a person could type there, and what a form should refuse.
OTHER_DIGITS = st.text(st.characters(categories=["Nd", "No"]), min_size=1, max_size=6)  # ², ١٢, ¾ …
STRATEGIES = {
    "integer": lambda form, name: st.one_of(
        st.integers(min_value=-(10**22), max_value=10**22).map(str), OTHER_DIGITS
    ),
    "amount": lambda form, name: st.one_of(
        st.integers(min_value=-(10**13), max_value=10**13).map(str),
        st.integers(min_value=-(10**22), max_value=10**22).map(str),
        OTHER_DIGITS,
    ),
    "decimal": lambda form, name: st.one_of(
        st.decimals(allow_nan=True, allow_infinity=True).map(str),
        st.decimals(min_value=-1000, max_value=1000, places=3).map(lambda d: str(d).replace(".", ",")),
    ),
    "date": lambda form, name: st.one_of(
        st.dates(min_value=datetime.date(1, 1, 1)).map(lambda d: d.isoformat()),
        st.tuples(st.integers(0, 99999), st.integers(0, 99), st.integers(0, 99)).map(
            lambda t: "{:04d}-{:02d}-{:02d}".format(*t)
        ),
    ),
    "text": lambda form, name: st.text(max_size=300),
    "textarea": lambda form, name: st.text(max_size=300),
    "choice": _choices,
}


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_forms_take_any_value_hypothesis_draws_without_a_5xx_or_a_silent_change(
    forms_to_fuzz, fuzz_client, data
):
    _pages, forms, _errors, _statuses, baseline = forms_to_fuzz
    fuzzable = [f for f in forms if f.fuzzable()]
    form = fuzzable[data.draw(st.integers(0, len(fuzzable) - 1), label="form")]  # a number: a short report
    note(form)
    name = data.draw(st.sampled_from(form.fuzzable()), label="field")
    value = data.draw(STRATEGIES[form.kind(name)](form, name), label="value")
    _post_and_check(fuzz_client, form, name, value, baseline)

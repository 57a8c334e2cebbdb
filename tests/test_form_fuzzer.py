"""Every form office staff can post, fed hostile values: never a 5xx, never a silent change.

The fuzzer finds the forms the way a user would: it crawls the demo association as office staff (its pages and
the admin's change forms of the domain models), and checks against the URL resolver that every page of the apps
was reached. Each form is then posted with one field at a time set to each value of one shared list (and to
values hypothesis draws for the field's type). For every post:
- the answer is never a 5xx;
- a refused post leaves every domain table exactly as it was (a checksum of all of them before and after);
- an accepted post on an edit page shows, when the page is opened again, what was sent (after the documented
  normalisation: surrounding whitespace removed, numbers and dates in their canonical form).
Each post runs in a savepoint that is rolled back, so every post starts from the same demo data.
"""

import datetime
import hashlib
import re
from collections import deque
from decimal import Decimal
from html import unescape
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, get_resolver, resolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
]
KINDS = "__kinds__"  # the input type of each field, kept beside the fields
# The value most likely to break each kind of field, tried on every field of that kind.
KILLERS = {
    "number": "100000000000000000000",
    "text": "a\x00b",
    "textarea": "x" * 10_000,
    "date": "0001-01-01",
}
# Fields the fuzzer leaves as the page filled them: bookkeeping, not user input.
BOOKKEEPING = re.compile(
    r"(^|-)(csrfmiddlewaretoken|history_marker|TOTAL_FORMS|INITIAL_FORMS|MIN_NUM_FORMS|MAX_NUM_FORMS|id)$"
)
# Pages the crawl does not enter: other years than the two with the most data, language and account pages.
YEARS = {"2010", "2023"}
PER_ROUTE = 2  # instances of one route that are fuzzed (e.g. two projects' edit pages)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=open("/dev/null", "w"))
        _complete_the_demo()
        from django.contrib.auth import get_user_model

        yield get_user_model().objects.get(username="kansli")
        call_command("flush", "--no-input", verbosity=0)


def _complete_the_demo():
    """What the demo lacks for every page to have something to edit: a round with an application, a
    requisition, and a revised budget (two versions to compare)."""
    from budget import services as budget_services
    from budget.models import BudgetVersion
    from members.models import MemberOrganisation
    from projects.models import Application, ApplicationRound, Project, Requisition

    association = MemberOrganisation.objects.filter(association__slug=SLUG).first().association
    spring = ApplicationRound.objects.create(
        association=association, name="Våren 2023", deadline=datetime.date(2023, 3, 1)
    )
    Application.objects.create(
        association=association, round=spring, name="Vägen vidare", start=datetime.date(2023, 9, 1),
        end=datetime.date(2025, 8, 31), applicant=MemberOrganisation.objects.filter(association=association).first(),
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


def _domain_models():
    from budget.models import BudgetRecord
    from finsam.plan.models import PlanVersion

    return [*audited_models(), BudgetRecord, PlanVersion]


def checksum() -> str:
    """One hash over every row of every domain table (history excluded: it is where changes are written)."""
    digest = hashlib.sha256()
    for model in _domain_models():
        for row in model._default_manager.order_by("pk").values_list():
            digest.update(repr(row).encode())
    return digest.hexdigest()


def _wanted(url: str) -> bool:
    path = urlsplit(url).path
    if path.startswith("/admin/"):
        parts = path.strip("/").split("/")
        return (
            len(parts) <= 5
            and not {"history", "delete", "add", "auth", "axes", "otp_totp"} & set(parts)
            and "?" not in path
        )
    if not path.startswith(f"/{SLUG}/"):
        return False
    plan_year = re.match(rf"/{SLUG}/(\d+)/", path)
    return (plan_year is None or plan_year.group(1) in YEARS) and not path.endswith(("/pdf/", "/excel/"))


def crawl(client, errors: list) -> dict[str, str]:
    """url -> HTML of every page reached from the association's start page and the admin index; a page that
    answers with a server error is added to `errors`."""
    seen_routes: dict[str, int] = {}
    pages: dict[str, str] = {}
    queue = deque(
        [
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
        if url in pages:
            continue
        try:
            match = resolve(urlsplit(url).path)
        except Resolver404:
            continue
        route = match.view_name
        if seen_routes.get(route, 0) >= (1 if route.startswith("admin:") else PER_ROUTE):
            continue
        response = client.get(url)
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


def post_forms(pages: dict[str, str]) -> list[tuple[str, str, dict]]:
    """(page url, action url, fields as the page filled them) for every POST form on the pages."""
    found, seen = [], set()
    for url, html in pages.items():
        for form in page_forms(html):
            if form["attrs"].get("method", "get").lower() != "post":
                continue
            action = urljoin(url, unescape(form["attrs"].get("action") or url))
            if any(
                part in action for part in ("/sprak/", "logga-ut", "logout", "password_change", "/konto/")
            ):
                continue  # the session and the account, not the association's data
            fields: dict[str, list[str]] = {}
            for name, value in form["fields"]:
                fields.setdefault(name, []).append(value)
            fields[KINDS] = form["kinds"]
            # one form per route and shape: a second project's edit form adds time, not coverage
            route = resolve(urlsplit(action).path).view_name
            key = (route, tuple(sorted(re.sub(r"\d+", "N", name) for name in fields)))
            if key not in seen:
                seen.add(key)
                found.append((url, action, fields))
    return found


class Crawl(tuple):
    """(pages, forms, errors) with a short repr, so a failing hypothesis example does not print every page."""

    def __new__(cls, pages, forms, errors):
        return super().__new__(cls, (pages, forms, errors))

    def __repr__(self) -> str:
        return f"<crawl: {len(self[0])} pages, {len(self[1])} forms>"


@pytest.fixture(scope="module")
def forms_to_fuzz(demo, django_db_blocker):
    with django_db_blocker.unblock():
        client = Client(raise_request_exception=False)
        client.force_login(demo)
        errors: list = []
        pages = crawl(client, errors)
        return Crawl(pages, post_forms(pages), errors)


def test_the_crawl_reaches_every_page_of_the_apps(forms_to_fuzz):
    """Walk the URL resolver: every GET route below an association is among the pages crawled."""
    pages, _forms, errors = forms_to_fuzz
    assert errors == []
    reached = {resolve(urlsplit(url).path).view_name for url in pages}
    routes = set()
    for name, _patterns in _named_routes(get_resolver()):
        routes.add(name)
    post_only = {
        "budget:create", "budget:adopt", "budget:revise", "plan:create", "plan:copy", "plan:adopt", "plan:revise",
        "plan:move", "followup:carry_over", "followup:planned", "followup:status_report", "association_restore",
        "projects:decision_delete", "plan:preview",
        "plan:report_create", "plan:report_adopt", "plan:report_revise", "plan:report_section_move",
    }  # fmt: skip
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
        and r not in post_only | downloads | redirects and r not in reached
    }  # fmt: skip
    assert not missing, sorted(missing)


def _named_routes(resolver, namespace=""):
    for pattern in resolver.url_patterns:
        if hasattr(pattern, "url_patterns"):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _named_routes(pattern, inner)
        elif pattern.name:
            yield f"{namespace}{pattern.name}", pattern


def _fuzzable(fields: dict) -> list[str]:
    kinds = fields.get(KINDS, {})
    return [
        name
        for name in fields
        if name != KINDS and not BOOKKEEPING.search(name) and kinds.get(name) != "hidden"
    ]


def _normalised(value: str) -> str:
    """What an accepted value is stored and shown as: whitespace trimmed, numbers and dates canonical, and a
    count of 0 in a grid shown as an empty cell."""
    stripped = value.strip()
    if re.fullmatch(r"-?\d+(\.\d+)?", stripped):
        number = Decimal(stripped)
        return "" if number == 0 else str(number.normalize())
    try:
        return datetime.date.fromisoformat(stripped).isoformat()
    except ValueError:
        return stripped


def _post_and_check(client, url, action, fields, name, value, before):
    kinds = fields.get(KINDS, {})
    data = {key: list(values) for key, values in fields.items() if key != KINDS}
    data[name] = [value]
    savepoint = transaction.savepoint()
    try:
        response = client.post(action, data)
        assert response.status_code < 500, (action, name, value[:40], response.status_code)
        assert "/logga-in/" not in response.get("Location", ""), "the fuzzer lost its session"
        if response.status_code == 200:
            assert checksum() == before, f"refused post to {action} ({name}={value[:40]!r}) changed the data"
            page = response.content.decode()
            assert "Traceback" not in page and "överträds" not in page and "violates" not in page
        elif (
            response.status_code == 302
            and action == url
            and kinds.get(name) in ("text", "number", "date", "textarea")
            and "/ny/" not in action
            and not action.endswith("/add/")
        ):
            # an edit page that accepted: opened again, it shows what was sent
            shown = _shown_value(client.get(url).content.decode(), name)
            assert shown is not None and _normalised(shown) == _normalised(value), (
                action,
                name,
                value[:40],
                shown,
            )
    finally:
        transaction.savepoint_rollback(savepoint)


def _shown_value(html: str, name: str) -> str | None:
    for form in page_forms(html):
        for field_name, field_value in form["fields"]:
            if field_name == name:
                return field_value
    return None


@pytest.mark.parametrize("half", [0, 1])  # two halves, so two test workers share the work
def test_every_form_answers_hostile_values_with_a_message_and_changes_nothing_when_refused(
    demo, forms_to_fuzz, half
):
    _pages, forms, _errors = forms_to_fuzz
    assert len(forms) > 40
    forms = forms[half::2]
    client = Client(raise_request_exception=False)  # a server error is an answer to check, not a crash
    client.force_login(demo)
    before = checksum()
    turn = half
    for url, action, fields in forms:
        names = _fuzzable(fields)
        # Every value on every field would be tens of thousands of posts. Instead every field gets the value
        # most likely to break its kind, and the next value of the list in turn (so every value meets every
        # kind of field across the forms).
        for name in names:
            killer = KILLERS.get(fields[KINDS].get(name))
            if killer is not None:
                _post_and_check(client, url, action, fields, name, killer, before)
            _post_and_check(client, url, action, fields, name, HOSTILE[turn % len(HOSTILE)], before)
            turn += 1
        if not names:
            _post_and_check(client, url, action, fields, "extra", "=1+1", before)


typed_values = st.one_of(
    st.integers(min_value=-(10**22), max_value=10**22).map(str),
    st.text(max_size=300),
    st.dates(min_value=datetime.date(1, 1, 1)).map(lambda d: d.isoformat()),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_forms_take_any_value_hypothesis_draws_without_a_5xx_or_a_silent_change(demo, forms_to_fuzz, data):
    _pages, forms, _errors = forms_to_fuzz
    url, action, fields = data.draw(st.sampled_from([f for f in forms if _fuzzable(f[2])]))
    name = data.draw(st.sampled_from(_fuzzable(fields)))
    value = data.draw(typed_values)
    client = Client(raise_request_exception=False)
    client.force_login(demo)
    _post_and_check(client, url, action, fields, name, value, checksum())

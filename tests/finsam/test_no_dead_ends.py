"""No dead ends: as each demo role, follow every same-site link from every page reached; none is 404, 403 or 500.

The demo is loaded once for the module's one test. The crawl is bounded by visiting at most a few addresses per
route (and one per download), which still reaches every route a role is shown.
"""

import re
from collections import deque
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import Resolver404, resolve

HREF = re.compile(r'href="([^"#]*)(?:#[^"]*)?"')
PER_ROUTE = 2
DOWNLOADS = {"pdf", "xlsx", "version_pdf", "version_xlsx"}
SKIPPED = ("/static/", "/admin/", "/konto/logga-ut/", "/sprak/")


def _route(path: str) -> str:
    """A route and the names of its query parameters: the unit the crawl bounds."""
    parts = urlsplit(path)
    try:
        match = resolve(parts.path)
    except Resolver404:
        return f"unresolved:{parts.path}"
    keys = ",".join(sorted({key for key, _value in parse_qsl(parts.query)}))
    return f"{match.view_name}?{keys}"


def crawl(client: Client, start: str = "/") -> tuple[list[str], set[str]]:
    problems, visits, seen = [], {}, {start}
    queue = deque([(start, "(start)")])
    reached: set[str] = set()
    while queue:
        url, source = queue.popleft()
        route = _route(url)
        limit = 1 if route.split("?")[0].rsplit(":", 1)[-1] in DOWNLOADS else PER_ROUTE
        if visits.get(route, 0) >= limit:
            continue
        visits[route] = visits.get(route, 0) + 1
        try:
            response = client.get(url)
        except Exception as error:  # a 500: the test client re-raises the view's exception
            problems.append(f"500 {url} (from {source}): {error!r}")
            continue
        if response.status_code in (403, 404) or response.status_code >= 500:
            problems.append(f"{response.status_code} {url} (from {source})")
            continue
        reached.add(route.split("?")[0])
        targets = []
        if response.status_code in (301, 302):
            targets = [response["Location"]]
        elif response.get("Content-Type", "").startswith("text/html"):
            targets = [href.replace("&amp;", "&") for href in HREF.findall(response.content.decode())]
        for target in targets:
            if not target.startswith("/") or target.startswith("//") or target.startswith(SKIPPED):
                continue
            if target not in seen:
                seen.add(target)
                queue.append((target, url))
    return problems, reached


# Routes each role must reach from the start page (a route it is not shown must not be linked either).
MUST_REACH = {
    "kansli": {
        "association",
        "plan_year",
        "association_history",
        "budget:detail",
        "plan:detail",
        "plan:pdf",
        "members:fees",
        "projects:list",
        "followup:overview",
        "association_edit",
    },
    "styrelse": {
        "association",
        "plan_year",
        "budget:detail",
        "plan:detail",
        "plan:version_pdf",
        "members:fees",
        "projects:list",
        "followup:overview",
    },
    "revisor": {
        "association",
        "plan_year",
        "association_history",
        "budget:detail",
        "plan:version_xlsx",
        "plan:xlsx",
        "members:fees",
        "followup:overview",
    },
}


@pytest.mark.django_db
def test_no_link_as_any_demo_role_leads_to_a_404_403_or_500():
    call_command("load_demo", stdout=open("/dev/null", "w"))
    failures = {}
    for username, must in MUST_REACH.items():
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        problems, reached = crawl(client)
        missing = must - reached
        if problems or missing:
            failures[username] = {"problems": problems[:20], "not reached": sorted(missing)}
    assert failures == {}

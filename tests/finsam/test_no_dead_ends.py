"""No dead ends: as each demo role, follow every same-site link from every page reached; none is 404, 403 or 500.

The demo is loaded once for the module's one test. Every distinct address is visited: each year's budget, each
project, each version. Only query-string variants of one path are bounded (a few of them: the history's pages
and filters, a list's years), and a download route is fetched once (a file, not a page with links; its address
is still checked against the URLconf).
"""

import re
from collections import deque
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import Resolver404, resolve

HREF = re.compile(r'href="([^"#]*)(?:#[^"]*)?"')
QUERY_VARIANTS = 3  # addresses visited per path with different query strings
DOWNLOADS = {"pdf", "xlsx", "version_pdf", "version_xlsx", "national_csv"}
SKIPPED = ("/static/", "/admin/", "/konto/logga-ut/", "/sprak/")


def _route_name(path: str) -> str | None:
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def crawl(client: Client, start: str = "/") -> tuple[list[str], set[str]]:
    problems, variants, seen = [], {}, {start}
    downloaded: set[str] = set()
    queue = deque([(start, "(start)")])
    reached: set[str] = set()
    while queue:
        url, source = queue.popleft()
        path = urlsplit(url).path
        name = _route_name(path)
        if name is None:
            problems.append(f"404 {url} (from {source}): no such route")
            continue
        if name.rsplit(":", 1)[-1] in DOWNLOADS:
            if name in downloaded:
                continue
            downloaded.add(name)
        if variants.get(path, 0) >= QUERY_VARIANTS:
            continue
        variants[path] = variants.get(path, 0) + 1
        try:
            response = client.get(url)
        except Exception as error:  # a 500: the test client re-raises the view's exception
            problems.append(f"500 {url} (from {source}): {error!r}")
            continue
        if response.status_code in (403, 404) or response.status_code >= 500:
            problems.append(f"{response.status_code} {url} (from {source})")
            continue
        reached.add(name)
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

"""A plan section's form shows the fields of its kind, and previews its Markdown as the plan renders it."""

import re

import pytest
from django.urls import reverse

from finsam.plan import services


def _group(page: str, kind: str) -> str:
    found = re.search(rf'<div data-kind-group="{kind}"( hidden)?>', page)
    assert found, kind
    return "hidden" if found.group(1) else "shown"


def test_a_text_section_shows_its_text_and_a_preview_not_the_table_fields(office_client, association):
    plan = services.create_plan(association=association, year=2023)
    section = plan.sections.filter(kind="text").first()
    section.body = "Vi arbetar **tillsammans**."
    section.save()
    url = reverse("plan:row_edit", kwargs={"slug": "eget", "year": 2023, "kind": "avsnitt", "pk": section.pk})
    page = office_client.get(url).content.decode()
    assert (_group(page, "text"), _group(page, "block")) == ("shown", "hidden")
    assert (
        '<div class="border rounded p-3 plan-preview" id="section-preview" aria-live="polite"><p>Vi arbetar <strong>tillsammans</strong>.</p></div>'
        in page
    )
    assert "finsam/js/section-form.js" in page


def test_a_block_section_shows_the_table_fields_not_the_text(office_client, association):
    plan = services.create_plan(association=association, year=2023)
    section = plan.sections.filter(kind="block").first()
    url = reverse("plan:row_edit", kwargs={"slug": "eget", "year": 2023, "kind": "avsnitt", "pk": section.pk})
    page = office_client.get(url).content.decode()
    assert (_group(page, "text"), _group(page, "block")) == ("hidden", "shown")


def test_the_preview_is_the_sanitised_html_the_plan_uses(office_client, association):
    url = reverse("plan:preview", kwargs={"slug": "eget", "year": 2023})
    response = office_client.post(url, {"body": "# Mål\n\n- *ett*\n\n<script>alert(1)</script>"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h3>Mål</h3>" in html and "<li><em>ett</em></li>" in html
    assert "<script>" not in html


def test_the_preview_refuses_get(office_client, association):
    assert (
        office_client.get(reverse("plan:preview", kwargs={"slug": "eget", "year": 2023})).status_code == 405
    )


@pytest.mark.parametrize("fixture", ["board_user", "auditor_user"])
def test_the_preview_is_for_office_staff_only(client, request, association, fixture):
    client.force_login(request.getfixturevalue(fixture))
    url = reverse("plan:preview", kwargs={"slug": "eget", "year": 2023})
    assert client.post(url, {"body": "x"}).status_code == 403


def test_an_outsider_does_not_learn_that_the_association_exists(client, outsider, association):
    client.force_login(outsider)
    url = reverse("plan:preview", kwargs={"slug": "eget", "year": 2023})
    assert client.post(url, {"body": "x"}).status_code == 404
    client.logout()
    assert client.post(url, {"body": "x"}).status_code == 302

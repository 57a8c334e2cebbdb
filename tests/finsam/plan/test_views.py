import pytest
from django.urls import reverse

from finsam.access import Need
from finsam.plan import services
from finsam.plan.models import Plan, Section
from tests.access_matrix import ROLES, assert_login_required, assert_matrix_cell


def _plan(association, year=2023):
    return services.create_plan(association=association, year=year)


URLS = [
    ("plan:detail", lambda p: {}, Need.VIEW),
    ("plan:edit", lambda p: {}, Need.EDIT),
    ("plan:pdf", lambda p: {}, Need.DOWNLOAD_DOCUMENTS),
    ("plan:xlsx", lambda p: {}, Need.EXPORT_SPREADSHEETS),
    ("plan:row_create", lambda p: {"kind": "avsnitt"}, Need.EDIT),
    ("plan:row_edit", lambda p: {"kind": "avsnitt", "pk": p.sections.first().pk}, Need.EDIT),
    ("plan:row_delete", lambda p: {"kind": "avsnitt", "pk": p.sections.first().pk}, Need.EDIT),
    ("plan:row_create", lambda p: {"kind": "risk"}, Need.EDIT),
    ("plan:row_create", lambda p: {"kind": "arsprocess"}, Need.EDIT),
    ("plan:versions", lambda p: {}, Need.VIEW),
]
# An adopted version's archived files (the plan gets one adopted version for these)
VERSION_URLS = [
    ("plan:version_pdf", Need.DOWNLOAD_DOCUMENTS),
    ("plan:version_xlsx", Need.EXPORT_SPREADSHEETS),
]


def _adopted_plan(association):
    import datetime

    plan = _plan(association)
    plan.sections.filter(kind="block", block="budget").delete()
    services.adopt_plan(plan=plan, adopted_on=datetime.date(2022, 11, 20))
    return plan


@pytest.mark.parametrize("name,need", VERSION_URLS)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("own", [True, False])
def test_access_matrix_of_adopted_versions(
    client, users_by_role, association, other_association, name, need, role, own
):
    target = association if own else other_association
    _adopted_plan(target)
    url = reverse(name, kwargs={"slug": target.slug, "year": 2023, "number": 1})
    assert_matrix_cell(client, users_by_role[role], url, role, need, own)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("own", [True, False])
def test_access_matrix_of_the_adopted_plans_page(
    client, users_by_role, association, other_association, role, own
):
    target = association if own else other_association
    url = reverse("plan:adopted", kwargs={"slug": target.slug})
    assert_matrix_cell(client, users_by_role[role], url, role, Need.VIEW, own)


@pytest.mark.parametrize("name,kwargs,need", URLS)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("own", [True, False])
def test_access_matrix(client, users_by_role, association, other_association, name, kwargs, need, role, own):
    target = association if own else other_association
    plan = _plan(target)
    url = reverse(name, kwargs={"slug": target.slug, "year": 2023, **kwargs(plan)})
    assert_matrix_cell(client, users_by_role[role], url, role, need, own)


@pytest.mark.parametrize("name,kwargs,need", URLS)
def test_anonymous_users_are_sent_to_login(client, association, name, kwargs, need):
    plan = _plan(association)
    assert_login_required(
        client, reverse(name, kwargs={"slug": association.slug, "year": 2023, **kwargs(plan)})
    )


@pytest.mark.parametrize("name", ["plan:create", "plan:copy", "plan:adopt", "plan:revise"])
def test_post_only_urls(client, office_user, board_user, outsider, association, name):
    url = reverse(name, kwargs={"slug": association.slug, "year": 2023})
    client.force_login(office_user)
    assert client.get(url).status_code == 405
    client.force_login(board_user)
    assert client.post(url).status_code == 403
    client.force_login(outsider)
    assert client.post(url).status_code == 404
    assert not Plan.objects.exists()


def test_downloads_are_a_pdf_and_a_workbook(client, office_user, association):
    _plan(association)
    client.force_login(office_user)
    pdf = client.get(reverse("plan:pdf", kwargs={"slug": association.slug, "year": 2023}))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert 'filename="eget-verksamhetsplan-2023-utkast.pdf"' in pdf["Content-Disposition"]
    xlsx = client.get(reverse("plan:xlsx", kwargs={"slug": association.slug, "year": 2023}))
    assert xlsx.content.startswith(b"PK")


def test_office_staff_create_a_plan_add_a_section_and_move_it_up(client, office_user, association):
    client.force_login(office_user)
    assert (
        client.post(reverse("plan:create", kwargs={"slug": association.slug, "year": 2023})).status_code
        == 302
    )
    plan = Plan.objects.get(association=association, year=2023)
    url = reverse("plan:row_create", kwargs={"slug": association.slug, "year": 2023, "kind": "avsnitt"})
    response = client.post(
        url,
        {
            "heading": "Kommunikation",
            "kind": "text",
            "body": "# Nyhetsbrev\n\n- kvartalsvis\n\n<script>x</script>",
        },
    )
    assert response.status_code == 302
    section = plan.sections.get(heading="Kommunikation")
    move = reverse("plan:move", kwargs={"slug": association.slug, "year": 2023, "pk": section.pk})
    client.post(move, {"riktning": "upp"})
    headings = list(plan.sections.values_list("heading", flat=True))
    assert headings.index("Kommunikation") == len(headings) - 2
    page = client.get(
        reverse("plan:detail", kwargs={"slug": association.slug, "year": 2023})
    ).content.decode()
    assert "<h3>Nyhetsbrev</h3>" in page
    assert "<li>kvartalsvis</li>" in page
    assert "<script>x</script>" not in page


def test_a_block_section_must_name_its_table(client, office_user, association):
    plan = _plan(association)
    client.force_login(office_user)
    url = reverse("plan:row_create", kwargs={"slug": association.slug, "year": 2023, "kind": "avsnitt"})
    response = client.post(url, {"heading": "Tabell", "kind": "block", "block": ""})
    assert "Välj vilken tabell avsnittet ska visa." in response.content.decode()
    assert not plan.sections.filter(heading="Tabell").exists()


def test_next_years_plan_starts_with_this_years_text(client, office_user, association):
    plan = _plan(association)
    Section.objects.filter(plan=plan, heading="Bakgrund och uppdrag").update(body="Vår bakgrund.")
    Section.objects.create(
        plan=plan, heading="Avgifter", kind="block", block="member_fees", block_years="2022, 2023"
    )
    client.force_login(office_user)
    response = client.post(reverse("plan:copy", kwargs={"slug": association.slug, "year": 2023}))
    assert response.status_code == 302
    new = Plan.objects.get(association=association, year=2024)
    assert new.title == "Verksamhetsplan och budget 2024"
    assert new.sections.get(heading="Bakgrund och uppdrag").body == "Vår bakgrund."
    assert new.sections.get(heading="Avgifter").block_years == "2023, 2024"
    again = client.post(reverse("plan:copy", kwargs={"slug": association.slug, "year": 2023}), follow=True)
    assert "Det finns redan en plan för 2024." in again.content.decode()


@pytest.mark.parametrize("projects", [1, 12])
def test_the_plan_page_runs_a_fixed_number_of_queries(
    client, office_user, association, django_assert_num_queries, projects
):
    import datetime

    from finsam.plan.models import CycleItem, RiskItem
    from tests.factories import MemberOrganisationFactory, granted_project

    plan = _plan(association)
    owner = MemberOrganisationFactory(association=association)
    for _ in range(projects):
        granted_project(
            {2023: 100_000}, owner=owner, start=datetime.date(2023, 1, 1), end=datetime.date(2023, 12, 31)
        )
    for position in range(projects):
        CycleItem.objects.create(plan=plan, position=position, when="mars", what=f"Steg {position}")
        RiskItem.objects.create(
            plan=plan, position=position, risk=f"Risk {position}", likelihood=2, consequence=3
        )
    client.force_login(office_user)
    url = reverse("plan:detail", kwargs={"slug": association.slug, "year": 2023})
    # session, user, grant; the plan with its sections, yearly cycle and risks (read once for the document and
    # the page); each generated section's sources (fees, goals and follow-up, projects with their areas and
    # yearly amounts; the plan year's budget, none here); the versions. Never per project, step or risk.
    with django_assert_num_queries(18):
        assert client.get(url).status_code == 200

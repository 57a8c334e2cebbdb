"""The history page: paged, filtered by person, kind and dates, values as pages show them, constant queries."""

import datetime
import html
import re

import pytest
import time_machine
from django.urls import reverse

from finsam.history import word_diff
from members.models import FeeYear
from tests.factories import BudgetVersionFactory, FeeYearFactory, UserFactory


def _url(association, **query):
    from urllib.parse import urlencode

    return reverse("association_history", kwargs={"slug": association.slug}) + (
        "?" + urlencode(query) if query else ""
    )


def _fee_years(
    association, count, *, by=None, first=2004, on=datetime.datetime(2030, 1, 5, 12, tzinfo=datetime.UTC)
):
    with time_machine.travel(on, tick=False):
        for index in range(count):
            fee = FeeYear(association=association, year=first + index, total=16_000_000)
            fee._history_user = by
            fee.save()


def test_history_is_paged_fifty_a_page(client, auditor_user, association):
    _fee_years(association, 60)
    client.force_login(auditor_user)
    first = client.get(_url(association))
    total = first.context["total"]
    assert len(first.context["changes"]) == 50
    assert first.context["pages"] == (total + 49) // 50
    second = client.get(_url(association, sida=2))
    assert len(second.context["changes"]) == total - 50
    assert {c.history_id for c in first.context["changes"]}.isdisjoint(
        {c.history_id for c in second.context["changes"]}
    )
    assert "sida=2" in first.content.decode()


def test_history_filters_by_person_kind_and_date_range(client, auditor_user, office_user, association):
    _fee_years(association, 3, by=office_user, on=datetime.datetime(2030, 1, 5, 12, tzinfo=datetime.UTC))
    _fee_years(association, 2, by=None, first=2020, on=datetime.datetime(2030, 2, 5, 12, tzinfo=datetime.UTC))
    client.force_login(auditor_user)
    by_person = client.get(_url(association, person=office_user.pk))
    assert by_person.context["total"] == 3
    in_february = client.get(_url(association, typ="members.feeyear", fran="2030-02-01", till="2030-02-28"))
    assert in_february.context["total"] == 2
    both = client.get(_url(association, person=office_user.pk, fran="2030-02-01"))
    assert both.context["total"] == 0
    assert "Inga ändringar matchar urvalet." in both.content.decode()


def test_bad_filter_input_answers_a_message_not_an_error(client, auditor_user, association):
    client.force_login(auditor_user)
    response = client.get(_url(association, fran="igår", person="999999", sida="x"))
    assert response.status_code == 200
    assert "Fyll i ett giltigt datum." in response.content.decode()


def test_values_are_shown_as_the_pages_show_them(client, auditor_user, association):
    fee = FeeYearFactory(association=association, year=2009, total=15_000_000)
    fee.total = 16_000_000
    fee.save()
    client.force_login(auditor_user)
    content = client.get(_url(association, typ="members.feeyear")).content.decode()
    assert (
        "<strong>Total medlemsavgift</strong>: 15\xa0000\xa0000\xa0kr &rarr; 16\xa0000\xa0000\xa0kr"
        in content
    )
    assert "16000000" not in content


def test_a_text_change_is_a_word_diff():
    assert str(word_diff("Vi ska följa upp två gånger", "Vi ska följa upp fyra gånger <b>")) == (
        "Vi ska följa upp <del>två</del><ins>fyra</ins> gånger<ins> &lt;b&gt;</ins>"
    )


@pytest.mark.parametrize("versions", [2, 12])
def test_history_runs_a_fixed_number_of_queries_whatever_the_number_of_budget_versions(
    client, auditor_user, association, django_assert_num_queries, versions
):
    first = BudgetVersionFactory(budget__association=association, budget__plan_year=2010)
    for number in range(2, versions + 1):
        BudgetVersionFactory(budget=first.budget, number=number)
    UserFactory()
    client.force_login(auditor_user)
    # session, user, grant; people for the filter; count and page (one UNION each); per model on the page
    # (association, grant, budget, version): snapshots and their previous ones; related names; navigation;
    # the people who made the changes, in one query, when any has a person (factories make none here).
    # Never one per budget version.
    with django_assert_num_queries(13):
        response = client.get(_url(association))
    assert response.status_code == 200
    assert any("Budget 2010 v2" == c.object_label for c in response.context["changes"])


def test_a_generated_section_names_its_table_by_label():
    from finsam.history import _field_value
    from finsam.plan.models import Section

    section = Section(kind="block", block="member_fees")
    assert _field_value(section, Section._meta.get_field("block"), {}) == "Medlemsavgifter"
    assert _field_value(section, Section._meta.get_field("kind"), {}) == "Genererad tabell"


def test_the_page_marks_the_words_a_text_change_removed_and_added(client, auditor_user, association):
    from followup.models import Goal

    goal = Goal.objects.create(association=association, year=2023, number=1, text="Fler går till arbete")
    goal.text = "Fler går till arbete eller studier"
    goal.save()
    client.force_login(auditor_user)
    content = client.get(_url(association, typ="followup.goal")).content.decode()
    assert '<span class="word-diff">Fler går till arbete<ins> eller studier</ins></span>' in content


def _project_with_every_follow_up_figure(association):
    from followup.models import PlannedParticipants, StaffReached, StatusReport, StructuralReport
    from tests.factories import MemberOrganisationFactory, PeriodReportFactory, granted_project

    project = granted_project({2023: 600_000}, owner__association=association, name="Steget")
    member = MemberOrganisationFactory(association=association, name="Region Sörmland")
    PeriodReportFactory(project=project, year=2023, period=1, participated_women=7)
    PlannedParticipants.objects.create(project=project, year=2023, count=40)
    StatusReport.objects.create(project=project, year=2023, period=1, received_on=datetime.date(2023, 8, 1))
    report = StructuralReport.objects.create(project=project, year=2023, period=2, activities=3)
    StaffReached.objects.create(report=report, member=member, staff_women=4, staff_men=2)
    return project


def _follow_up_figures(project_pk):
    from followup.models import (
        PeriodReport,
        PlannedParticipants,
        StaffReached,
        StatusReport,
        StructuralReport,
    )

    return (
        list(PeriodReport.objects.filter(project_id=project_pk).values_list("participated_women", flat=True)),
        list(PlannedParticipants.objects.filter(project_id=project_pk).values_list("count", flat=True)),
        list(StatusReport.objects.filter(project_id=project_pk).values_list("received_on", flat=True)),
        list(StructuralReport.objects.filter(project_id=project_pk).values_list("activities", flat=True)),
        list(
            StaffReached.objects.filter(report__project_id=project_pk).values_list("staff_women", "staff_men")
        ),
    )


def _restore_url(association, change):
    return reverse(
        "association_restore",
        kwargs={"slug": association.slug, "model": change.model_key, "history_id": change.history_id},
    )


def test_the_history_names_what_a_deleted_project_took_with_it_and_restores_it_all(
    office_client, association
):
    project = _project_with_every_follow_up_figure(association)
    pk = project.pk
    before = _follow_up_figures(pk)
    assert (
        office_client.post(
            reverse("projects:delete", kwargs={"slug": association.slug, "pk": pk})
        ).status_code
        == 302
    )
    assert _follow_up_figures(pk) == ([], [], [], [], [])

    response = office_client.get(_url(association))
    assert response.status_code == 200
    labels = {c.object_label for c in response.context["changes"]}
    # the structural report's staff are named by the report, itself named by the deleted project's snapshot
    assert f"{project} 2023:2" in labels
    deletion = next(
        c for c in response.context["changes"] if c.kind_code == "-" and c.model_key == "projects.project"
    )
    assert deletion.restorable

    restored = office_client.post(_restore_url(association, deletion), follow=True)
    assert "rader är återställda." in restored.content.decode()
    assert _follow_up_figures(pk) == before
    assert office_client.get(_url(association)).status_code == 200


def test_the_history_survives_a_draft_budget_with_amounts_deleted_in_the_admin_and_restores_it(
    client, office_user, association
):
    from budget import services
    from budget.models import Budget, BudgetAmount
    from tests.factories import BudgetColumnFactory, BudgetLineFactory

    line = BudgetLineFactory(association=association, name="Kansli")
    version = BudgetVersionFactory(budget__association=association, budget__plan_year=2010)
    BudgetColumnFactory(version=version, year=2010)
    services.save_amounts(version=version, values={(line.pk, 2010): 5_000})
    budget = version.budget
    client.force_login(office_user)
    deleted = client.post(reverse("admin:budget_budget_delete", args=[budget.pk]), {"post": "yes"})
    assert deleted.status_code == 302
    assert not Budget.objects.filter(pk=budget.pk).exists()

    response = client.get(_url(association))
    assert response.status_code == 200
    assert "Budget 2010 v1" in {c.object_label for c in response.context["changes"]}
    deletion = next(
        c for c in response.context["changes"] if c.kind_code == "-" and c.model_key == "budget.budget"
    )
    client.post(_restore_url(association, deletion))
    assert list(
        BudgetAmount.objects.filter(version__budget_id=budget.pk).values_list("amount", flat=True)
    ) == [5_000]


def test_a_name_that_follows_a_parent_gone_even_from_history_is_the_kind_and_number(db):
    from finsam.history import _name
    from followup.models import StructuralReport

    report = StructuralReport(pk=12, project_id=999_999, year=2023, period=1)
    assert _name(report, StructuralReport, 12) == "Rapport för strukturinriktad insats #12 (borttagen)"


def test_the_person_filter_offers_everyone_in_the_history_former_staff_and_superusers_too(
    client, auditor_user, office_user, association
):
    former = UserFactory(username="tidigare")
    admin = UserFactory(username="superanvandare", is_superuser=True)
    _fee_years(association, 1, by=former)
    _fee_years(association, 1, by=admin, first=2010)
    UserFactory(username="utomstaende")
    client.force_login(auditor_user)
    response = client.get(_url(association))
    choices = [str(user) for user in response.context["filters"].form.fields["person"].queryset]
    assert choices == sorted([auditor_user.username, office_user.username, "superanvandare", "tidigare"])
    by_former = client.get(_url(association, person=former.pk))
    assert by_former.context["total"] == 1
    assert by_former.context["changes"][0].who == former.get_full_name()


@pytest.mark.parametrize("page", ["100000000000000000000", "\x00", "²", "-3", "2.5"])
def test_a_page_number_out_of_range_or_not_a_number_answers_a_page_not_an_error(
    client, auditor_user, association, page
):
    _fee_years(association, 60)
    client.force_login(auditor_user)
    response = client.get(_url(association, sida=page))
    assert response.status_code == 200
    expected = response.context["pages"] if page == "100000000000000000000" else 1
    assert response.context["page_number"] == expected
    assert len(response.context["changes"]) > 0


def test_a_page_past_the_end_shows_the_last_page(client, auditor_user, association):
    _fee_years(association, 60)
    client.force_login(auditor_user)
    response = client.get(_url(association, sida=99))
    assert response.context["page_number"] == 2
    assert response.context["first_row"] == 51


def test_the_restore_button_posts_its_form_with_the_csrf_token_the_page_wrote(office_user, association):
    """The page writes its rows in Python (finsam.templatetags.finsam.history_rows): the form must carry the
    token and the action, and a browser that enforces CSRF gets the rows back by pressing the button."""
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(office_user)
    project = _project_with_every_follow_up_figure(association)
    before = _follow_up_figures(project.pk)
    page = browser.get(_url(association)).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    delete = reverse("projects:delete", kwargs={"slug": association.slug, "pk": project.pk})
    assert browser.post(delete, {"csrfmiddlewaretoken": token}).status_code == 302

    page = browser.get(_url(association)).content.decode()
    forms = re.findall(
        r'<form method="post" action="([^"]+)" class="mt-1"><input type="hidden" name="csrfmiddlewaretoken" '
        r'value="([^"]+)"><button type="submit" class="btn btn-sm btn-outline-primary">Återställ'
        r'<span class="visually-hidden"> ([^<]+)</span></button></form>',
        page,
    )
    action, token, label = next(form for form in forms if "/projects.project/" in form[0])
    assert label == html.escape(str(project))
    restored = browser.post(action, {"csrfmiddlewaretoken": token}, follow=True)
    assert "rader är återställda." in restored.content.decode()
    assert _follow_up_figures(project.pk) == before


def test_history_rows_escape_every_text_and_keep_only_the_word_diffs_markup():
    from finsam.access import Access
    from finsam.history import Change, FieldChange
    from finsam.models import Association, Role
    from finsam.templatetags.finsam import history_rows

    when = datetime.datetime(2026, 3, 1, 9, 30, tzinfo=datetime.UTC)
    created = Change(
        when=when,
        who="Anna & <Bo>",
        kind_code="+",
        kind="Skapad",
        model_label="insats",
        object_label="<i>Steget</i>",
        reason="<b>import</b>",
        fields=[FieldChange(label="namn", old="–", new="<script>x</script>")],
    )
    changed = Change(
        when=when,
        who="Anna",
        kind_code="~",
        kind="Ändrad",
        model_label="mål",
        object_label="Mål 1",
        reason="",
        fields=[
            FieldChange(label="text", old="a", new="b", diff=word_diff("två <b>", "fyra <b>")),
            FieldChange(label="antal", old="<1>", new="<2>"),
        ],
    )
    association = Association(name="Eget", slug="eget")
    access = Access(association=association, role=Role.REVISOR)
    rows = history_rows({"access": access, "association": association}, [created, changed]).split("\n")
    assert rows[0] == (
        '<tr><td class="text-nowrap">2026-03-01 10:30</td><td>Anna &amp; &lt;Bo&gt;</td><td>Skapad</td>'
        "<td>Insats: &lt;i&gt;Steget&lt;/i&gt;<br><small>&lt;b&gt;import&lt;/b&gt;</small></td>"
        '<td><ul class="change-fields">'
        "<li><strong>Namn</strong>: &lt;script&gt;x&lt;/script&gt;</li></ul></td></tr>"
    )
    assert rows[1] == (
        '<tr><td class="text-nowrap">2026-03-01 10:30</td><td>Anna</td><td>Ändrad</td><td>Mål: Mål 1</td>'
        '<td><ul class="change-fields"><li><strong>Text</strong>: <span class="word-diff"><del>två</del>'
        "<ins>fyra</ins> &lt;b&gt;</span></li>"
        "<li><strong>Antal</strong>: &lt;1&gt; &rarr; &lt;2&gt;</li></ul></td></tr>"
    )

"""The history page: paged, filtered by person, kind and dates, values as pages show them, constant queries."""

import datetime

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
    # (association, grant, budget, version): snapshots and their previous ones; related names; navigation.
    # Never one per budget version.
    with django_assert_num_queries(18):
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

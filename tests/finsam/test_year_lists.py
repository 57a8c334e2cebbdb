"""Each list opens on the latest year of its own data and offers the years that have it; `?ar=` never 500s."""

import datetime

import pytest
from django.urls import reverse

from followup.models import Activity, BenefitSum, Goal, PlannedParticipants
from tests.factories import (
    BoardSeatFactory,
    FeeYearFactory,
    MemberOrganisationFactory,
    PeriodReportFactory,
    granted_project,
)


def _menu(client, association, page):
    return client.get(reverse("latest_year_page", kwargs={"slug": association.slug, "page": page}))[
        "Location"
    ]


@pytest.fixture
def data(association):
    """Fees up to 2012, project money 2008–2009, follow-up figures 2009, activities 2007, benefits 2006,
    a board 2009–2010."""
    for year in (2010, 2011, 2012):
        FeeYearFactory(association=association, year=year)
    project = granted_project({2008: 500_000, 2009: 400_000}, owner__association=association, name="Steget")
    PeriodReportFactory(project=project, year=2009)
    Activity.objects.create(association=association, date=datetime.date(2007, 5, 2), title="Temadag")
    member = MemberOrganisationFactory(association=association, name="Flens kommun")
    BenefitSum.objects.create(member=member, year=2006, half=1, amount=1_000_000)
    BoardSeatFactory(
        member=member,
        person_name="Eva Ek",
        term_from=datetime.date(2009, 1, 1),
        term_to=datetime.date(2010, 12, 31),
    )
    return project


def test_the_menu_opens_each_list_on_the_latest_year_of_its_own_data(client, board_user, association, data):
    client.force_login(board_user)
    assert _menu(client, association, "insatser") == "/eget/insatser/?ar=2009"
    assert _menu(client, association, "rekvisitioner") == "/eget/insatser/rekvisitioner/?ar=2009"
    assert _menu(client, association, "medlemsavgifter") == "/eget/medlemsavgifter/?ar=2012"
    assert _menu(client, association, "styrelse") == "/eget/styrelse/?ar=2010"
    assert _menu(client, association, "uppfoljning") == "/eget/2009/uppfoljning/"
    assert _menu(client, association, "uppfoljning-finsam") == "/eget/2009/uppfoljning/nationell-rapport/"
    assert _menu(client, association, "aktiviteter") == "/eget/2007/uppfoljning/aktiviteter/"
    assert _menu(client, association, "forsorjningsmatt") == "/eget/2006/uppfoljning/forsorjningsmatt/"


def test_lists_without_a_year_open_on_their_own_latest_year(client, board_user, association, data):
    client.force_login(board_user)
    projects = client.get(reverse("projects:list", kwargs={"slug": association.slug}))
    assert projects.context["year"] == 2009
    assert projects.context["years"] == [2009, 2008]
    board = client.get(reverse("members:board", kwargs={"slug": association.slug}))
    assert board.context["year"] == 2010
    assert "Förbundsstyrelsen 2010" in board.content.decode()


def test_follow_up_pages_offer_the_years_that_have_their_data(client, board_user, association, data):
    Goal.objects.create(association=association, year=2011, number=1, text="Arbete")
    client.force_login(board_user)
    overview = client.get(reverse("followup:overview", kwargs={"slug": association.slug, "year": 2009}))
    content = overview.content.decode()
    assert 'aria-label="År med uppföljning"' in content
    assert '<a class="me-2" href="/eget/2011/uppfoljning/">2011</a>' in content
    assert '<strong class="me-2" aria-current="page">2009</strong>' in content
    activities = client.get(reverse("followup:activities", kwargs={"slug": association.slug, "year": 2009}))
    assert (
        '<a class="me-2" href="/eget/2007/uppfoljning/aktiviteter/">2007</a>' in activities.content.decode()
    )
    measure = client.get(reverse("followup:support_measure", kwargs={"slug": association.slug, "year": 2009}))
    assert activities.context["years"] == [2007]
    assert measure.context["years"] == [2006]
    national = client.get(reverse("followup:national", kwargs={"slug": association.slug, "year": 2009}))
    assert national.context["years"] == [2011, 2009]


def test_a_board_page_without_seats_says_so_rather_than_show_an_empty_board_of_this_year(
    client, board_user, association
):
    client.force_login(board_user)
    assert _menu(client, association, "styrelse") == "/eget/styrelse/"
    content = client.get(reverse("members:board", kwargs={"slug": association.slug})).content.decode()
    assert "Förbundsstyrelsen" not in content
    assert "Inga styrelseplatser är registrerade." in content


JUNK_YEARS = ["²", "1" + "0" * 20, "abc", "\x00", "-2009", "20 09"]


@pytest.mark.parametrize("value", JUNK_YEARS)
@pytest.mark.parametrize(
    "url_name", ["projects:list", "projects:requisitions", "members:board", "members:fees"]
)
def test_a_year_that_is_not_a_year_opens_the_list_on_its_default(
    client, board_user, association, data, url_name, value
):
    client.force_login(board_user)
    response = client.get(reverse(url_name, kwargs={"slug": association.slug}), {"ar": value})
    assert response.status_code == 200
    if url_name == "members:fees":
        assert response.context["chosen"] == [2011, 2012]
    else:
        assert response.context["year"] == {"projects:list": 2009, "projects:requisitions": 2009}.get(
            url_name, 2010
        )


@pytest.mark.parametrize("value", ["²", "1" + "0" * 20, "abc", "\x00", "-1"])
def test_planned_participants_that_are_not_a_number_are_refused_with_a_message(
    office_client, association, data, value
):
    url = reverse("followup:planned", kwargs={"slug": association.slug, "year": 2009, "pk": data.pk})
    response = office_client.post(url, {"count": value}, follow=True)
    assert response.status_code == 200
    assert "Ange planerat antal deltagare som ett heltal från 0 till 10 000 000." in response.content.decode()
    assert not PlannedParticipants.objects.filter(project=data).exists()

"""An application's year rows follow its dates: the total applied for spreads over the period's calendar years
pro rata to days (projects/amounts.py), on the server with "Fördela på åren" and live in the page's script."""

import datetime
import re

from django.urls import reverse

from projects.models import Application, ApplicationYearAmount
from tests.factories import MemberOrganisationFactory, granted_project
from tests.forms import submit

D = datetime.date


def _data(applicant, **extra):
    return {
        "name": "Trappan mot arbete",
        "applicant": applicant.pk,
        "kind": "individ",
        "start": "2023-07-01",
        "end": "2026-06-30",
        "years-TOTAL_FORMS": "2",
        "years-INITIAL_FORMS": "0",
        **extra,
    }


def _url():
    return reverse("projects:application_create", kwargs={"slug": "eget"})


def test_a_three_year_application_is_offered_its_four_calendar_years_filled_pro_rata(
    office_client, association
):
    applicant = MemberOrganisationFactory(association=association)
    data = _data(applicant, total="3000000", fordela="1", name="")
    page = office_client.post(_url(), data).content.decode()

    rows = re.findall(
        r'name="years-(\d)-year" id="[^"]*" value="(\d*)".*?name="years-\1-amount" id="[^"]*" value="(\d*)"',
        page,
        re.S,
    )
    filled = [(year, amount) for _i, year, amount in rows if year]
    assert filled == [("2023", "503650"), ("2024", "1001825"), ("2025", "999087"), ("2026", "495438")]
    assert "Beloppet är fördelat på periodens kalenderår efter antal dagar." in page
    assert "Detta fält måste fyllas i." not in page  # the unfinished name waits for the save
    assert not Application.objects.exists()


def test_saving_with_a_total_and_no_year_rows_spreads_it_by_days(office_client, association):
    applicant = MemberOrganisationFactory(association=association)
    data = _data(applicant, total="1000000", start="2024-03-01", end="2025-02-28")
    assert office_client.post(_url(), data).status_code == 302
    assert dict(ApplicationYearAmount.objects.values_list("year", "amount")) == {2024: 838_356, 2025: 161_644}


def test_year_rows_that_miss_the_total_are_refused_beside_the_total(office_client, association):
    applicant = MemberOrganisationFactory(association=association)
    data = _data(applicant, total="1000000", **{"years-0-year": "2023", "years-0-amount": "400000"})
    page = office_client.post(_url(), data).content.decode()
    assert "Åren summerar till 400\xa0000\xa0kr men det sökta totalbeloppet är 1\xa0000\xa0000\xa0kr." in page
    assert not Application.objects.exists()


def test_the_form_loads_the_year_rows_script_and_names_its_fields(office_client, association):
    page = office_client.get(_url()).content.decode()
    assert (
        'data-year-rows data-prefix="years" data-start="id_start" data-end="id_end" data-total="id_total"'
        in page
    )
    assert "finsam/js/year-rows.js" in page


def test_a_project_whose_dates_gain_a_year_has_its_grant_spread_over_the_new_years(
    office_client, association
):
    project = granted_project(
        {2023: 600_000, 2024: 400_000},
        owner__association=association,
        start=D(2023, 1, 1),
        end=D(2024, 12, 31),
    )
    url = reverse("projects:edit", kwargs={"slug": "eget", "pk": project.pk})
    response = submit(office_client, url, {"end": "2025-12-31"}, follow=True)
    assert "beloppen per år är fördelade på nytt efter antal dagar" in response.content.decode()
    assert dict(project.year_amounts.values_list("year", "amount")) == {
        2023: 333_029,
        2024: 333_942,
        2025: 333_029,
    }


def test_a_project_edited_without_new_dates_keeps_its_own_split(office_client, association):
    project = granted_project(
        {2023: 600_000, 2024: 400_000},
        owner__association=association,
        start=D(2023, 1, 1),
        end=D(2024, 12, 31),
    )
    url = reverse("projects:edit", kwargs={"slug": "eget", "pk": project.pk})
    assert submit(office_client, url, {"name": "Nytt namn"}).status_code == 302
    assert dict(project.year_amounts.values_list("year", "amount")) == {2023: 600_000, 2024: 400_000}

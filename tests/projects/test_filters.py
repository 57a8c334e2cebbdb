"""The project and application lists filter through django-filter, only within the association."""

import datetime

from django.urls import reverse

from projects.models import Application, ApplicationRound, ApplicationStatus, ProjectStatus
from tests.factories import MemberOrganisationFactory, granted_project

D = datetime.date


def _list(client, **query):
    return client.get(
        reverse("projects:list", kwargs={"slug": "eget"}), {"ar": 2023, **query}
    ).content.decode()


def test_the_project_list_filters_by_status_kind_and_owner(office_client, association):
    flen = MemberOrganisationFactory(association=association, name="Flens kommun")
    gnesta = MemberOrganisationFactory(association=association, name="Gnesta kommun")
    granted_project({2023: 100_000}, owner=flen, name="Vägen vidare", status=ProjectStatus.RUNNING)
    granted_project({2023: 200_000}, owner=gnesta, name="Steget", status=ProjectStatus.ENDED)

    running = _list(office_client, status="running")
    assert "Vägen vidare" in running and "Steget" not in running
    by_owner = _list(office_client, agare=gnesta.pk)
    assert "Steget" in by_owner and "Vägen vidare" not in by_owner
    assert f'<option value="{gnesta.pk}" selected>Gnesta kommun</option>' in by_owner


def test_a_bad_filter_value_says_so_beside_its_field_and_filters_nothing(
    office_client, association, other_association
):
    flen = MemberOrganisationFactory(association=association, name="Flens kommun")
    elsewhere = MemberOrganisationFactory(association=other_association, name="Annan kommun")
    granted_project({2023: 100_000}, owner=flen, name="Vägen vidare")

    page = _list(office_client, status="nonsense", agare=elsewhere.pk)
    assert page.count("Välj ett giltigt alternativ.") == 2
    assert "Vägen vidare" in page
    assert "Annan kommun" not in page  # another association's members are not even offered


def test_the_application_list_filters_by_round_and_status(office_client, association):
    flen = MemberOrganisationFactory(association=association, name="Flens kommun")
    spring = ApplicationRound.objects.create(
        association=association, name="Våren 2023", deadline=D(2023, 3, 1)
    )
    autumn = ApplicationRound.objects.create(
        association=association, name="Hösten 2023", deadline=D(2023, 9, 1)
    )
    for name, chosen_round, status in (
        ("Ung framtid", spring, ApplicationStatus.RECEIVED),
        ("Jobbvägen", autumn, ApplicationStatus.RECEIVED),
        ("Steget", autumn, ApplicationStatus.DECLINED),
    ):
        Application.objects.create(
            association=association,
            name=name,
            applicant=flen,
            round=chosen_round,
            status=status,
            start=D(2024, 1, 1),
            end=D(2024, 12, 31),
        )
    url = reverse("projects:applications", kwargs={"slug": "eget"})

    page = office_client.get(url, {"omgang": autumn.pk, "status": "received"}).content.decode()
    assert "Jobbvägen" in page
    assert "Ung framtid" not in page and "Steget" not in page
    empty = office_client.get(url, {"omgang": spring.pk, "status": "declined"}).content.decode()
    assert "Inga ansökningar matchar urvalet." in empty

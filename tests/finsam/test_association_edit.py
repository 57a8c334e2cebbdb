from django.urls import reverse

from finsam.models import Association


def _url(association):
    return reverse("association_edit", kwargs={"slug": association.slug})


def _data(association, **overrides):
    data = {
        "name": association.name,
        "short_name": association.short_name,
        "org_number": "",
        "county": association.county,
        "founded": "2005-03-10",
        "founded_precision": "half",
        "history_marker": association.history.latest().history_id,
    }
    data.update(overrides)
    return data


def test_office_staff_can_change_the_association(client, office_user, association):
    client.force_login(office_user)
    response = client.post(_url(association), _data(association, county="Skåne län"))
    assert response.status_code == 302
    association.refresh_from_db()
    assert association.county == "Skåne län"
    # "våren 2005": stored as the first day of the half-year, never as a fake exact day
    assert association.founded.isoformat() == "2005-01-01"


def test_outsider_gets_404_and_changes_nothing(client, outsider, association):
    client.force_login(outsider)
    response = client.post(_url(association), _data(association, county="Skåne län"))
    assert response.status_code == 404
    association.refresh_from_db()
    assert association.county == "Södermanlands län"


def test_board_member_gets_403_and_changes_nothing(client, board_user, association):
    client.force_login(board_user)
    response = client.post(_url(association), _data(association, county="Skåne län"))
    assert response.status_code == 403
    association.refresh_from_db()
    assert association.county == "Södermanlands län"


def test_bad_input_gets_a_message_and_changes_nothing(client, office_user, association):
    client.force_login(office_user)
    before = Association.objects.values().get(pk=association.pk)
    response = client.post(_url(association), _data(association, county="X", org_number="12345"))
    assert response.status_code == 200
    assert "Ange organisationsnumret som tio siffror med bindestreck" in response.content.decode()
    assert Association.objects.values().get(pk=association.pk) == before


def test_an_edit_based_on_stale_data_is_refused_instead_of_overwriting(client, office_user, association):
    client.force_login(office_user)
    stale = _data(association, county="Min ändring")
    association.county = "Någon annans ändring"
    association.save()
    response = client.post(_url(association), stale)
    assert response.status_code == 200
    assert "Dina ändringar har inte sparats" in response.content.decode()
    association.refresh_from_db()
    assert association.county == "Någon annans ändring"

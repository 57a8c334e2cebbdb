import pytest
from django.urls import reverse

from finsam.history import changes_for
from finsam.models import Association


def test_a_change_made_in_the_browser_shows_in_the_history_with_its_user(
    client, office_user, auditor_user, association
):
    client.force_login(office_user)
    response = client.post(
        reverse("association_edit", kwargs={"slug": association.slug}),
        {
            "name": association.name,
            "short_name": "Nytt kortnamn",
            "org_number": "222000-2733",
            "county": association.county,
            "founded": "2005-01-01",
            "founded_precision": "year",
            "history_marker": association.history.latest().history_id,
        },
    )
    assert response.status_code == 302

    latest = Association.history.filter(id=association.id).latest()
    assert latest.history_user == office_user
    assert latest.history_association_id == association.id

    client.force_login(auditor_user)
    page = client.get(reverse("association_history", kwargs={"slug": association.slug})).content.decode()
    assert "Anna Andersson" in page  # office_user's full name
    assert "Nytt kortnamn" in page
    assert "222000-2733" in page


def test_history_lists_field_changes_with_old_and_new_values(association):
    association.county = "Skåne län"
    association.save()
    change = changes_for(association)[0]
    assert change.kind == "Ändrad"
    assert [(f.label, f.old, f.new) for f in change.fields] == [("län", "Södermanlands län", "Skåne län")]


def test_history_of_one_association_never_shows_another(association, other_association):
    other_association.county = "Hemligt län"
    other_association.save()
    assert all(c.object_label != other_association.name for c in changes_for(association))


def test_history_page_queries_do_not_grow_with_the_number_of_changes(client, auditor_user, association):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from finsam.history import audited_models

    client.force_login(auditor_user)
    url = reverse("association_history", kwargs={"slug": association.slug})

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    association.county = "A"
    association.save()
    few = count()
    for county in ["B", "C", "D", "E", "F", "G"]:
        association.county = county
        association.save()
    assert count() == few
    # per audited model: its latest snapshots and the ones before them; plus a fixed handful
    assert few <= 2 * len(audited_models()) + 10


@pytest.mark.parametrize("typ", ["finsam.association", "finsam.accessgrant"])
def test_history_can_be_filtered_by_kind_of_object(client, auditor_user, association, typ):
    client.force_login(auditor_user)
    response = client.get(reverse("association_history", kwargs={"slug": association.slug}), {"typ": typ})
    assert response.status_code == 200
    labels = {c.model_label for c in response.context["changes"]}
    assert labels == {"samordningsförbund" if typ == "finsam.association" else "behörighet"}

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


def test_history_page_runs_a_fixed_number_of_queries(
    client, auditor_user, association, django_assert_max_num_queries
):
    for county in ["A", "B", "C", "D", "E"]:
        association.county = county
        association.save()
    client.force_login(auditor_user)
    url = reverse("association_history", kwargs={"slug": association.slug})
    # session, user, grant; per audited model: latest snapshots + previous snapshots; related objects;
    # navigation list of associations. Does not grow with the number of changes.
    with django_assert_max_num_queries(30):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("typ", ["finsam.association", "finsam.accessgrant"])
def test_history_can_be_filtered_by_kind_of_object(client, auditor_user, association, typ):
    client.force_login(auditor_user)
    response = client.get(reverse("association_history", kwargs={"slug": association.slug}), {"typ": typ})
    assert response.status_code == 200
    labels = {c.model_label for c in response.context["changes"]}
    assert labels == {"samordningsförbund" if typ == "finsam.association" else "behörighet"}

import datetime
from decimal import Decimal

from django.urls import reverse

from members.models import FeeYear, FixedShare, MemberKind, MemberOrganisation, Population, SplitMethod
from tests.factories import (
    BoardSeatFactory,
    FeeYearFactory,
    FixedShareFactory,
    MemberOrganisationFactory,
    PopulationFactory,
)
from tests.forms import submit


def _member_data(**overrides):
    data = {
        "name": "Flens kommun",
        "kind": MemberKind.MUNICIPALITY,
        "org_number": "",
        "member_from": "2005-01-01",
    }
    data.update(overrides)
    return data


def test_office_staff_add_a_member(client, office_user, association):
    client.force_login(office_user)
    response = client.post(
        reverse("members:create", kwargs={"slug": association.slug, "kind": "medlem"}), _member_data()
    )
    assert response.status_code == 302
    member = MemberOrganisation.objects.get(association=association)
    assert member.name == "Flens kommun"
    assert member.history.latest().history_user == office_user


def test_a_membership_ending_before_it_starts_is_refused_and_saves_nothing(client, office_user, association):
    client.force_login(office_user)
    response = client.post(
        reverse("members:create", kwargs={"slug": association.slug, "kind": "medlem"}),
        _member_data(member_to="2004-12-31"),
    )
    assert response.status_code == 200
    assert (
        "Medlemskapet kan inte sluta (2004-12-31) innan det börjar (2005-01-01)." in response.content.decode()
    )
    assert not MemberOrganisation.objects.exists()


def test_a_duplicate_member_name_gets_a_message_not_an_error(client, office_user, association):
    MemberOrganisationFactory(association=association, name="Flens kommun")
    client.force_login(office_user)
    response = client.post(
        reverse("members:create", kwargs={"slug": association.slug, "kind": "medlem"}), _member_data()
    )
    assert response.status_code == 200
    assert "Det finns redan en medlem med det namnet." in response.content.decode()
    assert MemberOrganisation.objects.count() == 1


def test_board_member_cannot_post_and_nothing_changes(client, board_user, association):
    member = MemberOrganisationFactory(association=association, name="Gammalt namn")
    client.force_login(board_user)
    url = reverse("members:edit", kwargs={"slug": association.slug, "kind": "medlem", "pk": member.pk})
    assert client.post(url, _member_data(name="Nytt")).status_code == 403
    member.refresh_from_db()
    assert member.name == "Gammalt namn"


def test_outsider_cannot_delete_and_nothing_changes(client, outsider, association):
    member = MemberOrganisationFactory(association=association)
    client.force_login(outsider)
    url = reverse("members:delete", kwargs={"slug": association.slug, "kind": "medlem", "pk": member.pk})
    assert client.post(url).status_code == 404
    assert MemberOrganisation.objects.filter(pk=member.pk).exists()


def test_delete_asks_first_and_then_deletes(client, office_user, association):
    member = MemberOrganisationFactory(association=association, name="Trosa kommun")
    client.force_login(office_user)
    url = reverse("members:delete", kwargs={"slug": association.slug, "kind": "medlem", "pk": member.pk})
    assert "Ta bort ”Trosa kommun”?" in client.get(url).content.decode()
    assert MemberOrganisation.objects.filter(pk=member.pk).exists()
    assert client.post(url).status_code == 302
    assert not MemberOrganisation.objects.filter(pk=member.pk).exists()


def test_a_member_in_use_cannot_be_deleted_and_says_why(client, office_user, association):
    fee_year = FeeYearFactory(association=association)
    share = FixedShareFactory(fee_year=fee_year)
    client.force_login(office_user)
    url = reverse(
        "members:delete", kwargs={"slug": association.slug, "kind": "medlem", "pk": share.member.pk}
    )
    response = client.post(url, follow=True)
    assert (
        "används (t.ex. som insatsägare eller i ett avgiftsår) och kan inte tas bort"
        in response.content.decode()
    )
    assert MemberOrganisation.objects.filter(pk=share.member.pk).exists()


def _fee_data(members, **overrides):
    data = {
        "year": "2009",
        "total": "15000000",
        "status": "final",
        "split_method": "percentages",
        "age_band": "16-64",
    }
    data.update({f"share_{m.pk}": p for m, p in members.items()})
    data.update(overrides)
    return data


def test_office_staff_enter_a_fee_year_with_percentages(client, office_user, association):
    a = MemberOrganisationFactory(association=association, name="A kommun")
    b = MemberOrganisationFactory(association=association, name="B kommun")
    client.force_login(office_user)
    response = client.post(
        reverse("members:fee_year_create", kwargs={"slug": association.slug}), _fee_data({a: "60", b: "40"})
    )
    assert response.status_code == 302
    fee_year = FeeYear.objects.get(association=association, year=2009)
    assert {s.member.name: s.percent for s in fee_year.fixed_shares.all()} == {
        "A kommun": Decimal("60"),
        "B kommun": Decimal("40"),
    }
    page = client.get(reverse("members:fees", kwargs={"slug": association.slug})).content.decode()
    assert "2\u00a0250\u00a0000" in page  # A kommun: 60 % of the municipalities' 3 750 000


def test_percentages_off_100_are_refused_with_the_difference_and_save_nothing(
    client, office_user, association
):
    a = MemberOrganisationFactory(association=association, name="A kommun")
    b = MemberOrganisationFactory(association=association, name="B kommun")
    client.force_login(office_user)
    response = client.post(
        reverse("members:fee_year_create", kwargs={"slug": association.slug}), _fee_data({a: "60", b: "39.8"})
    )
    assert response.status_code == 200
    assert "Procentsatserna summerar till 99,8 %, 0,2 procentenheter för lite." in response.content.decode()
    assert not FeeYear.objects.exists()
    assert not FixedShare.objects.exists()


def test_a_total_of_zero_is_refused(client, office_user, association):
    a = MemberOrganisationFactory(association=association)
    client.force_login(office_user)
    response = client.post(
        reverse("members:fee_year_create", kwargs={"slug": association.slug}),
        _fee_data({a: "100"}, total="0"),
    )
    assert "Den totala medlemsavgiften måste vara större än 0 kr." in response.content.decode()
    assert not FeeYear.objects.exists()


def test_editing_shares_changes_only_what_changed(client, office_user, association):
    a = MemberOrganisationFactory(association=association, name="A kommun")
    b = MemberOrganisationFactory(association=association, name="B kommun")
    fee_year = FeeYearFactory(association=association, year=2009)
    share_a = FixedShareFactory(fee_year=fee_year, member=a, percent=Decimal("50"))
    FixedShareFactory(fee_year=fee_year, member=b, percent=Decimal("50"))
    client.force_login(office_user)
    url = reverse("members:fee_year_edit", kwargs={"slug": association.slug, "year": 2009})
    marker = fee_year.history.latest().history_id
    response = client.post(
        url, _fee_data({a: "50", b: ""}, split_method="percentages", history_marker=marker)
    )
    # B left out: A's 50 % alone is off 100 % -> refused
    assert "Procentsatserna summerar till 50 %, 50 procentenheter för lite." in response.content.decode()
    response = client.post(url, _fee_data({a: "100", b: ""}, history_marker=marker))
    assert response.status_code == 302
    assert list(fee_year.fixed_shares.values_list("member__name", "percent")) == [
        ("A kommun", Decimal("100"))
    ]
    assert share_a.history.count() == 2  # created, then changed once


def test_population_entry_saves_each_municipality_and_refuses_negatives(client, office_user, association):
    a = MemberOrganisationFactory(association=association, name="A kommun")
    b = MemberOrganisationFactory(association=association, name="B kommun")
    PopulationFactory(member=a, reference_date=datetime.date(2008, 11, 1), inhabitants=5)
    client.force_login(office_user)
    url = reverse("members:population_edit", kwargs={"slug": association.slug})
    data = {
        "reference_date": "2008-11-01",
        "age_band": "16-64",
        f"count_{a.pk}": "60000",
        f"count_{b.pk}": "-1",
    }
    response = submit(client, url, data)
    assert "Antalet invånare kan inte vara negativt." in response.content.decode()
    assert list(Population.objects.values_list("member__name", "inhabitants")) == [("A kommun", 5)]
    data[f"count_{b.pk}"] = "20000"
    assert submit(client, url, data).status_code == 302
    assert dict(Population.objects.values_list("member__name", "inhabitants")) == {
        "A kommun": 60000,
        "B kommun": 20000,
    }


def test_a_fee_year_by_population_without_a_date_is_refused(client, office_user, association):
    MemberOrganisationFactory(association=association)
    client.force_login(office_user)
    response = client.post(
        reverse("members:fee_year_create", kwargs={"slug": association.slug}),
        _fee_data({}, split_method=SplitMethod.POPULATION),
    )
    assert "Ange vilket datum befolkningen ska räknas per." in response.content.decode()
    assert not FeeYear.objects.exists()


def test_methods_other_than_get_and_post_are_refused(client, office_user, association):
    client.force_login(office_user)
    url = reverse("members:fee_year_create", kwargs={"slug": association.slug})
    assert client.put(url).status_code == 405


def test_the_board_page_opens_on_the_latest_year_a_board_served_and_offers_those_years(
    client, auditor_user, association
):
    member = MemberOrganisationFactory(association=association, name="Landskrona stad")
    BoardSeatFactory(
        member=member,
        person_name="Anna Ordinarie",
        term_from=datetime.date(2009, 5, 1),
        term_to=datetime.date(2010, 12, 31),
    )
    client.force_login(auditor_user)
    response = client.get(reverse("members:board", kwargs={"slug": association.slug}))
    assert response.context["year"] == 2010  # not this calendar year, with no board at all
    assert response.context["years"] == [2010, 2009]
    assert "Anna Ordinarie" in response.content.decode()

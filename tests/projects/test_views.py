import datetime

from django.urls import reverse

from projects.models import Application, ApplicationYearAmount, Decision, Project, ProjectYearAmount
from tests.factories import MemberOrganisationFactory, granted_project
from tests.forms import form_fields, submit

D = datetime.date


def _project_data(owner, **overrides):
    data = {
        "number": "28",
        "name": "TUNA",
        "owner": owner.pk,
        "kind": "individ",
        "status": "running",
        "start": "2008-09-01",
        "start_precision": "day",
        "start_status": "confirmed",
        "end": "2011-08-31",
        "end_precision": "day",
        "beslut-decided_on": "2008-06-10",
        "beslut-reference": "RAR08-3",
        "beslut-granted_amount": "7987000",
    }
    data.update(overrides)
    return data


def test_office_staff_register_a_granted_project_and_the_years_are_proposed(client, office_user, association):
    owner = MemberOrganisationFactory(association=association)
    client.force_login(office_user)
    response = client.post(
        reverse("projects:create", kwargs={"slug": association.slug}), _project_data(owner)
    )
    assert response.status_code == 302
    project = Project.objects.get(name="TUNA")
    amounts = dict(project.year_amounts.values_list("year", "amount"))
    assert list(amounts) == [2008, 2009, 2010, 2011]
    assert sum(amounts.values()) == 7_987_000
    assert project.decisions.get().reference == "RAR08-3"


def test_an_impossible_date_is_refused_and_saves_nothing(client, office_user, association):
    owner = MemberOrganisationFactory(association=association)
    client.force_login(office_user)
    response = client.post(
        reverse("projects:create", kwargs={"slug": association.slug}), _project_data(owner, end="2008-06-31")
    )
    assert response.status_code == 200
    assert "Fyll i ett giltigt datum." in response.content.decode()
    assert not Project.objects.exists()
    assert not Decision.objects.exists()


def test_an_end_before_the_start_is_refused_and_saves_nothing(client, office_user, association):
    owner = MemberOrganisationFactory(association=association)
    client.force_login(office_user)
    response = client.post(
        reverse("projects:create", kwargs={"slug": association.slug}), _project_data(owner, end="2008-08-31")
    )
    assert "Slutdatumet (2008-08-31) ligger före startdatumet (2008-09-01)." in response.content.decode()
    assert not Project.objects.exists()


def test_an_owner_from_another_association_cannot_be_chosen(
    client, office_user, association, other_association
):
    foreign = MemberOrganisationFactory(association=other_association)
    client.force_login(office_user)
    response = client.post(
        reverse("projects:create", kwargs={"slug": association.slug}), _project_data(foreign)
    )
    assert response.status_code == 200
    assert not Project.objects.exists()


def _years_url(project):
    return reverse("projects:years", kwargs={"slug": project.association.slug, "pk": project.pk})


def _years_data(client, project, amounts):
    """The years form as posted from the page just opened (with its change marker)."""
    shown = form_fields(client.get(_years_url(project)).content.decode(), contains="years-0-year")
    data = {"years-TOTAL_FORMS": str(len(amounts) + 1), "years-INITIAL_FORMS": "0"}
    data["history_marker"] = shown["history_marker"][0]
    for index, (year, amount) in enumerate(amounts.items()):
        data[f"years-{index}-year"] = str(year)
        data[f"years-{index}-amount"] = str(amount)
    return data


def test_yearly_amounts_that_do_not_add_up_are_refused_naming_the_difference(
    client, office_user, association
):
    project = granted_project({2009: 1_000_000, 2010: 1_924_000}, owner__association=association)
    client.force_login(office_user)
    response = client.post(
        _years_url(project), _years_data(client, project, {2009: 1_000_000, 2010: 1_923_000}), follow=True
    )
    assert (
        "Åren summerar till 2\u00a0923\u00a0000\u00a0kr, 1\u00a0000\u00a0kr mindre än det beviljade totalbeloppet "
        "2\u00a0924\u00a0000\u00a0kr." in response.content.decode()
    )
    assert dict(project.year_amounts.values_list("year", "amount")) == {2009: 1_000_000, 2010: 1_924_000}


def test_yearly_amounts_that_add_up_are_saved(client, office_user, association):
    project = granted_project({2009: 1_000_000, 2010: 1_924_000}, owner__association=association)
    client.force_login(office_user)
    response = client.post(
        _years_url(project), _years_data(client, project, {2009: 1_500_000, 2010: 1_424_000})
    )
    assert response.status_code == 302
    assert dict(project.year_amounts.values_list("year", "amount")) == {2009: 1_500_000, 2010: 1_424_000}


def test_a_negative_year_amount_is_refused(client, office_user, association):
    project = granted_project({2009: 100}, owner__association=association)
    client.force_login(office_user)
    response = client.post(_years_url(project), _years_data(client, project, {2009: 200, 2010: -100}))
    assert "Ett belopp kan inte vara negativt." in response.content.decode()
    assert dict(project.year_amounts.values_list("year", "amount")) == {2009: 100}


def test_board_member_cannot_change_the_years(client, board_user, association):
    project = granted_project({2009: 100}, owner__association=association)
    client.force_login(board_user)
    data = {
        "years-TOTAL_FORMS": "1",
        "years-INITIAL_FORMS": "0",
        "years-0-year": "2009",
        "years-0-amount": "100",
    }
    assert client.post(_years_url(project), data).status_code == 403


def test_a_further_decision_spreads_the_new_total_over_the_remaining_years(client, office_user, association):
    project = granted_project(
        {2009: 1_000_000, 2010: 1_000_000},
        owner__association=association,
        start=D(2009, 1, 1),
        end=D(2010, 12, 31),
    )
    client.force_login(office_user)
    response = client.post(
        reverse("projects:decision_create", kwargs={"slug": association.slug, "pk": project.pk}),
        {
            "decided_on": "2010-03-01",
            "outcome": "granted",
            "granted_amount": "500000",
            "reference": "RAR10-2",
        },
    )
    assert response.status_code == 302
    assert dict(project.year_amounts.values_list("year", "amount")) == {2009: 1_000_000, 2010: 1_500_000}


def test_a_declined_decision_cannot_grant_money(client, office_user, association):
    project = granted_project({2009: 100}, owner__association=association)
    client.force_login(office_user)
    response = client.post(
        reverse("projects:decision_create", kwargs={"slug": association.slug, "pk": project.pk}),
        {"decided_on": "2010-03-01", "outcome": "declined", "granted_amount": "500"},
    )
    assert "Ett avslag beviljar inget belopp: ange 0 kr." in response.content.decode()
    assert project.decisions.count() == 1


def test_requisitions_above_the_grant_show_a_warning_on_the_project(client, office_user, association):
    project = granted_project({2022: 100_000}, owner__association=association)
    client.force_login(office_user)
    url = reverse("projects:requisition_create", kwargs={"slug": association.slug, "pk": project.pk})
    assert (
        client.post(
            url, {"period_start": "2022-01-01", "period_end": "2022-06-30", "amount": "150000"}
        ).status_code
        == 302
    )
    page = client.get(project.get_absolute_url()).content.decode()
    assert (
        "Rekvirerat 150\u00a0000\u00a0kr är 50\u00a0000\u00a0kr mer än beviljat 100\u00a0000\u00a0kr." in page
    )


def test_a_project_longer_than_the_rule_shows_a_warning(client, office_user, association):
    project = granted_project(
        {2009: 1}, owner__association=association, start=D(2009, 1, 1), end=D(2012, 6, 30)
    )
    client.force_login(office_user)
    page = client.get(project.get_absolute_url()).content.decode()
    assert "längre än förbundets längsta insatstid på 36 månader" in page


def test_an_application_granted_becomes_a_project_with_the_applied_years(client, office_user, association):
    applicant = MemberOrganisationFactory(association=association, name="Trosa kommun")
    client.force_login(office_user)
    create = reverse("projects:application_create", kwargs={"slug": association.slug})
    data = {
        "name": "Trappan mot arbete",
        "applicant": applicant.pk,
        "kind": "individ",
        "start": "2023-01-01",
        "end": "2024-12-31",
        "years-TOTAL_FORMS": "3",
        "years-INITIAL_FORMS": "0",
        "years-0-year": "2023",
        "years-0-amount": "1234000",
        "years-1-year": "2024",
        "years-1-amount": "1000000",
    }
    assert client.post(create, data).status_code == 302
    application = Application.objects.get()
    assert dict(ApplicationYearAmount.objects.values_list("year", "amount")) == {
        2023: 1_234_000,
        2024: 1_000_000,
    }

    decide = reverse("projects:application_decide", kwargs={"slug": association.slug, "pk": application.pk})
    # the decision starts from what was applied for: with a date and a Dnr, the defaults grant exactly that
    response = submit(client, decide, {"decided_on": "2022-11-20", "reference": "22-41", "number": "41"})
    assert response.status_code == 302
    project = Project.objects.get(name="Trappan mot arbete")
    assert project.number == "41"
    assert project.owner == applicant
    assert dict(ProjectYearAmount.objects.filter(project=project).values_list("year", "amount")) == {
        2023: 1_234_000,
        2024: 1_000_000,
    }
    application.refresh_from_db()
    assert application.status == "granted"


def test_a_declined_application_makes_no_project(client, office_user, association):
    applicant = MemberOrganisationFactory(association=association)
    application = Application.objects.create(
        association=association, name="Nej", applicant=applicant, start=D(2024, 1, 1), end=D(2024, 12, 31)
    )
    client.force_login(office_user)
    decide = reverse("projects:application_decide", kwargs={"slug": association.slug, "pk": application.pk})
    assert (
        submit(
            client, decide, {"decided_on": "2023-11-20", "outcome": "declined", "granted_amount": "0"}
        ).status_code
        == 302
    )
    application.refresh_from_db()
    assert application.status == "declined"
    assert not Project.objects.exists()


def test_the_project_list_opens_on_the_latest_year_with_data_and_offers_its_years(office_client, association):
    granted_project({2009: 100_000, 2010: 200_000}, owner__association=association, name="Steget")
    response = office_client.get(reverse("projects:list", kwargs={"slug": association.slug}))
    assert response.context["year"] == 2010  # not this calendar year, where nothing is
    assert response.context["years"] == [2010, 2009]
    page = response.content.decode()
    assert "Steget" in page
    assert f'href="/{association.slug}/insatser/?ar=2009"' in page
    asked = office_client.get(reverse("projects:list", kwargs={"slug": association.slug}), {"ar": "2009"})
    assert asked.context["year"] == 2009

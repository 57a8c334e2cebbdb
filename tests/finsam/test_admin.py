from django.urls import reverse

from finsam.models import AccessGrant, Association


def test_office_staff_may_enter_the_admin(client, office_user):
    client.force_login(office_user)
    assert client.get(reverse("admin:index")).status_code == 200


def test_board_members_and_auditors_are_kept_out_of_the_admin(client, board_user, auditor_user):
    for user in (board_user, auditor_user):
        client.force_login(user)
        assert client.get(reverse("admin:index")).status_code == 403


def test_anonymous_admin_visitors_are_sent_to_the_sites_login(client, db):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/logga-in/")


def test_only_superusers_manage_associations_and_grants(client, office_user, association, django_user_model):
    client.force_login(office_user)
    assert client.get(reverse("admin:finsam_association_changelist")).status_code == 403
    assert client.get(reverse("admin:finsam_accessgrant_changelist")).status_code == 403
    root = django_user_model.objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(root)
    assert client.get(reverse("admin:finsam_association_changelist")).status_code == 200
    response = client.post(
        reverse("admin:finsam_accessgrant_add"),
        {"user": office_user.pk, "association": association.pk, "role": "revisor"},
    )
    # one role per user and association: refused, nothing stored twice
    assert response.status_code == 200
    assert AccessGrant.objects.filter(user=office_user).count() == 1
    assert Association.objects.count() == 1


def test_the_admin_login_address_leads_office_staff_on_into_the_admin(client, office_user):
    response = client.get("/admin/login/?next=/admin/")
    assert response["Location"] == "/konto/logga-in/?next=/admin/"
    client.force_login(office_user)
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"

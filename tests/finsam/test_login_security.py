"""Hardened login: lockout, a second factor for office staff, password reset by mail, idle timeout, headers."""

import datetime
import re
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import DatabaseError
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

LOGIN = "/konto/logga-in/"
LOCKED = "Inloggningen är spärrad"


def _login(client, username, password, address="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.fixture
def kansli(office_user):
    office_user.set_password("rätt-lösenord-123")
    office_user.email = "kansli@example.org"
    office_user.save()
    return office_user


@override_settings(AXES_ENABLED=True)
def test_the_tenth_wrong_password_locks_the_account_and_the_right_one_is_then_refused(client, kansli):
    for _attempt in range(9):
        assert _login(client, "kansli1", "fel").status_code == 200
    tenth = _login(client, "kansli1", "fel")
    assert LOCKED in tenth.content.decode()
    refused = _login(
        client, "kansli1", "rätt-lösenord-123", address="10.9.9.9"
    )  # another address, same account
    assert refused.status_code == 429
    assert LOCKED in refused.content.decode()
    assert "_auth_user_id" not in client.session


def _unlock_in_the_admin(client):
    """What the README tells a superuser to do: Axes → Access attempts, select the rows, delete them."""
    from axes.models import AccessAttempt

    attempts = list(AccessAttempt.objects.filter(username="kansli1").values_list("pk", flat=True))
    assert attempts
    response = client.post(
        "/admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": attempts, "post": "yes"},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="kansli1").exists()


def _unlock_with_the_command(client):
    call_command("axes_reset_username", "kansli1", stdout=open("/dev/null", "w"))


@override_settings(AXES_ENABLED=True)
@pytest.mark.parametrize("unlock", [_unlock_in_the_admin, _unlock_with_the_command], ids=["admin", "command"])
def test_a_superuser_unlocks_the_account_and_the_right_password_works_again(
    client, kansli, django_user_model, unlock
):
    for _attempt in range(10):
        _login(client, "kansli1", "fel")
    assert _login(client, "kansli1", "rätt-lösenord-123").status_code == 429
    admin = django_user_model.objects.create_superuser("chef", "chef@example.org", "x")
    client.force_login(admin)
    assert client.get("/admin/axes/accessattempt/").status_code == 200
    unlock(client)
    client.logout()
    assert _login(client, "kansli1", "rätt-lösenord-123").status_code == 302
    assert client.session["_auth_user_id"] == str(kansli.pk)


@override_settings(AXES_ENABLED=True)
def test_an_address_that_tries_many_accounts_is_locked_too(client, kansli):
    for number in range(10):
        _login(client, f"gissning{number}", "fel", address="10.6.6.6")
    assert _login(client, "kansli1", "rätt-lösenord-123", address="10.6.6.6").status_code == 429
    assert _login(client, "kansli1", "rätt-lösenord-123", address="10.1.1.1").status_code == 302


@override_settings(REQUIRE_2FA_FOR_OFFICE=True)
def test_office_staff_without_a_second_factor_set_one_up_before_anything_else(
    client, office_user, association
):
    client.force_login(office_user)
    page = reverse("association", kwargs={"slug": association.slug})
    response = client.get(page)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor_setup"))
    setup = client.get(response["Location"])
    assert "<svg" in setup.content.decode()
    device = TOTPDevice.objects.get(user=office_user, confirmed=False)
    wrong = client.post(response["Location"], {"token": "000000", "next": page})
    assert "Koden stämmer inte" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # a wrong code makes the device wait a moment before the next try
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    done = client.post(response["Location"], {"token": code, "next": page})
    assert done["Location"] == page
    assert client.get(page).status_code == 200
    assert TOTPDevice.objects.get(user=office_user).confirmed


@override_settings(REQUIRE_2FA_FOR_OFFICE=True)
def test_a_confirmed_device_is_asked_for_a_code_at_the_next_login(client, office_user, association):
    device = TOTPDevice.objects.create(user=office_user, name="telefon", confirmed=True)
    client.force_login(office_user)
    response = client.get(reverse("association", kwargs={"slug": association.slug}))
    assert response["Location"].startswith(reverse("two_factor_verify"))
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    assert client.post(reverse("two_factor_verify"), {"token": code}).status_code == 302
    assert client.get(reverse("association", kwargs={"slug": association.slug})).status_code == 200


@override_settings(REQUIRE_2FA_FOR_OFFICE=True)
def test_board_members_are_not_asked_for_a_second_factor(client, board_user, association):
    client.force_login(board_user)
    assert client.get(reverse("association", kwargs={"slug": association.slug})).status_code == 200


def test_a_forgotten_password_is_reset_through_a_mailed_link(client, kansli):
    response = client.post(reverse("password_reset"), {"email": "kansli@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Nytt lösenord till FINSAM Admin"
    link = re.search(r"https?://[^/\s]+(/konto/aterstall/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    client.post(form_url, {"new_password1": "ett-nytt-lösenord-77", "new_password2": "ett-nytt-lösenord-77"})
    client.logout()
    assert client.post(LOGIN, {"username": "kansli1", "password": "ett-nytt-lösenord-77"}).status_code == 302


def test_a_session_ends_after_two_idle_hours_and_activity_keeps_it(client, office_user, association):
    page = reverse("association", kwargs={"slug": association.slug})
    start = datetime.datetime(2026, 11, 24, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as traveller:
        client.force_login(office_user)
        traveller.shift(datetime.timedelta(minutes=110))
        assert client.get(page).status_code == 200  # active again: the two hours start over
        traveller.shift(datetime.timedelta(minutes=110))
        assert client.get(page).status_code == 200
        traveller.shift(datetime.timedelta(hours=2, minutes=1))
        response = client.get(page)
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_pages_carry_a_content_security_policy_without_inline_script(client, office_user, association):
    client.force_login(office_user)
    response = client.get(reverse("association", kwargs={"slug": association.slug}))
    policy = response["Content-Security-Policy"]
    script = re.search(r"script-src ([^;]+)", policy).group(1)
    assert script.strip() == "'self'"
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "camera=()" in response["Permissions-Policy"]
    assert "<script>" not in response.content.decode()


def test_the_health_endpoint_answers_for_the_database(client, db):
    response = client.get("/healthz/")
    assert (response.status_code, response.content) == (200, b"ok\n")
    with mock.patch("finsam.account.connection.cursor", side_effect=DatabaseError("nere")):
        down = client.get("/healthz/")
    assert down.status_code == 503


def test_html_is_compressed_for_clients_that_accept_it(client, office_user, association):
    client.force_login(office_user)
    response = client.get(
        reverse("association", kwargs={"slug": association.slug}), HTTP_ACCEPT_ENCODING="gzip"
    )
    assert response["Content-Encoding"] == "gzip"


def test_a_write_that_fails_halfway_leaves_nothing_behind(rf, association):
    from finsam.middleware import AtomicWritesMiddleware
    from finsam.models import Association

    def view(request):
        Association.objects.filter(pk=association.pk).update(county="Halvskrivet län")
        raise RuntimeError("mitt i sparandet")

    middleware = AtomicWritesMiddleware(lambda request: None)
    with pytest.raises(RuntimeError):
        middleware.process_view(rf.post("/"), view, (), {})
    association.refresh_from_db()
    assert association.county != "Halvskrivet län"


def test_the_server_config_runs_threads_so_a_long_render_cannot_take_every_worker(monkeypatch):
    import multiprocessing
    import runpy
    from pathlib import Path

    for name in ("GUNICORN_WORKERS", "GUNICORN_THREADS", "GUNICORN_KEEPALIVE", "GUNICORN_REUSE_PORT"):
        monkeypatch.delenv(name, raising=False)
    config = runpy.run_path(str(Path(__file__).resolve().parents[2] / "gunicorn.conf.py"))
    assert config["worker_class"] == "gthread"
    assert config["threads"] > 1
    assert config["timeout"] >= 120
    # more processes than cores, and every request on a new connection from one shared socket: the first free
    # process takes it (a kept-alive connection would stay with a busy one)
    assert config["workers"] == 2 * multiprocessing.cpu_count() + 1
    assert config["keepalive"] == 0
    assert config["worker_connections"] == config["threads"]  # a process takes only what it can start at once
    assert config["reuse_port"] is False
    monkeypatch.setenv("GUNICORN_KEEPALIVE", "5")  # an override keeps room for the kept-alive connections
    kept = runpy.run_path(str(Path(__file__).resolve().parents[2] / "gunicorn.conf.py"))
    assert kept["worker_connections"] > kept["threads"]


def test_a_worker_freezes_what_it_loaded_at_start_so_full_collections_skip_it():
    import gc
    import runpy
    from pathlib import Path

    config = runpy.run_path(str(Path(__file__).resolve().parents[2] / "gunicorn.conf.py"))
    try:
        config["post_worker_init"](worker=None)
        assert gc.get_freeze_count() > 10_000  # the test process's Django and apps, as a worker's would be
    finally:
        gc.unfreeze()


@override_settings(REQUIRE_2FA_FOR_OFFICE=True)
def test_a_superuser_sets_up_a_second_factor_before_the_admin(client, django_user_model, db):
    admin = django_user_model.objects.create_superuser("chef", "chef@example.org", "x")
    client.force_login(admin)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('two_factor_setup')}?next=/admin/"


@override_settings(REQUIRE_2FA_FOR_OFFICE=True)
def test_a_user_asked_for_a_second_factor_can_still_log_out(client, office_user):
    client.force_login(office_user)
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "", "10.0.0.9"),
        (0, "203.0.113.5", "10.0.0.9"),  # no proxy trusted: a client's header counts for nothing
        (1, "198.51.100.1, 203.0.113.5", "203.0.113.5"),  # the proxy appended the address it saw
        (2, "198.51.100.1, 203.0.113.5, 10.1.1.1", "203.0.113.5"),
        (2, "203.0.113.5", "10.0.0.9"),  # fewer entries than proxies: not from our proxies
    ],
)
def test_the_lockout_counts_the_address_the_trusted_proxy_saw(rf, settings, proxies, forwarded, expected):
    from finsam.account import client_ip

    settings.TRUSTED_PROXY_COUNT = proxies
    request = rf.get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_no_template_has_inline_script_event_handlers_or_style_attributes():
    """What the Content-Security-Policy (script-src and style-src 'self') would block stays out of pages.

    The print templates' <style> elements are read by WeasyPrint, never served to a browser."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "templates"
    printed = {"finsam/plan/document.html", "budget/document.html"}
    offending = []
    for path in root.rglob("*.html"):
        name = str(path.relative_to(root))
        text = path.read_text()
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text) or re.search(r"\son[a-z]+\s*=", text):
            offending.append(name)
        if name not in printed and (re.search(r"\sstyle\s*=", text) or "<style" in text):
            offending.append(name)
    assert offending == []


def test_debug_off_without_a_secret_says_how_to_make_one():
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {k: v for k, v in __import__("os").environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(DEBUG="0", SECRET_KEY="")
    result = subprocess.run(
        [sys.executable, "-c", "import finsam.settings"], cwd=root, env=env, capture_output=True, text=True
    )
    assert "SECRET_KEY måste sättas när DEBUG=0" in result.stderr
    assert "export SECRET_KEY=" in result.stderr
    assert "secrets.token_urlsafe(50)" in result.stderr

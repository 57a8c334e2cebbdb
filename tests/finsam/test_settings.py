import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def test_deploy_check_reports_nothing_with_debug_off_and_a_real_secret():
    result = _manage(
        "check",
        "--deploy",
        DEBUG="0",
        SECRET_KEY="a-real-secret-of-sufficient-length-and-variety-7f3k9x2q8w1z5v6n4m",
        ALLOWED_HOSTS="finsam.example.se",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_debug_off_without_a_secret_is_refused_with_a_clear_message():
    env = {"DEBUG": "0"}
    result = _manage("check", **{**env, "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY måste sättas när DEBUG=0" in result.stderr


def test_the_ui_is_swedish_by_default_even_for_an_english_browser(client, office_user, association):
    client.force_login(office_user)
    response = client.get(
        reverse("association", kwargs={"slug": association.slug}), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert '<html lang="sv">' in response.content.decode()
    assert "Om förbundet" in response.content.decode()


def test_english_can_be_chosen(client, office_user, association):
    client.force_login(office_user)
    url = reverse("association", kwargs={"slug": association.slug})
    response = client.post(reverse("set_language"), {"language": "en", "next": url})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert '<html lang="en">' in page
    assert "About the association" in page


def test_the_language_switch_names_each_language_in_itself(client, office_user, association):
    client.force_login(office_user)
    page = client.get(reverse("association", kwargs={"slug": association.slug})).content.decode()
    assert 'lang="en">English</button>' in page


def test_every_swedish_text_has_an_english_translation():
    """The English catalogue is complete, so choosing English never leaves a page half Swedish."""
    catalogue = (ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po").read_text()
    entries = catalogue.split("\n\n")[1:]
    untranslated = [entry for entry in entries if 'msgstr ""' in entry and 'msgstr ""\n"' not in entry]
    fuzzy = [entry for entry in entries if "#, fuzzy" in entry]
    assert untranslated == []
    assert fuzzy == []


def test_no_text_in_the_code_is_missing_from_the_english_catalogue(tmp_path):
    """makemessages over a copy of the source finds no message the committed catalogue lacks."""
    import shutil

    for name in ("finsam", "members", "projects", "budget", "followup", "templates", "locale"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "manage.py", tmp_path / "manage.py")
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "finsam.settings_test",
        "PYTHONPATH": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--no-obsolete"],
        cwd=tmp_path, env=environment, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    catalogue = (tmp_path / "locale" / "en" / "LC_MESSAGES" / "django.po").read_text()
    entries = catalogue.split("\n\n")[1:]
    untranslated = [entry for entry in entries if 'msgstr ""' in entry and 'msgstr ""\n"' not in entry]
    fuzzy = [entry for entry in entries if "#, fuzzy" in entry]
    assert untranslated == [] and fuzzy == [], "run `make messages` and translate:\n" + "\n\n".join(
        untranslated + fuzzy
    )


@pytest.mark.django_db
def test_postgresql_connections_plan_for_data_read_from_memory():
    """random_page_cost 1.1 on every connection: with the server's default of 4 the planner scanned whole
    national tables instead of one association's rows (finsam/settings.py)."""
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting; CI runs the suite on PostgreSQL too")
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone()[0] == "1.1"


def test_the_page_cost_can_be_left_to_the_server():
    result = _manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.DATABASES['default'].get('OPTIONS', {}))",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/finsam",
        DB_RANDOM_PAGE_COST="",
    )
    assert result.returncode == 0, result.stderr
    assert "random_page_cost" not in result.stdout
    result = _manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS']['options'])",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/finsam",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "-c random_page_cost=1.1"


def _database_settings(**env) -> dict:
    import json

    result = _manage(
        "shell",
        "--no-imports",
        "-c",
        "import json; from django.conf import settings; d = settings.DATABASES['default']; "
        "print(json.dumps({**d['OPTIONS'], 'cursors_off': d.get('DISABLE_SERVER_SIDE_CURSORS')}))",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/finsam",
        **env,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_postgresql_connections_prepare_repeated_queries_unless_a_pooler_needs_them_off():
    default = _database_settings()
    assert default["server_side_binding"] is True
    assert default["prepare_threshold"] == 1
    assert default["cursors_off"] is True
    off = _database_settings(DB_PREPARE_THRESHOLD="")
    assert "server_side_binding" not in off
    assert "prepare_threshold" not in off


@pytest.mark.django_db
def test_a_query_run_again_and_again_on_one_connection_is_prepared_in_the_server():
    """From its second run on, a query uses the statement the server keeps (finsam/settings.py): its plan is
    not made again."""
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting; CI runs the suite on PostgreSQL too")
    from django.db.models import Value

    from finsam.models import Association

    def probe(
        pk,
    ):  # a query no other test runs: the connection (and what it prepared) lasts the whole session
        return list(Association.objects.filter(pk=pk).annotate(prepared_probe=Value(1)))

    def prepared() -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT COUNT(*) FROM pg_prepared_statements WHERE statement LIKE %s", ["%prepared_probe%"]
            )
            return cursor.fetchone()[0]

    probe(1)
    assert prepared() == 0
    probe(2)
    assert prepared() == 1


@pytest.mark.django_db
def test_a_choice_list_is_read_in_one_query_without_a_server_side_cursor():
    from django import forms
    from django.test.utils import CaptureQueriesContext

    from finsam.models import Association

    field = forms.ModelChoiceField(queryset=Association.objects.order_by("name"))
    with CaptureQueriesContext(connection) as queries:
        choices = [choice for choice in field.choices]  # not list(): it would count first
    assert len(queries) == 1
    assert "DECLARE" not in queries[0]["sql"]
    assert len(choices) == Association.objects.count() + 1  # and the empty choice

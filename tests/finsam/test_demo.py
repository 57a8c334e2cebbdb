from django.contrib.auth import get_user_model
from django.core.management import call_command

from finsam.history import audited_models
from finsam.models import AccessGrant, Association, Role


def _history_count():
    return sum(model.history.count() for model in audited_models())


def test_load_demo_creates_the_two_associations_and_three_users(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert set(Association.objects.values_list("slug", flat=True)) >= {"rar-sormland", "landskrona-svalov"}
    landskrona = Association.objects.get(slug="landskrona-svalov")
    assert landskrona.org_number == "222000-2733"
    assert landskrona.founded.isoformat() == "2009-09-01"
    assert Association.objects.get(slug="rar-sormland").founded_display == "våren 2005"
    roles = dict(AccessGrant.objects.filter(association=landskrona).values_list("user__username", "role"))
    assert roles == {"kansli": Role.KANSLI, "styrelse": Role.STYRELSE, "revisor": Role.REVISOR}
    assert get_user_model().objects.get(username="kansli").check_password("finsam-demo-2026")


def test_load_demo_twice_changes_nothing(db):
    devnull = open("/dev/null", "w")
    call_command("load_demo", stdout=devnull)
    rows = {model: model.objects.count() for model in audited_models()}
    history = _history_count()
    call_command("load_demo", stdout=devnull)
    assert {model: model.objects.count() for model in audited_models()} == rows
    assert _history_count() == history


def test_load_demo_prints_the_password(db, capsys):
    call_command("load_demo")
    assert "Lösenord: finsam-demo-2026" in capsys.readouterr().out

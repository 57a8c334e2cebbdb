"""Content types (and so the admin's log entries) of the plan's models follow them from `finsam` to `plan`."""

from django.db import migrations

MODELS = [
    "plan",
    "section",
    "cycleitem",
    "riskitem",
    "historicalplan",
    "historicalsection",
    "historicalcycleitem",
    "historicalriskitem",
]


def _move(apps, source: str, target: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if ContentType.objects.filter(app_label=target, model=model).exists():
            continue
        ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def forwards(apps, schema_editor):
    _move(apps, "finsam", "plan")


def backwards(apps, schema_editor):
    _move(apps, "plan", "finsam")


class Migration(migrations.Migration):
    dependencies = [
        ("plan", "0002_tables_take_the_app_name"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]

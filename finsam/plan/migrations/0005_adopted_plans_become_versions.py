"""Plans adopted before versions existed become version 1 (their archive is made after migrating, plan/apps.py),
and a free-text revision note becomes a revision date and reason."""

import datetime
import re

from django.db import migrations

DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")


def _split_note(note: str):
    """"Reviderad (2010-01-13) utifrån förändrad budget 2010" -> (2010-01-13, "utifrån förändrad budget 2010")."""
    match = DATE.search(note or "")
    if not match:
        reason = (note or "").removeprefix("Reviderad").strip()
        return None, reason
    reason = note[match.end() :].strip(" )")
    return datetime.date.fromisoformat(match.group(1)), reason


def forwards(apps, schema_editor):
    Plan = apps.get_model("plan", "Plan")
    PlanVersion = apps.get_model("plan", "PlanVersion")
    for plan in Plan.objects.all():
        revised_on, reason = _split_note(plan.revision_note)
        Plan.objects.filter(pk=plan.pk).update(revised_on=revised_on, revision_reason=reason[:200])
        if plan.status == "adopted" and plan.adopted_on and not PlanVersion.objects.filter(plan=plan).exists():
            PlanVersion.objects.create(
                plan=plan,
                number=1,
                adopted_on=plan.adopted_on,
                reference=plan.reference,
                revised_on=revised_on,
                revision_reason=reason[:200],
            )


def backwards(apps, schema_editor):
    Plan = apps.get_model("plan", "Plan")
    PlanVersion = apps.get_model("plan", "PlanVersion")
    for version in PlanVersion.objects.order_by("number"):
        note = f"Reviderad {version.revised_on or ''} {version.revision_reason}".strip() if (
            version.revised_on or version.revision_reason
        ) else ""
        Plan.objects.filter(pk=version.plan_id).update(adopted_on=version.adopted_on, revision_note=note)
    PlanVersion.objects.all()._raw_delete(schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("plan", "0004_plan_versions")]

    operations = [migrations.RunPython(forwards, backwards)]

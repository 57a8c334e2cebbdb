from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone


def test_every_model_change_has_its_migration(db):
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out)
    except SystemExit as exit_:
        raise AssertionError(f"Model changes without a migration:\n{out.getvalue()}") from exit_


@pytest.mark.django_db(transaction=True)
def test_a_plan_written_before_the_plan_became_its_own_app_keeps_its_rows_and_history():
    before = [("finsam", "0002_annual_plan_sections_cycle_and_risks"), ("plan", None)]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state([before[0]]).apps
    association = old.get_model("finsam", "Association").objects.create(name="F", short_name="F", slug="f")
    plan = old.get_model("finsam", "Plan").objects.create(association=association, year=2023, title="VP 2023")
    old.get_model("finsam", "Section").objects.create(plan=plan, heading="Bakgrund", body="Text")
    old.get_model("finsam", "HistoricalPlan").objects.create(
        id=plan.pk,
        year=2023,
        title="VP 2023",
        association_id=association.pk,
        history_date=timezone.now(),
        history_type="+",
        status="draft",
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    from finsam.plan.models import Plan

    moved = Plan.objects.get(pk=plan.pk)
    assert (moved.title, [s.heading for s in moved.sections.all()]) == ("VP 2023", ["Bakgrund"])
    assert moved.history.count() == 1

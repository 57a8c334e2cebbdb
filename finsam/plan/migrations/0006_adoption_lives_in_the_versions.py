from django.db import migrations


class Migration(migrations.Migration):
    """The plan's own adoption date and free-text revision note give way to its versions (moved by 0005)."""

    dependencies = [
        ("plan", "0005_adopted_plans_become_versions"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='plan',
            name='adopted_plan_has_a_date',
        ),
        migrations.RemoveField(
            model_name='historicalplan',
            name='adopted_on',
        ),
        migrations.RemoveField(
            model_name='historicalplan',
            name='revision_note',
        ),
        migrations.RemoveField(
            model_name='plan',
            name='adopted_on',
        ),
        migrations.RemoveField(
            model_name='plan',
            name='revision_note',
        ),
    ]

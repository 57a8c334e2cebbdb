"""The plan's tables get the plan app's own names (finsam_plan → plan_plan, …)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('plan', '0001_plan_sections_cycle_and_risks_from_finsam'),
    ]

    operations = [
        migrations.AlterModelTable(
            name='cycleitem',
            table=None,
        ),
        migrations.AlterModelTable(
            name='historicalcycleitem',
            table=None,
        ),
        migrations.AlterModelTable(
            name='historicalplan',
            table=None,
        ),
        migrations.AlterModelTable(
            name='historicalriskitem',
            table=None,
        ),
        migrations.AlterModelTable(
            name='historicalsection',
            table=None,
        ),
        migrations.AlterModelTable(
            name='plan',
            table=None,
        ),
        migrations.AlterModelTable(
            name='riskitem',
            table=None,
        ),
        migrations.AlterModelTable(
            name='section',
            table=None,
        ),
    ]

from django.db import migrations


class Migration(migrations.Migration):
    """The plan's models move to the app `plan` (finsam/plan): removed from this app's state only; the tables stay."""


    dependencies = [
        ('finsam', '0002_annual_plan_sections_cycle_and_risks'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.RemoveField(
                model_name='historicalcycleitem',
                name='history_association',
            ),
            migrations.RemoveField(
                model_name='historicalcycleitem',
                name='history_user',
            ),
            migrations.RemoveField(
                model_name='historicalcycleitem',
                name='plan',
            ),
            migrations.RemoveField(
                model_name='historicalplan',
                name='association',
            ),
            migrations.RemoveField(
                model_name='historicalplan',
                name='history_association',
            ),
            migrations.RemoveField(
                model_name='historicalplan',
                name='history_user',
            ),
            migrations.RemoveField(
                model_name='historicalriskitem',
                name='history_association',
            ),
            migrations.RemoveField(
                model_name='historicalriskitem',
                name='history_user',
            ),
            migrations.RemoveField(
                model_name='historicalriskitem',
                name='plan',
            ),
            migrations.RemoveField(
                model_name='historicalsection',
                name='history_association',
            ),
            migrations.RemoveField(
                model_name='historicalsection',
                name='history_user',
            ),
            migrations.RemoveField(
                model_name='historicalsection',
                name='plan',
            ),
            migrations.RemoveField(
                model_name='plan',
                name='association',
            ),
            migrations.RemoveField(
                model_name='riskitem',
                name='plan',
            ),
            migrations.RemoveField(
                model_name='section',
                name='plan',
            ),
            migrations.DeleteModel(
                name='CycleItem',
            ),
            migrations.DeleteModel(
                name='HistoricalCycleItem',
            ),
            migrations.DeleteModel(
                name='HistoricalPlan',
            ),
            migrations.DeleteModel(
                name='HistoricalRiskItem',
            ),
            migrations.DeleteModel(
                name='HistoricalSection',
            ),
            migrations.DeleteModel(
                name='RiskItem',
            ),
            migrations.DeleteModel(
                name='Plan',
            ),
            migrations.DeleteModel(
                name='Section',
            ),
            ],
            database_operations=[],
        ),
    ]

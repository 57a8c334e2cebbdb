import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """The plan's models, taken over from the app `finsam` in state only: the tables already exist."""


    initial = True

    dependencies = [
        ('finsam', '0003_plan_moves_to_its_own_app'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.CreateModel(
                name='HistoricalPlan',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('year', models.PositiveSmallIntegerField(verbose_name='år')),
                    ('title', models.CharField(help_text='T.ex. Verksamhetsplan och budget 2023.', max_length=200, verbose_name='titel')),
                    ('reference', models.CharField(blank=True, max_length=40, verbose_name='diarienummer (Dnr)')),
                    ('status', models.CharField(choices=[('draft', 'Utkast'), ('adopted', 'Fastställd')], default='draft', max_length=8, verbose_name='status')),
                    ('adopted_on', models.DateField(blank=True, null=True, verbose_name='fastställd')),
                    ('revision_note', models.CharField(blank=True, help_text='T.ex. Reviderad 2010-01-13 utifrån förändrad budget 2010.', max_length=200, verbose_name='revideringsnotering')),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('association', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='finsam.association', verbose_name='samordningsförbund')),
                    ('history_association', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='finsam.association', verbose_name='samordningsförbund')),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'historical verksamhetsplan',
                    'verbose_name_plural': 'historical verksamhetsplaner',
                    'db_table': 'finsam_historicalplan',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='Plan',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('year', models.PositiveSmallIntegerField(verbose_name='år')),
                    ('title', models.CharField(help_text='T.ex. Verksamhetsplan och budget 2023.', max_length=200, verbose_name='titel')),
                    ('reference', models.CharField(blank=True, max_length=40, verbose_name='diarienummer (Dnr)')),
                    ('status', models.CharField(choices=[('draft', 'Utkast'), ('adopted', 'Fastställd')], default='draft', max_length=8, verbose_name='status')),
                    ('adopted_on', models.DateField(blank=True, null=True, verbose_name='fastställd')),
                    ('revision_note', models.CharField(blank=True, help_text='T.ex. Reviderad 2010-01-13 utifrån förändrad budget 2010.', max_length=200, verbose_name='revideringsnotering')),
                    ('association', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='plans', to='finsam.association', verbose_name='samordningsförbund')),
                ],
                options={
                    'verbose_name': 'verksamhetsplan',
                    'verbose_name_plural': 'verksamhetsplaner',
                    'db_table': 'finsam_plan',
                    'ordering': ['association', '-year'],
                },
            ),
            migrations.CreateModel(
                name='HistoricalSection',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('position', models.PositiveIntegerField(default=0, verbose_name='ordning')),
                    ('heading', models.CharField(max_length=200, verbose_name='rubrik')),
                    ('kind', models.CharField(choices=[('text', 'Text'), ('block', 'Genererad tabell')], default='text', max_length=5, verbose_name='slag')),
                    ('body', models.TextField(blank=True, help_text='Markdown: # rubrik, - punktlista, *kursiv*, **fet**.', verbose_name='text')),
                    ('block', models.CharField(blank=True, max_length=30, verbose_name='tabell')),
                    ('block_years', models.CharField(blank=True, help_text='För medlemsavgifterna, t.ex. 2007, 2008. Tomt: planåret.', max_length=60, verbose_name='år i tabellen')),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('history_association', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='finsam.association', verbose_name='samordningsförbund')),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('plan', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='plan.plan', verbose_name='plan')),
                ],
                options={
                    'verbose_name': 'historical avsnitt',
                    'verbose_name_plural': 'historical avsnitt',
                    'db_table': 'finsam_historicalsection',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalRiskItem',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('position', models.PositiveIntegerField(default=0, verbose_name='ordning')),
                    ('risk', models.CharField(max_length=300, verbose_name='risk')),
                    ('likelihood', models.PositiveSmallIntegerField(default=2, verbose_name='sannolikhet (1–4)')),
                    ('consequence', models.PositiveSmallIntegerField(default=2, verbose_name='konsekvens (1–4)')),
                    ('control', models.CharField(max_length=300, verbose_name='kontroll/åtgärd')),
                    ('responsible', models.CharField(blank=True, max_length=100, verbose_name='ansvarig')),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('history_association', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='finsam.association', verbose_name='samordningsförbund')),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('plan', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='plan.plan', verbose_name='plan')),
                ],
                options={
                    'verbose_name': 'historical risk',
                    'verbose_name_plural': 'historical riskanalys och internkontroll',
                    'db_table': 'finsam_historicalriskitem',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalCycleItem',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('position', models.PositiveIntegerField(default=0, verbose_name='ordning')),
                    ('when', models.CharField(help_text='T.ex. mars eller april–maj.', max_length=60, verbose_name='när')),
                    ('what', models.CharField(max_length=300, verbose_name='vad')),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('history_association', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='finsam.association', verbose_name='samordningsförbund')),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('plan', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='plan.plan', verbose_name='plan')),
                ],
                options={
                    'verbose_name': 'historical punkt i årsprocessen',
                    'verbose_name_plural': 'historical årsprocessen',
                    'db_table': 'finsam_historicalcycleitem',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='CycleItem',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('position', models.PositiveIntegerField(default=0, verbose_name='ordning')),
                    ('when', models.CharField(help_text='T.ex. mars eller april–maj.', max_length=60, verbose_name='när')),
                    ('what', models.CharField(max_length=300, verbose_name='vad')),
                    ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='cycle_items', to='plan.plan', verbose_name='plan')),
                ],
                options={
                    'verbose_name': 'punkt i årsprocessen',
                    'verbose_name_plural': 'årsprocessen',
                    'db_table': 'finsam_cycleitem',
                    'ordering': ['plan', 'position', 'pk'],
                },
            ),
            migrations.CreateModel(
                name='RiskItem',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('position', models.PositiveIntegerField(default=0, verbose_name='ordning')),
                    ('risk', models.CharField(max_length=300, verbose_name='risk')),
                    ('likelihood', models.PositiveSmallIntegerField(default=2, verbose_name='sannolikhet (1–4)')),
                    ('consequence', models.PositiveSmallIntegerField(default=2, verbose_name='konsekvens (1–4)')),
                    ('control', models.CharField(max_length=300, verbose_name='kontroll/åtgärd')),
                    ('responsible', models.CharField(blank=True, max_length=100, verbose_name='ansvarig')),
                    ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='risk_items', to='plan.plan', verbose_name='plan')),
                ],
                options={
                    'verbose_name': 'risk',
                    'verbose_name_plural': 'riskanalys och internkontroll',
                    'db_table': 'finsam_riskitem',
                    'ordering': ['plan', 'position', 'pk'],
                },
            ),
            migrations.CreateModel(
                name='Section',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('position', models.PositiveIntegerField(default=0, verbose_name='ordning')),
                    ('heading', models.CharField(max_length=200, verbose_name='rubrik')),
                    ('kind', models.CharField(choices=[('text', 'Text'), ('block', 'Genererad tabell')], default='text', max_length=5, verbose_name='slag')),
                    ('body', models.TextField(blank=True, help_text='Markdown: # rubrik, - punktlista, *kursiv*, **fet**.', verbose_name='text')),
                    ('block', models.CharField(blank=True, max_length=30, verbose_name='tabell')),
                    ('block_years', models.CharField(blank=True, help_text='För medlemsavgifterna, t.ex. 2007, 2008. Tomt: planåret.', max_length=60, verbose_name='år i tabellen')),
                    ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='sections', to='plan.plan', verbose_name='plan')),
                ],
                options={
                    'verbose_name': 'avsnitt',
                    'verbose_name_plural': 'avsnitt',
                    'db_table': 'finsam_section',
                    'ordering': ['plan', 'position', 'pk'],
                },
            ),
            migrations.AddConstraint(
                model_name='plan',
                constraint=models.UniqueConstraint(fields=('association', 'year'), name='one_plan_per_year'),
            ),
            migrations.AddConstraint(
                model_name='plan',
                constraint=models.CheckConstraint(condition=models.Q(('status', 'draft'), ('adopted_on__isnull', False), _connector='OR'), name='adopted_plan_has_a_date'),
            ),
            migrations.AddConstraint(
                model_name='riskitem',
                constraint=models.CheckConstraint(condition=models.Q(('consequence__gte', 1), ('consequence__lte', 4), ('likelihood__gte', 1), ('likelihood__lte', 4)), name='risk_scale_1_to_4'),
            ),
            migrations.AddConstraint(
                model_name='section',
                constraint=models.CheckConstraint(condition=models.Q(('kind', 'text'), models.Q(('block', ''), _negated=True), _connector='OR'), name='a_block_section_names_its_block'),
            ),
            ],
            database_operations=[],
        ),
    ]

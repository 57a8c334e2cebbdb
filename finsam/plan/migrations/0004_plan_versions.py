import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """Adopted plan versions (document, PDF and workbook kept as adopted) and the revision in progress."""

    dependencies = [
        ('plan', '0003_content_types_follow_the_plan'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='PlanVersion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveSmallIntegerField(verbose_name='version')),
                ('adopted_on', models.DateField(verbose_name='fastställd')),
                ('reference', models.CharField(blank=True, max_length=40, verbose_name='diarienummer (Dnr)')),
                ('paragraph', models.CharField(blank=True, help_text='T.ex. § 12.', max_length=40, verbose_name='paragraf i protokollet')),
                ('revised_on', models.DateField(blank=True, null=True, verbose_name='reviderad')),
                ('revision_reason', models.CharField(blank=True, max_length=200, verbose_name='skäl till revisionen')),
                ('document', models.JSONField(blank=True, null=True, verbose_name='dokumentet')),
                ('pdf', models.BinaryField(blank=True, null=True, verbose_name='PDF')),
                ('pdf_sha256', models.CharField(blank=True, max_length=64, verbose_name='PDF:ens SHA-256')),
                ('xlsx', models.BinaryField(blank=True, null=True, verbose_name='arbetsbok')),
                ('xlsx_sha256', models.CharField(blank=True, max_length=64, verbose_name='arbetsbokens SHA-256')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='registrerad')),
            ],
            options={
                'verbose_name': 'fastställd planversion',
                'verbose_name_plural': 'fastställda planversioner',
                'ordering': ['plan', 'number'],
            },
        ),
        migrations.AddField(
            model_name='historicalplan',
            name='revised_on',
            field=models.DateField(blank=True, editable=False, null=True, verbose_name='reviderad'),
        ),
        migrations.AddField(
            model_name='historicalplan',
            name='revision_reason',
            field=models.CharField(blank=True, editable=False, help_text='T.ex. utifrån förändrad budget 2010.', max_length=200, verbose_name='skäl till revisionen'),
        ),
        migrations.AddField(
            model_name='plan',
            name='revised_on',
            field=models.DateField(blank=True, editable=False, null=True, verbose_name='reviderad'),
        ),
        migrations.AddField(
            model_name='plan',
            name='revision_reason',
            field=models.CharField(blank=True, editable=False, help_text='T.ex. utifrån förändrad budget 2010.', max_length=200, verbose_name='skäl till revisionen'),
        ),
        migrations.AlterField(
            model_name='historicalplan',
            name='status',
            field=models.CharField(choices=[('draft', 'Utkast'), ('adopted', 'Fastställd')], default='draft', editable=False, max_length=8, verbose_name='status'),
        ),
        migrations.AlterField(
            model_name='plan',
            name='status',
            field=models.CharField(choices=[('draft', 'Utkast'), ('adopted', 'Fastställd')], default='draft', editable=False, max_length=8, verbose_name='status'),
        ),
        migrations.AddField(
            model_name='planversion',
            name='created_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='registrerad av'),
        ),
        migrations.AddField(
            model_name='planversion',
            name='plan',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='versions', to='plan.plan', verbose_name='plan'),
        ),
        migrations.AddConstraint(
            model_name='planversion',
            constraint=models.UniqueConstraint(fields=('plan', 'number'), name='one_plan_version_number'),
        ),
    ]

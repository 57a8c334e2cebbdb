from django.core.checks import Error, register

from finsam.syscheck import weasyprint_problem


@register()
def weasyprint_can_load(app_configs, **kwargs):
    problem = weasyprint_problem()
    if problem is None:
        return []
    return [Error(problem, hint="apt-get install -y libpango-1.0-0 libpangoft2-1.0-0", id="finsam.E001")]

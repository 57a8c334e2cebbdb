"""Demo data of the source documents' associations. Idempotent: loading twice changes nothing.

Each app adds its own part in `<app>/demo.py` (a `load(associations, stdout)` function); the command
`load_demo` runs them in dependency order after this module.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model

from finsam.lib.periods import DatePrecision
from finsam.models import AccessGrant, Association, Role

RAR = "rar-sormland"
LANDSKRONA_SVALOV = "landskrona-svalov"

DEMO_USERS = [
    # username, first name, last name, role
    ("kansli", "Karin", "Kansli", Role.KANSLI),
    ("styrelse", "Stig", "Styrelse", Role.STYRELSE),
    ("revisor", "Rut", "Revisor", Role.REVISOR),
]


def ensure(model, lookup: dict, values: dict | None = None):
    """The row matching `lookup`, created or brought up to date with `values`; saved only if anything differs.

    Saving only on a difference keeps the history free of empty "changes" when the demo is loaded again.
    """
    values = values or {}
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.full_clean()
        obj.save()
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.full_clean()
        obj.save()
    return obj


def load(stdout=None) -> dict[str, Association]:
    rar = ensure(
        Association,
        {"slug": RAR},
        {
            "name": "Samordningsförbundet RAR i Sörmland",
            "short_name": "RAR",
            "county": "Södermanlands län",
            # "RAR bildades våren 2005" (plan 2023): known to the half-year only.
            "founded": datetime.date(2005, 1, 1),
            "founded_precision": DatePrecision.HALF_YEAR,
        },
    )
    landskrona = ensure(
        Association,
        {"slug": LANDSKRONA_SVALOV},
        {
            "name": "Samordningsförbundet Landskrona-Svalöv",
            "short_name": "Landskrona-Svalöv",
            "org_number": "222000-2733",
            "county": "Skåne län",
            "founded": datetime.date(2009, 9, 1),
            "founded_precision": DatePrecision.DAY,
        },
    )
    associations = {RAR: rar, LANDSKRONA_SVALOV: landskrona}
    _ensure_demo_users(associations.values(), stdout)
    return associations


def _ensure_demo_users(associations, stdout) -> None:
    User = get_user_model()
    password = settings.DEMO_PASSWORD
    for username, first_name, last_name, role in DEMO_USERS:
        user = User.objects.filter(username=username).first() or User(username=username)
        if (user.first_name, user.last_name) != (first_name, last_name):
            user.first_name, user.last_name = first_name, last_name
            user.save()
        if not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
        for association in associations:
            ensure(AccessGrant, {"user": user, "association": association}, {"role": role})
    if stdout is not None:
        names = ", ".join(f"{username} ({role.label})" for username, _f, _l, role in DEMO_USERS)
        stdout.write(f"Demoanvändare: {names}. Lösenord: {password}")

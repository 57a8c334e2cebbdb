"""The audit trail: every change to domain data, with who, when and what.

django-simple-history keeps a full snapshot per change. Each snapshot also records the association it belongs to
(`history_association`), so an association's history can be read in one query per model even after the row
itself, or its parent, has been deleted.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.apps import apps
from django.db import models
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from simple_history.signals import pre_create_historical_record

CHANGE_KINDS = {"+": _("Skapad"), "~": _("Ändrad"), "-": _("Borttagen")}

# Bookkeeping columns of a snapshot that are not the domain object's own fields.
_SNAPSHOT_COLUMNS = {
    "history_id",
    "history_date",
    "history_change_reason",
    "history_type",
    "history_user",
    "history_association",
}


class AssociationHistoryBase(models.Model):
    history_association = models.ForeignKey(
        "finsam.Association",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        verbose_name=_("samordningsförbund"),
    )

    class Meta:
        abstract = True


@receiver(pre_create_historical_record)
def _remember_association(sender, instance, history_instance, **kwargs):
    if hasattr(history_instance, "history_association_id") and hasattr(instance, "get_association_id"):
        history_instance.history_association_id = instance.get_association_id()


def audited_models() -> list[type[models.Model]]:
    """Domain models whose changes are recorded per association."""
    found = []
    for model in apps.get_models():
        history = getattr(model, "history", None)
        manager_model = getattr(history, "model", None)
        if manager_model is not None and hasattr(manager_model, "history_association_id"):
            found.append(model)
    return found


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class Change:
    when: datetime
    who: str
    kind_code: str  # "+" created, "~" changed, "-" deleted
    kind: str
    model_label: str
    object_label: str
    reason: str
    fields: list[FieldChange] = field(default_factory=list)


def _field_value(record, model_field, related) -> str:
    value = getattr(record, model_field.attname)
    if value is None or value == "":
        return "–"
    if model_field.is_relation:
        obj = related.get((model_field.related_model, value))
        return str(obj) if obj is not None else f"#{value}"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("Ja") if value else _("Nej"))
    return str(value)


def _tracked_fields(model):
    return [f for f in model._meta.concrete_fields if f.name not in _SNAPSHOT_COLUMNS and f.name != "id"]


def changes_for(association, *, model=None, limit: int = 100) -> list[Change]:
    """The latest `limit` changes in an association, newest first, each with its changed fields.

    Queries: per audited model, the latest snapshots and the snapshots just before them; then one query per
    related model whose names the changes show. The count grows with the number of models, never with rows.
    """
    models_to_read = [model] if model else audited_models()
    records = []
    for domain_model in models_to_read:
        historical = domain_model.history.model
        latest = list(
            historical.objects.filter(history_association=association)
            .select_related("history_user")
            .order_by("-history_date", "-history_id")[:limit]
        )
        records.extend((domain_model, record) for record in latest)
    records.sort(key=lambda pair: (pair[1].history_date, pair[1].history_id), reverse=True)
    records = records[:limit]

    previous = _previous_snapshots(records)
    related = _related_objects(records, previous)

    changes = []
    for domain_model, record in records:
        before = previous.get((domain_model, record.history_id))
        fields = []
        for model_field in _tracked_fields(domain_model):
            new = _field_value(record, model_field, related)
            old = _field_value(before, model_field, related) if before is not None else "–"
            if record.history_type == "+" and new == "–":
                continue
            if record.history_type == "~" and old == new:
                continue
            if record.history_type == "-":
                continue
            fields.append(FieldChange(label=str(model_field.verbose_name), old=old, new=new))
        user = record.history_user
        changes.append(
            Change(
                when=record.history_date,
                who=(user.get_full_name() or user.get_username()) if user else str(_("okänd (systemet)")),
                kind_code=record.history_type,
                kind=str(CHANGE_KINDS.get(record.history_type, record.history_type)),
                model_label=str(domain_model._meta.verbose_name),
                object_label=_object_label(domain_model, record, related),
                reason=record.history_change_reason or "",
                fields=fields,
            )
        )
    return changes


def _object_label(domain_model, record, related) -> str:
    """The object as it was named at the time, its relations taken from the objects already fetched."""
    instance = record.instance
    for model_field in _tracked_fields(domain_model):
        if model_field.is_relation:
            value = getattr(record, model_field.attname)
            if value is None:
                continue
            obj = related.get((model_field.related_model, value))
            if obj is None:
                return f"{domain_model._meta.verbose_name} #{record.id}"
            setattr(instance, model_field.name, obj)
    return str(instance)


def _previous_snapshots(records):
    """For each shown snapshot, the one of the same object just before it (one query per model)."""
    by_model: dict = {}
    for domain_model, record in records:
        by_model.setdefault(domain_model, []).append(record)
    previous = {}
    for domain_model, shown in by_model.items():
        historical = domain_model.history.model
        newest = max(r.history_date for r in shown)
        history_rows = historical.objects.filter(
            id__in={r.id for r in shown}, history_date__lte=newest
        ).order_by("id", "history_date", "history_id")
        last_by_object: dict = {}
        for row in history_rows:
            previous[(domain_model, row.history_id)] = last_by_object.get(row.id)
            last_by_object[row.id] = row
    return previous


def _related_objects(records, previous):
    wanted: dict = {}
    for domain_model, record in records:
        for model_field in _tracked_fields(domain_model):
            if not model_field.is_relation:
                continue
            for snapshot in (record, previous.get((domain_model, record.history_id))):
                value = getattr(snapshot, model_field.attname, None) if snapshot is not None else None
                if value is not None:
                    wanted.setdefault(model_field.related_model, set()).add(value)
    found = {}
    for related_model, pks in wanted.items():
        for obj in related_model._default_manager.filter(pk__in=pks):
            found[(related_model, obj.pk)] = obj
    return found

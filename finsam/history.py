"""The audit trail: every change to domain data, with who, when and what, and a way back from a deletion.

django-simple-history keeps a full snapshot per change. Each snapshot also records the association it belongs to
(`history_association`), so an association's history can be read in one query per model even after the row
itself, or its parent, has been deleted.

No gaps: a deletion also changes rows it does not delete. A `SET_NULL` relation empties (an application loses
its deleted round) and many-to-many links to the deleted row vanish (a result target loses a deleted project);
Django does both without signals, so `_record_what_a_deletion_changes` saves those rows first, which gives each
its own snapshot. Everything one deletion removes or changes carries the same `history_batch`, so office staff
can restore it all together from the history page (`restore_deletion`), and the restore is recorded too.
"""

import difflib
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _
from simple_history.signals import pre_create_historical_record

from finsam.fields import KronorField
from finsam.lib.money import format_kr

CHANGE_KINDS = {"+": _("Skapad"), "~": _("Ändrad"), "-": _("Borttagen")}

# Bookkeeping columns of a snapshot that are not the domain object's own fields.
_SNAPSHOT_COLUMNS = {
    "history_id",
    "history_date",
    "history_change_reason",
    "history_type",
    "history_user",
    "history_association",
    "history_batch",
}

_batch: ContextVar[uuid.UUID | None] = ContextVar("history_batch", default=None)


@contextmanager
def deletion_batch() -> Iterator[uuid.UUID]:
    """Everything deleted or changed inside shares one batch id in history (nested deletions join the outer)."""
    current = _batch.get()
    if current is not None:
        yield current
        return
    token = _batch.set(uuid.uuid4())
    try:
        yield _batch.get()
    finally:
        _batch.reset(token)


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
    # the deletion this snapshot belongs to (the row deleted, or changed because another was deleted)
    history_batch = models.UUIDField(null=True, blank=True, db_index=True, editable=False)

    class Meta:
        abstract = True


@receiver(pre_create_historical_record)
def _remember_association(sender, instance, history_instance, **kwargs):
    if hasattr(history_instance, "history_association_id") and hasattr(instance, "get_association_id"):
        history_instance.history_association_id = instance.get_association_id()
        history_instance.history_batch = _batch.get()


def _historical_model(model):
    """The model's historical model if its changes are recorded per association, else None."""
    history = getattr(model, "history", None)
    historical = getattr(history, "model", None)
    return historical if historical is not None and hasattr(historical, "history_association_id") else None


def _tracked_m2m(model) -> list:
    historical = _historical_model(model)
    return list(getattr(historical, "_history_m2m_fields", [])) if historical is not None else []


@receiver(pre_delete)
def _record_what_a_deletion_changes(sender, instance, **kwargs):
    """Rows that a deletion empties (SET_NULL) or unlinks (many-to-many) are saved first, so history has them.

    pre_delete runs only once Django has decided to delete (nothing protected stands in the way), inside the
    deletion's transaction, before its own updates: the rows are changed exactly as the deletion would.
    """
    for relation in type(instance)._meta.related_objects:
        related = relation.related_model
        if _historical_model(related) is None:
            continue
        if relation.many_to_many:
            if relation.field not in _tracked_m2m(related):
                continue
            for obj in related._default_manager.filter(**{relation.field.name: instance}):
                getattr(obj, relation.field.name).remove(instance)
        elif relation.on_delete is models.SET_NULL:
            for obj in related._default_manager.filter(**{relation.field.name: instance}):
                setattr(obj, relation.field.attname, None)
                obj.save(update_fields=[relation.field.name])


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
    diff: str = ""  # a text change as HTML, words removed in <del> and added in <ins>


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
    model_key: str = ""  # app_label.model_name, for the restore link
    history_id: int = 0
    restorable: bool = False  # a deletion whose rows are not back yet


def _field_label(model_field) -> str:
    """The field's name as the pages show it; money fields drop their "(kr)", their values say "kr"."""
    label = str(model_field.verbose_name)
    if isinstance(model_field, KronorField):
        label = label.removesuffix(" (kr)")
    return label


def _field_value(record, model_field, related) -> str:
    """A value as the pages show it: choice labels, `16 000 000 kr`, dates, related objects by name."""
    value = getattr(record, model_field.attname)
    if value is None or value == "":
        return "–"
    if model_field.is_relation:
        obj = related.get((model_field.related_model, value))
        return str(obj) if obj is not None else f"#{value}"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    display = getattr(model_field.model, "history_display", None)
    if display is not None:
        shown = display(model_field.name, value)
        if shown is not None:
            return shown
    if isinstance(value, bool):
        return str(_("Ja") if value else _("Nej"))
    if isinstance(model_field, KronorField):
        return format_kr(value)
    if isinstance(value, datetime):
        return localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value.normalize()).replace(".", ",")
    return str(value)


_WORDS = re.compile(r"\S+|\s+")


def word_diff(old: str, new: str) -> str:
    """The change from `old` to `new` word by word: removed words in <del>, added words in <ins> (escaped)."""
    before, after = _WORDS.findall(old), _WORDS.findall(new)
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(escape("".join(before[i1:i2])))
            continue
        if op in ("delete", "replace"):
            parts.append(f"<del>{escape(''.join(before[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            parts.append(f"<ins>{escape(''.join(after[j1:j2]))}</ins>")
    return mark_safe("".join(parts))  # noqa: S308 (every word is escaped above)


def _is_text(model_field) -> bool:
    return isinstance(model_field, models.TextField) or (
        isinstance(model_field, models.CharField)
        and not model_field.choices
        and (model_field.max_length or 0) >= 100
    )


def _tracked_fields(model):
    """The fields the model's history records (a field excluded from history, like a plan's logo bytes, is not)."""
    history = getattr(model, "history", None)
    recorded = {f.name for f in history.model._meta.concrete_fields} if history is not None else None
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in _SNAPSHOT_COLUMNS and f.name != "id" and (recorded is None or f.name in recorded)
    ]


def changes_for(association, *, model=None, limit: int = 100) -> list[Change]:
    """The latest `limit` changes in an association, newest first, each with its changed fields."""
    changes, _total = history_page(association, models_=[model] if model else None, limit=limit)
    return changes


def history_page(
    association,
    *,
    models_=None,
    user_id: int | None = None,
    date_from=None,
    date_to=None,
    since=None,
    offset: int = 0,
    limit: int = 50,
) -> tuple[list[Change], int]:
    """One page of an association's changes, newest first, and how many match in all.

    Filters: the models (kinds of object), the person, a date range (inclusive, dates) and `since` (a moment,
    exclusive). Queries: one count and one page of keys over all models together (UNION ALL), then per model on
    the page its snapshots and the snapshots just before them, and one query per related model whose names the
    changes show. The count grows with the number of models shown, never with rows or budget versions.
    """
    models_to_read = list(models_) if models_ else audited_models()
    keyed = []
    for index, domain_model in enumerate(models_to_read):
        rows = domain_model.history.model.objects.filter(history_association=association)
        if user_id is not None:
            rows = rows.filter(history_user_id=user_id)
        if date_from is not None:
            rows = rows.filter(history_date__date__gte=date_from)
        if date_to is not None:
            rows = rows.filter(history_date__date__lte=date_to)
        if since is not None:
            rows = rows.filter(history_date__gt=since)
        keyed.append(
            rows.order_by()
            .values("history_id", "history_date")
            .annotate(model_index=models.Value(index, output_field=models.IntegerField()))
        )
    combined = keyed[0].union(*keyed[1:], all=True) if len(keyed) > 1 else keyed[0]
    total = combined.count()
    page = list(combined.order_by("-history_date", "-history_id", "model_index")[offset : offset + limit])
    wanted: dict[int, list[int]] = {}
    for row in page:
        wanted.setdefault(row["model_index"], []).append(row["history_id"])
    found = {}
    for index, history_ids in wanted.items():
        domain_model = models_to_read[index]
        for record in domain_model.history.model.objects.filter(history_id__in=history_ids).select_related(
            "history_user"
        ):
            found[(index, record.history_id)] = (domain_model, record)
    records = [found[(row["model_index"], row["history_id"])] for row in page]
    return _changes(records), total


def _changes(records) -> list[Change]:
    previous = _previous_snapshots(records)
    links = _m2m_links(records, previous)
    related = _related_objects(records, previous, links)
    still_there = _existing_deleted(records)

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
            diff = ""
            if record.history_type == "~" and _is_text(model_field) and old != "–" and new != "–":
                diff = word_diff(old, new)
            fields.append(FieldChange(label=_field_label(model_field), old=old, new=new, diff=diff))
        if record.history_type != "-":
            fields += _m2m_changes(domain_model, record, before, links, related)
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
                model_key=domain_model._meta.label_lower,
                history_id=record.history_id,
                restorable=record.history_type == "-" and (domain_model, record.id) not in still_there,
            )
        )
    return changes


def _m2m_links(records, previous) -> dict:
    """(model, history_id, field name) -> ids linked at that snapshot; one query per many-to-many field."""
    wanted: dict = {}
    for domain_model, record in records:
        for snapshot in (record, previous.get((domain_model, record.history_id))):
            if snapshot is not None:
                wanted.setdefault(domain_model, set()).add(snapshot.history_id)
    links: dict = {}
    for domain_model, history_ids in wanted.items():
        for m2m_field in _tracked_m2m(domain_model):
            through = getattr(domain_model.history.model, m2m_field.name).model  # the links' history
            target = f"{m2m_field.m2m_reverse_field_name()}_id"
            for row in through.objects.filter(history_id__in=history_ids):
                key = (domain_model, row.history_id, m2m_field.name)
                links.setdefault(key, set()).add(getattr(row, target))
    return links


def _m2m_changes(domain_model, record, before, links, related) -> list[FieldChange]:
    changes = []
    for m2m_field in _tracked_m2m(domain_model):
        now = links.get((domain_model, record.history_id, m2m_field.name), set())
        then = links.get((domain_model, before.history_id, m2m_field.name), set()) if before else set()
        if now == then:
            continue

        def names(ids, m2m_field=m2m_field):
            labels = sorted(str(related.get((m2m_field.related_model, pk), f"#{pk}")) for pk in ids)
            return ", ".join(labels) or "–"

        changes.append(FieldChange(str(m2m_field.verbose_name), names(then), names(now)))
    return changes


def _existing_deleted(records) -> set:
    """(model, id) of deleted rows shown that exist again (restored); one query per model with deletions."""
    deleted: dict = {}
    for domain_model, record in records:
        if record.history_type == "-":
            deleted.setdefault(domain_model, set()).add(record.id)
    found = set()
    for domain_model, pks in deleted.items():
        found.update(
            (domain_model, pk)
            for pk in domain_model._default_manager.filter(pk__in=pks).values_list("pk", flat=True)
        )
    return found


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


def _related_objects(records, previous, links=None):
    wanted: dict = {}
    for (domain_model, _history_id, field_name), pks in (links or {}).items():
        wanted.setdefault(domain_model._meta.get_field(field_name).related_model, set()).update(pks)
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
        # select_related: names that take a parent's name (BudgetVersion: "Budget 2023 v2") read it here
        for obj in related_model._default_manager.filter(pk__in=pks).select_related():
            found[(related_model, obj.pk)] = obj
        gone = pks - {pk for model, pk in found if model is related_model}
        historical = _historical_model(related_model)
        if gone and historical is not None:
            # a deleted row is named as it was last recorded (one query per model with deleted rows)
            for snapshot in historical.objects.filter(id__in=gone).order_by("id", "history_id"):
                found[(related_model, snapshot.id)] = snapshot.instance
    return found


RESTORED = _("Återställd från historiken")


def _previous(historical, record):
    return (
        historical.objects.filter(id=record.id, history_id__lt=record.history_id)
        .order_by("-history_id")
        .first()
    )


def _m2m_ids(snapshot, m2m_field) -> list:
    if snapshot is None:
        return []
    target = f"{m2m_field.m2m_reverse_field_name()}_id"
    return [getattr(row, target) for row in getattr(snapshot, m2m_field.name).all()]


def deletion_records(association, batch) -> list[tuple[type, object]]:
    """Every snapshot of one deletion in the association, (model, snapshot), oldest first."""
    found = []
    for model in audited_models():
        historical = model.history.model
        for record in historical.objects.filter(history_association=association, history_batch=batch):
            found.append((model, record))
    found.sort(key=lambda pair: pair[1].history_date)
    return found


def _parents_first(models_: set) -> dict:
    """Each model's depth among `models_` by foreign keys (a parent 0, its children 1, …): restore by depth."""
    depth: dict = {}

    def visit(model, seen=()):
        if model not in depth:
            parents = [
                f.related_model
                for f in model._meta.concrete_fields
                if f.is_relation
                and f.related_model in models_
                and f.related_model is not model
                and f.related_model not in seen
            ]
            depth[model] = 1 + max((visit(p, (*seen, model)) for p in parents), default=-1)
        return depth[model]

    for model in models_:
        visit(model)
    return depth


@transaction.atomic
def restore_deletion(association, *, model, history_id: int, by) -> int:
    """Bring back what one deletion removed, and undo what it emptied or unlinked; returns the rows restored.

    The deleted rows come back with their own ids and values as they were (parents before children), their
    many-to-many links as they were just before; rows the deletion changed get back the links it cut. Each
    restored row gets a snapshot of its own ("Återställd från historiken"), so the restore is in the history.
    """
    historical = model.history.model
    record = historical.objects.filter(
        history_association=association, history_id=history_id, history_type="-"
    ).first()
    if record is None:
        raise ValidationError(gettext_now("Det finns ingen sådan borttagning att återställa."))
    pairs = deletion_records(association, record.history_batch) if record.history_batch else [(model, record)]
    deleted = [(m, r) for m, r in pairs if r.history_type == "-"]
    for deleted_model, deleted_record in deleted:
        if deleted_model._default_manager.filter(pk=deleted_record.id).exists():
            raise ValidationError(
                gettext_now("”%(label)s” finns redan; borttagningen är redan återställd.")
                % {"label": str(deleted_record.instance)}
            )
    restored = []
    depth = _parents_first({m for m, _r in deleted})
    for deleted_model, deleted_record in sorted(
        deleted, key=lambda pair: (depth[pair[0]], pair[1].history_id)
    ):
        instance = deleted_record.instance
        instance._change_reason = str(RESTORED)
        instance._history_user = by
        instance.save(force_insert=True)
        restored.append((deleted_model, deleted_record, instance))
    for deleted_model, deleted_record, instance in restored:
        before = _previous(deleted_model.history.model, deleted_record)
        for m2m_field in _tracked_m2m(deleted_model):
            ids = _m2m_ids(before, m2m_field)
            if ids:
                instance._history_user = by
                getattr(instance, m2m_field.name).set(ids)
    for changed_model, changed_record in pairs:
        if changed_record.history_type != "~":
            continue
        current = changed_model._default_manager.filter(pk=changed_record.id).first()
        before = _previous(changed_model.history.model, changed_record)
        if current is None or before is None:
            continue
        current._change_reason = str(RESTORED)
        current._history_user = by
        emptied = [
            f
            for f in _tracked_fields(changed_model)
            if f.is_relation
            and getattr(changed_record, f.attname) is None
            and getattr(before, f.attname) is not None
        ]
        for model_field in emptied:
            setattr(current, model_field.attname, getattr(before, model_field.attname))
        if emptied:
            current.save(update_fields=[f.name for f in emptied])
        for m2m_field in _tracked_m2m(changed_model):
            wanted = set(_m2m_ids(before, m2m_field))
            if wanted != set(_m2m_ids(changed_record, m2m_field)):
                getattr(current, m2m_field.name).add(*wanted)
    return len(restored)

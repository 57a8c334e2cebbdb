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
import functools
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import connections, models, transaction
from django.db.models.expressions import RawSQL
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.timezone import is_aware, localtime, make_aware
from django.utils.translation import get_language
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


# What follows is fixed once the models are loaded, so it is worked out once per process: simple_history's
# `Model.history` builds a new manager class on every access, which the history page would otherwise do
# hundreds of times per request.


@functools.cache
def _historical_model(model):
    """The model's historical model if its changes are recorded per association, else None."""
    history = getattr(model, "history", None)
    historical = getattr(history, "model", None)
    return historical if historical is not None and hasattr(historical, "history_association_id") else None


@functools.cache
def _tracked_m2m(model) -> tuple:
    historical = _historical_model(model)
    return tuple(getattr(historical, "_history_m2m_fields", ())) if historical is not None else ()


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
    return list(_audited_models())


@functools.cache
def _audited_models() -> tuple:
    return tuple(model for model in apps.get_models() if _historical_model(model) is not None)


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
    return _field_texts(model_field, get_language())[0]


@functools.cache
def _kind_text(kind: str, language: str | None) -> str:
    return str(CHANGE_KINDS.get(kind, kind))


@functools.cache
def _model_text(model, language: str | None) -> str:
    return str(model._meta.verbose_name)


@functools.cache
def _field_texts(model_field, language: str | None) -> tuple[str, dict]:
    """The field's label and its choices' labels, translated once per language: a page of fifty changes shows
    hundreds of them, and each lazy text translated anew cost a few milliseconds of the history page."""
    label = str(model_field.verbose_name)
    if isinstance(model_field, KronorField):
        label = label.removesuffix(" (kr)")
    return label, {value: str(text) for value, text in model_field.flatchoices}


def _name(obj, model, pk) -> str:
    """An object's name; one whose name follows a parent that is gone even from history is named by its kind."""
    try:
        return str(obj)
    except (ObjectDoesNotExist, KeyError):
        return str(_("%(kind)s #%(id)s (borttagen)")) % {
            "kind": str(model._meta.verbose_name).capitalize(),
            "id": pk,
        }


def _snapshot_instance(domain_model, record):
    """The object as a snapshot recorded it, built without a query.

    simple_history's `record.instance` reads the fields its history leaves out (a plan's logo) from the live row,
    one query per snapshot; a name never needs them.
    """
    values = {f.attname: getattr(record, f.attname) for f in _tracked_fields(domain_model)}
    return domain_model(**values, **{domain_model._meta.pk.attname: record.id})


def _field_value(record, model_field, related) -> str:
    """A value as the pages show it: choice labels, `16 000 000 kr`, dates, related objects by name."""
    value = getattr(record, model_field.attname)
    if value is None or value == "":
        return "–"
    if model_field.is_relation:
        obj = related.get((model_field.related_model, value))
        return _name(obj, model_field.related_model, value) if obj is not None else f"#{value}"
    if model_field.choices:
        return str(_field_texts(model_field, get_language())[1].get(value, value))
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


@functools.cache
def _tracked_fields(model) -> tuple:
    """The fields the model's history records (a field excluded from history, like a plan's logo bytes, is not)."""
    historical = _historical_model(model)
    recorded = {f.name for f in historical._meta.concrete_fields} if historical is not None else None
    return tuple(
        f
        for f in model._meta.concrete_fields
        if f.name not in _SNAPSHOT_COLUMNS and f.name != "id" and (recorded is None or f.name in recorded)
    )


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
    exclusive). Queries: one for the page of keys and the total over all models together (UNION ALL), then per
    model on the page its snapshots and the snapshots just before them, and one query per related model whose
    names the changes show. The count grows with the number of models shown, never with rows or budget versions.
    """
    models_to_read = list(models_) if models_ else audited_models()
    conditions, params = ["history_association_id = %s"], [association.pk]
    if user_id is not None:
        conditions.append("history_user_id = %s")
        params.append(user_id)
    if date_from is not None:
        conditions.append("history_date >= %s")
        params.append(_day_start(date_from))
    if date_to is not None:
        conditions.append("history_date < %s")
        params.append(_day_start(date_to + timedelta(days=1)))
    if since is not None:
        conditions.append("history_date > %s")
        params.append(since)
    page, total = _keys_and_total(models_to_read, conditions, params, offset=offset, limit=limit)
    by_model: dict[int, list] = {}
    for key in page:
        by_model.setdefault(key[1], []).append(key)
    found, previous = {}, {}
    for index, keys in by_model.items():
        # the shown snapshots and, in the same query, the ones of the same objects before them
        domain_model = models_to_read[index]
        shown = {history_id for history_id, _index, _id, _when in keys}
        newest = max(_as_datetime(when) for _history_id, _index, _id, when in keys)
        rows = (
            _historical_model(domain_model)
            .objects.filter(id__in={object_id for _history_id, _index, object_id, _when in keys})
            .filter(history_date__lte=newest)
            .order_by("id", "history_date", "history_id")
        )
        last_by_object: dict = {}
        for row in rows:
            if row.history_id in shown:
                found[(index, row.history_id)] = (domain_model, row)
                previous[(domain_model, row.history_id)] = last_by_object.get(row.id)
            last_by_object[row.id] = row
    records = [found[(model_index, history_id)] for history_id, model_index, _id, _when in page]
    return _changes(records, previous), total


def _as_datetime(value) -> datetime:
    """A moment read by raw SQL: SQLite gives text in UTC, PostgreSQL an aware datetime."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if is_aware(value) else make_aware(value, UTC)


def _day_start(day: date) -> datetime:
    """The first moment of a day in the site's time zone (a date range is the site's days, as pages show dates)."""
    return make_aware(datetime.combine(day, time.min))


def _union(models_to_read, columns: str, conditions, params) -> tuple[str, list]:
    """Every model's snapshots together (UNION ALL), `columns` of each (`{index}`: the model's place in the list).

    The SQL is written out rather than built through 40 querysets, which cost more to build than the database
    takes to answer; the table names come from the models, every value is a parameter.
    """
    connection = connections[_historical_model(models_to_read[0]).objects.db]
    quote = connection.ops.quote_name
    where = " AND ".join(conditions)
    values = [connection.ops.adapt_datetimefield_value(v) if isinstance(v, datetime) else v for v in params]
    union = " UNION ALL ".join(
        f"SELECT {columns.format(index=index)} FROM {quote(_historical_model(model)._meta.db_table)} WHERE {where}"
        for index, model in enumerate(models_to_read)
    )
    return union, values * len(models_to_read)


def _keys_and_total(models_to_read, conditions, params, *, offset: int, limit: int):
    """One page of (history_id, model_index, object id, history_date), newest first, and the number in all.

    One query gives both the page and the total (a window count); only a page past the end needs a second query
    to count.
    """
    union, union_params = _union(
        models_to_read, "history_id, history_date, {index} AS model_index, id", conditions, params
    )
    with connections[_historical_model(models_to_read[0]).objects.db].cursor() as cursor:
        cursor.execute(
            f"SELECT history_id, model_index, id, history_date, COUNT(*) OVER () FROM ({union}) keyed "
            "ORDER BY history_date DESC, history_id DESC, model_index LIMIT %s OFFSET %s",
            (*union_params, limit, offset),
        )
        rows = cursor.fetchall()
        if rows:
            return [row[:4] for row in rows], rows[0][4]
        if not offset:
            return [], 0
        cursor.execute(f"SELECT COUNT(*) FROM ({union}) keyed", union_params)
        return [], cursor.fetchone()[0]


def people_in_history(association) -> RawSQL:
    """The ids of everyone who changed anything in the association (former staff and superusers too), as a
    subquery: `User.objects.filter(pk__in=people_in_history(association))`."""
    union, params = _union(
        audited_models(),
        "history_user_id",
        ["history_association_id = %s", "history_user_id IS NOT NULL"],
        [association.pk],
    )
    return RawSQL(f"SELECT DISTINCT history_user_id FROM ({union}) people", params)


def _changes(records, previous) -> list[Change]:
    links = _m2m_links(records, previous)
    related = _related_objects(records, previous, links)
    still_there = _existing_deleted(records)

    language = get_language()
    # who made the changes, in one query (not joined into each model's snapshots, earlier ones included)
    users = get_user_model()._default_manager.in_bulk({r.history_user_id for _m, r in records} - {None})
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
        user = users.get(record.history_user_id)
        changes.append(
            Change(
                when=record.history_date,
                who=(user.get_full_name() or user.get_username()) if user else str(_("okänd (systemet)")),
                kind_code=record.history_type,
                kind=_kind_text(record.history_type, language),
                model_label=_model_text(domain_model, language),
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
            through = getattr(_historical_model(domain_model), m2m_field.name).model  # the links' history
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
            labels = sorted(
                _name(related[(m2m_field.related_model, pk)], m2m_field.related_model, pk)
                if (m2m_field.related_model, pk) in related
                else f"#{pk}"
                for pk in ids
            )
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
    instance = _snapshot_instance(domain_model, record)
    for model_field in _tracked_fields(domain_model):
        if model_field.is_relation:
            value = getattr(record, model_field.attname)
            if value is None:
                continue
            obj = related.get((model_field.related_model, value))
            if obj is None:
                return f"{domain_model._meta.verbose_name} #{record.id}"
            setattr(instance, model_field.name, obj)
    return _name(instance, domain_model, record.id)


def _related_objects(records, previous, links=None):
    """(model, pk) -> the object, for every object the shown changes name: live rows, else as last recorded.

    One query per related model, and one more per model with deleted rows (named from their last snapshot). A
    deleted row's name may follow a parent deleted too (a structural report's project), so its parents are
    fetched the same way, a few generations up, and set on it: naming never queries row by row.
    """
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
    found: dict = {}
    from_history: list = []
    for _generation in range(3):
        recorded = []
        for related_model, pks in wanted.items():
            # select_related: names that take a parent's name (BudgetVersion: "Budget 2023 v2") read it here
            for obj in related_model._default_manager.filter(pk__in=pks).select_related():
                found[(related_model, obj.pk)] = obj
            gone = {pk for pk in pks if (related_model, pk) not in found}
            historical = _historical_model(related_model)
            if gone and historical is not None:
                for snapshot in historical.objects.filter(id__in=gone).order_by("id", "history_id"):
                    found[(related_model, snapshot.id)] = _snapshot_instance(related_model, snapshot)
                recorded += [
                    (related_model, found[(related_model, pk)]) for pk in gone if (related_model, pk) in found
                ]
        from_history += recorded
        wanted = {}
        for related_model, obj in recorded:
            for model_field in _parent_fields(related_model):
                value = getattr(obj, model_field.attname)
                if value is not None and (model_field.related_model, value) not in found:
                    wanted.setdefault(model_field.related_model, set()).add(value)
        if not wanted:
            break
    for related_model, obj in from_history:
        for model_field in _parent_fields(related_model):
            parent = found.get((model_field.related_model, getattr(obj, model_field.attname)))
            if parent is not None:
                setattr(obj, model_field.name, parent)
    return found


@functools.cache
def _parent_fields(model) -> tuple:
    return tuple(f for f in _tracked_fields(model) if f.many_to_one or f.one_to_one)


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
        historical = _historical_model(model)
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
    historical = _historical_model(model)
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
        before = _previous(_historical_model(deleted_model), deleted_record)
        for m2m_field in _tracked_m2m(deleted_model):
            ids = _m2m_ids(before, m2m_field)
            if ids:
                instance._history_user = by
                getattr(instance, m2m_field.name).set(ids)
    for changed_model, changed_record in pairs:
        if changed_record.history_type != "~":
            continue
        current = changed_model._default_manager.filter(pk=changed_record.id).first()
        before = _previous(_historical_model(changed_model), changed_record)
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

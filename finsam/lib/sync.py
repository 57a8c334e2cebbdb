"""Making a set of stored figures equal to the ones a form posted, writing only what changed.

Writing only changes keeps the audit trail honest: a save that changes one cell records one change.
"""

from collections.abc import Callable, Hashable, Mapping


def sync_figures(
    existing: Mapping[Hashable, object],
    wanted: Mapping[Hashable, int | None],
    create: Callable[[Hashable, int], object],
    *,
    field: str = "amount",
    delete_missing: bool = False,
) -> None:
    """`existing` rows by key, `wanted` values by key (None: remove the row).

    New keys are created with `create(key, value)`; changed values are saved with `update_fields`; with
    `delete_missing`, rows whose key is not wanted at all are deleted too.
    """
    for key, value in wanted.items():
        row = existing.get(key)
        if value is None:
            if row is not None:
                row.delete()
        elif row is None:
            create(key, value)
        elif getattr(row, field) != value:
            setattr(row, field, value)
            row.save(update_fields=[field])
    if delete_missing:
        for key, row in existing.items():
            if key not in wanted:
                row.delete()

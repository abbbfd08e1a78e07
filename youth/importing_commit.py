"""Writing a checked import: every ready row, all or none, and the import's audit row.

The records go in as multi-row INSERTs built here rather than through `bulk_create`: on 10,000
wide rows `bulk_create` spent most of its time building model instances and, in the query
compiler, preparing each value of each object one by one. Here the columns a row does not name
are taken once from a model instance the ORM builds (defaults, `auto_now` stamps, foreign
keys); the derived columns come from `Youth.fill_derived`, the method `Youth.save()` calls; and
every value goes through its field's `get_db_prep_save`, as the ORM's would (text excepted,
which that gives back as it is). Like `bulk_create`, it counts on the database returning the
new ids in the order of the rows inserted, as SQLite and PostgreSQL do.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connections, models, router, transaction
from django.utils import timezone

from reports.importing.commit import check_committable, lock_unit
from units.models import Unit
from youth import services
from youth.choices import group_bits
from youth.importing_report import ImportReport, ParsedRow
from youth.models import RegistryAccess, Youth, YouthGroup, YouthNeed

# The columns `Youth.fill_derived` writes; youth/tests/test_import_writes.py checks the list.
DERIVED_FIELDS = ("unit_path", "birth_year", "name_key", "sort_key")
BATCH_ROWS = 500


def existing_source_keys(unit: Unit) -> set[str]:
    """The source keys of the unit's live records (`services.source_key`)."""
    live = Youth.objects.filter(unit=unit, deleted_at__isnull=True).exclude(source_key="")
    return set(live.values_list("source_key", flat=True))


def already_imported(row: ParsedRow, existing: set[str]) -> bool:
    return row.source in existing


def commit_import(report: ImportReport, *, unit: Unit, by) -> list[int]:
    """Write the ready rows of `report`, all or none; return the new records' ids.

    The audit log does not see bulk writes: the import's audit is the one RegistryAccess row
    (who, when, which unit, which file, every record id), written in the same transaction.
    """
    check_committable(report, unit)
    with transaction.atomic():
        lock_unit(unit)
        existing = existing_source_keys(unit)
        rows = [row for row in report.ready_rows if not already_imported(row, existing)]
        # The field's default (today) is computed once rather than per record.
        template = Youth(unit=unit, created_by=by, status_changed_on=timezone.localdate())
        ids = insert_rows(template, _youth_rows(rows, unit), returning=True)
        groups = (
            {"youth_id": pk, "group": code, **details}
            for pk, row in zip(ids, rows, strict=True)
            for code, details in row.groups.items()
        )
        insert_rows(YouthGroup(), list(groups))
        needs = (
            {"youth_id": pk, "need": code, "priority": values["priority"], "note": values["note"]}
            for pk, row in zip(ids, rows, strict=True)
            for code, values in row.needs.items()
        )
        insert_rows(YouthNeed(), list(needs))
        if ids:
            services.log_bulk_access(RegistryAccess.Action.IMPORT, unit, ids, by=by, detail=report.filename)
    report.created_ids = ids
    return ids


def _youth_rows(rows: list[ParsedRow], unit: Unit) -> list[dict[str, Any]]:
    """Each row's values, with the columns `Youth.fill_derived` derives from them computed on
    one scratch instance: building ten thousand model instances costs more than writing them."""
    scratch = Youth(unit=unit)
    fields = rows[0].data.keys() if rows else set()
    records = []
    for row in rows:
        # The same fields in every row, so that nothing is left on the scratch from the row before.
        if row.data.keys() != fields:
            raise ValueError("rows of one report with different fields")
        for name, value in row.data.items():
            setattr(scratch, name, value)
        scratch.fill_derived()
        derived = {name: getattr(scratch, name) for name in DERIVED_FIELDS}
        records.append({**row.data, **derived, "source_key": row.source, "group_bits": group_bits(row.groups)})
    return records


def insert_rows(template: models.Model, rows: list[dict[str, Any]], *, returning: bool = False) -> list[int]:
    """Insert one record per row: the row's values (by attname) over `template`'s; return the
    new primary keys in row order when `returning`.

    A column no row names takes the template's value, as the ORM would save it (`pre_save`
    stamps `auto_now` fields), prepared once for all rows.
    """
    if not rows:
        return []
    meta = template._meta
    connection = connections[router.db_for_write(type(template))]
    if meta.pk is None or not meta.pk.db_returning:
        raise TypeError(f"{meta.label} needs a primary key the database assigns")
    fields = {field.attname: field for field in meta.concrete_fields if field is not meta.pk}
    named = list(dict.fromkeys(name for row in rows for name in row))
    varying = [(name, getattr(template, name), _converter(fields[name], connection)) for name in named]
    fixed = [field for name, field in fields.items() if name not in named]
    constants = [field.get_db_prep_save(field.pre_save(template, True), connection) for field in fixed]
    statement = _Statement(connection, meta, [fields[name] for name in named], fixed, returning=returning)
    size = max(1, min(BATCH_ROWS, connection.ops.bulk_batch_size([*fields.values()], rows)))
    ids: list[int] = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            batch = [
                [convert(row.get(name, default)) for name, default, convert in varying]
                for row in rows[start : start + size]
            ]
            cursor.execute(*statement.for_rows(batch, constants))
            if returning:
                ids.extend(pk for (pk,) in cursor.fetchall())
    return ids


class _Statement:
    """The INSERT for a batch of rows. Only quoted table and column names, casts and
    placeholders go into its SQL; every value is a parameter."""

    def __init__(self, connection, meta, varying: list[models.Field], fixed: list[models.Field], *, returning: bool):
        quote = connection.ops.quote_name
        columns = ", ".join(quote(field.column) for field in (*varying, *fixed))
        self.head = f"INSERT INTO {quote(meta.db_table)} ({columns}) "
        self.tail = f" {connection.ops.returning_columns([meta.pk])[0]}" if returning else ""
        # PostgreSQL: one array per column, as Django's own bulk insert does there, so that
        # psycopg and the planner do not work through thousands of placeholders.
        self.unnest = connection.vendor == "postgresql"
        if self.unnest:
            arrays = ", ".join(f"%s::{_db_type(field, connection)}[]" for field in varying)
            casts = "".join(f", %s::{_db_type(field, connection)}" for field in fixed)
            self.sql = f"{self.head}SELECT *{casts} FROM UNNEST({arrays}){self.tail}"  # noqa: S608
        else:
            self.placeholder = "(" + ", ".join(["%s"] * (len(varying) + len(fixed))) + ")"

    def for_rows(self, rows: list[list[Any]], constants: list[Any]) -> tuple[str, list[Any]]:
        if self.unnest:
            return self.sql, [*constants, *(list(column) for column in zip(*rows, strict=True))]
        sql = f"{self.head}VALUES {', '.join([self.placeholder] * len(rows))}{self.tail}"
        return sql, [value for values in rows for value in (*values, *constants)]


def _db_type(field: models.Field, connection) -> str:
    # Without its length ("varchar", not "varchar(150)"), as Django's UNNEST insert does.
    return str(field.db_type(connection)).split("(")[0]


# Fields whose get_db_prep_save hands back text, or None, as it is given, on every backend.
_TEXT_FIELDS = (models.CharField, models.TextField)


def _converter(field: models.Field, connection) -> Callable[[Any], Any]:
    """`field.get_db_prep_save`, skipped where it would return the value unchanged: ten thousand
    rows of text columns otherwise spend more time here than in the database."""
    if type(field) not in _TEXT_FIELDS:
        return lambda value: field.get_db_prep_save(value, connection)

    def convert(value: Any) -> Any:
        if value is None or type(value) is str:
            return value
        return field.get_db_prep_save(value, connection)

    return convert

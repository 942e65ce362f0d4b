"""Fast inserts for imports: many rows in few statements, without building a model instance per row.

``bulk_create`` builds one model instance per row and prepares every value through the field machinery; for
100,000 imported contacts that is most of the import's time. :func:`insert_rows` prepares the columns that are
the same in every row once (defaults, ``auto_now``), adapts only the values that need it (dates, booleans) and
sends multi-row ``INSERT`` statements, with ``RETURNING`` the new ids when asked (PostgreSQL, SQLite 3.35+:
returned in the order of the rows, which Django's own ``bulk_create`` relies on as well). Call it inside the
caller's transaction: it is part of the import's all-or-nothing write.
"""

from collections.abc import Callable, Sequence

from django.db import connection, models
from django.utils import timezone


def _fixed_value(field: models.Field, now):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        value = now if isinstance(field, models.DateTimeField) else now.date()
    else:
        value = field.get_default()
    return field.get_db_prep_save(value, connection)


def _adapter(field: models.Field) -> Callable | None:
    """How a value of the column is turned into what the driver takes; ``None``: as it is (text, numbers, ids)."""
    if isinstance(field, models.DateTimeField):
        return lambda value: connection.ops.adapt_datetimefield_value(value)
    if isinstance(field, models.DateField):
        return lambda value: connection.ops.adapt_datefield_value(value)
    if isinstance(field, (models.BooleanField, models.JSONField, models.DecimalField, models.UUIDField)):
        return lambda value: field.get_db_prep_save(value, connection)
    return None


def _batch_size(columns: int) -> int:
    limit = 30_000 if connection.vendor == "sqlite" else 60_000  # bound parameters per statement
    return max(1, min(2_000, limit // max(1, columns)))


def insert_rows(
    model: type[models.Model],
    columns: Sequence[str],
    rows: Sequence[Sequence],
    *,
    returning: bool = False,
    progress: Callable[[int], None] | None = None,
) -> list[int]:
    """Insert ``rows`` (tuples of the values of ``columns``, by field name or attname) into ``model``'s table; the
    model's other columns get their defaults. Returns the new primary keys in row order when ``returning``.
    ``progress(n)`` is called after each statement with the number of rows it inserted."""
    meta = model._meta
    named = [meta.get_field(name) for name in columns]
    given = {field.attname for field in named}
    now = timezone.now()
    fixed = [
        field
        for field in meta.local_concrete_fields
        if not field.primary_key and field.attname not in given and not getattr(field, "generated", False)
    ]
    fixed_values = tuple(_fixed_value(field, now) for field in fixed)
    adapters = [(i, adapt) for i, field in enumerate(named) if (adapt := _adapter(field)) is not None]
    quote = connection.ops.quote_name
    if connection.vendor == "postgresql":
        return _copy_rows(meta, named, fixed, fixed_values, rows, returning=returning, progress=progress)
    names = ", ".join(quote(field.column) for field in [*named, *fixed])
    width = len(named) + len(fixed)
    per_row = "(" + ", ".join(["%s"] * width) + ")"
    size = _batch_size(width)
    pk = quote(meta.pk.column)
    ids: list[int] = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            chunk = rows[start : start + size]
            params: list = []
            for row in chunk:
                if adapters:
                    row = list(row)
                    for i, adapt in adapters:
                        if row[i] is not None:
                            row[i] = adapt(row[i])
                params.extend(row)
                params.extend(fixed_values)
            # Names from the model's metadata, quoted; values only as parameters.
            sql = f"INSERT INTO {quote(meta.db_table)} ({names}) VALUES {', '.join([per_row] * len(chunk))}"  # noqa: S608
            if returning:
                cursor.execute(f"{sql} RETURNING {pk}", params)
                ids.extend(row[0] for row in cursor.fetchall())
            else:
                cursor.execute(sql, params)
            if progress is not None:
                progress(len(chunk))
    return ids


COPY_PROGRESS_ROWS = 5_000


def _copy_rows(meta, named, fixed, fixed_values, rows, *, returning, progress) -> list[int]:
    """PostgreSQL: the new ids drawn from the table's sequence in one query, the rows sent with ``COPY``
    (a statement with thousands of parameters costs more to build and parse than the rows to write)."""
    quote = connection.ops.quote_name
    ids: list[int] = []
    with connection.cursor() as cursor:
        if returning and rows:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, meta.pk.column, len(rows)],
            )
            ids = [row[0] for row in cursor.fetchall()]
        columns = ([meta.pk] if returning else []) + [*named, *fixed]
        names = ", ".join(quote(field.column) for field in columns)
        sent = 0
        with cursor.cursor.copy(f"COPY {quote(meta.db_table)} ({names}) FROM STDIN") as copy:
            for number, row in enumerate(rows):
                copy.write_row(((ids[number],) if returning else ()) + tuple(row) + fixed_values)
                if progress is not None and (number + 1) % COPY_PROGRESS_ROWS == 0:
                    progress(number + 1 - sent)
                    sent = number + 1
        if progress is not None and len(rows) > sent:
            progress(len(rows) - sent)
    return ids


# Staging: an import's rows go first into a temporary table of the worker's connection (outside the database's
# write lock on SQLite, where a temporary table lives in its own file; with ``COPY`` on PostgreSQL), then into the
# real tables with ``INSERT … SELECT`` in one short transaction. The temporary table is the connection's own:
# nobody else sees it, and it disappears with the connection even when the worker dies.


def create_stage(name: str, columns: Sequence[tuple[str, str]]) -> None:
    """Create (again) the temporary table ``name`` with ``columns`` as (name, SQL type: ``integer``, ``bigint``,
    ``text`` or ``date``); names are the caller's constants."""
    quote = connection.ops.quote_name
    spec = ", ".join(f"{quote(column)} {kind}" for column, kind in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {_temp(name)}")
        cursor.execute(f"CREATE TEMPORARY TABLE {quote(name)} ({spec})")


def drop_stage(name: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {_temp(name)}")


def stage_exists(name: str) -> bool:
    """Whether the temporary table ``name`` exists on this connection (tests check that it is gone)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT 1 FROM sqlite_temp_master WHERE type = 'table' AND name = %s", [name])
        else:
            cursor.execute("SELECT 1 FROM pg_tables WHERE schemaname LIKE 'pg_temp%%' AND tablename = %s", [name])
        return cursor.fetchone() is not None


def analyse_stage(*names: str, columns: Sequence[str] = ()) -> None:
    """PostgreSQL: statistics for the temporary tables (autovacuum never sees them), so that the ``INSERT …
    SELECT`` joining them gets a good plan; SQLite builds an index for such a join by itself. ``columns``: only
    those (the ones joined or filtered on), instead of every column."""
    if connection.vendor == "postgresql":
        quote = connection.ops.quote_name
        listed = f" ({', '.join(quote(column) for column in columns)})" if columns else ""
        with connection.cursor() as cursor:
            for name in names:
                cursor.execute(f"ANALYZE {quote(name)}{listed}")


def _temp(name: str) -> str:
    quoted = connection.ops.quote_name(name)
    return f"temp.{quoted}" if connection.vendor == "sqlite" else quoted


STAGE_CHUNK = 5_000


def fill_stage(
    name: str, columns: Sequence[str], rows: Sequence[Sequence], *, progress: Callable[[int], None] | None = None
) -> None:
    """Write ``rows`` into the temporary table ``name`` (dates as text ``YYYY-MM-DD`` on SQLite). On SQLite
    each chunk is a deferred transaction that writes only the temporary file, so the database's write lock is
    never taken; on PostgreSQL the rows go with ``COPY``. ``progress(n)``: rows written by each chunk."""
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {quote(name)} ({names}) FROM STDIN") as copy:
                for start in range(0, len(rows), STAGE_CHUNK):
                    chunk = rows[start : start + STAGE_CHUNK]
                    for row in chunk:
                        copy.write_row(row)
                    if progress is not None:
                        progress(len(chunk))
            return
        sql = f"INSERT INTO {_temp(name)} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608
        raw = connection.connection
        own = not connection.in_atomic_block and raw.in_transaction is False
        for start in range(0, len(rows), STAGE_CHUNK):
            chunk = rows[start : start + STAGE_CHUNK]
            if own:
                cursor.execute("BEGIN DEFERRED")  # writes only the temporary file: no lock on the database
            try:
                cursor.executemany(sql, chunk)
            except BaseException:
                if own:
                    cursor.execute("ROLLBACK")
                raise
            if own:
                cursor.execute("COMMIT")
            if progress is not None:
                progress(len(chunk))


def insert_select(
    model: type[models.Model], columns: Sequence[str], select: str, tail: str, params: Sequence = ()
) -> int:
    """``INSERT INTO`` ``model``'s table ``columns`` (field names or attnames) the rows of ``SELECT {select}
    {tail}``, its expressions in the order of ``columns``; the model's other columns get their defaults, as in
    :func:`insert_rows`. ``select`` and ``tail`` are the caller's SQL (constants and quoted names); values only
    in ``params`` (those of ``tail``). Returns the number of rows inserted."""
    meta = model._meta
    named = [meta.get_field(name) for name in columns]
    given = {field.attname for field in named}
    now = timezone.now()
    fixed = [
        field
        for field in meta.local_concrete_fields
        if not field.primary_key and field.attname not in given and not getattr(field, "generated", False)
    ]
    quote = connection.ops.quote_name
    names = ", ".join(quote(field.column) for field in [*named, *fixed])
    placeholders = "".join(", %s" for _field in fixed)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(meta.db_table)} ({names}) SELECT {select}{placeholders} {tail}",  # noqa: S608
            [*(_fixed_value(field, now) for field in fixed), *params],
        )
        return cursor.rowcount

"""Statements compiled to SQL once per process, for the few that run on a hot path (the public registration).

Django turns a queryset into SQL on every execution, which costs about half a millisecond for a small query; a
registration runs several. :class:`CompiledStatement` lets the ORM write the statement once, from a builder
called with marker values, and finds the markers among the compiled parameters; each later call sends the same
SQL with the real values in the markers' places. Everything else (the tables, columns, conditions and constant
parameters) stays as the ORM wrote it, so a change to a model or a builder changes the SQL too.

A builder returns a queryset or a ``(sql, params)`` pair. Markers may be ints, strings or aware datetimes; a
builder may use each marker any number of times, but must pass it through unchanged (not ``marker + 1``): a
marker missing from the parameters raises :class:`ValueError` when the statement is first compiled.
"""

from datetime import UTC, datetime
from itertools import count

from django.db import connections
from django.db.models.signals import pre_save

_serial = count(1)


def _marker(kind: type, name: str):
    """A value that no builder's constants can equal."""
    serial = next(_serial)
    if kind is int:
        return -(10**15) - serial
    if kind is str:
        return f"\x00inklusio-compiled:{name}:{serial}\x00"
    if kind is datetime:
        return datetime(1970, 1, 2, 0, 0, serial % 60, serial, tzinfo=UTC)
    raise TypeError(f"no marker for {kind!r}")


class CompiledStatement:
    """``CompiledStatement(build, event_id=int, now=datetime)``: the keyword arguments name the builder's
    parameters and their types; :meth:`sql` returns ``(sql, params)`` for real values, per database alias."""

    def __init__(self, build, **kinds: type):
        self._build = build
        self._kinds = kinds
        self._compiled: dict[str, tuple[str, tuple, list]] = {}

    def _compile(self, using: str) -> tuple[str, tuple]:
        connection = connections[using]
        markers = {name: _marker(kind, name) for name, kind in self._kinds.items()}
        built = self._build(**markers)
        if isinstance(built, tuple):
            (sql, params), converters = built, []
        else:
            compiler = built.query.get_compiler(using)
            sql, params = compiler.as_sql()
            # what the ORM does to each column it reads (SQLite's datetimes and booleans, a field's from_db_value)
            converters = list(compiler.get_converters([s[0] for s in compiler.select[: compiler.col_count]]).items())
        # a datetime reaches the parameters as the backend adapts it (a string on SQLite)
        adapted = {
            name: connection.ops.adapt_datetimefield_value(value) if isinstance(value, datetime) else value
            for name, value in markers.items()
        }
        slots = []
        for param in params:
            name = next((n for n, m in markers.items() if param == m or param == adapted[n]), None)
            slots.append((True, name) if name else (False, param))
        found = {name for is_marker, name in slots if is_marker}
        if missing := set(markers) - found:
            raise ValueError(f"markers not among the compiled parameters: {sorted(missing)}")
        return sql, tuple(slots), converters

    def sql(self, using: str = "default", **values) -> tuple[str, list]:
        if using not in self._compiled:
            self._compiled[using] = self._compile(using)
        sql, slots, _converters = self._compiled[using]
        ops = connections[using].ops
        adapted = {
            name: ops.adapt_datetimefield_value(value) if isinstance(value, datetime) else value
            for name, value in values.items()
        }
        return sql, [adapted[slot] if is_marker else slot for is_marker, slot in slots]

    def fetchone(self, using: str = "default", **values) -> tuple | None:
        """The first row, its columns converted as the ORM converts them (for a statement built from a queryset)."""
        sql, params = self.sql(using, **values)
        connection = connections[using]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
        converters = self._compiled[using][2]
        if row is None or not converters:
            return row
        row = list(row)
        for position, (functions, expression) in converters:
            for convert in functions:
                row[position] = convert(row[position], expression, connection)
        return tuple(row)


def insert_columns(model, exclude: tuple[str, ...] = ()) -> list:
    """The fields an INSERT of ``model`` writes, as ``Model.save()`` writes them for a new row (the concrete
    fields but the auto-incremented key and generated columns), less those named in ``exclude``."""
    meta = model._meta
    return [
        field
        for field in meta.local_concrete_fields
        if field is not meta.auto_field and not field.generated and field.name not in exclude
    ]


def insert_params(instance, fields, using: str = "default") -> list:
    """The values ``instance.save()`` would insert for ``fields``: the model's ``pre_save`` signal first, as
    ``save()`` sends it (its receivers may set values: django-tasks' database backend sets a task's ``run_after``
    there), then each field's ``pre_save`` (``auto_now`` and the like) and database preparation, as Django's insert
    compiler does them. (``post_save`` is not sent: nothing is saved yet.)"""
    pre_save.send(sender=type(instance), instance=instance, raw=False, using=using, update_fields=None)
    connection = connections[using]
    return [field.get_db_prep_save(field.pre_save(instance, True), connection=connection) for field in fields]

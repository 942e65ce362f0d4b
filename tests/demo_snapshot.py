"""The demo loaded once per test process, then copied in: ``load_demo()`` costs about 8 s of CPU (the World Café
solver, the events, the contacts), copying its rows and files back a small part of that.

The first call in a process runs ``load_demo()`` and keeps what it changed: the rows of every table whose content
it changed and the files it wrote below ``UPLOAD_ROOT`` and ``MEDIA_ROOT``. A later call that finds the database
as the first one found it makes those tables hold exactly these rows again and copies the files into the current
roots; finding anything else (a user the test made first), it loads the demo as usual. Like ``load_demo()`` it
writes inside the caller's transaction, so the caller's rollback removes it again. ``tests/core/test_demo_snapshot.py``
checks that a copied-in demo reads back row for row as the loaded one.
"""

import io
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.color import no_style
from django.db import connection, transaction


@dataclass
class _Snapshot:
    vendor: str
    rows: dict[str, object]  # table -> SQLite: (columns, rows); PostgreSQL: COPY text
    files: Path
    before: dict[str, object]  # every table as it was before the demo was loaded


_snapshot: _Snapshot | None = None


def load_demo_fast() -> None:
    """The demo's rows and files, as ``load_demo()`` leaves them; inside the caller's transaction."""
    global _snapshot
    if _snapshot is None or _snapshot.vendor != connection.vendor:
        _snapshot = _load_and_keep()
    elif _fits(_snapshot):
        _copy_in(_snapshot)
    else:
        from inklusio.core.demo import load_demo

        load_demo()


def _fits(snapshot: _Snapshot) -> bool:
    """The database is as it was when the demo was loaded for the snapshot. Otherwise the copy would not be what
    a load gives: a user the test made first would be replaced, not joined, by the demo's users; groups that a
    test emptying the database (``transactional_db``) got back under new ids would not be those the demo's rows
    refer to. Then the demo is loaded as usual."""
    return _read_all(snapshot.before) == snapshot.before


def _tables() -> list[str]:
    with connection.cursor() as cursor:
        return sorted(connection.introspection.table_names(cursor))


def _read_all(tables) -> dict[str, object]:
    found = {}
    with connection.cursor() as cursor:
        for table in tables:
            quoted = connection.ops.quote_name(table)
            if connection.vendor == "postgresql":
                buffer = io.BytesIO()
                with cursor.cursor.copy(f"COPY {quoted} TO STDOUT") as copy:
                    for block in copy:
                        buffer.write(block)
                found[table] = buffer.getvalue()
            else:
                cursor.execute(f"SELECT * FROM {quoted} ORDER BY 1")  # nosec B608: a table name from the schema
                found[table] = ([column[0] for column in cursor.description], cursor.fetchall())
    return found


def _load_and_keep() -> _Snapshot:
    from inklusio.core.demo import load_demo

    tables = _tables()
    before = _read_all(tables)
    load_demo()
    after = _read_all(tables)
    changed = _with_referring({table for table in tables if after[table] != before[table]})
    changed = {table: after[table] for table in _in_reference_order(changed)}
    files = Path(tempfile.mkdtemp(prefix="inklusio-demo-snapshot-"))
    for name, root in _file_roots():
        if root.exists():
            shutil.copytree(root, files / name)
    return _Snapshot(connection.vendor, changed, files, before)


def _references() -> dict[str, set[str]]:
    """Each table and the tables its foreign keys refer to."""
    with connection.cursor() as cursor:
        return {
            t: {ref for _f, (_col, ref) in connection.introspection.get_relations(cursor, t).items()} for t in _tables()
        }


def _in_reference_order(tables) -> list[str]:
    """Referred-to tables before the tables referring to them (as far as cycles allow), so that a trigger reading
    a referred-to row while a row is copied in finds it (contacts.inquiry_types reads the person and organisation)."""
    refers = _references()
    left, ordered = sorted(tables), []
    while left:
        ready = [t for t in left if not (refers.get(t, set()) - {t}) & set(left)] or left[:1]
        ordered += ready
        left = [t for t in left if t not in ready]
    return ordered


def _with_referring(tables: set[str]) -> set[str]:
    """The tables and every table that refers to one of them (the copy empties those too)."""
    refers = _references()
    found, grew = set(tables), True
    while grew:
        more = {t for t, targets in refers.items() if targets & found} - found
        found |= more
        grew = bool(more)
    return found


def _file_roots():
    return [("uploads", Path(settings.UPLOAD_ROOT)), ("media", Path(settings.MEDIA_ROOT))]


def _copy_in(snapshot: _Snapshot) -> None:
    tables = list(snapshot.rows)
    # In one transaction, as load_demo() writes: the foreign keys are checked at its end, when all rows are back.
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # TRUNCATE, not DELETE: the audit log refuses row deletes (core/migrations/0002); CASCADE empties what
            # refers to these rows, as a fresh load would find it (the caller's transaction undoes all of it).
            cursor.execute("TRUNCATE " + ", ".join(connection.ops.quote_name(t) for t in tables) + " CASCADE")
            for table in tables:
                with cursor.cursor.copy(f"COPY {connection.ops.quote_name(table)} FROM STDIN") as copy:
                    copy.write(snapshot.rows[table])
            models = [m for m in apps.get_models(include_auto_created=True) if m._meta.db_table in snapshot.rows]
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
        else:
            for table in tables:
                columns, rows = snapshot.rows[table]
                quoted = connection.ops.quote_name(table)
                cursor.execute(f"DELETE FROM {quoted}")  # nosec B608: a table name from the schema
                if rows:
                    names = ", ".join(connection.ops.quote_name(c) for c in columns)
                    marks = ", ".join("?" for _ in columns)
                    cursor.cursor.executemany(f"INSERT INTO {quoted} ({names}) VALUES ({marks})", rows)  # nosec B608
    for name, root in _file_roots():
        source = snapshot.files / name
        if source.exists():
            shutil.copytree(source, root, dirs_exist_ok=True)

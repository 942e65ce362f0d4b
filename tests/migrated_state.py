"""After a test that commits (``transactional_db``, every browser test), the database goes back to the state that
``migrate`` left it in: every table emptied, then the rows that migrate wrote put back from a copy taken once.

Django's own teardown flushes instead: ``TRUNCATE`` of every table on PostgreSQL (about 0.3 s for 115 tables on
an idle machine) and then the ``post_migrate`` handlers again, which write the content types, permissions, roles,
stakeholder types and mail defaults anew (about 0.2 s, under new ids). Emptying with ``DELETE`` and copying the
rows back takes about 15 ms. The rows also keep their ids, so a test that runs after a committing one finds the
same groups and content types, and the demo copy (``tests/demo_snapshot.py``) still fits instead of loading the
demo again.

On PostgreSQL the emptying runs with ``session_replication_role = replica``: no trigger fires, neither the audit
log's refusal of row deletes (``core/migrations/0002``) nor the foreign keys' checks, which are pointless when
every table ends up empty. That needs a superuser (the test databases here and in CI have one); for any other
user, and for a test that asks for Django's own flush (``available_apps``, ``serialized_rollback``), the flush
runs as Django does it.
"""

from django.db import connections, transaction
from django.test.testcases import TransactionTestCase

_states: dict[str, list[tuple[str, list[str], list[tuple]]]] = {}  # alias -> [(table, columns, rows)]
_django_teardown = TransactionTestCase._fixture_teardown


def remember(alias: str = "default") -> None:
    """Keep the rows of every table as they are now (call right after the test database is migrated)."""
    connection = connections[alias]
    if connection.vendor == "postgresql" and not _is_superuser(connection):
        return
    kept = []
    with connection.cursor() as cursor:
        for table in _tables(connection):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # nosec B608: a name from the schema
            rows = cursor.fetchall()
            if rows:
                kept.append((table, [column[0] for column in cursor.description], rows))
    _states[alias] = kept
    TransactionTestCase._fixture_teardown = _teardown


def _is_superuser(connection) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        return bool(cursor.fetchone()[0])


def _tables(connection) -> list[str]:
    """The tables Django's flush empties."""
    return sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))


def _teardown(self) -> None:
    aliases = self._databases_names(include_mirrors=False)
    if self.available_apps is not None or self.serialized_rollback or any(a not in _states for a in aliases):
        _django_teardown(self)
        return
    for alias in aliases:
        restore(alias)


def restore(alias: str = "default") -> None:
    """Every table emptied, then the remembered rows put back, in one transaction."""
    connection = connections[alias]
    quote = connection.ops.quote_name
    mark = "%s" if connection.vendor == "postgresql" else "?"
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        for table in _tables(connection):
            cursor.execute(f"DELETE FROM {quote(table)}")  # nosec B608: a table name from the schema
        for table, columns, rows in _states[alias]:
            names = ", ".join(quote(column) for column in columns)
            marks = ", ".join(mark for _ in columns)
            cursor.cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", rows)  # nosec B608
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()  # as the post_migrate handler does before it writes them anew

"""The tests' demo snapshot (tests/demo_snapshot.py) gives the same rows and files as loading the demo."""

import pytest
from django.db import connection, transaction

from tests import demo_snapshot


def _stored(tables) -> dict[str, list]:
    """Every row as the database stores it (SQLite: each value's literal, so '2024-05-01 10:00:00' and
    '2024-05-01T10:00:00' differ even though both read back as the same datetime)."""
    found = {}
    with connection.cursor() as cursor:
        for table in tables:
            quoted = connection.ops.quote_name(table)
            if connection.vendor == "sqlite":
                cursor.execute(f"SELECT * FROM {quoted} LIMIT 0")  # nosec B608: a table name from the schema
                literals = " || ',' || ".join(f"quote({connection.ops.quote_name(c[0])})" for c in cursor.description)
                cursor.execute(f"SELECT {literals} FROM {quoted}")  # nosec B608
            else:
                cursor.execute(f"SELECT t::text FROM {quoted} AS t")  # nosec B608
            found[table] = sorted(row[0] for row in cursor.fetchall())
    return found


def _files(root):
    return {p.relative_to(root): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.django_db
def test_the_copied_in_demo_is_the_loaded_demo(settings, tmp_path):
    tables = demo_snapshot._tables()
    settings.UPLOAD_ROOT, settings.MEDIA_ROOT = tmp_path / "a" / "uploads", tmp_path / "a" / "media"
    with transaction.atomic():
        snapshot = demo_snapshot._load_and_keep()
        loaded = _stored(tables)
        transaction.set_rollback(True)
    empty = _stored(tables)
    settings.UPLOAD_ROOT, settings.MEDIA_ROOT = tmp_path / "b" / "uploads", tmp_path / "b" / "media"
    with transaction.atomic():
        demo_snapshot._copy_in(snapshot)
        copied = _stored(tables)
        transaction.set_rollback(True)

    assert sum(len(rows) for rows in loaded.values()) > sum(len(rows) for rows in empty.values()) + 1000
    assert copied == loaded
    assert _stored(tables) == empty  # the caller's rollback takes it all back
    for name in ("uploads", "media"):
        assert _files(tmp_path / "b" / name) == _files(tmp_path / "a" / name)
    assert _files(tmp_path / "a" / "uploads")  # the demo's scans and pictures were there to copy


@pytest.mark.django_db
def test_a_row_made_before_is_kept_and_the_demo_loaded_as_usual(django_user_model, settings, tmp_path):
    settings.UPLOAD_ROOT, settings.MEDIA_ROOT = tmp_path / "uploads", tmp_path / "media"
    with transaction.atomic():
        demo_snapshot.load_demo_fast()  # a snapshot now exists in this process
        transaction.set_rollback(True)
    first = django_user_model.objects.create(username="made-first")
    demo_snapshot.load_demo_fast()
    assert django_user_model.objects.filter(pk=first.pk, username="made-first").exists()
    assert django_user_model.objects.filter(username="demo").exclude(pk=first.pk).exists()

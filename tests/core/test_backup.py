"""``inklusio backup`` / ``inklusio restore``: a round trip through real processes and a fresh database gives the
same report JSON and byte-identical uploads; broken, foreign or newer archives and non-empty targets are refused
with their exit codes; a snapshot taken while another process writes is consistent."""

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import textwrap
import time
from pathlib import Path

import pytest
from django.db import connection

from inklusio.core import backup

from ..mailings.crossprocess import ROOT, database_url, migrate

CLI = [sys.executable, "-m", "inklusio.cli"]


def _env(tmp: Path, name: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "inklusio.settings",
        "PYTHONPATH": str(ROOT / "src"),
        "INKLUSIO_VAR_DIR": str(tmp / name),
        "DATABASE_URL": database_url(tmp, f"inklusio_backup_{name}"),
        "LOG_LEVEL": "ERROR",
    }


def _cli(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], env=env, capture_output=True, text=True, timeout=300, check=False)


def _ok(env: dict, *args: str) -> str:
    done = _cli(env, *args)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


@pytest.mark.slow
def test_round_trip_into_an_empty_database_gives_the_same_report_and_files(tmp_path):
    source, target = _env(tmp_path, "source"), _env(tmp_path, "target")
    migrate(source)  # a copy of the migrated template: load-demo's own migrate then has nothing left to do
    _ok(source, "load-demo")
    uploads = Path(source["INKLUSIO_VAR_DIR"]) / "uploads"
    (uploads / "imports").mkdir(parents=True)
    (uploads / "imports" / "kontakte.xlsx").write_bytes(os.urandom(200_000))
    (uploads / "Protokoll Netzwerk Süd.pdf").write_bytes(bytes(range(256)) * 40)
    report_before = _ok(source, "report", "ausbildungsoffensive", "--format", "json")
    archive = tmp_path / "backup.tar.gz"
    assert "Backup written" in _ok(source, "backup", "--output", str(archive))

    assert "Restored" in _ok(target, "restore", str(archive))
    report_after = _ok(target, "report", "ausbildungsoffensive", "--format", "json")
    assert json.loads(report_after) == json.loads(report_before)
    assert report_after == report_before
    for side in ("uploads", "media"):
        before = Path(source["INKLUSIO_VAR_DIR"]) / side
        after = Path(target["INKLUSIO_VAR_DIR"]) / side
        files = sorted(p.relative_to(before) for p in before.rglob("*") if p.is_file())
        assert files == sorted(p.relative_to(after) for p in after.rglob("*") if p.is_file())
        for name in files:
            assert (after / name).read_bytes() == (before / name).read_bytes(), name
    assert files, "the demo data has media files"

    again = _cli(target, "restore", str(archive))
    assert again.returncode == backup.EXIT_NOT_EMPTY
    assert "not empty" in again.stderr and "--force" in again.stderr
    (Path(target["INKLUSIO_VAR_DIR"]) / "uploads" / "stray.txt").write_text("left over")
    _ok(target, "restore", "--force", str(archive))
    assert _ok(target, "report", "ausbildungsoffensive", "--format", "json") == report_before
    assert not (Path(target["INKLUSIO_VAR_DIR"]) / "uploads" / "stray.txt").exists()


# --- refusals, in this process ------------------------------------------------------------------------------


@pytest.fixture
def archive(transactional_db, tmp_path, settings):
    (settings.UPLOAD_ROOT / "docs").mkdir(parents=True)
    (settings.UPLOAD_ROOT / "docs" / "a.bin").write_bytes(b"\x00\x01inklusio")
    return backup.create_backup(tmp_path / "b.tar.gz").path


def _repack(archive: Path, tmp: Path, mutate) -> Path:
    unpacked = tmp / "unpacked"
    with tarfile.open(archive) as tar:
        tar.extractall(unpacked, filter="data")
    mutate(unpacked)
    repacked = tmp / "repacked.tar.gz"
    with tarfile.open(repacked, "w:gz") as tar:
        for path in sorted(unpacked.iterdir()):
            tar.add(path, path.name)
    return repacked


def _refused(archive: Path, code: int, force: bool = False) -> str:
    with pytest.raises(backup.BackupError) as caught:
        backup.restore_backup(archive, force=force)
    assert caught.value.exit_code == code, str(caught.value)
    return str(caught.value)


def test_manifest_records_kind_migrations_and_checksums(archive):
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = set(tar.getnames())
    assert manifest["database"]["kind"] == connection.vendor
    assert ["core", "0001_initial"] in manifest["migrations"]
    assert manifest["checksums"]["files/uploads/docs/a.bin"] == hashlib.sha256(b"\x00\x01inklusio").hexdigest()
    assert set(manifest["checksums"]) <= names


def test_a_changed_member_fails_the_checksum(archive, tmp_path):
    def tamper(root):
        (root / "files" / "uploads" / "docs" / "a.bin").write_bytes(b"\x00\x01inklusiO")

    assert "checksum mismatch for files/uploads/docs/a.bin" in _refused(
        _repack(archive, tmp_path, tamper), backup.EXIT_CORRUPT, force=True
    )


def test_an_extra_or_missing_member_is_refused(archive, tmp_path):
    def add(root):
        (root / "files" / "uploads" / "smuggled.sh").write_text("#!/bin/sh\n")

    assert "smuggled.sh" in _refused(_repack(archive, tmp_path, add), backup.EXIT_CORRUPT, force=True)


def test_not_an_archive_or_no_manifest_is_refused(tmp_path, db):
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"this is not gzip")
    assert "not a readable inklusio backup" in _refused(junk, backup.EXIT_CORRUPT)
    empty = tmp_path / "empty.tar.gz"
    with tarfile.open(empty, "w:gz"):
        pass
    assert "manifest" in _refused(empty, backup.EXIT_CORRUPT)
    with pytest.raises(backup.BackupError, match="no such file"):
        backup.restore_backup(tmp_path / "missing.tar.gz")


def test_a_member_outside_the_target_is_refused(tmp_path, db):
    evil = tmp_path / "evil.tar.gz"
    payload = tmp_path / "payload"
    payload.write_text("x")
    with tarfile.open(evil, "w:gz") as tar:
        tar.add(payload, "../../escaped.txt")
    assert "not a readable inklusio backup" in _refused(evil, backup.EXIT_CORRUPT)
    assert not (tmp_path.parent / "escaped.txt").exists()


def test_a_backup_newer_than_the_code_is_refused(archive, tmp_path):
    def newer(root):
        manifest = json.loads((root / "manifest.json").read_text())
        manifest["migrations"].append(["events", "0099_from_the_future"])
        (root / "manifest.json").write_text(json.dumps(manifest))

    message = _refused(_repack(archive, tmp_path, newer), backup.EXIT_INCOMPATIBLE, force=True)
    assert "newer than this code" in message and "events.0099_from_the_future" in message


def test_a_backup_of_another_database_kind_is_refused(archive, tmp_path):
    def other(root):
        manifest = json.loads((root / "manifest.json").read_text())
        manifest["database"]["kind"] = "sqlite" if connection.vendor == "postgresql" else "postgresql"
        (root / "manifest.json").write_text(json.dumps(manifest))

    assert "DATABASE_URL" in _refused(_repack(archive, tmp_path, other), backup.EXIT_INCOMPATIBLE, force=True)


def test_a_database_with_tables_is_not_overwritten_without_force(archive):
    assert "--force" in _refused(archive, backup.EXIT_NOT_EMPTY)


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump/pg_restore need DATABASE_URL on PostgreSQL")
def test_missing_or_too_old_pg_dump_is_reported(transactional_db, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    with pytest.raises(backup.BackupError, match="pg_dump was not found.*postgresql-client") as caught:
        backup.create_backup(tmp_path / "x.tar.gz")
    assert caught.value.exit_code == backup.EXIT_TOOL

    old = tmp_path / "bin"
    old.mkdir()
    (old / "pg_dump").write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n")
    (old / "pg_dump").chmod(0o755)
    monkeypatch.setenv("PATH", str(old))
    with pytest.raises(backup.BackupError, match=r"pg_dump 9 cannot dump a PostgreSQL \d+ server") as caught:
        backup.create_backup(tmp_path / "x.tar.gz")
    assert caught.value.exit_code == backup.EXIT_TOOL
    assert not (tmp_path / "x.tar.gz").exists()


# --- consistency while another process writes ---------------------------------------------------------------

WRITER = textwrap.dedent(
    """
    import sqlite3, sys
    db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=20)
    db.execute("PRAGMA journal_mode=WAL")
    print("READY", flush=True)
    i = 0
    while True:
        i += 1
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO entry (n, payload) VALUES (?, randomblob(2000))", (i,))
        db.execute("UPDATE ledger SET total = total + ?, entries = entries + 1", (i,))
        db.execute("COMMIT")
    """
)


def test_a_snapshot_taken_while_another_process_writes_is_consistent(tmp_path):
    """Each writer transaction adds a row and updates a ledger; every snapshot must agree with itself."""
    path = tmp_path / "live.sqlite3"
    with sqlite3.connect(path) as setup:
        setup.execute("PRAGMA journal_mode=WAL")
        setup.execute("CREATE TABLE entry (n INTEGER PRIMARY KEY, payload BLOB)")
        setup.execute("CREATE TABLE ledger (total INTEGER, entries INTEGER)")
        setup.execute("INSERT INTO ledger VALUES (0, 0)")
        setup.execute(
            "WITH RECURSIVE s(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM s WHERE v < 5000) "
            "INSERT INTO entry (n, payload) SELECT v + 1000000, randomblob(4000) FROM s"
        )
    setup.close()
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "READY"
        time.sleep(0.3)
        source = sqlite3.connect(path, timeout=20)
        seen = []
        for i in range(5):
            copy = tmp_path / f"copy{i}.sqlite3"
            backup.sqlite_snapshot(source, copy)
            with sqlite3.connect(copy) as check:
                assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
                total, entries = check.execute("SELECT total, entries FROM ledger").fetchone()
                rows, row_sum = check.execute(
                    "SELECT count(*), coalesce(sum(n), 0) FROM entry WHERE n < 1000000"
                ).fetchone()
            check.close()
            assert (entries, total) == (rows, row_sum)
            seen.append(entries)
            time.sleep(0.1)
        source.close()
        assert writer.poll() is None, "the writer kept writing throughout"
    finally:
        writer.kill()
        writer.wait()
    assert seen == sorted(seen) and seen[-1] > seen[0] > 0, f"the writer made progress between snapshots: {seen}"

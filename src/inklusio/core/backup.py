"""Backup and restore: the database and the uploaded files in one tar.gz, with a manifest.

SQLite is copied with SQLite's online backup API (a consistent snapshot while the server and the worker keep
writing, which a file copy of a WAL database is not); PostgreSQL with ``pg_dump --format=custom`` and
``pg_restore``. The manifest records the inklusio version, the time, the database kind, the applied migrations
and a SHA-256 checksum of every other member.

The archive::

    manifest.json
    database.sqlite3 | database.pgdump
    files/uploads/...   (UPLOAD_ROOT)
    files/media/...     (MEDIA_ROOT)
"""

import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.backends.postgresql.client import DatabaseClient
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
FILE_ROOTS = {"uploads": "UPLOAD_ROOT", "media": "MEDIA_ROOT"}

# Exit codes of ``inklusio backup`` and ``inklusio restore`` (documented in docs/operations.md).
EXIT_FAILED = 1
EXIT_NOT_EMPTY = 3
EXIT_INCOMPATIBLE = 4
EXIT_CORRUPT = 5
EXIT_TOOL = 6


class BackupError(Exception):
    def __init__(self, message: str, exit_code: int = EXIT_FAILED):
        super().__init__(message)
        self.exit_code = exit_code


@dataclass(frozen=True)
class Summary:
    path: Path
    database: str
    files: int
    migrations: int


def database_kind() -> str:
    return "postgresql" if connection.vendor == "postgresql" else connection.vendor


def _inklusio_version() -> str:
    try:
        return version("inklusio")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "unknown"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# --- SQLite -----------------------------------------------------------------------------------------------


def sqlite_snapshot(source: sqlite3.Connection, target: Path) -> None:
    """Copy a live SQLite database in one backup step: one read transaction, so one consistent snapshot."""
    destination = sqlite3.connect(target)
    try:
        source.backup(destination)
    finally:
        destination.close()


def _sqlite_migrations(path: Path) -> list[list[str]]:
    with sqlite3.connect(path) as copy:
        try:
            rows = copy.execute("SELECT app, name FROM django_migrations ORDER BY id").fetchall()
        except sqlite3.OperationalError:
            rows = []
    copy.close()
    return [list(row) for row in rows]


# --- PostgreSQL -------------------------------------------------------------------------------------------


def _pg_environment() -> dict:
    """Connection parameters for the PostgreSQL client tools, as libpq environment variables (no password in argv)."""
    _args, env = DatabaseClient.settings_to_cmd_args_env(connection.settings_dict, [])
    db = connection.settings_dict
    env = {**os.environ, **(env or {})}
    for variable, value in (
        ("PGHOST", db.get("HOST")),
        ("PGPORT", db.get("PORT")),
        ("PGUSER", db.get("USER")),
        ("PGDATABASE", db.get("NAME")),
    ):
        if value:
            env[variable] = str(value)
    return env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} was not found; install the PostgreSQL client tools matching the server "
            "(Debian: apt-get install postgresql-client).",
            EXIT_TOOL,
        )
    return path


def _tool_major(path: str) -> int:
    output = subprocess.run([path, "--version"], capture_output=True, text=True, check=True).stdout  # noqa: S603
    match = re.search(r"(\d+)(?:\.\d+)?", output)
    if not match:
        raise BackupError(f"cannot read the version of {path}: {output.strip()!r}", EXIT_TOOL)
    return int(match.group(1))


def _server_major() -> int:
    return connection.pg_version // 10000


def _run_tool(command: list[str], what: str) -> None:
    done = subprocess.run(command, env=_pg_environment(), capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode:
        raise BackupError(f"{what} failed (exit {done.returncode}):\n{done.stderr.strip()}", EXIT_FAILED)


def _pg_dump(target: Path) -> int:
    pg_dump = _tool("pg_dump")
    connection.ensure_connection()
    client, server = _tool_major(pg_dump), _server_major()
    if client < server:
        raise BackupError(
            f"pg_dump {client} cannot dump a PostgreSQL {server} server; install postgresql-client-{server}.",
            EXIT_TOOL,
        )
    _run_tool([pg_dump, "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"], "pg_dump")
    return client


def _pg_restore(source: Path, dumped_with: int) -> None:
    pg_restore = _tool("pg_restore")
    client = _tool_major(pg_restore)
    if client < dumped_with:
        raise BackupError(
            f"the backup was made with pg_dump {dumped_with}; pg_restore {client} cannot read it. "
            f"Install postgresql-client-{dumped_with} or newer.",
            EXIT_TOOL,
        )
    connection.close()
    _run_tool(
        [pg_restore, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
         f"--dbname={connection.settings_dict['NAME']}", str(source)],
        "pg_restore",
    )  # fmt: skip


# --- backup -----------------------------------------------------------------------------------------------


def _applied_migrations() -> list[list[str]]:
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return []
    return [list(pair) for pair in recorder.migration_qs.order_by("id").values_list("app", "name")]


def _copy_files(staging: Path) -> int:
    copied = 0
    for name, setting in FILE_ROOTS.items():
        root = Path(getattr(settings, setting))
        target = staging / "files" / name
        target.mkdir(parents=True)
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.is_symlink() or not path.is_file():
                continue
            destination = target / path.relative_to(root)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination)
            copied += 1
    return copied


def default_path() -> Path:
    return Path(settings.VAR_DIR) / "backups" / f"inklusio-{timezone.now():%Y%m%d-%H%M%S}.tar.gz"


def create_backup(output: Path | None = None) -> Summary:
    output = Path(output or default_path())
    output.parent.mkdir(parents=True, exist_ok=True)
    kind = database_kind()
    if connection.in_atomic_block:
        raise BackupError("a backup cannot be taken inside a database transaction")
    with tempfile.TemporaryDirectory(prefix="inklusio-backup-") as tmp:
        staging = Path(tmp)
        manifest = {"format": FORMAT, "inklusio": _inklusio_version(), "created": timezone.now().isoformat()}
        if kind == "sqlite":
            connection.ensure_connection()
            database_file = staging / "database.sqlite3"
            sqlite_snapshot(connection.connection, database_file)
            migrations = _sqlite_migrations(database_file)
        elif kind == "postgresql":
            database_file = staging / "database.pgdump"
            migrations = _applied_migrations()  # read first: a migration during the dump is not supported
            manifest["pg_dump"] = _pg_dump(database_file)
        else:
            raise BackupError(f"backups of {kind} databases are not supported", EXIT_INCOMPATIBLE)
        files = _copy_files(staging)
        members = sorted(p for p in staging.rglob("*") if p.is_file())
        manifest.update(
            database={"kind": kind, "file": database_file.name},
            migrations=migrations,
            checksums={p.relative_to(staging).as_posix(): sha256(p) for p in members},
        )
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=2))
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(staging / MANIFEST, MANIFEST)
            for name in [database_file.name, "files"]:
                archive.add(staging / name, name)
        partial.replace(output)
    return Summary(output, kind, files, len(migrations))


# --- restore ----------------------------------------------------------------------------------------------


def read_archive(archive: Path, into: Path) -> dict:
    """Unpack and verify: every member listed in the manifest with a matching checksum, nothing else."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(into, filter="data")
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError(f"{archive}: not a readable inklusio backup ({error})", EXIT_CORRUPT) from error
    try:
        manifest = json.loads((into / MANIFEST).read_text())
        checksums = manifest["checksums"]
        manifest["database"]["kind"], manifest["migrations"]  # noqa: B018 - required keys
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise BackupError(f"{archive}: the manifest is missing or unreadable ({error})", EXIT_CORRUPT) from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{archive}: backup format {manifest.get('format')!r} is not supported", EXIT_INCOMPATIBLE)
    present = {p.relative_to(into).as_posix() for p in into.rglob("*") if p.is_file()} - {MANIFEST}
    if present != set(checksums):
        unexpected, missing = sorted(present - set(checksums)), sorted(set(checksums) - present)
        raise BackupError(f"{archive}: members do not match the manifest (extra {unexpected}, missing {missing})",
                          EXIT_CORRUPT)  # fmt: skip
    for name, expected in checksums.items():
        if sha256(into / name) != expected:
            raise BackupError(f"{archive}: checksum mismatch for {name}", EXIT_CORRUPT)
    return manifest


def unknown_migrations(applied: list[list[str]]) -> list[str]:
    """Migrations the backup has applied that this code does not have: the backup is newer than the code."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return [f"{app}.{name}" for app, name in applied if (app, name) not in known]


def _database_is_empty() -> bool:
    return not connection.introspection.table_names()


def _files_present() -> list[str]:
    return [
        setting
        for setting in FILE_ROOTS.values()
        if Path(getattr(settings, setting)).is_dir() and any(Path(getattr(settings, setting)).iterdir())
    ]


_OWN_FUNCTIONS = """
    SELECT p.oid::regprocedure::text FROM pg_proc p
    JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = current_schema()
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
"""


def _drop_all_tables() -> None:
    """PostgreSQL only: SQLite needs no drop, as the backup API replaces the whole database.

    Functions the migrations created (the audit log's append-only trigger) go too, or pg_restore would fail
    on them; functions of installed extensions stay.
    """
    with connection.cursor() as cursor:
        if tables := connection.introspection.table_names():
            cursor.execute("DROP TABLE " + ", ".join(connection.ops.quote_name(t) for t in tables) + " CASCADE")
        cursor.execute(_OWN_FUNCTIONS)
        for (function,) in cursor.fetchall():
            cursor.execute(f"DROP FUNCTION IF EXISTS {function} CASCADE")  # names from pg_proc, not from input


def _restore_files(staging: Path) -> int:
    restored = 0
    for name, setting in FILE_ROOTS.items():
        root = Path(getattr(settings, setting))
        if root.is_dir():
            shutil.rmtree(root)
        source = staging / "files" / name
        root.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, root, dirs_exist_ok=True)
            restored += sum(1 for p in source.rglob("*") if p.is_file())
    return restored


def restore_backup(archive: Path, force: bool = False) -> Summary:
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"{archive}: no such file")
    with tempfile.TemporaryDirectory(prefix="inklusio-restore-") as tmp:
        staging = Path(tmp)
        manifest = read_archive(archive, staging)
        kind = manifest["database"]["kind"]
        if kind != database_kind():
            raise BackupError(
                f"the backup holds a {kind} database; this installation uses {database_kind()} "
                "(set DATABASE_URL to a database of the same kind)",
                EXIT_INCOMPATIBLE,
            )
        if newer := unknown_migrations(manifest["migrations"]):
            raise BackupError(
                "the backup is newer than this code (migrations unknown here: "
                + ", ".join(newer[:5])
                + (" …" if len(newer) > 5 else "")
                + "); install the inklusio version that made it",
                EXIT_INCOMPATIBLE,
            )
        if not force:
            if not _database_is_empty():
                raise BackupError(
                    "the database is not empty; restore into an empty database, or pass --force to replace it",
                    EXIT_NOT_EMPTY,
                )
            if present := _files_present():
                raise BackupError(
                    f"{', '.join(present)} already hold files; pass --force to replace them", EXIT_NOT_EMPTY
                )
        database_file = staging / manifest["database"]["file"]
        if kind == "sqlite":
            connection.ensure_connection()
            source = sqlite3.connect(database_file)
            try:
                source.backup(connection.connection)
            finally:
                source.close()
            connection.close()
        else:
            if force:
                _drop_all_tables()
            _pg_restore(database_file, int(manifest.get("pg_dump", 0)))
        files = _restore_files(staging)
    return Summary(archive, kind, files, len(manifest["migrations"]))

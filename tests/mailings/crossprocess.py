"""Helpers for tests and benchmarks that run the real worker and a real SMTP sink in their own processes."""

import atexit
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
SINK = Path(__file__).with_name("smtp_sink.py")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url(tmp: Path, name: str, base_url: str | None = None) -> str:
    """A fresh database: a SQLite file under ``tmp``, or (for a postgres:// base) a new database ``name``."""
    base_url = base_url if base_url is not None else os.environ.get("DATABASE_URL", "")
    if not base_url.startswith("postgres"):
        return f"sqlite:///{tmp / (name + '.sqlite3')}"
    import psycopg

    parsed = urlparse(base_url)
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return parsed._replace(path=f"/{name}").geturl()


def environment(tmp: Path, db_url: str, smtp_port: int, **extra) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "inklusio.settings",
        "PYTHONPATH": str(ROOT / "src"),
        "INKLUSIO_VAR_DIR": str(tmp / "var"),
        "DATABASE_URL": db_url,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "LOG_LEVEL": "ERROR",
    }
    env.update({k: str(v) for k, v in extra.items()})
    return env


def start_sink(port: int, path: Path) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, str(SINK), str(port), str(path)], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "READY"
    return process


def run_django(env: dict, code: str, timeout: float = 600) -> str:
    """Run Python code in a fresh process with Django set up; returns its stdout."""
    script = "import django; django.setup()\n" + code
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if done.returncode:
        raise RuntimeError(f"child failed:\n{done.stderr[-3000:]}")
    return done.stdout


def migrate(env: dict) -> None:
    """Bring the fresh database of ``env`` to the latest migrations.

    The first call in a test process migrates a template database (about 11 s on SQLite, most of a crash test's
    own work); later calls copy it: the file on SQLite, ``CREATE DATABASE ... TEMPLATE`` on PostgreSQL. All that
    ``migrate`` writes is in the database (post_migrate's roles, stakeholder types, mail defaults and triggers),
    so a copy is what migrating gives."""
    url = env["DATABASE_URL"]
    vendor = "postgresql" if url.startswith("postgres") else "sqlite"
    if vendor not in _templates:
        _templates[vendor] = _migrated_template(env, vendor)
    if vendor == "sqlite":
        shutil.copyfile(_templates[vendor], urlparse(url).path)
        return
    import psycopg

    parsed = urlparse(url)
    with psycopg.connect(parsed._replace(path="/postgres").geturl(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{parsed.path.lstrip("/")}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{parsed.path.lstrip("/")}" TEMPLATE "{_templates[vendor]}"')


_templates: dict[str, str] = {}  # vendor -> this process's migrated template: a SQLite file or a database's name


def _migrated_template(env: dict, vendor: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **env}
    if vendor == "sqlite":
        template = Path(tempfile.mkdtemp(prefix="inklusio-migrated-")) / "template.sqlite3"
        _run_migrate({**env, "DATABASE_URL": f"sqlite:///{template}"})
        atexit.register(shutil.rmtree, template.parent, True)
        return str(template)
    name = f"inklusio_migrated_{os.getpid()}"
    url = database_url(Path(tempfile.gettempdir()), name, env["DATABASE_URL"])
    _run_migrate({**env, "DATABASE_URL": url})
    atexit.register(_drop_postgres, env["DATABASE_URL"], name)
    return name


def _drop_postgres(base_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(urlparse(base_url)._replace(path="/postgres").geturl(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _run_migrate(env: dict) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "inklusio.cli", "manage", "migrate", "--verbosity", "0"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(done.stderr[-3000:])


def start_worker(env: dict, log: Path) -> subprocess.Popen:
    handle = open(log, "ab")  # noqa: SIM115 - closed with the process
    return subprocess.Popen([sys.executable, "-m", "inklusio.cli", "worker"], env=env, stdout=handle, stderr=handle)


def count_lines(path: Path) -> int:
    if not path.exists():
        return 0
    with open(path, "rb") as handle:
        return sum(1 for _ in handle)


def wait_for(predicate, timeout: float, interval: float = 0.2, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise TimeoutError(f"timed out waiting for {what}")


SETUP_SUBSCRIBERS = """
from django.utils import timezone
from inklusio.mailings.models import Subscriber, Mailing, ConsentText
from inklusio.mailings import services
now = timezone.now()
consent = ConsentText.objects.first()
Subscriber.objects.bulk_create(
    [Subscriber(email=f"s{{i:05d}}@example.org", name=f"Abonnent*in {{i}}", status="confirmed", source="test",
                consent_text=consent, signed_up_at=now, confirmed_at=now, token=f"tok{{i:05d}}x") for i in range({n})],
    batch_size=1000,
)
"""

START_MAILING = """
from inklusio.mailings.models import Mailing
from inklusio.mailings import services
body = "# Ausbildung\\n\\nNeues aus den Inklusionsunternehmen: [Programm](https://example.org/programm).\\n\\n" * 3
m = Mailing.objects.create(subject={subject!r}, body=body)
print(m.pk, services.start_sending(m))
"""

MAILING_STATE = """
import json
from django.db.models import Count
from inklusio.mailings.models import Delivery, Mailing
m = Mailing.objects.get(pk={pk})
counts = dict(Delivery.objects.filter(mailing=m).values_list("status").annotate(n=Count("id")).order_by())
uncertain = list(Delivery.objects.filter(mailing=m, uncertain=True).values_list("subscriber__email", flat=True))
print(json.dumps({{"status": m.status, "counts": counts, "uncertain": uncertain,
                  "started": m.started_at.isoformat() if m.started_at else None,
                  "finished": m.finished_at.isoformat() if m.finished_at else None}}))
"""

"""Helpers for tests and benchmarks that run the real worker and a real SMTP sink in their own processes."""

import os
import socket
import subprocess
import sys
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

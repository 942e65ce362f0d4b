"""Two web processes and two workers on one PostgreSQL database, all real processes: a mailing to every
subscriber and a registration burst across both web processes at the same time. Used by
``tests/test_multiprocess_postgres.py`` (small) and ``benchmarks/multiprocess.py`` (5,000 subscribers).
"""

import importlib.util
import json
import signal
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from itertools import cycle
from pathlib import Path
from urllib.parse import urlparse

from .mailings.crossprocess import (
    MAILING_STATE,
    ROOT,
    SETUP_SUBSCRIBERS,
    START_MAILING,
    database_url,
    environment,
    free_port,
    migrate,
    run_django,
    start_sink,
    start_worker,
    wait_for,
)

SETUP_EVENT = """
from datetime import timedelta
from django.utils import timezone
from inklusio.core.models import Project
from inklusio.events.models import Event
now = timezone.now()
project = Project.objects.create(title="Mehrprozess", slug="mehrprozess", funder="-",
                                 start=timezone.localdate(), end=timezone.localdate())
Event.objects.create(project=project, title="Fachtag Ansturm", slug="ansturm", capacity={seats},
                     starts_at=now + timedelta(days=30), ends_at=now + timedelta(days=30, hours=6),
                     visibility=Event.Visibility.PUBLIC)
"""
REGISTRATION_COUNTS = """
import json
from django.db.models import Count
from inklusio.events.models import Registration
print(json.dumps(dict(Registration.objects.filter(event__slug="ansturm").values_list("status")
                      .annotate(n=Count("id")).order_by())))
"""


def _burst_client():
    """The registration benchmark's simulated browser (cookie jar, CSRF token, POSTs)."""
    spec = importlib.util.spec_from_file_location("registration_burst", ROOT / "benchmarks" / "registration_burst.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.Client


def _start_web(env: dict, port: int, log) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "inklusio.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--log-level", "warning"],
        env=env, stdout=log, stderr=log,
    )  # fmt: skip


def _stop(processes) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def _up(port: int) -> bool:
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1).close()
        return True
    except OSError:
        return False


def run(tmp: Path, subscribers: int, seats: int, registrations: int, clients: int = 24, base_url=None) -> dict:
    """Run the scenario; returns what the sink received, the mailing's and the registrations' final state."""
    smtp_port = free_port()
    sink_file = tmp / "received.tsv"
    env = environment(
        tmp,
        database_url(tmp, urlparse(base_url).path.lstrip("/") if base_url else "inklusio_multiprocess", base_url),
        smtp_port,
        SECRET_KEY="multiprocess-test-key-not-secret",
        MAILINGS_SENDERS=2,
        MAILINGS_DISPATCH_SECONDS=2,
    )
    sink = start_sink(smtp_port, sink_file)
    log = open(tmp / "processes.log", "ab")  # noqa: SIM115 - closed in finally
    processes = []
    try:
        migrate(env)
        run_django(env, SETUP_SUBSCRIBERS.format(n=subscribers) + SETUP_EVENT.format(seats=seats))
        ports = [free_port(), free_port()]
        processes += [_start_web(env, port, log) for port in ports]
        processes += [start_worker(env, tmp / f"worker{i}.log") for i in (1, 2)]
        for port in ports:
            wait_for(lambda p=port: _up(p), timeout=60, what=f"gunicorn on {port}")

        started = time.monotonic()
        mailing, count = map(int, run_django(env, START_MAILING.format(subject="Infoletter Mehrprozess")).split())
        Client = _burst_client()
        sessions = [
            Client(f"http://127.0.0.1:{port}", "/events/ansturm/register/")
            for port, _ in zip(cycle(ports), range(clients), strict=False)
        ]
        forms = [
            {"first_name": f"Vorname{i}", "last_name": f"Nachname{i}", "email": f"ansturm{i}@example.org",
             "organisation": "Brückenwerk gGmbH", "privacy_consent": "on"}
            for i in range(registrations)
        ]  # fmt: skip
        with ThreadPoolExecutor(max_workers=clients) as pool:
            statuses = list(pool.map(lambda i: sessions[i % clients].post(forms[i])[1], range(registrations)))
        burst_seconds = time.monotonic() - started
        final = wait_for(
            lambda: (s := json.loads(run_django(env, MAILING_STATE.format(pk=mailing))))["status"] == "sent" and s,
            timeout=900,
            interval=2,
            what="the mailing to finish",
        )
        mailing_seconds = time.monotonic() - started
        counts = json.loads(run_django(env, REGISTRATION_COUNTS))
    finally:
        _stop(processes)
        sink.send_signal(signal.SIGTERM)
        sink.wait(timeout=20)
        log.close()
    received = Counter(line.split("\t")[0] for line in sink_file.read_text().splitlines())
    return {
        "recipients": count,
        "newsletter": {a: n for a, n in received.items() if a.startswith("s")},
        "mailing": final,
        "registrations": counts,
        "statuses": Counter(statuses),
        "burst_seconds": burst_seconds,
        "mailing_seconds": mailing_seconds,
    }

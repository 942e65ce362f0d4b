"""No overbooking when registrations and cancellations race (issue #22): threads against PostgreSQL, and separate
processes against one SQLite file (its IMMEDIATE transactions), each through ``services.register``/``cancel``."""

import json
import os
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connection

from inklusio.events import services
from inklusio.events.models import Event, Registration
from tests.databases import ON_POSTGRES
from tests.mailings.crossprocess import migrate

from .conftest import data

SRC = Path(__file__).resolve().parents[2] / "src"


def _statuses(event) -> dict:
    return {
        status: Registration.objects.filter(event=event, status=status).count()
        for status in ("confirmed", "waitlisted", "cancelled")
    }


def _in_thread(function):
    def run(*args):
        try:
            return function(*args)
        finally:
            connection.close()  # each thread has its own connection

    return run


@pytest.mark.postgres
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    not ON_POSTGRES,
    reason="threads racing on one row need PostgreSQL (CI's second run); SQLite has its own test below",
)
def test_threads_never_overbook_on_postgres_while_others_cancel(make_event):
    seats, first_wave, second_wave, cancels = 15, 60, 30, 10
    event = make_event(capacity=seats, slug="ansturm-threads")
    barrier = threading.Barrier(first_wave)

    @_in_thread
    def register(n, wait=None):
        if wait:
            wait.wait(timeout=60)
        return services.register(event.pk, data(n))[0].pk

    with ThreadPoolExecutor(max_workers=first_wave) as pool:
        list(pool.map(lambda n: register(n, barrier), range(first_wave)))
    assert _statuses(event) == {"confirmed": seats, "waitlisted": first_wave - seats, "cancelled": 0}

    # cancellations (each promotes someone) race with a second wave of new registrations
    leaving = list(
        Registration.objects.filter(event=event, status="confirmed").order_by("?").values_list("pk", flat=True)
    )[:cancels]
    mixed = [("cancel", pk) for pk in leaving] + [("register", 1000 + n) for n in range(second_wave)]
    barrier = threading.Barrier(len(mixed))

    @_in_thread
    def act(job):
        kind, value = job
        barrier.wait(timeout=60)
        return services.cancel(value) if kind == "cancel" else services.register(event.pk, data(value))

    with ThreadPoolExecutor(max_workers=len(mixed)) as pool:
        list(pool.map(act, mixed))
    counts = _statuses(event)
    assert counts == {
        "confirmed": seats,
        "waitlisted": first_wave + second_wave - seats - cancels,
        "cancelled": cancels,
    }
    assert Event.objects.get(pk=event.pk).seats_taken == seats
    # a freed seat goes to the waiting list, never to a newcomer passing it: the first wave's waiting list is
    # longer than the cancellations, so every confirmed seat is still the first wave's
    newcomers = Registration.objects.filter(event=event, person__email__regex=r"^person1[0-9]{3}@")
    assert newcomers.count() == second_wave
    assert not newcomers.filter(status="confirmed").exists()


@pytest.mark.slow
@pytest.mark.skipif(
    ON_POSTGRES,
    reason="races on its own SQLite file whatever DATABASE_URL says: the PostgreSQL run would repeat the SQLite run's "
    "test (PostgreSQL's race is the threads test above)",
)
def test_processes_never_overbook_on_sqlite(tmp_path):
    """Six processes register and cancel at once against one SQLite file; a script reports the outcome."""
    migrate({"DATABASE_URL": f"sqlite:///{tmp_path / 'race.sqlite3'}"})  # seat_race.py's migrate then does nothing
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'race.sqlite3'}",
        "INKLUSIO_VAR_DIR": str(tmp_path / "var"),
        "DJANGO_SETTINGS_MODULE": "inklusio.settings",
        "SECRET_KEY": "seat-race",
        "PYTHONPATH": os.pathsep.join([str(SRC), str(Path(__file__).parent), os.environ.get("PYTHONPATH", "")]),
    }
    result = subprocess.run(
        [sys.executable, str(Path(__file__).parent / "seat_race.py"), "--seats", "12", "--processes", "6"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["errors"] == []
    assert outcome["confirmed"] == 12 == outcome["seats_taken"]
    assert outcome["cancelled"] == outcome["cancels"] > 0  # cancels: what the workers report having cancelled
    assert outcome["waitlisted"] == outcome["registered"] - 12 - outcome["cancels"]

"""Concurrent joins (a person opening the link in several tabs, or a class joining on one registration) on
PostgreSQL: one ``OnlineJoin`` row and one attendance, and every join counted. Skipped on SQLite only."""

import threading

import pytest
from django.db import connection

from inklusio.events import joining, services
from inklusio.events.models import Attendance, OnlineJoin, Registration
from tests.databases import only_postgres

from .conftest import start_event

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    only_postgres(
        "16 threads join at once on one row; SQLite's test database lets one writer in at a time, so they cannot "
        "race there (test_join_links.py counts joins one after another on both databases); CI's PostgreSQL run has "
        "this"
    ),
]

THREADS = 16


def test_simultaneous_joins_make_one_row_and_count_every_join(online_event, reg_data):
    registration, _ = services.register(online_event.pk, reg_data(1))
    start_event(online_event)
    barrier = threading.Barrier(THREADS)
    errors = []

    def join():
        try:
            mine = Registration.objects.select_related("event", "person").get(pk=registration.pk)
            barrier.wait()
            joining.record_join(mine)
        except Exception as error:  # noqa: BLE001 — collected and shown below
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=join) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert OnlineJoin.objects.get(registration=registration, item=None).joins == THREADS
    assert Attendance.objects.filter(registration=registration).count() == 1

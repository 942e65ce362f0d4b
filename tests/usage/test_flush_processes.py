"""Several processes (like gunicorn's) flushing their own buffers into the same daily rows at the same time:
the upsert ``count = count + n`` adds them all up. On SQLite here; on PostgreSQL too when DATABASE_URL names it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from inklusio.usage.models import PageViewDay

pytestmark = pytest.mark.django_db(transaction=True)
TOP = Path(__file__).resolve().parents[2]
PROCESSES, VIEWS, FLUSH_EVERY = 3, 600, 37

CHILD = f"""
import django, os
django.setup()
from datetime import date
from inklusio.usage import buffer, store
for i in range({VIEWS}):
    buffer.record(store.page_key(date(2025, 5, 6), "home", ["/", "/events/", "/gute-praxis/"][i % 3]))
    if i % {FLUSH_EVERY} == 0:
        buffer.flush()
buffer.flush()
"""


def test_processes_flushing_at_once_add_up():
    settings_db = connection.settings_dict
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "inklusio.settings", "PYTHONPATH": str(TOP / "src")}
    if connection.vendor == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{settings_db['NAME']}"
        if "memory" in str(settings_db["NAME"]):
            pytest.skip("the test database is in memory: other processes cannot reach it")
    else:
        env["DATABASE_URL"] = (
            f"postgres://{settings_db['USER']}@{settings_db['HOST'] or '127.0.0.1'}:{settings_db['PORT'] or 5432}"
            f"/{settings_db['NAME']}"
        )
    children = [subprocess.Popen([sys.executable, "-c", CHILD], env=env) for _ in range(PROCESSES)]
    assert [child.wait(timeout=120) for child in children] == [0] * PROCESSES
    assert sum(PageViewDay.objects.values_list("count", flat=True)) == PROCESSES * VIEWS
    assert PageViewDay.objects.count() == 3

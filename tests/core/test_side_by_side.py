"""Figures side by side (core/side_by_side.py): several threads with a connection each on PostgreSQL outside a
transaction, the caller's thread otherwise; the same results in the same order either way."""

import contextvars
import threading
import time
from datetime import date
from zoneinfo import ZoneInfo

import pytest
from django.db import connection, transaction
from django.db.backends.signals import connection_created
from django.utils import timezone, translation

from inklusio.core.models import Project
from inklusio.core.side_by_side import map_side_by_side, threads_available
from inklusio.impact import services
from tests.databases import ON_POSTGRES, only_postgres
from tests.demo_snapshot import load_demo_fast

postgres_only = only_postgres(
    "threads are started only on PostgreSQL (SQLite computes in the caller's thread, which "
    "test_one_thread_when_configured_so_or_on_sqlite checks); CI's PostgreSQL run has these",
)
probe = contextvars.ContextVar("probe", default="unset")


def _backend_pid(_item):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    time.sleep(0.05)  # long enough that one thread cannot take every item before the others start
    return threading.get_ident(), pid


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_threads_with_their_own_connections_which_are_closed_afterwards(settings):
    settings.FIGURE_THREADS = 3
    assert threads_available() == 3
    opened = []  # held here, so a connection is closed by the thread, not by being dropped with it

    def keep(sender, connection, **kwargs):
        opened.append(connection)

    connection_created.connect(keep)
    try:
        results = map_side_by_side(_backend_pid, list(range(9)))
    finally:
        connection_created.disconnect(keep)
    threads = {ident for ident, _pid in results}
    pids = {pid for _ident, pid in results}
    assert len(threads) == 3 and threading.get_ident() not in threads
    assert len(pids) == 3 and len(opened) == 3
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] not in pids
    assert all(wrapper.connection is None for wrapper in opened), "a thread left its connection open"


@pytest.mark.django_db(transaction=True)
def test_one_thread_when_configured_so_or_on_sqlite(settings):
    settings.FIGURE_THREADS = 1
    assert {ident for ident, _ in map_side_by_side(lambda i: (threading.get_ident(), i), [1, 2, 3])} == {
        threading.get_ident()
    }
    settings.FIGURE_THREADS = 3
    if not ON_POSTGRES:
        assert threads_available() == 1


@pytest.mark.django_db
def test_inside_a_transaction_the_callers_thread_reads_what_it_wrote(settings):
    """Another connection would not see the uncommitted project: inside a transaction no thread is started."""
    settings.FIGURE_THREADS = 3
    with transaction.atomic():
        project = Project.objects.create(
            title="Neu", slug="neu", funder="-", start=date(2026, 1, 1), end=date(2026, 12, 31)
        )
        assert threads_available() == 1
        found = map_side_by_side(
            lambda pk: (threading.get_ident(), Project.objects.filter(pk=pk).exists()), [project.pk] * 3
        )
    assert found == [(threading.get_ident(), True)] * 3


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_the_callers_context_language_and_time_zone_reach_the_threads_and_results_keep_their_order(settings):
    settings.FIGURE_THREADS = 3
    probe.set("from the caller")
    with translation.override("en"), timezone.override(ZoneInfo("America/New_York")):
        results = map_side_by_side(
            lambda i: (i, probe.get(), translation.get_language(), str(timezone.get_current_timezone())), list(range(7))
        )
    assert results == [(i, "from the caller", "en", "America/New_York") for i in range(7)]


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_an_error_in_one_thread_reaches_the_caller_after_all_threads_end(settings):
    settings.FIGURE_THREADS = 3
    before = threading.active_count()

    def fail_on_four(i):
        time.sleep(0.02)
        if i == 4:
            raise ValueError("item four")
        return i

    with pytest.raises(ValueError, match="item four"):
        map_side_by_side(fail_on_four, list(range(10)))
    assert threading.active_count() == before


@pytest.mark.django_db(transaction=True)
def test_dashboard_figures_side_by_side_equal_those_one_after_another(settings):
    load_demo_fast()
    project = Project.objects.get(slug="ausbildungsoffensive")
    settings.FIGURE_THREADS = 1
    alone = services.dashboard(project, lang="de")
    settings.FIGURE_THREADS = 3
    assert threads_available() == (3 if ON_POSTGRES else 1)
    together = services.dashboard(project, lang="de")
    assert [(r.code, r.value, r.previous) for r in together.figures] == [
        (r.code, r.value, r.previous) for r in alone.figures
    ]
    assert sum(r.value is not None for r in together.figures) > 20

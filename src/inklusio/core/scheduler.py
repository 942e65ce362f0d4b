"""The task worker, with a small scheduler for periodic jobs beside it.

Apps declare periodic jobs on their ``AppConfig`` as ``periodic_jobs = [PeriodicJob(...)]`` (the type lives in
``core.extensions``). Every worker runs the scheduler thread; a row per job, claimed with an atomic conditional
update, makes sure that with several workers each job is enqueued once per interval. The row also remembers the
task it enqueued: while that task is still queued, or running on a worker whose heartbeat is fresh, the job is
not enqueued again, so a job that takes longer than its interval (or waits behind a long mailing) never runs
twice at the same time.

Each scheduler tick also records the worker's heartbeat (``WorkerHeartbeat``), which ``inklusio check`` reads,
and settles the tasks that dead workers left RUNNING (``taskrecovery.py``). A ``--batch`` worker runs no periodic
jobs but still records its heartbeat, so its running task is not taken for an orphan.
"""

import logging
import os
import socket
import threading
from contextlib import suppress
from datetime import timedelta
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import DatabaseError, close_old_connections
from django.utils import timezone
from django.utils.crypto import get_random_string

from .extensions import PeriodicJob

logger = logging.getLogger(__name__)


def tick_seconds() -> float:
    return float(getattr(settings, "SCHEDULER_TICK_SECONDS", 30))


def heartbeat_max_age() -> timedelta:
    """A worker not seen for this long is taken for dead."""
    return timedelta(seconds=float(getattr(settings, "WORKER_HEARTBEAT_MAX_AGE", 120)))


def periodic_jobs() -> list[PeriodicJob]:
    jobs = []
    for config in apps.get_app_configs():
        jobs.extend(getattr(config, "periodic_jobs", []))
    return jobs


def alive_workers(now=None):
    from .models import WorkerHeartbeat  # noqa: PLC0415 — apps.py imports this module before models load

    now = now or timezone.now()
    return WorkerHeartbeat.objects.filter(last_seen__gte=now - heartbeat_max_age())


def still_in_flight(task_id: str, now=None) -> bool:
    """The job's last task is queued, or running on a live worker (a task of a dead worker does not count)."""
    if not task_id:
        return False
    from django_tasks_db.models import DBTaskResult  # noqa: PLC0415 — apps.py imports this module before models load

    result = DBTaskResult.objects.filter(pk=task_id).values("status", "worker_ids").first()
    if result is None:  # another task backend, or pruned
        return False
    if result["status"] == "READY":
        return True
    if result["status"] == "RUNNING":
        worker_ids = result["worker_ids"] or [""]
        return alive_workers(now).filter(worker_id=worker_ids[-1]).exists()
    return False


def enqueue_due_jobs(now=None) -> list[str]:
    """Enqueue every periodic job whose interval has passed and whose last run is over; returns the names."""
    from .models import PeriodicJobRun  # noqa: PLC0415 — apps.py imports this module before models load

    now = now or timezone.now()
    enqueued = []
    for job in periodic_jobs():
        run, _created = PeriodicJobRun.objects.get_or_create(name=job.name, defaults={"last_run": now - job.every})
        if run.last_run > now - job.every or still_in_flight(run.task_id, now):
            continue
        claimed = PeriodicJobRun.objects.filter(name=job.name, last_run=run.last_run, task_id=run.task_id).update(
            last_run=now, task_id=""
        )
        if claimed:
            module, attribute = job.task.rsplit(".", 1)
            result = getattr(import_module(module), attribute).enqueue()
            PeriodicJobRun.objects.filter(name=job.name, last_run=now).update(task_id=str(result.id))
            enqueued.append(job.name)
    return enqueued


def beat(worker_id: str, started_at, now=None) -> None:
    """Record that this worker is alive; forget workers gone for a day."""
    from .models import WorkerHeartbeat  # noqa: PLC0415 — apps.py imports this module before models load

    now = now or timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "hostname": socket.gethostname()[:255],
            "pid": os.getpid(),
            "started_at": started_at,
            "last_seen": now,
        },
    )
    WorkerHeartbeat.objects.filter(last_seen__lt=now - timedelta(days=1)).delete()


def _scheduler_loop(stop: threading.Event, worker_id: str, schedule: bool = True) -> None:
    from .taskrecovery import recover_orphaned_tasks  # noqa: PLC0415 — cycle: taskrecovery uses the scheduler

    started_at = timezone.now()
    while not stop.is_set():
        try:
            beat(worker_id, started_at)
            if schedule:
                recover_orphaned_tasks()  # first: a periodic job's re-queued task then counts as in flight
                enqueue_due_jobs()
        except Exception:  # keep scheduling; the next tick tries again
            logger.exception("Scheduling periodic jobs failed")
        finally:
            close_old_connections()
        stop.wait(tick_seconds())
    # The thread forgets its own heartbeat as its last act: a tick still running when the worker stops (a slow
    # one, under load) would otherwise write it again after the worker's own delete.
    from .models import WorkerHeartbeat  # noqa: PLC0415 — apps.py imports this module before models load

    with suppress(DatabaseError):
        WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()
    close_old_connections()


def new_worker_id() -> str:
    return f"{socket.gethostname()[:30]}-{os.getpid()}-{get_random_string(8)}"


def run_worker(queues: list[str] | None = None, batch: bool = False) -> int:
    from .models import WorkerHeartbeat  # noqa: PLC0415 — apps.py imports this module before models load

    stop = threading.Event()
    worker_id = new_worker_id()
    scheduler = threading.Thread(
        target=_scheduler_loop, args=(stop, worker_id, not batch), daemon=True, name="scheduler"
    )
    scheduler.start()
    try:
        call_command(
            "db_worker",
            queue_name=",".join(queues) if queues else "*",
            batch=batch,
            reload=False,
            startup_delay=False,
            interval=0.5,
            worker_id=worker_id,
        )
    finally:
        stop.set()
        scheduler.join(timeout=30)
        with suppress(DatabaseError):  # a stopping worker must not fail on an unreachable database
            WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()
    return 0

"""The task worker, with a small scheduler for periodic jobs beside it.

Apps declare periodic jobs on their ``AppConfig`` as ``periodic_jobs = [PeriodicJob(...)]``. Every worker runs
the scheduler thread; a row per job, claimed with an atomic conditional update, makes sure that with several
workers each job is enqueued once per interval.
"""

import logging
import threading
from dataclasses import dataclass
from datetime import timedelta
from importlib import import_module

from django.apps import apps
from django.core.management import call_command
from django.db import close_old_connections
from django.utils import timezone

logger = logging.getLogger(__name__)
TICK_SECONDS = 30


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    task: str  # dotted path of a django-tasks task
    every: timedelta


def periodic_jobs() -> list[PeriodicJob]:
    jobs = []
    for config in apps.get_app_configs():
        jobs.extend(getattr(config, "periodic_jobs", []))
    return jobs


def enqueue_due_jobs(now=None) -> list[str]:
    """Enqueue every periodic job whose interval has passed; returns the names enqueued."""
    from .models import PeriodicJobRun

    now = now or timezone.now()
    enqueued = []
    for job in periodic_jobs():
        PeriodicJobRun.objects.get_or_create(name=job.name, defaults={"last_run": now - job.every})
        claimed = PeriodicJobRun.objects.filter(name=job.name, last_run__lte=now - job.every).update(last_run=now)
        if claimed:
            module, attribute = job.task.rsplit(".", 1)
            getattr(import_module(module), attribute).enqueue()
            enqueued.append(job.name)
    return enqueued


def _scheduler_loop(stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            enqueue_due_jobs()
        except Exception:  # keep scheduling; the next tick tries again
            logger.exception("Scheduling periodic jobs failed")
        finally:
            close_old_connections()
        stop.wait(TICK_SECONDS)


def run_worker(queues: list[str] | None = None, batch: bool = False) -> int:
    stop = threading.Event()
    if not batch:
        threading.Thread(target=_scheduler_loop, args=(stop,), daemon=True, name="scheduler").start()
    try:
        call_command(
            "db_worker",
            queue_name=",".join(queues) if queues else "*",
            batch=batch,
            reload=False,
            startup_delay=False,
            interval=0.5,
        )
    finally:
        stop.set()
    return 0

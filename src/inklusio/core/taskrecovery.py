"""Tasks left RUNNING by a worker that died (SIGKILL, out of memory, power cut) are settled, not left forever.

django-tasks-db marks a task RUNNING when a worker claims it and SUCCESSFUL or FAILED when the task returns; a
worker that dies in between leaves the row RUNNING, and nothing would ever touch it again. Every worker's
scheduler tick therefore looks for RUNNING tasks whose worker is dead and settles each by what the task allows:

- a task its app declares safe to run again (``AppConfig.rerunnable_tasks``, dotted paths) goes back to the
  queue (READY) and runs again on the next free worker. Such a task either does its work again harmlessly
  (retention, planning) or keeps its own record of what is done (the Infoletter's deliveries, reminders,
  invitations), so a second run repeats at most the one message that was in flight when the worker died: the
  in-flight rule of ``mailings/sending.py``;
- any other task is marked FAILED with the reason (``WorkerDied`` and a sentence), because running it again
  could do twice what it had already done (e.g. send every cancellation notice again);
- a task whose workers died ``MAX_RUNS`` times is marked FAILED too, so a task that kills its worker (a file
  that exhausts the memory) cannot take down one worker after another.

A worker counts as dead when its heartbeat (``WorkerHeartbeat``, written every scheduler tick) is older than
``WORKER_HEARTBEAT_MAX_AGE``, or missing. A task started less than that long ago is left alone, so a worker
that claimed a task before its first heartbeat was written is not mistaken for a dead one. Settling a row is a
conditional update on its ``started_at``, so two workers recovering at once settle it once.
"""

import logging
from dataclasses import dataclass

from django.apps import apps
from django.utils import timezone

logger = logging.getLogger(__name__)

MAX_RUNS = 3


class WorkerDied(Exception):
    """Recorded as the exception of a task whose worker died while running it (the row's traceback explains)."""


EXCEPTION_PATH = f"{WorkerDied.__module__}.{WorkerDied.__qualname__}"


@dataclass(frozen=True)
class Recovered:
    requeued: list[str]
    failed: list[str]


def rerunnable_tasks() -> set[str]:
    paths = set()
    for config in apps.get_app_configs():
        paths.update(getattr(config, "rerunnable_tasks", []))
    return paths


def recover_orphaned_tasks(now=None) -> Recovered:
    """Settle the RUNNING tasks of dead workers; returns the ids re-queued and the ids marked failed."""
    from django_tasks_db.models import DBTaskResult  # noqa: PLC0415 — the scheduler imports this module before the models load

    from .scheduler import alive_workers, heartbeat_max_age  # noqa: PLC0415 — cycle: the scheduler calls this module

    now = now or timezone.now()
    alive = set(alive_workers(now).values_list("worker_id", flat=True))
    rerunnable = rerunnable_tasks()
    requeued, failed = [], []
    candidates = DBTaskResult.objects.filter(status="RUNNING", started_at__lt=now - heartbeat_max_age())
    for row in candidates.only("id", "task_path", "worker_ids", "started_at"):
        worker = (row.worker_ids or [""])[-1]
        if worker in alive:
            continue
        runs = len(row.worker_ids or [])
        same_run = DBTaskResult.objects.filter(pk=row.pk, status="RUNNING", started_at=row.started_at)
        if row.task_path in rerunnable and runs < MAX_RUNS:
            if same_run.update(status="READY", started_at=None):
                requeued.append(str(row.pk))
                logger.warning("Task %s (%s) re-queued: worker %s died running it", row.pk, row.task_path, worker)
            continue
        if row.task_path in rerunnable:
            reason = f"WorkerDied: the workers running this task died {runs} times (last: {worker}); not retried."
        else:
            reason = (
                f"WorkerDied: worker {worker} died while running this task. It is not run again automatically, "
                "because a second run could repeat what the first had already done."
            )
        if same_run.update(
            status="FAILED", finished_at=now, exception_class_path=EXCEPTION_PATH, traceback=reason, return_value=None
        ):
            failed.append(str(row.pk))
            logger.error("Task %s (%s) failed: %s", row.pk, row.task_path, reason)
    return Recovered(requeued, failed)

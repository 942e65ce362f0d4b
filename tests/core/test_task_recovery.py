"""Tasks left RUNNING by a worker that died are settled: re-queued if their app says they may run again, failed
with the reason otherwise; never left RUNNING forever. Checked in-process and with real worker processes that are
killed with SIGKILL in the middle of a task."""

import json
import signal
import subprocess
import sys
from datetime import timedelta

import pytest
from django.utils import timezone

from inklusio.core import scheduler, taskrecovery

from ..mailings.crossprocess import ROOT, database_url, environment, free_port, migrate, run_django, wait_for

RERUNNABLE = "inklusio.privacy.tasks.apply_retention"
NOT_RERUNNABLE = "inklusio.events.tasks.send_cancellation_notices"


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]}}


def _running(task, worker: str, started, *args):
    """A task claimed by ``worker`` at ``started`` (as django-tasks-db's worker claims it)."""
    from django_tasks_db.models import DBTaskResult

    row = DBTaskResult.objects.get(pk=task.enqueue(*args).id)
    row.claim(worker)
    DBTaskResult.objects.filter(pk=row.pk).update(started_at=started)
    row.refresh_from_db()
    return row


def test_a_dead_workers_tasks_are_requeued_or_failed_by_what_the_task_allows(db, database_tasks):
    from inklusio.events.tasks import send_cancellation_notices
    from inklusio.privacy.tasks import apply_retention

    now = timezone.now()
    long_ago = now - timedelta(minutes=10)
    scheduler.beat("dead", long_ago, now=long_ago)  # last seen ten minutes ago
    scheduler.beat("alive", long_ago, now=now)
    rerun = _running(apply_retention, "dead", long_ago)
    failed = _running(send_cancellation_notices, "dead", long_ago, 1)
    busy = _running(apply_retention, "alive", long_ago)
    vanished = _running(apply_retention, "no-heartbeat-at-all", long_ago)
    just_claimed = _running(apply_retention, "not-yet-beating", now - timedelta(seconds=5))

    result = taskrecovery.recover_orphaned_tasks(now)

    assert sorted(result.requeued) == sorted([str(rerun.pk), str(vanished.pk)])
    assert result.failed == [str(failed.pk)]
    for row in (rerun, failed, busy, vanished, just_claimed):
        row.refresh_from_db()
    assert (rerun.status, rerun.started_at, rerun.worker_ids) == ("READY", None, ["dead"])
    assert failed.status == "FAILED" and failed.finished_at == now
    assert failed.exception_class_path == "inklusio.core.taskrecovery.WorkerDied"
    assert "worker dead died while running this task" in failed.traceback
    assert failed.task_result.errors[0].exception_class is taskrecovery.WorkerDied
    assert busy.status == "RUNNING", "a task on a live worker is left alone"
    assert just_claimed.status == "RUNNING", "a task claimed moments ago, before its worker's first beat, is left alone"
    assert taskrecovery.recover_orphaned_tasks(now) == taskrecovery.Recovered([], []), "settled once"


def test_a_task_that_keeps_killing_its_worker_fails_after_max_runs(db, database_tasks):
    from django_tasks_db.models import DBTaskResult

    from inklusio.privacy.tasks import apply_retention

    now = timezone.now()
    long_ago = now - timedelta(minutes=10)
    row = _running(apply_retention, "first", long_ago)
    for attempt in range(2, taskrecovery.MAX_RUNS + 1):
        assert taskrecovery.recover_orphaned_tasks(now).requeued == [str(row.pk)]
        row.refresh_from_db()
        row.claim(f"worker-{attempt}")
        DBTaskResult.objects.filter(pk=row.pk).update(started_at=long_ago)
    assert taskrecovery.recover_orphaned_tasks(now).failed == [str(row.pk)]
    row.refresh_from_db()
    assert row.status == "FAILED"
    assert f"died {taskrecovery.MAX_RUNS} times" in row.traceback


def test_every_declared_rerunnable_task_exists():
    from django.utils.module_loading import import_string
    from django_tasks_db.compat import Task

    declared = taskrecovery.rerunnable_tasks()
    assert RERUNNABLE in declared and NOT_RERUNNABLE not in declared
    assert "inklusio.mailings.tasks.send_mailing" in declared
    for path in declared:
        task = import_string(path)
        assert isinstance(task, Task) and task.module_path == path, path


# --- real worker processes, killed with SIGKILL mid-task ------------------------------------------------------

TASKS_STATE = """
import json
from django_tasks_db.models import DBTaskResult
rows = DBTaskResult.objects.filter(task_path__startswith="tests.core.slowjob.")
print(json.dumps({r.task_path.rsplit(".", 1)[1]: {"status": r.status, "workers": r.worker_ids,
                  "exception": r.exception_class_path, "reason": r.traceback} for r in rows}))
"""


def _starts(log) -> list[str]:
    if not log.exists():
        return []
    return [line.split()[0] for line in log.read_text().splitlines() if " start " in line]


@pytest.mark.slow
def test_a_task_of_a_killed_worker_is_recovered_by_the_next_worker(tmp_path):
    log = tmp_path / "slowjob.log"
    env = environment(
        tmp_path,
        database_url(tmp_path, "inklusio_task_recovery"),
        free_port(),
        DJANGO_SETTINGS_MODULE="tests.core.worker_settings",
        PYTHONPATH=f"{ROOT / 'src'}:{ROOT}",
        SCHEDULER_TICK_SECONDS=0.2,
        WORKER_HEARTBEAT_MAX_AGE=2,
        SLOWJOB_EVERY=3600,  # the periodic "slow" is enqueued by the first tick, then not for an hour
        SLOWJOB_SECONDS=600,
        SLOWJOB_LOG=log,
        MAILINGS_DISPATCH_SECONDS=3600,
    )
    migrate(env)
    run_django(env, "from tests.core.slowjob.tasks import slow_once; slow_once.enqueue()")

    def worker(**extra):
        return subprocess.Popen(
            [sys.executable, "-m", "inklusio.cli", "worker"],
            env={**env, **{k: str(v) for k, v in extra.items()}},
            stderr=subprocess.PIPE,
            text=True,
        )

    doomed = []
    try:
        doomed.append(worker())
        wait_for(lambda: len(_starts(log)) >= 1, timeout=90, what="the first worker to start a slow task")
        doomed.append(worker())
        wait_for(lambda: len(set(_starts(log))) >= 2, timeout=90, what="the second worker to start the other one")
        state = json.loads(run_django(env, TASKS_STATE))
        assert {state["slow"]["status"], state["slow_once"]["status"]} == {"RUNNING"}
        for process in doomed:
            process.kill()  # SIGKILL: no handler runs, the rows stay RUNNING and the heartbeats stay behind
            process.wait(timeout=20)
        assert json.loads(run_django(env, TASKS_STATE))["slow"]["status"] == "RUNNING"
    finally:
        for process in doomed:
            if process.poll() is None:
                process.kill()

    survivor = worker(SLOWJOB_SECONDS=0.2)
    try:
        state = wait_for(
            lambda: (
                (s := json.loads(run_django(env, TASKS_STATE)))["slow"]["status"] == "SUCCESSFUL"
                and s["slow_once"]["status"] == "FAILED"
                and s
            ),
            timeout=90,
            interval=0.5,
            what="the next worker to settle both tasks",
        )
        survivor.send_signal(signal.SIGTERM)
        survivor.wait(timeout=30)
    finally:
        if survivor.poll() is None:
            survivor.kill()
    assert survivor.returncode == 0, survivor.stderr.read()[-3000:]
    assert len(state["slow"]["workers"]) == 2, "run again by the next worker after its first worker died"
    assert str(survivor.pid) in _starts(log)
    assert state["slow_once"]["exception"] == "inklusio.core.taskrecovery.WorkerDied"
    assert "died while running this task" in state["slow_once"]["reason"]
    assert len(state["slow_once"]["workers"]) == 1, "a task not declared rerunnable is not run again"

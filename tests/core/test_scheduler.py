"""The periodic-job scheduler: each job once per interval, never twice at the same time, also with several real
worker processes; and every worker records a heartbeat that it removes when it stops."""

import signal
import sys
from datetime import timedelta

import pytest
from django.utils import timezone

from inklusio.core import scheduler
from inklusio.core.models import PeriodicJobRun, WorkerHeartbeat

from ..mailings.crossprocess import ROOT, database_url, environment, free_port, migrate, run_django, wait_for

JOB = "privacy.retention"  # a six-hourly job: its interval passes only where the test moves the clock


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]}}


def _task(name=JOB):
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.get(pk=PeriodicJobRun.objects.get(name=name).task_id)


def test_a_job_is_not_enqueued_again_while_its_last_task_waits_or_runs(db, database_tasks):
    now = timezone.now()
    assert JOB in scheduler.enqueue_due_jobs(now)
    first = _task()
    assert first.status == "READY"
    assert JOB not in scheduler.enqueue_due_jobs(now + timedelta(minutes=1)), "the interval has not passed"
    later = now + timedelta(days=1)
    assert JOB not in scheduler.enqueue_due_jobs(later), "the last task still waits in the queue"

    scheduler.beat("worker-a", now, now=later)
    first.claim("worker-a")
    assert JOB not in scheduler.enqueue_due_jobs(later), "the last task runs on a live worker"

    first.set_successful(0)
    assert JOB in scheduler.enqueue_due_jobs(later)
    assert _task().pk != first.pk


def test_a_task_left_running_by_a_dead_worker_does_not_block_the_job(db, database_tasks):
    now = timezone.now()
    scheduler.enqueue_due_jobs(now)
    scheduler.beat("worker-b", now, now=now)
    _task().claim("worker-b")
    later = now + timedelta(hours=7)  # worker-b's heartbeat is hours old: it died mid-task
    assert JOB in scheduler.enqueue_due_jobs(later)


def test_beat_records_the_worker_and_forgets_long_gone_ones(db):
    now = timezone.now()
    scheduler.beat("gone", now - timedelta(days=3), now=now - timedelta(days=2))
    scheduler.beat("here", now, now=now)
    scheduler.beat("here", now, now=now + timedelta(seconds=30))
    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == ["here"]
    assert list(scheduler.alive_workers(now + timedelta(seconds=60)).values_list("worker_id", flat=True)) == ["here"]
    assert not scheduler.alive_workers(now + timedelta(hours=1)).exists()


# --- two real worker processes -------------------------------------------------------------------------------

HEARTBEATS = "from inklusio.core.models import WorkerHeartbeat; print(WorkerHeartbeat.objects.count())"


@pytest.mark.slow
def test_two_worker_processes_never_run_a_periodic_job_twice_at_the_same_time(tmp_path):
    """The job takes 1.5 s and is due every 0.5 s; two workers tick every 0.2 s. Without the in-flight check
    both workers would run it side by side."""
    import subprocess

    log = tmp_path / "slowjob.log"
    env = environment(
        tmp_path,
        database_url(tmp_path, "inklusio_scheduler_workers"),
        free_port(),
        DJANGO_SETTINGS_MODULE="tests.core.worker_settings",
        PYTHONPATH=f"{ROOT / 'src'}:{ROOT}",
        SCHEDULER_TICK_SECONDS=0.2,
        SLOWJOB_EVERY=0.5,
        SLOWJOB_SECONDS=1.5,
        SLOWJOB_LOG=log,
        MAILINGS_DISPATCH_SECONDS=3600,
    )
    migrate(env)
    workers = [
        subprocess.Popen([sys.executable, "-m", "inklusio.cli", "worker"], env=env, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    try:
        wait_for(lambda: log.exists() and log.read_text().count(" end ") >= 4, timeout=90, what="four runs")
        assert run_django(env, HEARTBEATS).strip() == "2"
    finally:
        for worker in workers:
            worker.send_signal(signal.SIGTERM)
        for worker in workers:
            try:
                worker.wait(timeout=60)
            except subprocess.TimeoutExpired:
                worker.kill()
    assert all(worker.returncode == 0 for worker in workers), [w.stderr.read()[-2000:] for w in workers]
    assert run_django(env, HEARTBEATS).strip() == "0", "stopped workers remove their heartbeat"

    runs, running = [], {}
    for line in log.read_text().splitlines():
        pid, what, at = line.split()
        if what == "start":
            running[pid] = float(at)
        else:
            runs.append((running.pop(pid), float(at), pid))
    runs.sort()
    overlaps = [(a, b) for a, b in zip(runs, runs[1:], strict=False) if b[0] < a[1]]
    assert not overlaps, f"runs overlapped: {overlaps}"
    assert not running, "a graceful stop lets the running job finish"
    assert len(runs) >= 4

"""Imports are written by the worker, with progress and a result page: the shared mechanism of every import.

The upload request only stores the file and queues the reading (``core.imports.read_once``); the review page
queues the write with :func:`queue`, and the browser goes to the job's page (``core:import_job``), which shows
rows done of the total while the worker writes, then the result. Each importing app declares its writer in its
``AppConfig.import_writers`` (``{kind: "dotted.path"}``): ``writer(job, progress)`` writes everything or raises,
and returns the result ``{"lines": [...], "next": url, "next_label": text}`` in the uploader's language (active
while it runs). ``progress(done, total)`` reports the rows written so far. A writer may have a ``prepare(job,
progress)`` attribute: it runs first, outside the transaction, and may read, check and stage the rows where nobody
sees them (e.g. temporary tables); the writer is then called as ``writer(job, progress, prepared)`` with what it
returned, and ``prepared.close()`` runs afterwards, whatever happened (it removes the staged rows). So the
transaction that makes the import visible stays short: on SQLite it holds the database's only write lock, and every
web request that writes (each saves its session) waits for it.

All or nothing: the writer runs in one transaction, and the job is marked done inside it. A worker killed
mid-import leaves nothing written; the task is declared re-runnable (``core.taskrecovery``), so the next worker
writes it again from the start; after ``MAX_RUNS`` dead workers it is failed, and the page offers a retry.
The rows written so far live in a small file next to the uploads while the transaction runs (the job's row
cannot show them before the commit, and a second connection could not write on SQLite while the import
holds the lock). A writer that finds the data changed since the review raises :class:`NeedsReview`: nothing is
written, the job is marked for review and the page links back to the import's review.
"""

import logging
import os
from collections.abc import Callable
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from .models import ImportJob

logger = logging.getLogger(__name__)


class NeedsReview(Exception):  # noqa: N818 — a state, not an error
    """Raised by a writer before it writes: the data changed since the review. ``store()`` runs after the
    rollback, to keep the new findings for the review page; ``url`` is that page."""

    def __init__(self, url: str, store: Callable[[], None] | None = None):
        super().__init__(url)
        self.url, self.store = url, store


class Refused(Exception):  # noqa: N818 — an outcome the uploader is told, not a crash
    """Raised by a writer that cannot do the import (e.g. already done, a day closed meanwhile): nothing is
    written, the job is failed with this message (in the uploader's language)."""


def writers() -> dict[str, str]:
    found = {}
    for config in apps.get_app_configs():
        found.update(getattr(config, "import_writers", {}))
    return found


def progress_path(job_id: int) -> Path:
    return Path(settings.UPLOAD_ROOT) / "import-jobs" / f"{job_id}.progress"


def _write_progress(job_id: int, done: int, total: int) -> None:
    path = progress_path(job_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.partial")
    partial.write_text(f"{done} {total}", encoding="ascii")
    partial.replace(path)


def rows_done(job: ImportJob) -> tuple[int, int]:
    """Rows written so far and the total, for the progress page (the file while writing, else the row)."""
    if job.state == ImportJob.State.WRITING:
        try:
            done, total = progress_path(job.pk).read_text(encoding="ascii").split()
            return int(done), int(total)
        except (OSError, ValueError):
            pass
    return job.rows_done, job.rows_total


def queue(*, kind: str, record, owner, rows_total: int, params: dict | None = None) -> ImportJob:
    """Queue the write of a reviewed import (``record``: the app's :class:`PendingImport`); returns the job."""
    from .tasks import write_import  # noqa: PLC0415 — the task module imports this one

    if kind not in writers():
        raise LookupError(f"No import writer for {kind!r}")
    job = ImportJob.objects.create(
        kind=kind,
        import_id=record.pk,
        owner=owner,
        filename=record.filename,
        language=translation.get_language() or "",
        params=params or {},
        rows_total=rows_total,
    )
    _enqueue(job, write_import)
    return job


def _enqueue(job: ImportJob, task) -> None:
    result = task.enqueue(job.pk)
    ImportJob.objects.filter(pk=job.pk).update(task_id=str(result.id))


def open_job(record, kind: str) -> ImportJob | None:
    """The import's job still queued or writing, if any (a second click must not queue a second write)."""
    return (
        ImportJob.objects.filter(
            kind=kind, import_id=record.pk, state__in=[ImportJob.State.QUEUED, ImportJob.State.WRITING]
        )
        .order_by("-pk")
        .first()
    )


def run(job_id: int) -> None:
    """The worker's part (``core.tasks.write_import``): write the job's import all or nothing."""
    job = ImportJob.objects.filter(pk=job_id).first()
    if job is None or job.state not in (ImportJob.State.QUEUED, ImportJob.State.WRITING):
        return  # done, failed or sent back to review before: nothing to do (a re-run after a commit)
    ImportJob.objects.filter(pk=job.pk).update(
        state=ImportJob.State.WRITING, attempts=F("attempts") + 1, started=timezone.now()
    )
    job.refresh_from_db()
    writer = import_string(writers()[job.kind])
    total = job.rows_total

    def progress(done: int, new_total: int | None = None) -> None:
        nonlocal total
        total = new_total if new_total is not None else total
        _write_progress(job.pk, done, total)

    _write_progress(job.pk, 0, total)
    prepare, prepared = getattr(writer, "prepare", None), None
    with translation.override(job.language or None):
        try:
            if prepare is not None:
                prepared = prepare(job, progress)  # outside the transaction: reads, checks, stages
            with transaction.atomic():
                result = writer(job, progress) if prepare is None else writer(job, progress, prepared)
                job.state, job.result, job.finished = ImportJob.State.DONE, result, timezone.now()
                job.rows_total = total
                job.rows_done = total
                job.save(update_fields=["state", "result", "finished", "rows_done", "rows_total"])
        except NeedsReview as review:
            if review.store is not None:
                review.store()
            job.state, job.result, job.finished = ImportJob.State.REVIEW, {"next": review.url}, timezone.now()
            job.save(update_fields=["state", "result", "finished"])
        except Refused as refusal:
            job.state, job.finished, job.error = ImportJob.State.FAILED, timezone.now(), str(refusal)
            job.save(update_fields=["state", "finished", "error"])
        except Exception:
            logger.exception("Import job %s (%s) failed", job.pk, job.kind)
            job.state, job.finished = ImportJob.State.FAILED, timezone.now()
            job.error = _("The import stopped with an internal error. Nothing was imported.")
            job.save(update_fields=["state", "finished", "error"])
        finally:
            if prepared is not None:
                prepared.close()
            progress_path(job.pk).unlink(missing_ok=True)


def died(job: ImportJob) -> bool:
    """Whether the job's task was given up (its workers died ``MAX_RUNS`` times, see ``core.taskrecovery``)."""
    if job.state != ImportJob.State.WRITING or not job.task_id:
        return False
    from django_tasks.exceptions import TaskException  # noqa: PLC0415 — only needed here

    from .tasks import write_import  # noqa: PLC0415 — the task module imports this one

    try:
        return write_import.get_result(job.task_id).status == "FAILED"
    except (TaskException, NotImplementedError, ValueError):
        return False


def retry(job: ImportJob) -> bool:
    """Queue a failed job again (the retry button); ``False`` when it is not failed."""
    from .tasks import write_import  # noqa: PLC0415 — the task module imports this one

    if not (job.state == ImportJob.State.FAILED or died(job)):
        return False
    updated = ImportJob.objects.filter(pk=job.pk, state=job.state).update(
        state=ImportJob.State.QUEUED, error="", finished=None
    )
    if updated:
        _enqueue(job, write_import)
    return bool(updated)

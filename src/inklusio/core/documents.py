"""Documents that take longer than a request should (all certificates of an event, a receipt ZIP): made in the
worker, with progress, and downloaded when done.

An app declares what it can make as ``document_kinds = {"app.kind": "inklusio.app.module:function"}`` on its
``AppConfig``. The function is called in the worker as ``build(params, out, progress)``: it writes the document
into the binary file ``out``, calls ``progress(done, total)`` now and then, and returns ``(filename,
content_type)``; it raises :class:`DocumentError` with a sentence for the user when it cannot make it.

:func:`start` records a :class:`~inklusio.core.models.DocumentJob` for the user and queues
``core.tasks.build_document``; :func:`jobs_for_user` is the only way to find a job again (a user sees only their
own: anyone else's id answers 404). Building again after a dead worker is harmless, so the task is re-runnable.
Files are kept for :data:`KEEP`, then :func:`prune` deletes them with their rows.
"""

import logging
import os
import time
from datetime import timedelta
from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _

from .models import DocumentJob

logger = logging.getLogger(__name__)

KEEP = timedelta(days=1)
PROGRESS_EVERY = 0.5  # seconds between progress writes


class DocumentError(Exception):
    """The document cannot be made; the message is shown to the user."""


def kinds() -> dict[str, str]:
    found = {}
    for config in apps.get_app_configs():
        found.update(getattr(config, "document_kinds", {}))
    return found


def builder(kind: str):
    path = kinds().get(kind)
    if path is None:
        raise DocumentError(_("This kind of document is unknown."))
    module, attribute = path.split(":")
    return getattr(import_module(module), attribute)


def jobs_for_user(user):
    """The document jobs ``user`` may see: their own."""
    if not user.is_authenticated:
        return DocumentJob.objects.none()
    return DocumentJob.objects.filter(owner=user)


def directory() -> Path:
    path = Path(settings.UPLOAD_ROOT) / "documents"
    path.mkdir(parents=True, exist_ok=True)
    return path


def file_path(job: DocumentJob) -> Path:
    return directory() / job.stored_as


def start(*, user, kind: str, title: str, params: dict, back_url: str = "") -> DocumentJob:
    """Record the job and queue it (after the transaction commits, so the worker finds the row)."""
    from .tasks import build_document  # noqa: PLC0415 — the task module imports this one

    builder(kind)  # unknown kinds fail here, in the request
    job = DocumentJob.objects.create(owner=user, kind=kind, title=title[:200], params=params, back_url=back_url)
    transaction.on_commit(lambda: build_document.enqueue(job.pk))
    return job


def build(job_id: int) -> str:
    """Make the document of job ``job_id`` (in the worker); returns its status."""
    job = DocumentJob.objects.filter(pk=job_id).first()
    if job is None or job.status == DocumentJob.Status.DONE:
        return job.status if job else "gone"
    job.stored_as = job.stored_as or f"{job.pk}-{get_random_string(24)}"
    job.status, job.done, job.error = DocumentJob.Status.RUNNING, 0, ""
    job.save(update_fields=["stored_as", "status", "done", "error"])
    last = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] >= PROGRESS_EVERY or done >= total:
            last[0] = now
            DocumentJob.objects.filter(pk=job.pk).update(done=done, total=total)

    target = file_path(job)
    partial = target.with_suffix(".part")
    try:
        with open(partial, "wb") as out:
            filename, content_type = builder(job.kind)(job.params, out, progress)
        os.replace(partial, target)
    except DocumentError as error:
        partial.unlink(missing_ok=True)
        return _finish(job, DocumentJob.Status.FAILED, error=str(error))
    except Exception:
        partial.unlink(missing_ok=True)
        logger.exception("Document job %s (%s) failed", job.pk, job.kind)
        _finish(job, DocumentJob.Status.FAILED, error=_("The document could not be made. Please try again."))
        raise
    return _finish(job, DocumentJob.Status.DONE, filename=filename, content_type=content_type)


def _finish(job: DocumentJob, status: str, **fields) -> str:
    fields = {"status": status, "finished": timezone.now(), **fields}
    if status == DocumentJob.Status.DONE:
        job.refresh_from_db(fields=["total"])
        fields["done"] = job.total
    DocumentJob.objects.filter(pk=job.pk).update(**fields)
    return status


def prune(now=None) -> int:
    """Delete the jobs (and files) older than :data:`KEEP`; returns how many."""
    now = now or timezone.now()
    old = DocumentJob.objects.filter(created__lt=now - KEEP)
    count = 0
    for job in old.only("pk", "stored_as"):
        if job.stored_as:
            file_path(job).unlink(missing_ok=True)
        job.delete()
        count += 1
    return count

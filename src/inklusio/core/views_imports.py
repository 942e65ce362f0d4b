"""The import job's page: progress while the worker writes, then the result; a retry when it failed."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe
from django_htmx.http import HttpResponseClientRefresh

from . import importjobs
from .models import ImportJob


def _own_job(request, pk) -> ImportJob:
    """Only the person who started an import sees its job (everyone else: 404, as for the import itself)."""
    return get_object_or_404(ImportJob, pk=pk, owner=request.user)


@require_safe
@login_required
def import_job(request, pk):
    job = _own_job(request, pk)
    running = job.state in (ImportJob.State.QUEUED, ImportJob.State.WRITING) and not importjobs.died(job)
    if request.htmx and not running:
        return HttpResponseClientRefresh()
    if job.state == ImportJob.State.REVIEW and job.result.get("next"):
        return redirect(job.result["next"])
    done, total = importjobs.rows_done(job)
    context = {
        "job": job,
        "running": running,
        "done": done,
        "total": total,
        "failed": not running
        and job.state in (ImportJob.State.FAILED, ImportJob.State.WRITING, ImportJob.State.QUEUED),
    }
    return render(request, "core/import_job.html", context)


@require_POST
@login_required
def import_job_retry(request, pk):
    job = _own_job(request, pk)
    importjobs.retry(job)
    return redirect("core:import_job", pk=job.pk)

"""A document made in the worker: its progress page (which polls itself) and its download."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from . import documents
from .models import DocumentJob


@require_GET
@login_required
def document_job(request, pk):
    job = get_object_or_404(documents.jobs_for_user(request.user), pk=pk)
    return render(request, "core/document_job.html", {"job": job})


@require_GET
@login_required
def document_download(request, pk):
    job = get_object_or_404(documents.jobs_for_user(request.user), pk=pk, status=DocumentJob.Status.DONE)
    try:
        handle = open(documents.file_path(job), "rb")  # noqa: SIM115 — FileResponse closes it
    except FileNotFoundError as missing:
        raise Http404 from missing
    return FileResponse(handle, as_attachment=True, filename=job.filename, content_type=job.content_type)

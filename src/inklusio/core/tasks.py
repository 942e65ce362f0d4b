"""Core's background tasks: the write of a reviewed import (``core.importjobs``), documents made in the worker
(``core.documents``) and their pruning."""

from django_tasks import task

from . import documents, importjobs


@task()
def write_import(job_id: int) -> None:
    importjobs.run(job_id)


@task()
def build_document(job_id: int) -> str:
    return documents.build(job_id)


@task()
def prune_documents() -> int:
    return documents.prune()

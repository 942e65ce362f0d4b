"""Core's background tasks: documents made in the worker (``documents.py``) and their pruning."""

from django_tasks import task

from . import documents


@task()
def build_document(job_id: int) -> str:
    return documents.build(job_id)


@task()
def prune_documents() -> int:
    return documents.prune()

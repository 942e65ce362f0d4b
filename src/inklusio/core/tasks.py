"""Core's background tasks: the write of a reviewed import (``core.importjobs``)."""

from django_tasks import task

from . import importjobs


@task()
def write_import(job_id: int) -> None:
    importjobs.run(job_id)

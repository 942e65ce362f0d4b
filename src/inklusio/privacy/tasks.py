"""Background work of the privacy app (django-tasks; run by ``inklusio worker``)."""

from django_tasks import task

from .retention import run


@task()
def apply_retention() -> dict:
    record = run(trigger="job")
    return {key: entry["count"] for key, entry in record.results.items()}

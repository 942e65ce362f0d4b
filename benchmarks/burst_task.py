"""The task that registration_burst.py's "form and queue" comparison queues. It is a module of its own because the
benchmark's settings module cannot define a task while the settings load. It is never run: the benchmark deletes
what it queued before its worker starts."""

from django_tasks import task


@task()
def queued_registration(event_id: int, data: dict) -> None:
    """Where a registration handed to the worker would be written."""

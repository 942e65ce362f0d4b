"""Background work of the webhooks app (django-tasks; run by ``inklusio worker``)."""

from django_tasks import task

from . import services


@task()
def deliver_due() -> dict:
    counts = services.deliver_due()
    counts["pruned"] = services.prune_log()
    return counts

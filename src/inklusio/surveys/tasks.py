"""Background work of surveys: the follow-up links, sent by the worker's periodic job."""

from django_tasks import task


@task(queue_name="mail")
def send_follow_ups() -> int:
    from .followups import send_due  # noqa: PLC0415 — the task module loads with the app registry; followups reads models

    return send_due()

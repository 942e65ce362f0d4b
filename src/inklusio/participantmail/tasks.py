"""Background tasks of the participant messages (django-tasks; run by ``inklusio worker``)."""

from django_tasks import task

from . import services
from .sending import run_sender


@task(queue_name="mail")
def send_message(message_id: int) -> dict:
    result = run_sender(message_id)
    return {"sender": result.name, "sent": result.sent, "retried": result.retried, "bounced": result.bounced}


@task()
def start_due_and_resume_messages() -> dict:
    """The periodic job: see services.start_due_and_resume."""
    return services.start_due_and_resume()

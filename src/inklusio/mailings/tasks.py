"""Background tasks of the Infoletter (django-tasks; run by ``inklusio worker``)."""

from django_tasks import task

from .sending import run_sender
from .services import dispatch as run_dispatch
from .services import send_confirmation_mail


@task(queue_name="mail")
def send_mailing(mailing_id: int) -> dict:
    result = run_sender(mailing_id)
    return {"sender": result.name, "sent": result.sent, "retried": result.retried, "bounced": result.bounced}


@task(queue_name="mail")
def send_confirmation(subscriber_id: int) -> bool:
    return send_confirmation_mail(subscriber_id)


@task()
def dispatch() -> dict:
    """Start scheduled mailings that are due and resume mailings whose senders died."""
    return run_dispatch()

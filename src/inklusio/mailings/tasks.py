"""Background tasks of the Infoletter (django-tasks; run by ``inklusio worker``)."""

from django_tasks import task


@task(queue_name="mail")
def send_mailing(mailing_id: int) -> dict:
    from .sending import run_sender

    result = run_sender(mailing_id)
    return {"sender": result.name, "sent": result.sent, "retried": result.retried, "bounced": result.bounced}


@task(queue_name="mail")
def send_confirmation(subscriber_id: int) -> bool:
    from .services import send_confirmation_mail

    return send_confirmation_mail(subscriber_id)


@task()
def dispatch() -> dict:
    """Start scheduled mailings that are due and resume mailings whose senders died."""
    from .services import dispatch as run_dispatch

    return run_dispatch()


@task()
def prepare_subscriber_import(import_id: int) -> None:
    """Read and check an uploaded subscriber list once; the review page shows the stored result."""
    from . import importing
    from .models import SubscriberImport

    record = SubscriberImport.objects.filter(pk=import_id, status=SubscriberImport.Status.PENDING).first()
    if record is not None:
        importing.prepare(record)

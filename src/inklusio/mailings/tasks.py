"""Background tasks of the Infoletter (django-tasks; run by ``inklusio worker``)."""

from django_tasks import task

from . import importing
from .models import SubscriberImport
from .sending import run_sender
from .services import send_confirmation_mail
from .services import start_due_and_resume_mailings as run_start_due_and_resume


@task(queue_name="mail")
def send_mailing(mailing_id: int) -> dict:
    result = run_sender(mailing_id)
    return {"sender": result.name, "sent": result.sent, "retried": result.retried, "bounced": result.bounced}


@task(queue_name="mail")
def send_confirmation(subscriber_id: int) -> bool:
    return send_confirmation_mail(subscriber_id)


@task()
def start_due_and_resume_mailings() -> dict:
    """The periodic job (every ``MAILINGS_DISPATCH_SECONDS``): see services.start_due_and_resume_mailings."""
    return run_start_due_and_resume()


@task()
def prepare_subscriber_import(import_id: int) -> None:
    """Read and check an uploaded subscriber list once; the review page shows the stored result."""
    record = SubscriberImport.objects.filter(pk=import_id, status=SubscriberImport.Status.PENDING).first()
    if record is not None:
        importing.prepare(record)

"""Actions that reach everyone of an event at once: certificates and feedback invitations.

Each has a query of its recipients (the confirmation page counts it, the action sends to it) and a refusal that
says why it cannot run yet: both wait until the event has ended.
"""

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from inklusio.core import audit

from . import tasks
from .certificates import event_certificate_refusal
from .models import Event, Registration


class ActionRefused(Exception):
    """The action cannot run now; the message says why, for the person who asked."""


def _attended(event: Event):
    return Registration.objects.filter(
        event=event, status=Registration.Status.CONFIRMED, attendances__isnull=False
    ).distinct()


def certificate_recipients(event: Event):
    """Everyone who attended at least once: they get a certificate."""
    return _attended(event)


def send_certificates(event: Event, actor=None, now=None) -> int:
    """Queue a certificate mail for each recipient; refuses before the event has ended."""
    refusal = event_certificate_refusal(event, now)
    if refusal:
        raise ActionRefused(refusal)
    ids = list(certificate_recipients(event).values_list("pk", flat=True))
    transaction.on_commit(lambda: [tasks.send_certificate.enqueue(pk) for pk in ids])
    audit.record(actor, "events.send_certificates", event, count=len(ids))
    return len(ids)


def feedback_refusal(event: Event, now=None) -> str:
    """Why feedback invitations cannot go out now ("" once the event has ended)."""
    now = now or timezone.now()
    if event.cancelled:
        return _("The event was cancelled, so nobody is asked for feedback.")
    if event.ends_at > now:
        ends = formats.date_format(timezone.localtime(event.ends_at), "DATETIME_FORMAT")
        return _("Feedback invitations go out after the event has ended (%(ends)s).") % {"ends": ends}
    return ""


def feedback_recipients(event: Event):
    """Everyone who attended and has not been asked yet."""
    return _attended(event).filter(feedback_invited_at__isnull=True)


def invite_feedback(event: Event, actor=None, now=None) -> int:
    """Queue one feedback invitation per recipient (each claimed once by its task); refuses before the end."""
    refusal = feedback_refusal(event, now)
    if refusal:
        raise ActionRefused(refusal)
    ids = list(feedback_recipients(event).values_list("pk", flat=True))
    transaction.on_commit(lambda: [tasks.send_feedback_invitation.enqueue(pk) for pk in ids])
    audit.record(actor, "events.invite_feedback", event, count=len(ids))
    return len(ids)

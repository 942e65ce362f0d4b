"""The participant messages' channel of the crash-safe delivery protocol (``core/delivery.py`` states the invariant).

A delivery row is one message to one person, with the address taken when sending started. When its turn comes,
a person who has been erased meanwhile, whose address is on the suppression list, or whose registration has
been cancelled is skipped. A hard bounce marks the row bounced. Service messages share the Infoletter's mail
server and limits (the ``MAILINGS_*`` delivery settings).
"""

from inklusio.contacts import suppression
from inklusio.core import delivery
from inklusio.mailings import conf as delivery_settings

from .models import Message, MessageDelivery, MessageSender
from .rendering import PreparedMessage

CANCELLED = "cancelled"  # events' Registration.Status.CANCELLED


def _prepare(message):
    prepared = PreparedMessage(message)
    return lambda row: prepared.email(row.person, row.registration, to=row.email, delivery_id=row.pk)


def eligible(row) -> bool:
    person = row.person
    if person.anonymised or not row.email or suppression.is_suppressed(row.email):
        return False
    return row.registration is None or row.registration.status != CANCELLED


def _bounce(row, reason: str, now) -> None:
    MessageDelivery.objects.filter(pk=row.pk).update(
        status=MessageDelivery.Status.BOUNCED, last_error=reason[:300], worker=""
    )


CHANNEL = delivery.Channel(
    job=Message,
    delivery=MessageDelivery,
    sender=MessageSender,
    job_field="message",
    related=("person", "registration"),
    conf=delivery_settings,
    prepare=_prepare,
    eligible=eligible,
    bounce=_bounce,
)


def run_sender(message_id: int, *, wait_for_retries: bool = True, limit: int | None = None):
    """Send what is left of a message until nothing is left; safe to run in several processes at once."""
    return delivery.run_sender(CHANNEL, message_id, wait_for_retries=wait_for_retries, limit=limit)

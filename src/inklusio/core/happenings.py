"""What happened in inklusio, announced by the domain apps for whoever listens (the webhooks app).

A domain app calls :func:`announce` with the kind and the ids (and counts) of what happened, never names,
addresses or health data; the announcement is sent as the :data:`happened` signal once the surrounding
transaction commits (at once outside a transaction), so a rolled-back action announces nothing. A listener that
fails is logged and never breaks the action: the action has already been committed when listeners run.
"""

import logging

from django.db import transaction
from django.dispatch import Signal

logger = logging.getLogger(__name__)

REGISTRATION_CREATED = "registration.created"
REGISTRATION_CANCELLED = "registration.cancelled"
REGISTRATION_PROMOTED = "registration.promoted"
ATTENDANCE_RECORDED = "attendance.recorded"
SUBSCRIBER_CONFIRMED = "subscriber.confirmed"
SUBSCRIBER_UNSUBSCRIBED = "subscriber.unsubscribed"
INQUIRY_CREATED = "inquiry.created"
MAILING_SENT = "mailing.sent"

KINDS = (
    REGISTRATION_CREATED,
    REGISTRATION_CANCELLED,
    REGISTRATION_PROMOTED,
    ATTENDANCE_RECORDED,
    SUBSCRIBER_CONFIRMED,
    SUBSCRIBER_UNSUBSCRIBED,
    INQUIRY_CREATED,
    MAILING_SENT,
)

# Sent with ``kind`` (one of KINDS) and ``ids`` (a dict of ints and short strings).
happened = Signal()


def _send(kind: str, ids: dict) -> None:
    for receiver, result in happened.send_robust(sender=None, kind=kind, ids=ids):
        if isinstance(result, Exception):
            logger.error("Listener %r failed on %s", receiver, kind, exc_info=result)


def announce(kind: str, /, **ids) -> None:
    """Announce ``kind`` with its ids after the current transaction commits."""
    if kind not in KINDS:
        raise ValueError(f"unknown happening: {kind!r}")
    transaction.on_commit(lambda: _send(kind, ids), robust=True)

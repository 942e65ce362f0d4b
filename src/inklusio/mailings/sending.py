"""The Infoletter's channel of the crash-safe delivery protocol (``core/delivery.py``, which states the invariant).

A delivery row is one mailing to one subscriber; a subscriber who is no longer confirmed when their turn comes
is skipped, and a hard bounce marks the subscriber bounced (``bounces.mark_bounced``).
"""

from inklusio.core import delivery, happenings
from inklusio.core.delivery import (  # noqa: F401 — the protocol's parts, used by the Infoletter's callers
    HOST,
    Built,
    InFlightLost,
    SenderResult,
    build,
    classify,
    describe_error,
    transact,
)

from . import conf
from .bounces import mark_bounced
from .models import Delivery, Mailing, Sender, Subscriber
from .rendering import PreparedMailing


def _prepare(mailing):
    prepared = PreparedMailing(mailing)
    return lambda row: prepared.built(row.subscriber, delivery_id=row.pk)


def _bounce(row, reason: str, now) -> None:
    mark_bounced(subscriber_id=row.subscriber_id, reason=reason, delivery_id=row.pk, now=now)


def _announce_sent(mailing_id: int) -> None:
    happenings.announce(
        happenings.MAILING_SENT,
        mailing_id=mailing_id,
        delivered=Delivery.objects.filter(mailing_id=mailing_id, status=Delivery.Status.SENT).count(),
    )


CHANNEL = delivery.Channel(
    job=Mailing,
    delivery=Delivery,
    sender=Sender,
    job_field="mailing",
    related=("subscriber",),
    conf=conf,
    prepare=_prepare,
    eligible=lambda row: row.subscriber.status == Subscriber.Status.CONFIRMED,
    bounce=_bounce,
    finished=_announce_sent,
)


def run_sender(mailing_id: int, *, wait_for_retries: bool = True, limit: int | None = None):
    """Send what is left of a mailing until nothing is left; safe to run in several processes at once."""
    return delivery.run_sender(CHANNEL, mailing_id, wait_for_retries=wait_for_retries, limit=limit)


def recover_dead_senders(now=None) -> dict:
    return delivery.recover_dead_senders(CHANNEL, now)


def claim_batch(mailing_id: int, sender: str, size: int, now=None) -> list[int]:
    return delivery.claim_batch(CHANNEL, mailing_id, sender, size, now)


def finish_if_done(mailing_id: int) -> bool:
    return delivery.finish_if_done(CHANNEL, mailing_id)


def stop_mailing(mailing_id: int, reason: str, now=None) -> bool:
    return delivery.stop_mailing(CHANNEL, mailing_id, reason, now)


def settle_cancelled(mailing_id: int | None = None) -> int:
    return delivery.settle_cancelled(CHANNEL, mailing_id)

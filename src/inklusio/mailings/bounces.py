"""Read delivery status notifications (RFC 3464) from a Maildir or an IMAP mailbox and mark hard bounces.

A hard bounce is a DSN recipient block with ``Action: failed`` and a ``Status`` of class 5. The recipient is
taken from ``Final-Recipient`` (or ``Original-Recipient``); the delivery, where known, from our
``X-Inklusio-Delivery`` header in the returned message. Soft bounces (4.x.x, ``delayed``) change nothing.
"""

import contextlib
import email
import imaplib
import mailbox
from dataclasses import dataclass, field
from email import policy
from urllib.parse import unquote, urlparse

from django.db import transaction
from django.utils import timezone

from .models import Delivery, Subscriber


@dataclass
class Bounce:
    recipient: str
    status: str
    diagnostic: str = ""
    delivery: str = ""  # "mailing/delivery" from X-Inklusio-Delivery

    @property
    def hard(self) -> bool:
        return self.status.startswith("5")


@dataclass
class BounceSummary:
    messages: int = 0
    hard: int = 0
    soft: int = 0
    unknown: int = 0
    not_dsn: int = 0
    addresses: list[str] = field(default_factory=list)


def _address(value: str) -> str:
    value = (value or "").strip()
    if ";" in value:
        value = value.split(";", 1)[1]
    return value.strip().strip("<>").lower()


def parse_dsn(raw: bytes) -> list[Bounce] | None:
    """The recipients a DSN reports, or None when the message is not a delivery status notification."""
    message = email.message_from_bytes(raw, policy=policy.compat32)
    if message.get_content_type() != "multipart/report":
        return None
    status_part = None
    returned = None
    for part in message.get_payload():
        kind = part.get_content_type()
        if kind == "message/delivery-status":
            status_part = part
        elif kind in ("message/rfc822", "text/rfc822-headers"):
            returned = part
    if status_part is None:
        return None
    delivery_ref = ""
    if returned is not None:
        inner = returned.get_payload()
        if isinstance(inner, list) and inner:
            delivery_ref = inner[0].get("X-Inklusio-Delivery", "")
        elif isinstance(inner, str):
            delivery_ref = email.message_from_string(inner).get("X-Inklusio-Delivery", "")
    blocks = status_part.get_payload()
    if not isinstance(blocks, list):
        blocks = []
    bounces = []
    for block in blocks[1:]:  # the first block is per-message, the rest per-recipient
        recipient = _address(block.get("Final-Recipient", "") or block.get("Original-Recipient", ""))
        action = (block.get("Action", "") or "").strip().lower()
        status = (block.get("Status", "") or "").strip().split()[0] if block.get("Status") else ""
        if not recipient:
            continue
        if action != "failed" and status.startswith("5"):
            status = "4" + status[1:]  # a "delayed"/"relayed" report is not a hard bounce
        bounces.append(
            Bounce(recipient, status, (block.get("Diagnostic-Code", "") or "").strip()[:250], delivery_ref.strip())
        )
    return bounces


def mark_bounced(*, subscriber_id: int, reason: str, delivery_id: int | None = None, now=None) -> None:
    """The one place that records a hard bounce, from the SMTP answer (sending.py) or a DSN (below).

    The subscriber is marked bounced (no more mail; the address is kept as proof until retention), the delivery
    (if known) marked bounced with the reason, and the subscriber's deliveries still waiting in other mailings
    are skipped.
    """
    now = now or timezone.now()
    reason = reason[:300]
    with transaction.atomic():
        Subscriber.objects.filter(pk=subscriber_id).exclude(status=Subscriber.Status.BOUNCED).update(
            status=Subscriber.Status.BOUNCED, bounced_at=now, bounce_reason=reason, updated=now
        )
        if delivery_id is not None:
            Delivery.objects.filter(pk=delivery_id, subscriber_id=subscriber_id).update(
                status=Delivery.Status.BOUNCED, last_error=reason
            )
        Delivery.objects.filter(
            subscriber_id=subscriber_id, status__in=[Delivery.Status.QUEUED, Delivery.Status.RETRY]
        ).update(status=Delivery.Status.SKIPPED)


def apply_bounce(bounce: Bounce, now=None) -> bool:
    """Mark a hard bounce reported by a DSN: the subscriber is suppressed, the delivery (if identified) bounced."""
    if not bounce.hard:
        return False
    reason = f"DSN {bounce.status} {bounce.diagnostic}".strip()
    subscriber = Subscriber.objects.filter(email__iexact=bounce.recipient).only("pk").first()
    if subscriber is None:
        return False
    delivery_id = None
    if bounce.delivery and "/" in bounce.delivery:
        mailing_id, delivery_ref = bounce.delivery.split("/", 1)
        if mailing_id.isdigit() and delivery_ref.isdigit():
            delivery_id = (
                Delivery.objects.filter(pk=int(delivery_ref), mailing_id=int(mailing_id), subscriber=subscriber)
                .values_list("pk", flat=True)
                .first()
            )
    mark_bounced(subscriber_id=subscriber.pk, reason=reason, delivery_id=delivery_id, now=now)
    return True


def _process(raw: bytes, summary: BounceSummary) -> None:
    summary.messages += 1
    bounces = parse_dsn(raw)
    if bounces is None:
        summary.not_dsn += 1
        return
    for bounce in bounces:
        if not bounce.hard:
            summary.soft += 1
        elif apply_bounce(bounce):
            summary.hard += 1
            summary.addresses.append(bounce.recipient)
        else:
            summary.unknown += 1


def process_maildir(path: str) -> BounceSummary:
    """Process the unread messages in ``new/``; each one is then moved to ``cur/`` marked as seen."""
    summary = BounceSummary()
    box = mailbox.Maildir(path, factory=None, create=False)
    for key in list(box.iterkeys()):
        message = box.get_message(key)
        if message.get_subdir() != "new":
            continue
        _process(box.get_bytes(key), summary)
        message.set_subdir("cur")
        message.add_flag("S")
        box[key] = message
    return summary


def process_imap(url: str) -> BounceSummary:
    """``imaps://user:password@host:993/INBOX``: process unseen messages and flag them as seen."""
    parsed = urlparse(url)
    folder = unquote(parsed.path.lstrip("/")) or "INBOX"
    if parsed.scheme == "imaps":
        client = imaplib.IMAP4_SSL(parsed.hostname, parsed.port or 993)
    else:
        client = imaplib.IMAP4(parsed.hostname, parsed.port or 143)
        if "starttls=0" not in (parsed.query or ""):
            client.starttls()
    summary = BounceSummary()
    try:
        client.login(unquote(parsed.username or ""), unquote(parsed.password or ""))
        client.select(folder)
        _status, data = client.search(None, "UNSEEN")
        for number in (data[0] or b"").split():
            _status, parts = client.fetch(number, "(RFC822)")
            raw = next((p[1] for p in parts if isinstance(p, tuple)), b"")
            _process(raw, summary)
            client.store(number, "+FLAGS", "\\Seen")
    finally:
        with contextlib.suppress(imaplib.IMAP4.error, OSError):
            client.logout()
    return summary

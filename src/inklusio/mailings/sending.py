"""The delivery protocol: claim a batch, mark one row "sending", hand it to SMTP, mark it "sent".

Guarantees (with the unique constraint mailing+subscriber):
- every delivery row is claimed by one sender at a time (PostgreSQL: SELECT … FOR UPDATE SKIP LOCKED;
  SQLite: the IMMEDIATE transaction serialises the claims);
- a sender holds one SMTP connection and hands over one message at a time, and marks that row "sending"
  (with its name and the time) in a committed write before the SMTP transaction starts, "sent" after. To save
  a commit per message, the "sent" mark of one message is committed together with the "sending" mark of the
  next (one transaction), so at any moment at most one row of a sender is "sending";
- when a sender dies, its "claimed" rows go back to the queue (never handed over), and its one "sending" row
  is flagged ``uncertain``: the server may or may not have accepted it. By default it is queued again, so no
  subscriber is skipped and only these (at most one per SMTP connection of a dead sender) may arrive twice;
  with ``MAILINGS_RESEND_UNCERTAIN=0`` it stays "uncertain" and is not resent (none twice, maybe none at all).
  The mailing page lists the uncertain deliveries either way.
"""

import contextlib
import logging
import os
import smtplib
import socket
import time
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.mail import get_connection
from django.db import connection, transaction
from django.db.models import Case, DateTimeField, F, Min, Q, Value, When
from django.utils import timezone

from . import conf
from .models import Delivery, Mailing, Sender, Subscriber

logger = logging.getLogger(__name__)
HOST = socket.gethostname()[:100]
HEARTBEAT_SECONDS = 5


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed child nobody has reaped yet is a zombie: dead for our purpose
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _retire(names: list[str]) -> dict:
    with transaction.atomic():
        in_flight = Delivery.objects.filter(worker__in=names, status=Delivery.Status.SENDING)
        if conf.resend_uncertain():
            uncertain = in_flight.update(status=Delivery.Status.QUEUED, uncertain=True, worker="", claimed_at=None)
        else:
            uncertain = in_flight.update(status=Delivery.Status.UNCERTAIN, uncertain=True)
        released = Delivery.objects.filter(worker__in=names, status=Delivery.Status.CLAIMED).update(
            status=Delivery.Status.QUEUED, worker="", claimed_at=None
        )
        Sender.objects.filter(name__in=names).delete()
    return {"uncertain": uncertain, "released": released}


def recover_dead_senders(now=None) -> dict:
    """Senders whose process is gone (same host) or whose heartbeat is stale: settle their rows."""
    now = now or timezone.now()
    stale = now - timedelta(seconds=conf.lease_seconds())
    dead = [
        sender.name
        for sender in Sender.objects.all()
        if sender.heartbeat_at < stale or (sender.host == HOST and not _pid_alive(sender.pid))
    ]
    live = set(Sender.objects.exclude(name__in=dead).values_list("name", flat=True))
    orphans = set(
        Delivery.objects.filter(status__in=[Delivery.Status.SENDING, Delivery.Status.CLAIMED])
        .exclude(worker__in=live)
        .values_list("worker", flat=True)
        .distinct()
    )
    names = sorted(set(dead) | orphans)
    if not names:
        return {"uncertain": 0, "released": 0}
    result = _retire(names)
    if result["uncertain"]:
        logger.warning("%s deliveries marked uncertain after a sender died", result["uncertain"])
    return result


def claim_batch(mailing_id: int, sender: str, size: int, now=None) -> list[int]:
    now = now or timezone.now()
    with transaction.atomic():
        qs = (
            Delivery.objects.filter(mailing_id=mailing_id, status__in=[Delivery.Status.QUEUED, Delivery.Status.RETRY])
            .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
            .order_by("id")
        )
        if connection.features.has_select_for_update_skip_locked:
            qs = qs.select_for_update(skip_locked=True)
        ids = list(qs.values_list("id", flat=True)[:size])
        if ids:
            Delivery.objects.filter(id__in=ids).update(status=Delivery.Status.CLAIMED, worker=sender, claimed_at=now)
    return ids


def finish_if_done(mailing_id: int) -> bool:
    if Delivery.objects.filter(mailing_id=mailing_id, status__in=Delivery.OPEN).exists():
        return False
    Mailing.objects.filter(pk=mailing_id, status=Mailing.Status.SENDING).update(
        status=Mailing.Status.SENT, finished_at=timezone.now()
    )
    return True


class Pacer:
    """At most ``rate`` messages per second (0: no limit)."""

    def __init__(self, rate: float):
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.next_at = time.monotonic()

    def wait(self):
        if not self.interval:
            return
        now = time.monotonic()
        if self.next_at > now:
            time.sleep(self.next_at - now)
        self.next_at = max(now, self.next_at) + self.interval


def smtp_code(error: Exception) -> int | None:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _msg in error.recipients.values()]
        return codes[0] if codes else None
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code
    return None


def _error_text(error: Exception) -> str:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"{c} {m.decode(errors='replace') if isinstance(m, bytes) else m}" for c, m in error.recipients.values()
        )[:300]
    if isinstance(error, smtplib.SMTPResponseException):
        message = error.smtp_error
        message = message.decode(errors="replace") if isinstance(message, bytes) else str(message)
        return f"{error.smtp_code} {message}"[:300]
    return f"{type(error).__name__}: {error}"[:300]


@dataclass
class SenderResult:
    name: str
    sent: int = 0
    retried: int = 0
    bounced: int = 0
    failed: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)


class _SentMarks:
    """The "sent" mark of the last message, committed with the next "sending" mark (or on its own at the end)."""

    def __init__(self):
        self.pending = None

    def flush(self):
        if self.pending is not None:
            pk, when = self.pending
            Delivery.objects.filter(pk=pk).update(status=Delivery.Status.SENT, sent_at=when, last_error="")
            self.pending = None


class _Connection:
    """One SMTP connection per sender, opened lazily and reopened after it broke."""

    def __init__(self):
        self.backend = None

    def send(self, message):
        if self.backend is None:
            self.backend = get_connection(fail_silently=False)
            self.backend.open()
        try:
            self.backend.send_messages([message])
        except (smtplib.SMTPServerDisconnected, OSError):
            self.close()
            raise

    def close(self):
        if self.backend is not None:
            # a broken connection may fail to close; it is gone anyway
            with contextlib.suppress(smtplib.SMTPException, OSError):
                self.backend.close()
            self.backend = None


def run_sender(mailing_id: int, *, wait_for_retries: bool = True, limit: int | None = None) -> SenderResult:
    """Send what is left of a mailing until nothing is left; safe to run in several processes at once."""
    from .rendering import PreparedMailing

    recover_dead_senders()
    name = f"{HOST}:{os.getpid()}:{uuid.uuid4().hex[:10]}"
    result = SenderResult(name)
    mailing = Mailing.objects.filter(pk=mailing_id, status=Mailing.Status.SENDING).first()
    if mailing is None:
        return result
    now = timezone.now()
    Sender.objects.create(name=name, host=HOST, pid=os.getpid(), mailing=mailing, started_at=now, heartbeat_at=now)
    prepared = PreparedMailing(mailing)
    smtp = _Connection()
    pacer = Pacer(conf.messages_per_second())
    marks = _SentMarks()
    last_beat = time.monotonic()
    handled = 0
    try:
        while limit is None or handled < limit:
            size = conf.batch_size() if limit is None else min(conf.batch_size(), limit - handled)
            ids = claim_batch(mailing_id, name, size)
            if not ids:
                if wait_for_retries and _wait_for_retry(mailing_id):
                    continue
                break
            rows = Delivery.objects.filter(id__in=ids).select_related("subscriber").order_by("id")
            for delivery in rows:
                if time.monotonic() - last_beat > HEARTBEAT_SECONDS:
                    Sender.objects.filter(name=name).update(heartbeat_at=timezone.now())
                    last_beat = time.monotonic()
                _deliver(delivery, prepared, smtp, pacer, name, result, marks)
                handled += 1
            marks.flush()
        marks.flush()
        finish_if_done(mailing_id)
    finally:
        with contextlib.suppress(Exception):  # after an error: still record what the server accepted
            marks.flush()
        smtp.close()
        # rows still claimed (limit reached, or an exception) go back to the queue; none is "sending" here
        Delivery.objects.filter(worker=name, status=Delivery.Status.CLAIMED).update(
            status=Delivery.Status.QUEUED, worker="", claimed_at=None
        )
        Sender.objects.filter(name=name).delete()
    return result


def _wait_for_retry(mailing_id: int) -> bool:
    due = Delivery.objects.filter(mailing_id=mailing_id, status=Delivery.Status.RETRY).aggregate(
        due=Min("next_attempt_at")
    )["due"]
    if due is None:
        return False
    wait = (due - timezone.now()).total_seconds()
    if wait > conf.retry_wait_seconds():
        return False
    time.sleep(max(0.0, wait) + 0.01)
    return True


def _deliver(delivery, prepared, smtp, pacer, name, result: SenderResult, marks: _SentMarks) -> None:
    subscriber = delivery.subscriber
    if subscriber.status != Subscriber.Status.CONFIRMED:
        Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.SKIPPED)
        result.skipped += 1
        return
    message = prepared.message(subscriber, delivery_id=delivery.pk)
    pacer.wait()
    # The protocol's crucial write: committed before the SMTP transaction starts (with the previous "sent").
    _mark_sending(delivery, name, marks)
    try:
        smtp.send(message)
    except (smtplib.SMTPException, OSError) as error:
        _failed(delivery, error, result)
        return
    marks.pending = (delivery.pk, timezone.now())
    result.sent += 1


def _mark_sending(delivery, name: str, marks: _SentMarks) -> None:
    """One statement (one round trip, one commit): the previous row "sent", this row "sending"."""
    now = timezone.now()
    if marks.pending is None:
        Delivery.objects.filter(pk=delivery.pk, worker=name).update(
            status=Delivery.Status.SENDING, sending_at=now, attempts=delivery.attempts + 1
        )
        return
    previous, sent_at = marks.pending
    Delivery.objects.filter(Q(pk=previous) | Q(pk=delivery.pk, worker=name)).update(
        status=Case(When(pk=previous, then=Value(Delivery.Status.SENT)), default=Value(Delivery.Status.SENDING)),
        sent_at=Case(When(pk=previous, then=Value(sent_at, output_field=DateTimeField())), default=F("sent_at")),
        sending_at=Case(When(pk=previous, then=F("sending_at")), default=Value(now, output_field=DateTimeField())),
        attempts=Case(When(pk=previous, then=F("attempts")), default=Value(delivery.attempts + 1)),
        last_error=Case(When(pk=previous, then=Value("")), default=F("last_error")),
    )
    marks.pending = None


def _failed(delivery, error: Exception, result: SenderResult) -> None:
    code = smtp_code(error)
    text = _error_text(error)
    result.errors.append(text)
    now = timezone.now()
    attempts = delivery.attempts + 1
    if code is not None and 500 <= code < 600:
        with transaction.atomic():
            Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.BOUNCED, last_error=text)
            Subscriber.objects.filter(pk=delivery.subscriber_id, status=Subscriber.Status.CONFIRMED).update(
                status=Subscriber.Status.BOUNCED, bounced_at=now, bounce_reason=text
            )
        result.bounced += 1
        return
    # 4xx, a dropped connection or a timeout: temporary; retry with exponential back-off
    if attempts >= conf.max_attempts():
        Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.FAILED, last_error=text)
        result.failed += 1
        return
    delay = conf.retry_base_seconds() * (2 ** (attempts - 1))
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Delivery.Status.RETRY, next_attempt_at=now + timedelta(seconds=delay), last_error=text, worker=""
    )
    result.retried += 1

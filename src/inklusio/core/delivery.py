"""The delivery protocol: claim a batch, mark one row "sending", hand it to SMTP, mark it "sent".

One engine for everything sent to many people: the Infoletter (``mailings/sending.py``) and the messages to
participants and members (``participantmail/sending.py``). Each describes its tables and its messages in a
:class:`Channel`: a job (``core.models.DeliveryJob``), one row per recipient (``DeliveryRow``) and the running
senders (``DeliverySender``). Below, "mailing" stands for the job, "subscriber" for the recipient.

The invariant: every subscriber of a mailing gets it exactly once; only a message in flight when something broke
(a sender died, the connection dropped or timed out during DATA) may arrive twice, and it is recorded as
``uncertain``.

Guarantees (with the unique constraint mailing+subscriber):
- every delivery row is claimed by one sender at a time (PostgreSQL: SELECT … FOR UPDATE SKIP LOCKED;
  SQLite: the IMMEDIATE transaction serialises the claims);
- a sender holds one SMTP connection and hands over one message at a time, and marks that row "sending"
  (with its name and the time) in a committed write before the SMTP transaction starts, "sent" after. To save
  a commit per message, the "sent" mark of one message is committed together with the "sending" mark of the
  next (one transaction), so at any moment at most one row of a sender is "sending";
- the "sending" mark only succeeds while the row is still claimed by this sender and the mailing is "sending":
  a pause, cancel or stop takes effect between two messages, and a cancelled row is never handed over;
- when a sender dies, its "claimed" rows go back to the queue (never handed over), and its one "sending" row
  is flagged ``uncertain``: the server may or may not have accepted it. By default it is queued again, so no
  subscriber is skipped and only these (at most one per SMTP connection of a dead sender) may arrive twice;
  with ``MAILINGS_RESEND_UNCERTAIN=0`` it stays "uncertain" and is not resent (none twice, maybe none at all).
  The mailing page lists the uncertain deliveries either way.

Failures (see docs/security.md, "Mail failure handling"):
- a message that cannot be built (a bad address or header) fails that delivery with the reason, before the
  "sending" mark; the mailing goes on;
- 5xx to RCPT: a hard bounce (the channel's ``bounce``, e.g. ``mailings.bounces.mark_bounced``); any other
  5xx: the delivery fails with the reason;
- 4xx: retried with exponential back-off until ``MAILINGS_MAX_ATTEMPTS``, then failed;
- the server unreachable, timing out, answering 421 or dropping the connection: the delivery is retried with
  back-off and never given up (none is lost), and the sender waits before its next try. A drop or timeout
  during DATA leaves it open whether the server took the message: the row is flagged ``uncertain`` like a dead
  sender's, and resent only with ``MAILINGS_RESEND_UNCERTAIN``;
- after ``MAILINGS_STOP_AFTER_FAILURES`` temporary failures in a row, or ``MAILINGS_STOP_AFTER_SECONDS`` of
  failures without one message getting through, the mailing stops (status "stopped", with the reason) until
  staff resume or cancel it.
"""

import contextlib
import logging
import os
import smtplib
import socket
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend
from django.core.mail.message import sanitize_address
from django.db import connection, transaction
from django.db.models import Count, F, Min, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import DeliveryJob, DeliveryRow

logger = logging.getLogger(__name__)
Row = DeliveryRow.Status
Job = DeliveryJob.Status
HOST = socket.gethostname()[:100]
HEARTBEAT_SECONDS = 5


@dataclass(frozen=True)
class Channel:
    """What one kind of job is sent through: its tables, its settings and how its messages are made.

    ``prepare(job)`` returns ``message(delivery)``, the EmailMessage for one row, or its :class:`Built` bytes
    (ValueError if it cannot be built); ``eligible(delivery)`` says whether the recipient may still get it (else
    the row is "skipped");
    ``bounce(delivery, reason, now)`` records a hard bounce (the row's status included).
    """

    job: type
    delivery: type
    sender: type
    job_field: str  # the name of the foreign key from a delivery row (and a sender) to its job
    related: tuple[str, ...]  # what to load with each delivery row (its recipient), for select_related
    conf: Any  # a module with the delivery settings (see mailings/conf.py)
    prepare: Callable
    eligible: Callable
    bounce: Callable
    finished: Callable | None = None  # ``finished(job_id)``, once, when this process marked the job sent

    def of(self, job_id: int) -> dict:
        return {f"{self.job_field}_id": job_id}


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


def _retire(ch: Channel, names: list[str]) -> dict:
    with transaction.atomic():
        in_flight = ch.delivery.objects.filter(worker__in=names, status=Row.SENDING)
        if ch.conf.resend_uncertain():
            uncertain = in_flight.update(status=Row.QUEUED, uncertain=True, worker="", claimed_at=None)
        else:
            uncertain = in_flight.update(status=Row.UNCERTAIN, uncertain=True)
        released = ch.delivery.objects.filter(worker__in=names, status=Row.CLAIMED).update(
            status=Row.QUEUED, worker="", claimed_at=None
        )
        ch.sender.objects.filter(name__in=names).delete()
    return {"uncertain": uncertain, "released": released}


def recover_dead_senders(ch: Channel, now=None) -> dict:
    """Senders whose process is gone (same host) or whose heartbeat is stale: settle their rows."""
    now = now or timezone.now()
    stale = now - timedelta(seconds=ch.conf.lease_seconds())
    dead = [
        sender.name
        for sender in ch.sender.objects.all()
        if sender.heartbeat_at < stale or (sender.host == HOST and not _pid_alive(sender.pid))
    ]
    live = set(ch.sender.objects.exclude(name__in=dead).values_list("name", flat=True))
    orphans = set(
        ch.delivery.objects.filter(status__in=[Row.SENDING, Row.CLAIMED])
        .exclude(worker__in=live)
        .values_list("worker", flat=True)
        .distinct()
    )
    names = sorted(set(dead) | orphans)
    if not names:
        return {"uncertain": 0, "released": 0}
    result = _retire(ch, names)
    if result["uncertain"]:
        logger.warning("%s deliveries marked uncertain after a sender died", result["uncertain"])
    return result


def claim_batch(ch: Channel, mailing_id: int, sender: str, size: int, now=None) -> list[int]:
    now = now or timezone.now()
    with transaction.atomic():
        qs = (
            ch.delivery.objects.filter(**ch.of(mailing_id), status__in=[Row.QUEUED, Row.RETRY])
            .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
            .order_by("id")
        )
        if connection.features.has_select_for_update_skip_locked:
            qs = qs.select_for_update(skip_locked=True)
        ids = list(qs.values_list("id", flat=True)[:size])
        if ids:
            ch.delivery.objects.filter(id__in=ids).update(status=Row.CLAIMED, worker=sender, claimed_at=now)
            _flush_to_disk()
    return ids


def _flush_to_disk() -> None:
    """PostgreSQL: this transaction's commit waits for the disk, and with it every earlier one of the sender's
    (the per-message marks are committed without waiting, see ``_fast_commits``)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO on")


@contextlib.contextmanager
def _fast_commits(ch: Channel):
    """While a sender runs on PostgreSQL, its commits do not wait for the disk (``synchronous_commit off``).

    A commit is still atomic and visible to every other process at once, and it survives the sender being killed
    (it is in the server's memory and its log), so the in-flight rule holds unchanged for a dead sender. What it
    gives up is only the wait for the disk, per message (about 5 ms here, more than everything else a message
    costs): if the database server or the machine itself crashes, the marks of the last moments (at most the
    current batch: each claim is committed waiting for the disk, and with it all before) may be lost, and those
    messages may be sent again unflagged. SQLite runs with ``synchronous=NORMAL`` (settings), the same trade.
    ``MAILINGS_FLUSH_EACH_MESSAGE=1`` makes every mark wait for the disk again (slower by that wait).
    """
    fast = connection.vendor == "postgresql" and not ch.conf.flush_each_message()
    if fast:
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO off")
    try:
        yield
    finally:
        if fast:
            with contextlib.suppress(Exception), connection.cursor() as cursor:
                cursor.execute("RESET synchronous_commit")


def finish_if_done(ch: Channel, mailing_id: int) -> bool:
    if ch.delivery.objects.filter(**ch.of(mailing_id), status__in=DeliveryRow.OPEN).exists():
        return False
    finished = ch.job.objects.filter(pk=mailing_id, status=Job.SENDING).update(
        status=Job.SENT, finished_at=timezone.now()
    )
    if finished and ch.finished is not None:
        ch.finished(mailing_id)
    return True


def stop_mailing(ch: Channel, mailing_id: int, reason: str, now=None) -> bool:
    """Stop a sending mailing that keeps failing; the rows not yet sent stay open until staff resume or cancel."""
    return bool(
        ch.job.objects.filter(pk=mailing_id, status=Job.SENDING).update(
            status=Job.STOPPED, stopped_at=now or timezone.now(), stop_reason=reason[:300]
        )
    )


def settle_cancelled(ch: Channel, mailing_id: int | None = None) -> int:
    """Rows of cancelled mailings that are open but not in flight become "cancelled" (never sent)."""
    rows = ch.delivery.objects.filter(
        **{f"{ch.job_field}__status": Job.CANCELLED},
        status__in=[Row.QUEUED, Row.RETRY, Row.CLAIMED],
    )
    if mailing_id is not None:
        rows = rows.filter(**ch.of(mailing_id))
    live = ch.sender.objects.values_list("name", flat=True)
    return rows.exclude(status=Row.CLAIMED, worker__in=live).update(status=Row.CANCELLED, worker="", claimed_at=None)


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


def describe_error(error: Exception) -> str:
    """A failure as one line for staff: the SMTP answer (code and text) or the kind of error."""
    return _error_text(error.error if isinstance(error, InFlightLost) else error)


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


class InFlightLost(Exception):
    """The connection dropped or timed out after DATA began: the server may or may not have taken the message."""

    def __init__(self, error: Exception):
        super().__init__(str(error))
        self.error = error


BOUNCE, PERMANENT, TEMPORARY, SERVER = "bounce", "permanent", "temporary", "server"


def classify(error: Exception) -> str:
    """What a failure means for the delivery: hard bounce, permanent, temporary (4xx), or the server's fault."""
    if isinstance(error, InFlightLost):
        return SERVER
    code = smtp_code(error)
    if code is None or code == 421:  # refused, timed out, dropped; 421: the server is closing the channel
        return SERVER
    if 500 <= code < 600:
        return BOUNCE if isinstance(error, smtplib.SMTPRecipientsRefused) else PERMANENT
    return TEMPORARY


@dataclass
class Built:
    """A message ready for the SMTP transaction: built before the "sending" mark, so a bad one fails alone.

    ``message`` is the EmailMessage, for the backends that are not SMTP (console, file, locmem); a channel that
    fills in pre-rendered bytes leaves it None and gives ``make_message`` to build it only when needed.
    """

    message: object
    from_addr: str
    recipients: list[str]
    data: bytes
    make_message: Callable | None = None

    def email(self):
        return self.message if self.message is not None else self.make_message()


def build(message) -> Built:
    """Serialise a message as Django's SMTP backend would; ValueError (BadHeaderError, bad address) if impossible."""
    encoding = message.encoding or settings.DEFAULT_CHARSET
    recipients = [sanitize_address(address, encoding) for address in message.recipients()]
    if not recipients:
        raise ValueError("no recipient address")
    return Built(
        message,
        sanitize_address(message.from_email, encoding),
        recipients,
        message.message().as_bytes(linesep="\r\n"),
    )


def _reset(smtp: smtplib.SMTP) -> None:
    with contextlib.suppress(smtplib.SMTPException, OSError):
        smtp.rset()


def transact(smtp: smtplib.SMTP, built: Built) -> None:
    """One SMTP transaction (as smtplib's sendmail), telling a failure before DATA from one during it."""
    smtp.ehlo_or_helo_if_needed()
    code, answer = smtp.mail(built.from_addr)
    if code != 250:
        _reset(smtp)
        raise smtplib.SMTPSenderRefused(code, answer, built.from_addr)
    refused = {}
    for recipient in built.recipients:
        code, answer = smtp.rcpt(recipient)
        if code not in (250, 251):
            refused[recipient] = (code, answer)
    if len(refused) == len(built.recipients):
        _reset(smtp)
        raise smtplib.SMTPRecipientsRefused(refused)
    try:
        code, answer = smtp.data(built.data)
    except smtplib.SMTPResponseException:
        raise  # an answer (e.g. to DATA itself): the message was not taken
    except OSError as error:  # dropped or timed out while sending it or waiting for the answer
        raise InFlightLost(error) from error
    if code != 250:
        _reset(smtp)
        raise smtplib.SMTPDataError(code, answer)


@dataclass
class SenderResult:
    name: str
    sent: int = 0
    retried: int = 0
    bounced: int = 0
    failed: int = 0
    skipped: int = 0
    stopped: str = ""
    errors: list[str] = field(default_factory=list)


class _SentMarks:
    """The "sent" mark of the last message, committed with the next "sending" mark (or on its own at the end)."""

    def __init__(self, ch: Channel):
        self.ch = ch
        self.pending = None

    def flush(self):
        if self.pending is not None:
            pk, when = self.pending
            self.ch.delivery.objects.filter(pk=pk).update(status=Row.SENT, sent_at=when, last_error="")
            self.pending = None


class _Connection:
    """One SMTP connection per sender, opened lazily (before the "sending" mark) and reopened after it broke."""

    def __init__(self, timeout: float):
        self.timeout = timeout
        self.backend = None

    def open(self):
        if self.backend is None:
            backend = get_connection(fail_silently=False, timeout=self.timeout)
            try:
                backend.open()
            except BaseException:
                with contextlib.suppress(smtplib.SMTPException, OSError):
                    backend.close()
                raise
            self.backend = backend

    def send(self, built: Built):
        self.open()
        try:
            if isinstance(self.backend, SmtpBackend) and self.backend.connection is not None:
                transact(self.backend.connection, built)
            else:  # console, file or locmem backend (demo, tests without a server)
                self.backend.send_messages([built.email()])
        except (InFlightLost, smtplib.SMTPServerDisconnected) as error:
            self.close()
            raise error from None
        except smtplib.SMTPResponseException as error:
            if error.smtp_code == 421:
                self.close()
            raise
        except OSError:
            self.close()
            raise

    def close(self):
        if self.backend is not None:
            # a broken connection may fail to close; it is gone anyway
            with contextlib.suppress(smtplib.SMTPException, OSError):
                self.backend.close()
            self.backend = None


class _Breaker:
    """Counts temporary failures in a row on the mailing (shared by its senders) and stops it when they last."""

    def __init__(self, ch: Channel, mailing):
        self.ch = ch
        self.mailing_id = mailing.pk
        self.dirty = mailing.failures_in_row > 0
        self.server_failures = 0  # in a row, in this sender: how long to wait before the next try

    def success(self) -> None:
        self.server_failures = 0
        if self.dirty:
            self.ch.job.objects.filter(pk=self.mailing_id).update(failures_in_row=0, failing_since=None)
            self.dirty = False

    def failure(self, text: str, *, server: bool) -> bool:
        """Record one temporary failure; True when the mailing has now been stopped."""
        self.dirty = True
        now = timezone.now()
        if server:
            self.server_failures += 1
        self.ch.job.objects.filter(pk=self.mailing_id).update(
            failures_in_row=F("failures_in_row") + 1, failing_since=Coalesce(F("failing_since"), Value(now))
        )
        state = self.ch.job.objects.filter(pk=self.mailing_id).values("failures_in_row", "failing_since").first()
        if state is None:
            return True
        limit = self.ch.conf.stop_after_failures()
        since = state["failing_since"] or now
        if state["failures_in_row"] >= limit or (now - since).total_seconds() >= self.ch.conf.stop_after_seconds():
            reason = f"{state['failures_in_row']} temporary failures in a row since {since.isoformat()}; last: {text}"
            stop_mailing(self.ch, self.mailing_id, reason, now=now)
            logger.warning("mailing %s stopped: %s", self.mailing_id, reason)
            return True
        return False

    def wait(self) -> None:
        """After the server failed: wait (back-off, at most the retry wait) before the next message."""
        if self.server_failures:
            delay = self.ch.conf.retry_base_seconds() * (2 ** (self.server_failures - 1))
            time.sleep(min(delay, self.ch.conf.retry_wait_seconds()))


def run_sender(
    ch: Channel, mailing_id: int, *, wait_for_retries: bool = True, limit: int | None = None
) -> SenderResult:
    """Send what is left of a mailing until nothing is left; safe to run in several processes at once.

    Stops early when the mailing is paused, cancelled or stopped (between two messages).
    """
    recover_dead_senders(ch)
    name = f"{HOST}:{os.getpid()}:{uuid.uuid4().hex[:10]}"
    result = SenderResult(name)
    mailing = ch.job.objects.filter(pk=mailing_id, status=Job.SENDING).first()
    if mailing is None:
        return result
    now = timezone.now()
    ch.sender.objects.create(
        name=name, host=HOST, pid=os.getpid(), started_at=now, heartbeat_at=now, **{ch.job_field: mailing}
    )
    smtp = _Connection(ch.conf.smtp_timeout())
    marks = _SentMarks(ch)
    try:
        try:
            prepared = ch.prepare(mailing)
        except Exception as error:  # the mailing itself cannot be built: every message would fail the same way
            logger.exception("mailing %s cannot be built", mailing_id)
            result.stopped = _error_text(error)
            stop_mailing(ch, mailing_id, f"The mailing cannot be built: {result.stopped}")
            return result
        pacer = Pacer(ch.conf.messages_per_second())
        run = _Run(ch, name, prepared, smtp, pacer, marks, _Breaker(ch, mailing), result)
        with _fast_commits(ch):
            run.loop(mailing_id, wait_for_retries=wait_for_retries, limit=limit)
        marks.flush()
        finish_if_done(ch, mailing_id)
    finally:
        with contextlib.suppress(Exception):  # after an error: still record what the server accepted
            marks.flush()
        smtp.close()
        # rows still claimed (limit reached, paused, or an exception) go back to the queue; none is "sending" here
        ch.delivery.objects.filter(worker=name, status=Row.CLAIMED).update(
            status=Row.QUEUED, worker="", claimed_at=None
        )
        ch.sender.objects.filter(name=name).delete()
        settle_cancelled(ch, mailing_id)
    return result


def _still_sending(ch: Channel, mailing_id: int) -> bool:
    return ch.job.objects.filter(pk=mailing_id, status=Job.SENDING).exists()


@dataclass
class _Run:
    ch: Channel
    name: str
    prepared: object
    smtp: _Connection
    pacer: Pacer
    marks: _SentMarks
    breaker: _Breaker
    result: SenderResult
    last_beat: float = field(default_factory=time.monotonic)

    def loop(self, mailing_id: int, *, wait_for_retries: bool, limit: int | None) -> None:
        ch = self.ch
        handled = 0
        while (limit is None or handled < limit) and _still_sending(ch, mailing_id):
            size = ch.conf.batch_size() if limit is None else min(ch.conf.batch_size(), limit - handled)
            ids = claim_batch(ch, mailing_id, self.name, size)
            if not ids:
                if wait_for_retries and _wait_for_retry(ch, mailing_id):
                    continue
                return
            rows = ch.delivery.objects.filter(id__in=ids).select_related(*ch.related).order_by("id")
            for delivery in rows:
                self.beat()
                if not _deliver(delivery, self):
                    return  # paused, cancelled or stopped: the claimed rest goes back to the queue
                handled += 1
            self.marks.flush()

    def beat(self) -> None:
        if time.monotonic() - self.last_beat > HEARTBEAT_SECONDS:
            self.ch.sender.objects.filter(name=self.name).update(heartbeat_at=timezone.now())
            self.last_beat = time.monotonic()


def _wait_for_retry(ch: Channel, mailing_id: int) -> bool:
    due = ch.delivery.objects.filter(**ch.of(mailing_id), status=Row.RETRY).aggregate(due=Min("next_attempt_at"))["due"]
    if due is None:
        return False
    wait = (due - timezone.now()).total_seconds()
    if wait > ch.conf.retry_wait_seconds():
        return False
    time.sleep(max(0.0, wait) + 0.01)
    return True


def _deliver(delivery, run: _Run) -> bool:
    """Hand over one message; False when the sender should stop (the mailing is no longer sending)."""
    ch = run.ch
    result = run.result
    if not ch.eligible(delivery):
        ch.delivery.objects.filter(pk=delivery.pk, status=Row.CLAIMED).update(status=Row.SKIPPED)
        result.skipped += 1
        return True
    try:
        made = run.prepared(delivery)
        built = made if isinstance(made, Built) else build(made)
    except ValueError as error:  # a header or address that cannot go into a message: this one fails alone
        text = f"The message cannot be built: {_error_text(error)}"[:300]
        ch.delivery.objects.filter(pk=delivery.pk, status=Row.CLAIMED).update(
            status=Row.FAILED, last_error=text, worker=""
        )
        result.failed += 1
        result.errors.append(text)
        return True
    run.breaker.wait()
    run.pacer.wait()
    try:
        run.smtp.open()
    except (smtplib.SMTPException, OSError) as error:
        # nothing was handed over: the row goes back for a later try, without counting an attempt
        return _failed(delivery, error, run, attempts=delivery.attempts, connecting=True)
    # The protocol's crucial write: committed before the SMTP transaction starts (with the previous "sent").
    if not _mark_sending(ch, delivery, run.name, run.marks):
        return False
    try:
        run.smtp.send(built)
    except (InFlightLost, smtplib.SMTPException, OSError) as error:
        return _failed(delivery, error, run, attempts=delivery.attempts + 1)
    run.marks.pending = (delivery.pk, timezone.now())
    run.breaker.success()
    result.sent += 1
    return True


def _mark_sending(ch: Channel, delivery, name: str, marks: _SentMarks) -> bool:
    """One statement (one round trip, one commit): the previous row "sent", this row "sending".

    This row is marked only while it is still claimed by this sender and its mailing is sending; False if not.
    The statement is written out once per channel (``_mark_sql``): it runs for every message, and building it
    with the ORM cost more than the round trip.
    """
    ops = connection.ops
    now = ops.adapt_datetimefield_value(timezone.now())
    job_id = getattr(delivery, f"{ch.job_field}_id")
    this = [delivery.pk, name, Row.CLAIMED, job_id, Job.SENDING]
    with connection.cursor() as cursor:
        if marks.pending is None:
            cursor.execute(_mark_sql(ch, connection.vendor, False), [now, delivery.attempts + 1, *this])
            return cursor.rowcount == 1
        previous, sent_at = marks.pending
        marks.pending = None
        sent_at = ops.adapt_datetimefield_value(sent_at)
        cursor.execute(
            _mark_sql(ch, connection.vendor, True),
            [previous, previous, sent_at, previous, now, previous, delivery.attempts + 1, previous, previous, *this],
        )
        return cursor.rowcount == 2


_MARK_SQL: dict = {}


def _mark_sql(ch: Channel, vendor: str, with_previous: bool) -> str:
    key = (ch.delivery, vendor, with_previous)
    if key not in _MARK_SQL:
        q = connection.ops.quote_name
        rows, jobs = q(ch.delivery._meta.db_table), q(ch.job._meta.db_table)
        job_fk = q(ch.delivery._meta.get_field(ch.job_field).column)
        # names from the models' metadata (quoted), constants from the status choices; every value is bound
        this = (
            f"({q('id')} = %s AND {q('worker')} = %s AND {q('status')} = %s AND {job_fk} = "  # noqa: S608
            f"(SELECT {q('id')} FROM {jobs} WHERE {q('id')} = %s AND {q('status')} = %s))"
        )
        if with_previous:
            sql = (
                f"UPDATE {rows} SET "  # noqa: S608
                f"{q('status')} = CASE WHEN {q('id')} = %s THEN '{Row.SENT}' ELSE '{Row.SENDING}' END, "
                f"{q('sent_at')} = CASE WHEN {q('id')} = %s THEN %s ELSE {q('sent_at')} END, "
                f"{q('sending_at')} = CASE WHEN {q('id')} = %s THEN {q('sending_at')} ELSE %s END, "
                f"{q('attempts')} = CASE WHEN {q('id')} = %s THEN {q('attempts')} ELSE %s END, "
                f"{q('last_error')} = CASE WHEN {q('id')} = %s THEN '' ELSE {q('last_error')} END "
                f"WHERE {q('id')} = %s OR {this}"
            )
        else:
            sql = (
                f"UPDATE {rows} SET {q('status')} = '{Row.SENDING}', "  # noqa: S608
                f"{q('sending_at')} = %s, {q('attempts')} = %s WHERE {this}"
            )
        _MARK_SQL[key] = sql
    return _MARK_SQL[key]


def _failed(delivery, error: Exception, run: _Run, *, attempts: int, connecting: bool = False) -> bool:
    """Record a failed hand-over; False when the mailing has been stopped by it.

    ``connecting``: the connection could not be opened (refused, timed out, TLS or login failed): the server's
    fault whatever its answer code, and nothing was handed over.
    """
    ch = run.ch
    result = run.result
    kind = SERVER if connecting else classify(error)
    text = _error_text(error.error if isinstance(error, InFlightLost) else error)
    result.errors.append(text)
    now = timezone.now()
    if kind == BOUNCE:
        ch.bounce(delivery, text, now)
        run.breaker.success()  # the server answered
        result.bounced += 1
        return True
    if kind == PERMANENT:
        ch.delivery.objects.filter(pk=delivery.pk).update(status=Row.FAILED, last_error=text, worker="")
        run.breaker.success()
        result.failed += 1
        return True
    if kind == TEMPORARY and attempts >= ch.conf.max_attempts():
        ch.delivery.objects.filter(pk=delivery.pk).update(status=Row.FAILED, last_error=text, worker="")
        result.failed += 1
    else:
        # 4xx, or the server's fault (refused, timed out, dropped): retry with exponential back-off. The server's
        # faults never fail a delivery (none is lost); the breaker stops the mailing if they last.
        delay = ch.conf.retry_base_seconds() * (2 ** (max(attempts, 1) - 1))
        update = {"status": Row.RETRY, "next_attempt_at": now + timedelta(seconds=delay)}
        if isinstance(error, InFlightLost):  # the server may have taken it: like a dead sender's in-flight row
            update["uncertain"] = True
            if not ch.conf.resend_uncertain():
                update = {"status": Row.UNCERTAIN, "uncertain": True}
        ch.delivery.objects.filter(pk=delivery.pk).update(**update, last_error=text, worker="", claimed_at=None)
        result.retried += 1
    if run.breaker.failure(text, server=kind == SERVER):
        result.stopped = text
        return False
    return True


# --- what staff do with a job while it is sent (the app checks permission and records the audit entry) ------


def pause(ch: Channel, job_id: int) -> bool:
    """A sending job pauses; its senders stop before their next message. False if it was not sending."""
    return bool(ch.job.objects.filter(pk=job_id, status=Job.SENDING).update(status=Job.PAUSED))


def resume(ch: Channel, job_id: int) -> bool:
    """A paused or stopped job sends again (the caller starts its senders after commit); False if it was neither.

    Retries waiting for their back-off go now: whoever resumes has seen that the server works again.
    """
    with transaction.atomic():
        if not ch.job.objects.filter(pk=job_id, status__in=[Job.PAUSED, Job.STOPPED]).update(
            status=Job.SENDING, failures_in_row=0, failing_since=None, stopped_at=None, stop_reason=""
        ):
            return False
        ch.delivery.objects.filter(**ch.of(job_id), status=Row.RETRY).update(next_attempt_at=None)
    return True


def cancel(ch: Channel, job_id: int, now=None) -> int | None:
    """Cancel a sending, paused or stopped job: the rows not yet sent stay unsent, marked cancelled.

    A message in flight at this moment is finished by its sender (and recorded as sent or failed). Returns the
    number of rows cancelled, or None when the job was in none of these states.
    """
    now = now or timezone.now()
    with transaction.atomic():
        if not ch.job.objects.filter(pk=job_id, status__in=[Job.SENDING, Job.PAUSED, Job.STOPPED]).update(
            status=Job.CANCELLED, finished_at=now
        ):
            return None
        cancelled = ch.delivery.objects.filter(**ch.of(job_id), status__in=[Row.QUEUED, Row.RETRY, Row.CLAIMED]).update(
            status=Row.CANCELLED, worker="", claimed_at=None
        )
    settle_cancelled(ch, job_id)
    return cancelled


def progress(ch: Channel, job_id: int) -> dict:
    """How far a job is: its rows counted by status, and the sums the progress display shows."""
    rows = ch.delivery.objects.filter(**ch.of(job_id))
    counts = dict(rows.values_list("status").annotate(n=Count("id")).order_by())
    return {
        "total": sum(counts.values()),
        "sent": counts.get(Row.SENT, 0),
        "failed": counts.get(Row.FAILED, 0) + counts.get(Row.BOUNCED, 0),
        "left": sum(counts.get(s, 0) for s in DeliveryRow.OPEN),
        "uncertain": rows.filter(uncertain=True).count(),
        "skipped": counts.get(Row.SKIPPED, 0),
        "retrying": counts.get(Row.RETRY, 0),
        "cancelled": counts.get(Row.CANCELLED, 0),
        "counts": counts,
    }

"""Settings of the Infoletter, read from Django settings or the environment, with safe defaults."""

import os

from django.conf import settings


def _get(name: str, default, cast=str):
    value = getattr(settings, name, None)
    if value is None:
        raw = os.environ.get(name)
        value = cast(raw) if raw not in (None, "") else default
    return value


def unconfirmed_days() -> int:
    """Pending sign-ups that were not confirmed within this many days are deleted."""
    return _get("MAILINGS_UNCONFIRMED_DAYS", 7, int)


def messages_per_second() -> float:
    """Throttle per sending worker; 0 means as fast as the SMTP server takes them."""
    return _get("MAILINGS_MESSAGES_PER_SECOND", 0.0, float)


def batch_size() -> int:
    return _get("MAILINGS_BATCH_SIZE", 50, int)


def max_attempts() -> int:
    """Temporary SMTP failures (4xx) are retried until this many attempts, then the delivery fails."""
    return _get("MAILINGS_MAX_ATTEMPTS", 5, int)


def retry_base_seconds() -> float:
    """Back-off after a temporary failure: base, 2 × base, 4 × base, …"""
    return _get("MAILINGS_RETRY_BASE_SECONDS", 60.0, float)


def retry_wait_seconds() -> float:
    """A sender waits for retries due within this time; later ones are resumed by the dispatch job."""
    return _get("MAILINGS_RETRY_WAIT_SECONDS", 30.0, float)


def smtp_timeout() -> float:
    """Seconds the sender waits for the mail server (connect and each answer) before it counts as failed.

    Default: ``EMAIL_TIMEOUT`` (the ``timeout`` option of ``EMAIL_URL``), else 20.
    """
    return _get("MAILINGS_SMTP_TIMEOUT", getattr(settings, "EMAIL_TIMEOUT", None) or 20.0, float)


def stop_after_failures() -> int:
    """A mailing stops (status "stopped", with the reason) after this many temporary failures in a row."""
    return _get("MAILINGS_STOP_AFTER_FAILURES", 20, int)


def stop_after_seconds() -> float:
    """... or when its temporary failures have lasted this long without one message getting through."""
    return _get("MAILINGS_STOP_AFTER_SECONDS", 1800.0, float)


def lease_seconds() -> float:
    """A sender that has not reported for this long is taken as dead (also on another host)."""
    return _get("MAILINGS_LEASE_SECONDS", 120.0, float)


def dispatch_seconds() -> float:
    """How often the worker starts scheduled mailings and resumes interrupted ones."""
    return _get("MAILINGS_DISPATCH_SECONDS", 60.0, float)


def senders_per_mailing() -> int:
    """How many sender tasks a mailing starts (more than one only helps on PostgreSQL)."""
    return _get("MAILINGS_SENDERS", 1, int)


def flush_each_message() -> bool:
    """PostgreSQL: every sending mark waits for the disk (off: only each batch's claim; see core.delivery)."""
    value = _get("MAILINGS_FLUSH_EACH_MESSAGE", "0")
    return str(value).strip().lower() in {"1", "true", "yes", "on"}


def from_email() -> str:
    return _get("MAILINGS_FROM_EMAIL", settings.DEFAULT_FROM_EMAIL)


def list_id() -> str:
    return _get("MAILINGS_LIST_ID", "Infoletter <infoletter.inklusio.localhost>")


def site_url() -> str:
    return _get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")


def bounce_maildir() -> str:
    return _get("MAILINGS_BOUNCE_MAILDIR", "")


def bounce_imap_url() -> str:
    """``imaps://user:password@host:993/INBOX`` (or ``imap://``) for the bounce mailbox."""
    return _get("MAILINGS_BOUNCE_IMAP_URL", "")


def resend_uncertain() -> bool:
    """Resend a delivery whose sender died mid-handover (may arrive twice) rather than risk it never arriving."""
    value = _get("MAILINGS_RESEND_UNCERTAIN", "1")
    return str(value).strip().lower() in {"1", "true", "yes", "on"}

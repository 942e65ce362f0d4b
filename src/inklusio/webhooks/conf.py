"""Webhook settings (each may be set in the environment; see settings.py and docs/webhooks.md)."""

from datetime import timedelta

from django.conf import settings

# Waits after the 1st, 2nd, ... failed attempt: 8 attempts over about 27.6 hours (Standard Webhooks' schedule).
DEFAULT_RETRY_DELAYS = (5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 10 * 3600)


def retry_delays() -> tuple[float, ...]:
    return tuple(getattr(settings, "WEBHOOK_RETRY_DELAYS", None) or DEFAULT_RETRY_DELAYS)


def timeout() -> float:
    return float(getattr(settings, "WEBHOOK_TIMEOUT", 5))


def claim_expiry() -> timedelta:
    """A delivery claimed this long ago by a worker that did not finish it (killed) is tried again."""
    return timedelta(seconds=float(getattr(settings, "WEBHOOK_CLAIM_SECONDS", 60)))


def poll_interval() -> timedelta:
    return timedelta(seconds=float(getattr(settings, "WEBHOOK_POLL_SECONDS", 30)))


def log_days() -> int:
    """Delivered and given-up entries of the delivery log are deleted after this many days."""
    return int(getattr(settings, "WEBHOOK_LOG_DAYS", 30))

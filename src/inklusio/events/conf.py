"""Settings of the events app, read from Django settings or the environment with defaults."""

import os

from django.conf import settings


def _int(name: str, default: int) -> int:
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name) or default
    return int(value)


def support_needs_retention_days() -> int:
    """Days after an event's end before its support needs are deleted (only counts stay)."""
    return _int("EVENTS_SUPPORT_NEEDS_RETENTION_DAYS", 30)


def reminder_hours() -> int:
    """Hours before an online event's start at which the reminder with the join links goes out."""
    return _int("EVENTS_REMINDER_HOURS", 24)


def feedback_delay_hours() -> int:
    """Hours after an event's end at which the feedback invitation goes out."""
    return _int("EVENTS_FEEDBACK_DELAY_HOURS", 2)


def privacy_notice_version() -> str:
    return str(
        getattr(settings, "EVENTS_PRIVACY_NOTICE_VERSION", None)
        or os.environ.get("EVENTS_PRIVACY_NOTICE_VERSION", "2025-01")
    )

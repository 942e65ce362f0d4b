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


def check_in_opens_hours() -> int | None:
    """Hours before an event's start at which check-in opens; unset: at midnight of the event's first day."""
    value = getattr(settings, "EVENTS_CHECK_IN_OPENS_HOURS", None)
    if value is None:
        value = os.environ.get("EVENTS_CHECK_IN_OPENS_HOURS") or None
    return None if value is None else int(value)


def room_opens_minutes() -> int:
    """Minutes before the start (of the event or of a programme item) at which its room opens."""
    return _int("EVENTS_ROOM_OPENS_MINUTES", 15)


def _text(name: str) -> str:
    return str(getattr(settings, name, None) or os.environ.get(name, ""))


def bigbluebutton() -> tuple[str, str] | None:
    """``(API URL, shared secret)`` when join URLs are made through BigBlueButton's API; None (the default): the
    room address is used as it is. Switched on by ``EVENTS_BBB_API_URL`` and ``EVENTS_BBB_SECRET``."""
    url, secret = _text("EVENTS_BBB_API_URL"), _text("EVENTS_BBB_SECRET")
    return (url, secret) if url and secret else None

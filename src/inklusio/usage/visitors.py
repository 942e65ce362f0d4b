"""Telling a visitor's repeat from a new view without storing anything about the visitor (as Plausible does).

A keyed hash of (client address, user agent, page) with a salt drawn at random for each day: the salt is kept
only in the "usage" cache and in this process's memory, for that day, and never written to the database; the
hash is kept in the cache for the repeat window, then expires. The address and the user agent are read from the
request and dropped. Once the day's salt is gone, no hash can be recomputed or linked to anyone.
"""

import hashlib
import secrets
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone

from inklusio.core.throttle import client_address

_today: dict = {"day": None, "salt": b""}


def _cache():
    return caches["usage"]


def daily_salt(day) -> bytes:
    """The salt of ``day``: the same in every process sharing the cache, a new random one each day."""
    if _today["day"] == day:
        return _today["salt"]
    key = f"usage:salt:{day.isoformat()}"
    end_of_day = timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))
    seconds = max(int((end_of_day - timezone.now()).total_seconds()), 0) + settings.USAGE_REPEAT_WINDOW_SECONDS
    _cache().add(key, secrets.token_bytes(32), timeout=seconds)
    salt = _cache().get(key) or secrets.token_bytes(32)  # a cache that lost it at once: this process's own
    _today.update(day=day, salt=salt)  # yesterday's salt is dropped here
    return salt


def first_in_window(request, key: str, day) -> bool:
    """True unless the same visitor used ``key`` within the repeat window."""
    address = client_address(request)
    agent = request.META.get("HTTP_USER_AGENT", "")
    digest = hashlib.blake2b(
        f"{address}\n{agent}\n{key}".encode(errors="replace"), key=daily_salt(day), digest_size=16
    ).hexdigest()
    return _cache().add(f"usage:seen:{digest}", 1, timeout=settings.USAGE_REPEAT_WINDOW_SECONDS)


def forget_salt() -> None:
    """Drop this process's copy of the day's salt (tests)."""
    _today.update(day=None, salt=b"")

"""API settings, read when used (so tests can override them)."""

from django.conf import settings


def rate_limit_per_minute() -> int:
    """Requests one token may make per minute; more answer 429 with Retry-After."""
    return int(settings.INKLUSIO_API_RATE_LIMIT)


def max_token_days() -> int:
    return int(settings.INKLUSIO_API_TOKEN_MAX_DAYS)

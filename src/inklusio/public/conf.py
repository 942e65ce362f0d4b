"""Settings of the public site, read with defaults so the root settings need no change."""

import os

from django.conf import settings


def _int(name: str, default: int) -> int:
    return int(getattr(settings, name, os.environ.get(name) or default))


def min_fill_seconds() -> int:
    """A public form sent faster than this after it was shown is treated as a bot."""
    return _int("PUBLIC_FORM_MIN_SECONDS", 3)


def max_form_age_seconds() -> int:
    return _int("PUBLIC_FORM_MAX_AGE_SECONDS", 24 * 3600)


def rate_limit() -> int:
    """Public form submissions allowed per email address within the window."""
    return _int("PUBLIC_FORM_RATE_LIMIT", 3)


def rate_window_minutes() -> int:
    return _int("PUBLIC_FORM_RATE_WINDOW_MINUTES", 60)


def image_max_bytes() -> int:
    return _int("PUBLIC_IMAGE_MAX_BYTES", 2 * 1024 * 1024)


def project_slug() -> str:
    """The project whose home page the public site shows; empty: the newest project with a home page."""
    return str(getattr(settings, "PUBLIC_PROJECT", os.environ.get("PUBLIC_PROJECT") or ""))


def contact_email() -> str:
    """Where the project's own copies of public inquiries go (empty: none)."""
    return str(getattr(settings, "PUBLIC_CONTACT_EMAIL", os.environ.get("PUBLIC_CONTACT_EMAIL") or ""))

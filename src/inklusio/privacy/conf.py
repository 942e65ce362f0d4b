"""Settings of the privacy app, read from Django settings or the environment."""

import os

from django.conf import settings


def _get(name: str, default: str = "") -> str:
    value = getattr(settings, name, None)
    return str(value if value is not None else os.environ.get(name, default))


def controller() -> str:
    """Name and address of the controller for the record of processing activities (Art. 30(1)(a))."""
    return _get("PRIVACY_CONTROLLER")


def data_protection_officer() -> str:
    """Contact of the data-protection officer, if one is appointed."""
    return _get("PRIVACY_OFFICER")

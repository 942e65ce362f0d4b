"""Settings of the networks app, each readable from Django settings or the environment.

Active participants (Aktive Beteiligte)
---------------------------------------
A person counts as an *active participant* of a network in a period when their attendance was recorded
(``Attendance.attended``) at no fewer than ``NETWORKS_ACTIVE_MIN_MEETINGS`` meetings of that network that started
within the period. Across several networks, the meetings of all of them count together and each person counts
once. Nothing is typed in: the figure is always computed from attendance records (see ``participation.py``).
"""

import os
from pathlib import Path

from django.conf import settings


def _int(name: str, default: int) -> int:
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name) or default
    return int(value)


def active_min_meetings() -> int:
    """Meetings a person must have attended in the period to count as an active participant (default 1)."""
    return max(1, _int("NETWORKS_ACTIVE_MIN_MEETINGS", 1))


def membership_request_days() -> int:
    """Days a membership request waits for the person's confirmation by mail before it is deleted (default 30)."""
    return max(1, _int("NETWORKS_MEMBERSHIP_REQUEST_DAYS", 30))


def document_max_bytes() -> int:
    return _int("NETWORKS_DOCUMENT_MAX_BYTES", 10 * 1024 * 1024)


# extension -> (content type, leading bytes the file must start with; empty = plain text)
DOCUMENT_TYPES = {
    "pdf": ("application/pdf", [b"%PDF-"]),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", [b"PK\x03\x04"]),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [b"PK\x03\x04"]),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", [b"PK\x03\x04"]),
    "odt": ("application/vnd.oasis.opendocument.text", [b"PK\x03\x04"]),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", [b"PK\x03\x04"]),
    "png": ("image/png", [b"\x89PNG\r\n\x1a\n"]),
    "jpg": ("image/jpeg", [b"\xff\xd8\xff"]),
    "jpeg": ("image/jpeg", [b"\xff\xd8\xff"]),
    "txt": ("text/plain; charset=utf-8", []),
    "csv": ("text/csv; charset=utf-8", []),
}


def upload_dir():
    return Path(settings.UPLOAD_ROOT) / "networks"

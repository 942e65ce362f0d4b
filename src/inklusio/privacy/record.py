"""The record of processing activities (GDPR Art. 30), generated from the retention schedule's configuration."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inklusio.core.extensions import RetentionCategory

from . import conf
from .retention import ACTION_LABELS, categories, periods

# Technical and organisational measures that apply to every category (Art. 30(1)(g), Art. 32), in brief.
GENERAL_MEASURES = [
    _("Access by role: each role sees only what its work needs; health-related data only with its own permission."),
    _("Staff logins with throttling of failed attempts; sessions expire; HTTPS with secure cookies in production."),
    _("An append-only audit log of exports, views of support needs and role changes."),
    _("Uploaded files are stored outside the web root and checked for their type."),
    _("Personal data is deleted or anonymised automatically by the retention schedule; every run is logged."),
    _("Data-subject requests: export of everything held about a person and erasure that keeps the report's counts."),
    _("Regular backups of the database and the uploaded files; restore tested."),
]


# Processing that stores no personal data, stated so the record answers the question it raises (issue 19).
NO_PERSONAL_DATA = [
    (
        _("Counting the use of the public pages, documents and Infoletter links"),
        _(
            "Stored: only the day, the page (or the mailing and link) and a count. No cookie is set for it, and no IP "
            "address, user agent or record about a person is stored, so no consent banner is needed. Bots and "
            "prefetches are left out by their user agent and request headers, which are read and then dropped. To "
            "count a visitor's repeat of one page within 30 minutes once, the address, the user agent and the page "
            "are hashed with a salt drawn at random each day; salt and hashes are kept only in the memory cache, "
            "the salt for that day, each hash for the 30 minutes, never in the database."
        ),
        _("Evidence of reach for the funder report (Art. 6(1)(f) GDPR for the short-lived hash in memory)."),
    ),
]


@dataclass
class Activity:
    category: RetentionCategory
    days: int

    @property
    def action(self) -> str:
        return ACTION_LABELS[self.category.action]


def build() -> dict:
    days = periods()
    return {
        "controller": conf.controller(),
        "officer": conf.data_protection_officer(),
        "generated_at": timezone.now(),
        "activities": [Activity(category, days[category.key]) for category in categories()],
        "measures": GENERAL_MEASURES,
        "no_personal_data": NO_PERSONAL_DATA,
    }

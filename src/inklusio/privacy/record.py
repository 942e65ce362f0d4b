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
    }

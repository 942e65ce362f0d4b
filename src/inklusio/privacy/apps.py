from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from inklusio.core.extensions import NavItem, PeriodicJob


class PrivacyConfig(AppConfig):
    """Data-subject rights (GDPR Art. 15, 17), suppression list, retention schedule and the Art. 30 record."""

    name = "inklusio.privacy"
    label = "privacy"
    verbose_name = _("Data protection")
    # Safe to run again after its worker died (core/taskrecovery.py): what is already deleted is not found again.
    rerunnable_tasks = [
        "inklusio.privacy.tasks.apply_retention",
    ]
    nav_items = [NavItem(_("Retention"), "privacy:retention", "privacy.view_retentionperiod")]
    # Replaces the events' and the Infoletter's own purge jobs: support needs and unconfirmed sign-ups are
    # retention categories now, with their periods set in one place.
    periodic_jobs = [PeriodicJob("privacy.retention", "inklusio.privacy.tasks.apply_retention", timedelta(hours=6))]

    @property
    def retention_categories(self):
        from .inactive import CATEGORY  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return [CATEGORY]

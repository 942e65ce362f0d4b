from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """Data-subject rights (GDPR Art. 15, 17), suppression list, retention schedule and the Art. 30 record."""

    name = "inklusio.privacy"
    label = "privacy"
    verbose_name = _("Data protection")

"""Records of the data-protection work; each area keeps its own personal data (see core/extensions.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SuppressionEntry(models.Model):
    """An address that must not be added again automatically (after erasure); stored only as a keyed hash."""

    digest = models.CharField(_("keyed hash of the address"), max_length=64, unique=True, editable=False)
    reason = models.CharField(_("reason"), max_length=60)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("suppression entry")
        verbose_name_plural = _("suppression entries")
        default_permissions = ("view",)
        # The data-subject rights live here as model permissions so core/roles.py patterns pick them up.
        permissions = [
            ("export_personal_data", _("Can export everything held about a person (GDPR Art. 15)")),
            ("erase_person", _("Can erase a person (GDPR Art. 17)")),
        ]

    def __str__(self):
        return f"{self.reason} {self.created:%Y-%m-%d}"

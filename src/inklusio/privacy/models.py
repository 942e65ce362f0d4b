"""Records of the data-protection work; each area keeps its own personal data (see core/extensions.py)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_RETENTION_DAYS = 36500


class RetentionPeriod(models.Model):
    """The project lead's period for one retention category, overriding the app's default."""

    category = models.CharField(_("data category"), max_length=60, unique=True)
    days = models.PositiveIntegerField(
        _("retention period (days)"), validators=[MinValueValidator(0), MaxValueValidator(MAX_RETENTION_DAYS)]
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("changed by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        ordering = ["category"]
        verbose_name = _("retention period")
        verbose_name_plural = _("retention periods")

    def __str__(self):
        return f"{self.category}: {self.days}"


class RetentionRun(models.Model):
    """One run of the retention schedule: per category its period and how many items it handled, nothing more."""

    class Trigger(models.TextChoices):
        JOB = "job", _("periodic job")
        COMMAND = "command", _("command line")

    started_at = models.DateTimeField(_("started"), db_index=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    trigger = models.CharField(_("started by"), max_length=10, choices=Trigger.choices, default=Trigger.JOB)
    results = models.JSONField(_("results"), default=dict, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")
        # The data-subject rights live here as model permissions so core/roles.py patterns pick them up
        # (until 2026-11 on the suppression list's model, which moved to contacts; migration 0004 kept the rows).
        permissions = [
            ("list_due_records", _("Can see which records the retention schedule will delete")),
            ("export_personal_data", _("Can export everything held about a person (GDPR Art. 15)")),
            ("erase_person", _("Can erase a person (GDPR Art. 17)")),
        ]

    def __str__(self):
        return f"{self.started_at:%Y-%m-%d %H:%M} ({self.trigger})"

    @property
    def total(self) -> int:
        return sum(entry.get("count", 0) for entry in self.results.values())

    @property
    def failed(self) -> list[str]:
        return [key for key, entry in self.results.items() if entry.get("error")]

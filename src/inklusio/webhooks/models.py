"""Webhook subscriptions and their delivery log (see docs/webhooks.md)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Subscription(models.Model):
    """A URL that receives the chosen kinds of happenings, signed with its own secret."""

    description = models.CharField(_("description"), max_length=200)
    url = models.URLField(_("URL"), max_length=500)
    kinds = models.JSONField(_("notify about"), default=list)
    include_personal_data = models.BooleanField(
        _("include personal data"),
        default=False,
        help_text=_("Names and email addresses are sent only if this is ticked; otherwise ids and counts only."),
    )
    # Stored as is ("whsec_<base64>"): it is needed to sign every payload. Shown once, after creation.
    secret = models.CharField(max_length=100, editable=False)
    active = models.BooleanField(_("active"), default=True)
    disabled_at = models.DateTimeField(null=True, blank=True, editable=False)
    disabled_reason = models.CharField(max_length=300, blank=True, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["description", "pk"]
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")

    def __str__(self):
        return self.description

    def get_absolute_url(self):
        return reverse("webhooks:detail", args=[self.pk])


class WebhookDelivery(models.Model):
    """One happening for one subscription: the body is fixed when it is created; every attempt signs it anew."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENDING = "sending", _("being sent")
        SUCCEEDED = "succeeded", _("delivered")
        FAILED = "failed", _("given up")

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="deliveries")
    message_id = models.CharField(max_length=40, unique=True)  # webhook-id, the same on every attempt
    kind = models.CharField(max_length=40)
    body = models.TextField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_response = models.PositiveIntegerField(null=True, blank=True)  # HTTP status
    last_error = models.CharField(max_length=300, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.kind} {self.message_id}"

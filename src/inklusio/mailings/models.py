"""The Infoletter: topics, consent texts, subscribers (double opt-in), mailings and one delivery per recipient."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from inklusio.contacts.regions import REGION_CHOICES
from inklusio.core.models import DeliveryJob, DeliveryRow, DeliverySender, PendingImport, with_updated

# Raised whenever the wording or content of the confirmation mail changes; kept on every subscriber as proof.
CONFIRMATION_MAIL_VERSION = "2025-01"
CONFIRMATION_MAIL_VERSION_EASY = "2026-12-leicht"  # the confirmation mail in Leichte Sprache


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Topic(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_de = models.CharField(_("name (German)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name_en if (get_language() or "de").startswith("en") else self.name_de


class ConsentText(models.Model):
    """The consent wording and privacy notice shown at sign-up; never changed once used, a new version instead."""

    version = models.CharField(_("version"), max_length=40, unique=True)
    text = models.TextField(_("consent text"))
    privacy_notice = models.TextField(_("privacy notice"))
    text_en = models.TextField(_("consent text (English)"), blank=True)
    privacy_notice_en = models.TextField(_("privacy notice (English)"), blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("consent text")
        verbose_name_plural = _("consent texts")

    def __str__(self):
        return self.version

    def in_language(self, language: str | None) -> tuple[str, str, str]:
        """(consent text, privacy notice, language of the two) to show on a page in ``language``.

        The English version when the page is English and one was written; the German one otherwise, which an
        English page then marks with lang="de" (WCAG 3.1.2).
        """
        if (language or "de").startswith("en") and self.text_en and self.privacy_notice_en:
            return self.text_en, self.privacy_notice_en, "en"
        return self.text, self.privacy_notice, "de"


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for confirmation")
        CONFIRMED = "confirmed", _("confirmed")
        UNSUBSCRIBED = "unsubscribed", _("unsubscribed")
        BOUNCED = "bounced", _("bounced")

    email = models.EmailField(_("email"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="de")
    # Signed up on the Leichte Sprache page: the confirmation mail and its pages are in Leichte Sprache.
    easy_language = models.BooleanField(_("Leichte Sprache"), default=False)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="subscribers")
    region = models.CharField(_("region"), max_length=5, choices=REGION_CHOICES, blank=True)
    stakeholder_type = models.ForeignKey(
        "contacts.StakeholderType",
        verbose_name=_("stakeholder type"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    person = models.ForeignKey(
        "contacts.Person",
        verbose_name=_("contact"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="subscriptions",
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    # The proof of consent (double opt-in).
    consent_text = models.ForeignKey(
        ConsentText, verbose_name=_("consent text"), null=True, blank=True, on_delete=models.PROTECT
    )
    source = models.CharField(_("source"), max_length=100, help_text=_("Where the sign-up came from."))
    signed_up_at = models.DateTimeField(_("signed up"))
    confirmation_sent_at = models.DateTimeField(_("confirmation mail sent"), null=True, blank=True)
    confirmation_mail_version = models.CharField(_("confirmation mail version"), max_length=20, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True, db_index=True)
    imported_proof = models.TextField(_("consent proof from import"), blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    unsubscribed_via = models.ForeignKey(
        "Mailing", null=True, blank=True, on_delete=models.SET_NULL, related_name="unsubscribes"
    )
    bounced_at = models.DateTimeField(_("bounced"), null=True, blank=True)
    bounce_reason = models.CharField(_("bounce reason"), max_length=300, blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["email"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        constraints = [models.UniqueConstraint(Lower("email"), name="subscriber_email_unique_ci")]
        indexes = [
            models.Index(fields=["status"], name="subscriber_status"),
            models.Index(fields=["updated", "id"], name="subscriber_changed"),
        ]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **with_updated(kwargs))

    def get_absolute_url(self):
        return reverse("mailings:subscriber_detail", args=[self.pk])


class Mailing(DeliveryJob):
    project = models.ForeignKey(
        "core.Project", verbose_name=_("project"), null=True, blank=True, on_delete=models.SET_NULL
    )
    subject = models.CharField(_("subject"), max_length=200)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="de")
    body = models.TextField(_("text (Markdown)"))
    topics = models.ManyToManyField(
        Topic,
        verbose_name=_("topics"),
        blank=True,
        help_text=_("Only subscribers of one of these topics; none chosen means all."),
    )
    regions = models.JSONField(_("regions"), default=list, blank=True)
    stakeholder_types = models.ManyToManyField(
        "contacts.StakeholderType", verbose_name=_("stakeholder types"), blank=True, related_name="+"
    )
    scheduled_at = models.DateTimeField(_("scheduled for"), null=True, blank=True)
    in_archive = models.BooleanField(_("show in the public archive"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True, editable=False, db_index=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("mailing")
        verbose_name_plural = _("mailings")
        permissions = [("send_mailing", _("Can send mailings"))]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("mailings:mailing_detail", args=[self.pk])


class Delivery(DeliveryRow):
    """One mailing to one subscriber. Created up front for every recipient; the status is the sending protocol."""

    mailing = models.ForeignKey(Mailing, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [models.UniqueConstraint(fields=["mailing", "subscriber"], name="delivery_once_per_mailing")]
        indexes = [models.Index(fields=["mailing", "status"], name="delivery_mailing_status")]

    def __str__(self):
        return f"{self.mailing_id}/{self.subscriber_id}: {self.status}"


class Sender(DeliverySender):
    mailing = models.ForeignKey(Mailing, on_delete=models.CASCADE, related_name="senders")


class SubscriberImport(PendingImport):
    """An uploaded subscriber list: read and checked once by the worker, then reviewed and imported (or not)."""

    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    tool = models.CharField(max_length=60)  # the newsletter tool the list comes from

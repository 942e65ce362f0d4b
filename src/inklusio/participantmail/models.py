"""Messages from staff to the people of an event or the members of a network, sent through the crash-safe
delivery (``core.delivery``): service messages about something the person signed up for, no newsletter."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from inklusio.core.models import DeliveryJob, DeliveryRow, DeliverySender


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Message(DeliveryJob):
    class Kind(models.TextChoices):
        MANUAL = "manual", _("written by staff")
        REMINDER = "reminder", _("reminder before the event")
        AFTER_EVENT = "after_event", _("message after the event with materials")

    class Group(models.TextChoices):
        """Which people of an event: by their registration, or the contributors of one programme item."""

        CONFIRMED = "confirmed", pgettext_lazy("recipients", "confirmed")
        WAITLISTED = "waitlisted", _("on the waiting list")
        ATTENDED = "attended", _("attended")
        NO_SHOW = "no_show", _("confirmed, but did not attend")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.MANUAL)
    event = models.ForeignKey(
        "events.Event", verbose_name=_("event"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    groups = models.JSONField(_("recipients"), default=list, blank=True)
    item = models.ForeignKey(
        "events.ProgrammeItem",
        verbose_name=_("programme item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Only the speakers, moderators and hosts of this programme item."),
    )
    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text (Markdown)"))
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="de")
    # Automatic messages (status "scheduled"): days before the event's start (reminder) or after its end; the
    # time is computed from the event's dates when due, so it follows when the event moves.
    days = models.PositiveSmallIntegerField(_("days"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("message to participants")
        verbose_name_plural = _("messages to participants")
        permissions = [("send_message", _("Can send messages to participants and members"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(event__isnull=True, network__isnull=False)
                | models.Q(event__isnull=False, network__isnull=True),
                name="message_to_event_or_network",
            ),
            models.UniqueConstraint(
                fields=["event", "kind"],
                condition=~models.Q(kind="manual"),
                name="one_automatic_message_per_kind",
            ),
        ]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("participantmail:message_detail", args=[self.pk])


class MessageDelivery(DeliveryRow):
    """One message to one person: the address is taken when sending starts (the person's address then)."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="deliveries")
    person = models.ForeignKey("contacts.Person", on_delete=models.CASCADE, related_name="+")
    email = models.EmailField(_("email"))
    # The registration it is about (event messages): its personal page and join link go into the message.
    registration = models.ForeignKey(
        "events.Registration", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [models.UniqueConstraint(fields=["message", "person"], name="message_delivery_once")]
        indexes = [models.Index(fields=["message", "status"], name="message_delivery_status")]

    def __str__(self):
        return f"{self.message_id}/{self.person_id}: {self.status}"


class MessageSender(DeliverySender):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="senders")


class Material(models.Model):
    """Slides or a document of an event, linked from the message after the event; stored under UPLOAD_ROOT.

    Participants download it through their personal link; a public material through its own link, by anyone.
    """

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    public = models.BooleanField(
        _("public"), default=False, help_text=_("Anyone with the link may download it, not only participants.")
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    original_name = models.CharField(max_length=255)
    stored_as = models.CharField(max_length=255, unique=True, editable=False)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def __str__(self):
        return self.title

"""The participant messages' operations and their rules: recipients, checks, test send, sending, automatic ones.

Recipients come from the events and networks apps' published queries; a person is reached once per message, at
the address they have when sending starts, and never when they are erased (anonymised) or their address is on
the suppression list. Sending goes through ``core.delivery`` (see ``sending.py``).
"""

import smtplib
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from inklusio.contacts import queries as contact_queries
from inklusio.contacts import suppression
from inklusio.core import audit, delivery, markdown
from inklusio.core.uploads import safe_filename, save_upload
from inklusio.events import queries as event_queries
from inklusio.events import services as event_services
from inklusio.mailings import conf as delivery_settings
from inklusio.networks import queries as network_queries

from . import placeholders
from .models import Material, Message, MessageDelivery
from .rendering import PreparedMessage
from .sending import CHANNEL


class MessageError(ValueError):
    pass


class RecipientCountChanged(MessageError):
    """The recipients have changed since their number was confirmed: nothing was sent."""


def problems(message: Message) -> list[str]:
    """What keeps the message from being sent: unknown placeholders, event placeholders in a network message,
    images without alternative text. Empty when it may go."""
    found = []
    text = f"{message.subject}\n{message.body}"
    unknown = placeholders.unknown(text)
    if unknown:
        found.append(_("Unknown placeholders: %(names)s.") % {"names": ", ".join(unknown)})
    if message.network_id and placeholders.used(text) & placeholders.EVENT_ONLY:
        found.append(_("Members of a network have no event: use only the placeholder {first name}."))
    if message.event_id and not message.item_id and not message.groups:
        found.append(_("Choose at least one group of people."))
    if markdown.images_without_alt(message.body):
        found.append(_("Every image needs an alternative text."))
    return found


@dataclass(frozen=True)
class Recipient:
    person: object
    registration_id: int | None


def _candidates(message: Message, now=None) -> list[tuple[int, int | None]]:
    if message.event_id:
        return event_queries.message_recipients(
            message.event,
            groups=message.groups,
            item_id=message.item_id,
            now=now,
            unreminded=message.kind == Message.Kind.REMINDER,
        )
    return [(pk, None) for pk in network_queries.current_member_person_ids(message.network_id)]


def recipients(message: Message, now=None) -> list[Recipient]:
    """The people the message reaches now, by name: with an address, not erased, not on the suppression list."""
    candidates = dict(_candidates(message, now))
    people = [p for p in contact_queries.people_with_ids(list(candidates)) if p.email and not p.anonymised]
    blocked = suppression.suppressed_among(p.email for p in people)
    return [Recipient(p, candidates[p.pk]) for p in people if p.email not in blocked]


def recipient(message: Message, person_id) -> Recipient | None:
    """One of the message's recipients (for the preview and the test send), or None."""
    return next((r for r in recipients(message) if str(r.person.pk) == str(person_id)), None)


def _registration(recipient: Recipient | None):
    if recipient is None or recipient.registration_id is None:
        return None
    return event_queries.registrations_with_ids([recipient.registration_id]).first()


class _Sample:
    """The recipient of a preview when there is nobody yet."""

    first_name = "Alex"


def preview(message: Message, person_id=None) -> dict:
    """The message as ``person_id`` (or the first recipient) gets it; personal links show no token."""
    chosen = recipient(message, person_id) if person_id else None
    if chosen is None:
        found = recipients(message)
        chosen = found[0] if found else None
    person = chosen.person if chosen else _Sample()
    rendered = PreparedMessage(message).render(person, _registration(chosen), mask=True)
    return {**rendered, "person": chosen.person if chosen else None}


def send_test(message: Message, actor, person_id=None) -> str:
    """Send the message, as ``person_id`` (or the first recipient) would get it, to the writer's own address;
    personal links show no token. No delivery is recorded. Returns the address; MessageError with the reason."""
    address = getattr(actor, "email", "")
    if not address:
        raise MessageError(_("Your account has no email address for the test."))
    chosen = recipient(message, person_id) if person_id else None
    if chosen is None:
        found = recipients(message)
        chosen = found[0] if found else None
    try:
        email = PreparedMessage(message).email(
            chosen.person if chosen else _Sample(), _registration(chosen), to=address, mask=True
        )
        email.subject = f"[TEST] {email.subject}"
        delivery.build(email)
        get_connection(fail_silently=False, timeout=delivery_settings.smtp_timeout()).send_messages([email])
    except (ValueError, smtplib.SMTPException, OSError) as error:
        audit.record(actor, "participantmail.test_send_failed", message)
        raise MessageError(delivery.describe_error(error)) from error
    audit.record(actor, "participantmail.test_send", message)
    return address


def start_sending(message: Message, actor=None, now=None, expected_count: int | None = None) -> int:
    """Create one delivery per recipient (up front, once) and start the senders; returns the count.

    ``expected_count`` is the number the writer confirmed: with another number now, nothing is sent.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = Message.objects.select_for_update().get(pk=message.pk)
        if locked.status not in (Message.Status.DRAFT, Message.Status.SCHEDULED):
            raise MessageError(_("This message has already been sent or is being sent."))
        found = problems(locked)
        if found:
            raise MessageError(" ".join(found))
        people = recipients(locked, now)
        if expected_count is not None and len(people) != expected_count:
            raise RecipientCountChanged(_("The number of recipients has changed; please confirm it again."))
        MessageDelivery.objects.bulk_create(
            [
                MessageDelivery(
                    message=locked, person=r.person, email=r.person.email, registration_id=r.registration_id
                )
                for r in people
            ],
            batch_size=1000,
            ignore_conflicts=True,
        )
        if locked.kind == Message.Kind.REMINDER:  # one reminder per registration, this one or the online one
            event_services.mark_reminded([r.registration_id for r in people if r.registration_id], now)
        locked.status = Message.Status.SENDING
        locked.started_at = now
        locked.save(update_fields=["status", "started_at", "updated"])
        audit.record(actor, "participantmail.send", locked, recipients=len(people))
        transaction.on_commit(lambda: enqueue_senders(locked.pk))
    message.refresh_from_db()
    return len(people)


def enqueue_senders(message_id: int, count: int | None = None) -> None:
    from .tasks import send_message  # noqa: PLC0415 — cycle: tasks.py imports this module

    for _n in range(count or delivery_settings.senders_per_mailing()):
        send_message.enqueue(message_id)


def pause(message: Message, actor=None) -> None:
    if not delivery.pause(CHANNEL, message.pk):
        raise MessageError(_("Only a message that is being sent can be paused."))
    audit.record(actor, "participantmail.pause", message)


def resume(message: Message, actor=None) -> None:
    with transaction.atomic():
        if not delivery.resume(CHANNEL, message.pk):
            raise MessageError(_("Only a paused or stopped message can be resumed."))
        audit.record(actor, "participantmail.resume", message)
        transaction.on_commit(lambda: enqueue_senders(message.pk))


def cancel(message: Message, actor=None) -> int:
    cancelled = delivery.cancel(CHANNEL, message.pk)
    if cancelled is None:
        raise MessageError(_("Only a message that is being sent, paused or stopped can be cancelled."))
    audit.record(actor, "participantmail.cancel", message, cancelled=cancelled)
    return cancelled


def progress(message: Message) -> dict:
    return delivery.progress(CHANNEL, message.pk)


# --- automatic messages ----------------------------------------------------------------------------------------


def due_at(message: Message):
    """When an automatic message goes: ``days`` before the event's start (reminder) or after its end."""
    if message.kind == Message.Kind.REMINDER:
        return message.event.starts_at - timedelta(days=message.days or 0)
    return message.event.ends_at + timedelta(days=message.days or 0)


def default_text(kind: str, language: str) -> tuple[str, str]:
    """The subject and text an automatic message starts with (staff may change them)."""
    with translation.override(language):
        if kind == Message.Kind.REMINDER:
            return _("Reminder: {event title} on {date}"), _(
                "Hello {first name},\n\nwe look forward to seeing you at **{event title}**.\n\n"
                "**When:** {date}\n\n**Where:** {venue}\n\n**Accessibility:** {accessibility}\n\n"
                "If you cannot come, please cancel on your registration page so that someone on the waiting list "
                "gets your seat: {personal link}\n\nIf you have questions, simply reply to this email."
            )
        return _("Thank you for taking part in {event title}"), _(
            "Hello {first name},\n\nthank you for taking part in **{event title}**.\n\n"
            "The slides and documents:\n\n{materials}\n\n"
            "If you have questions, simply reply to this email."
        )


def set_automatic(event, *, kind: str, days: int | None, subject: str, body: str, actor=None) -> Message | None:
    """Switch an event's reminder or after-event message on (``days`` given) or off (None); while it has not been
    sent it can be changed."""
    existing = Message.objects.filter(event=event, kind=kind).first()
    if existing is not None and existing.status not in (Message.Status.DRAFT, Message.Status.SCHEDULED):
        raise MessageError(_("This automatic message has already been sent."))
    if days is None:
        if existing is not None:
            existing.delete()
            audit.record(actor, "participantmail.automatic_off", event, kind=kind)
        return None
    message = existing or Message(event=event, kind=kind, created_by=actor)
    message.days = days
    message.subject = subject
    message.body = body
    message.groups = ["confirmed"] if kind == Message.Kind.REMINDER else ["attended"]
    message.status = Message.Status.SCHEDULED
    found = problems(message)
    if found:
        raise MessageError(" ".join(found))
    message.save()
    audit.record(actor, "participantmail.automatic_on", message, kind=kind, days=days)
    return message


def start_due_and_resume(now=None) -> dict:
    """The periodic job: start automatic messages that are due, resume messages whose senders died."""
    now = now or timezone.now()
    started = []
    scheduled = Message.objects.filter(status=Message.Status.SCHEDULED, event__cancelled=False).select_related("event")
    for message in scheduled:
        if due_at(message) > now or (message.kind == Message.Kind.REMINDER and message.event.starts_at <= now):
            continue
        try:
            start_sending(message, now=now)
            started.append(message.pk)
        except MessageError:
            continue
    delivery.recover_dead_senders(CHANNEL)
    delivery.settle_cancelled(CHANNEL)
    resumed = []
    for message in Message.objects.filter(status=Message.Status.SENDING).exclude(pk__in=started):
        if message.senders.exists() or delivery.finish_if_done(CHANNEL, message.pk):
            continue
        enqueue_senders(message.pk)
        resumed.append(message.pk)
    return {"started": started, "resumed": resumed}


# --- materials -----------------------------------------------------------------------------------------------

MATERIAL_TYPES = {
    "pdf": (b"%PDF-",),
    "pptx": (b"PK\x03\x04",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "odp": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
    "txt": (),
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "txt": "text/plain; charset=utf-8",
}


def material_max_bytes() -> int:
    return getattr(settings, "PARTICIPANTMAIL_MATERIAL_MAX_BYTES", 25 * 1_048_576)


def material_path(material: Material) -> Path:
    return Path(settings.UPLOAD_ROOT) / "materials" / material.stored_as


def add_material(event, upload, *, title: str, public: bool, actor=None) -> Material:
    """Store an upload already checked by ``CheckedFileField`` (size, type by content, clean name)."""
    extension = Path(upload.name).suffix.lower().lstrip(".")
    material = Material(
        event=event,
        title=title.strip() or safe_filename(upload.name),
        public=public,
        original_name=safe_filename(upload.name),
        content_type=CONTENT_TYPES[extension],
        size=upload.size,
        uploaded_by=actor,
    )
    material.stored_as = f"{event.pk}-{material.token[:16]}.{extension}"
    save_upload(upload, material_path(material))
    material.save()
    audit.record(actor, "participantmail.material_add", material, event=event.pk)
    return material


def remove_material(material: Material, actor=None) -> None:
    path = material_path(material)
    audit.record(actor, "participantmail.material_remove", material, event=material.event_id)
    material.delete()
    path.unlink(missing_ok=True)


def material_for_download(token: str, registration_token: str | None):
    """The material behind a link, or None: a public one by its own link; any other only through the personal
    link of a registration (not cancelled) of its event."""
    if not token or len(token) > 64:
        return None
    material = Material.objects.filter(token=token).first()
    if material is None:
        return None
    if registration_token is None:
        return material if material.public else None
    registration = event_queries.registration_for_token(registration_token)
    if registration is None or registration.event_id != material.event_id or registration.status == "cancelled":
        return None
    return material

"""The Infoletter's operations and their rules: double opt-in, preferences, unsubscribing, starting mailings.

Other apps call :func:`request_subscription` (e.g. the unticked newsletter box of an event registration).
"""

import smtplib
from datetime import timedelta

from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from inklusio.contacts import suppression
from inklusio.contacts.services import find_or_create_person
from inklusio.core import audit, delivery, happenings, markdown
from inklusio.core.branding import mail_sender
from inklusio.core.validators import greeting_name

from . import conf, rendering, sending
from .models import (
    CONFIRMATION_MAIL_VERSION,
    CONFIRMATION_MAIL_VERSION_EASY,
    ConsentText,
    Delivery,
    Mailing,
    Subscriber,
    Topic,
    new_token,
)
from .rendering import PreparedMailing

DEFAULT_TOPICS = [
    ("ausbildung", "Inklusive Ausbildung", "Inclusive vocational training"),
    ("veranstaltungen", "Veranstaltungen und Fachtage", "Events and expert days"),
    ("netzwerke", "Regionale Netzwerke", "Regional networks"),
]
DEFAULT_CONSENT = ConsentText(
    version="2022-10",
    text=(
        "Ja, ich möchte den Infoletter Ausbildung per E-Mail erhalten. Meine Einwilligung kann ich jederzeit "
        "über den Abmeldelink in jedem Infoletter widerrufen."
    ),
    privacy_notice=(
        "Wir verwenden Ihre E-Mail-Adresse, Ihren Namen und Ihre Themen nur für den Versand des Infoletters. "
        "Wir speichern, wann und wo Sie sich angemeldet und wann Sie die Anmeldung bestätigt haben, als Nachweis "
        "Ihrer Einwilligung. Unbestätigte Anmeldungen löschen wir automatisch."
    ),
    text_en=(
        "Yes, I would like to receive the Infoletter Ausbildung by email. I can withdraw my consent at any time "
        "with the unsubscribe link in every Infoletter."
    ),
    privacy_notice_en=(
        "We use your email address, your name and your topics only to send you the Infoletter. As proof of your "
        "consent we store when and where you signed up and when you confirmed it. Unconfirmed sign-ups are "
        "deleted automatically."
    ),
)
RESEND_AFTER = timedelta(minutes=10)


class SubscriptionError(ValueError):
    pass


class MailingError(ValueError):
    pass


def ensure_defaults(**kwargs) -> None:
    """Topics and a first consent text, so sign-up works on a fresh installation (runs after migrate)."""
    for position, (code, de, en) in enumerate(DEFAULT_TOPICS):
        Topic.objects.get_or_create(code=code, defaults={"name_de": de, "name_en": en, "position": position})
    if not ConsentText.objects.exists():
        ConsentText.objects.create(
            version=DEFAULT_CONSENT.version,
            text=DEFAULT_CONSENT.text,
            privacy_notice=DEFAULT_CONSENT.privacy_notice,
            text_en=DEFAULT_CONSENT.text_en,
            privacy_notice_en=DEFAULT_CONSENT.privacy_notice_en,
        )


def current_consent_text() -> ConsentText:
    consent = ConsentText.objects.order_by("-created", "-id").first()
    if consent is None:
        ensure_defaults()
        consent = ConsentText.objects.order_by("-created", "-id").first()
    return consent


def request_subscription(
    *,
    email: str,
    name: str = "",
    source: str,
    language: str = "de",
    topics=(),
    consent_text_version: str | None = None,
    easy_language: bool = False,
    now=None,
) -> Subscriber:
    """Start (or refresh) the double opt-in for ``email`` and send the confirmation mail.

    ``topics`` are Topic objects or codes; ``consent_text_version`` names the ConsentText that was shown
    (default: the current one). ``easy_language``: signed up on the Leichte Sprache page, so the confirmation
    mail and its pages are in Leichte Sprache (German). A confirmed address is left as it is (and gets no mail, so
    the form does not reveal who subscribes); an unsubscribed or bounced address starts a new double opt-in.
    """
    email = (email or "").strip().lower()
    if not email or "@" not in email:
        raise SubscriptionError("An email address is required.")
    if not source:
        raise SubscriptionError("The source of the sign-up is required as consent proof.")
    now = now or timezone.now()
    if consent_text_version:
        consent = ConsentText.objects.filter(version=consent_text_version).first()
        if consent is None:
            raise SubscriptionError(f"Unknown consent text version {consent_text_version!r}.")
    else:
        consent = current_consent_text()
    topic_objects = [t if isinstance(t, Topic) else Topic.objects.get(code=t) for t in topics]
    language = "de" if easy_language else (language if language in ("de", "en") else "de")
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email__iexact=email).first()
        if subscriber and subscriber.status == Subscriber.Status.CONFIRMED:
            return subscriber
        resend = True
        if subscriber is None:
            subscriber = Subscriber(email=email)
        elif subscriber.status == Subscriber.Status.PENDING and subscriber.confirmation_sent_at:
            resend = subscriber.confirmation_sent_at < now - RESEND_AFTER
        subscriber.name = name.strip()[:200] or subscriber.name
        subscriber.language = language
        subscriber.easy_language = easy_language
        subscriber.status = Subscriber.Status.PENDING
        subscriber.consent_text = consent
        subscriber.source = source[:100]
        subscriber.signed_up_at = now
        subscriber.confirmed_at = None
        subscriber.unsubscribed_at = subscriber.bounced_at = None
        subscriber.unsubscribed_via = None
        subscriber.person = subscriber.person or find_or_create_person(email=email, user=None, create=False)
        subscriber.save()
        subscriber.topics.set(topic_objects)
        if resend:
            transaction.on_commit(lambda: _enqueue_confirmation(subscriber.pk))
    return subscriber


def _enqueue_confirmation(subscriber_id: int) -> None:
    from .tasks import send_confirmation  # noqa: PLC0415 — cycle: tasks.py imports this module

    send_confirmation.enqueue(subscriber_id)


def confirmation_url(subscriber) -> str:
    name = "mailings_easy:confirm" if subscriber.easy_language else "mailings_public:confirm"
    with translation.override(subscriber.language):
        return conf.site_url() + reverse(name, args=[subscriber.token])


def send_confirmation_mail(subscriber_id: int) -> bool:
    """The double opt-in mail: only the confirmation request, no advertising (in Leichte Sprache if signed up so)."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id, status=Subscriber.Status.PENDING).first()
    if subscriber is None:
        return False
    folder = "mailings/email/easy" if subscriber.easy_language else "mailings/email"
    with translation.override(subscriber.language):
        context = {
            "subscriber": subscriber,
            "name": greeting_name(subscriber.name),  # not plausible: the neutral greeting
            "url": confirmation_url(subscriber),
            "days": conf.unconfirmed_days(),
        }
        subject = render_to_string(f"{folder}/confirm_subject.txt", context).strip()
        body = render_to_string(f"{folder}/confirm.txt", context)
    EmailMessage(
        subject=subject,
        body=body,
        from_email=mail_sender(None, conf.from_email()),
        to=[subscriber.email],
        headers={"Auto-Submitted": "auto-generated", "Content-Language": subscriber.language},
    ).send()
    version = CONFIRMATION_MAIL_VERSION_EASY if subscriber.easy_language else CONFIRMATION_MAIL_VERSION
    Subscriber.objects.filter(pk=subscriber.pk).update(
        confirmation_sent_at=timezone.now(), confirmation_mail_version=version
    )
    return True


def subscriber_for_token(token: str) -> Subscriber | None:
    if not token or len(token) > 64:
        return None
    return Subscriber.objects.filter(token=token).first()


# Deliveries whose message the recipient has, or may have (handed over, or in flight when something broke).
RECEIVED = (Delivery.Status.SENT, Delivery.Status.SENDING, Delivery.Status.UNCERTAIN)


def received_mailing(*, token: str, mailing_id: int) -> tuple[Mailing, Subscriber | None] | None:
    """The mailing the holder of ``token`` may read in the browser, and as whom; None: nothing (a 404).

    A subscriber's token opens a mailing that was handed over to that subscriber (also while it is still being
    sent, also when it is not in the public archive), never one they did not receive. A test send's token opens
    its own mailing with the neutral greeting (subscriber None). Anything else reveals nothing.
    """
    subscriber = subscriber_for_token(token)
    if subscriber is not None:
        received = Delivery.objects.filter(mailing_id=mailing_id, subscriber=subscriber).filter(
            Q(status__in=RECEIVED) | Q(uncertain=True)
        )
        if not received.exists():
            return None
        return Mailing.objects.get(pk=mailing_id), subscriber
    if rendering.mailing_id_of_test_token(token) == mailing_id:
        mailing = Mailing.objects.filter(pk=mailing_id).first()
        return (mailing, None) if mailing is not None else None
    return None


def is_test_token(token: str) -> bool:
    """A test send's token: its preferences and unsubscribe links show what they do in the real mail."""
    return rendering.mailing_id_of_test_token(token) is not None


def confirm(subscriber: Subscriber, now=None) -> bool:
    """Confirm a pending sign-up; True when it was confirmed now, False when nothing changed."""
    now = now or timezone.now()
    with transaction.atomic():
        updated = Subscriber.objects.filter(pk=subscriber.pk, status=Subscriber.Status.PENDING).update(
            status=Subscriber.Status.CONFIRMED, confirmed_at=now, updated=now
        )
        subscriber.refresh_from_db()
        if updated:
            # The person subscribed again themselves: their address may be added again from now on.
            suppression.lift(subscriber.email)
            happenings.announce(happenings.SUBSCRIBER_CONFIRMED, subscriber_id=subscriber.pk)
    return bool(updated)


def unsubscribe(subscriber: Subscriber, mailing_id=None, now=None) -> bool:
    """Idempotent: True when the address was unsubscribed now, False when it already was (or never confirmed)."""
    now = now or timezone.now()
    mailing = Mailing.objects.filter(pk=mailing_id).first() if mailing_id else None
    with transaction.atomic():
        updated = Subscriber.objects.filter(
            pk=subscriber.pk, status__in=[Subscriber.Status.CONFIRMED, Subscriber.Status.PENDING]
        ).update(status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=now, unsubscribed_via=mailing, updated=now)
        if updated:
            Delivery.objects.filter(
                subscriber_id=subscriber.pk, status__in=[Delivery.Status.QUEUED, Delivery.Status.RETRY]
            ).update(status=Delivery.Status.SKIPPED)
            happenings.announce(
                happenings.SUBSCRIBER_UNSUBSCRIBED, subscriber_id=subscriber.pk, mailing_id=mailing_id or None
            )
    subscriber.refresh_from_db()
    return bool(updated)


def update_preferences(subscriber: Subscriber, *, name: str, language: str, topics) -> Subscriber:
    subscriber.name = name.strip()[:200]
    subscriber.language = language
    subscriber.save(update_fields=["name", "language"])
    subscriber.topics.set(topics)
    return subscriber


def unconfirmed_due(signed_up_before):
    return Subscriber.objects.filter(
        status=Subscriber.Status.PENDING, confirmed_at__isnull=True, signed_up_at__lt=signed_up_before
    )


def purge_unconfirmed(now=None, signed_up_before=None) -> int:
    """Delete sign-ups that were not confirmed in time (the proof of a consent never given is not kept).

    Returns the number of sign-ups deleted.
    """
    now = now or timezone.now()
    cutoff = signed_up_before or now - timedelta(days=conf.unconfirmed_days())
    _total, per_model = unconfirmed_due(cutoff).delete()
    return per_model.get(Subscriber._meta.label, 0)


def delivery_details_due(finished_before):
    """Deliveries of mailings finished before the cutoff that still carry times, sender or error text."""
    return Delivery.objects.filter(mailing__finished_at__lt=finished_before).filter(
        ~Q(last_error="")
        | ~Q(worker="")
        | Q(sent_at__isnull=False)
        | Q(claimed_at__isnull=False)
        | Q(sending_at__isnull=False)
        | Q(next_attempt_at__isnull=False)
    )


def anonymise_delivery_details(finished_before) -> int:
    """Clear the delivery log's details; status and the uncertain mark stay for the mailing table of the report."""
    return delivery_details_due(finished_before).update(
        last_error="", worker="", sent_at=None, claimed_at=None, sending_at=None, next_attempt_at=None
    )


def erased_address(subscriber_pk: int) -> str:
    """The placeholder an anonymised subscriber row keeps (the address column is unique and required)."""
    return f"erased-{subscriber_pk}@erased.invalid"


def former_subscribers_due(left_before):
    """Unsubscribed or bounced subscribers who left before the cutoff and still carry their address."""
    left = Coalesce("unsubscribed_at", "bounced_at", "confirmed_at", "signed_up_at")
    return (
        Subscriber.objects.filter(status__in=[Subscriber.Status.UNSUBSCRIBED, Subscriber.Status.BOUNCED])
        .alias(left_at=left)
        .filter(left_at__lt=left_before)
        .exclude(email__endswith="@erased.invalid")
    )


def anonymise_former_subscribers(left_before) -> int:
    """Replace the address and name of former subscribers; the rows stay for the subscriber figures.

    The address goes on the suppression list (as a keyed hash), so an import cannot subscribe it again; the
    person can, through double opt-in.
    """
    count = 0
    for subscriber in former_subscribers_due(left_before).only("pk", "email"):
        suppression.suppress(subscriber.email, reason="retention")
        Subscriber.objects.filter(pk=subscriber.pk).update(
            email=erased_address(subscriber.pk),
            name="",
            token=new_token(),
            imported_proof="",
            bounce_reason="",
            updated=timezone.now(),
        )
        Delivery.objects.filter(subscriber_id=subscriber.pk).exclude(last_error="").update(last_error="")
        count += 1
    return count


# --- mailings ----------------------------------------------------------------------------------------------


def segment(*, topics=(), regions=(), stakeholder_types=()):
    """Confirmed subscribers matching the segment (each criterion left empty matches everyone)."""
    qs = Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED)
    if topics:
        qs = qs.filter(topics__in=list(topics))
    if regions:
        qs = qs.filter(Q(region__in=list(regions)) | Q(person__region__in=list(regions)))
    if stakeholder_types:
        types = list(stakeholder_types)
        qs = qs.filter(
            Q(stakeholder_type__in=types)
            | Q(person__stakeholder_type__in=types)
            | Q(person__organisations__stakeholder_type__in=types)
        )
    return Subscriber.objects.filter(pk__in=qs.values("pk"))


def recipients(mailing: Mailing):
    return segment(
        topics=list(mailing.topics.all()),
        regions=mailing.regions or [],
        stakeholder_types=list(mailing.stakeholder_types.all()),
    )


def validate_body(body: str) -> list[str]:
    """Images without alt text, by their address."""
    return markdown.images_without_alt(body)


def send_test(mailing: Mailing, addresses: list[str], actor=None) -> int:
    """Send the mailing to staff addresses (marked as a test); no delivery records, nobody's token.

    Raises MailingError with the reason when the message cannot be built or the mail server refuses it.
    """

    class Tester:
        token = rendering.test_send_token(mailing.pk)  # its links open the web view and explain the others
        name = ""

    try:
        prepared = PreparedMailing(mailing)
        messages = []
        for address in addresses:
            message = prepared.message(Tester(), to=address)
            message.subject = f"[TEST] {mailing.subject}"
            sending.build(message)  # a bad header or address fails here, before the server is contacted
            messages.append(message)
        connection = get_connection(fail_silently=False, timeout=conf.smtp_timeout())
        sent = connection.send_messages(messages)
    except (ValueError, smtplib.SMTPException, OSError) as error:
        audit.record(actor, "mailings.test_send_failed", mailing, recipients=len(addresses))
        raise MailingError(sending.describe_error(error)) from error
    audit.record(actor, "mailings.test_send", mailing, recipients=len(addresses))
    return sent or 0


def schedule(mailing: Mailing, when, actor=None) -> Mailing:
    if mailing.status not in (Mailing.Status.DRAFT, Mailing.Status.SCHEDULED):
        raise MailingError("Only a draft can be scheduled.")
    if validate_body(mailing.body):
        raise MailingError("Every image needs an alternative text.")
    mailing.status = Mailing.Status.SCHEDULED
    mailing.scheduled_at = when
    mailing.save(update_fields=["status", "scheduled_at", "updated"])
    audit.record(actor, "mailings.schedule", mailing, when=when.isoformat())
    return mailing


def unschedule(mailing: Mailing, actor=None) -> Mailing:
    Mailing.objects.filter(pk=mailing.pk, status=Mailing.Status.SCHEDULED).update(
        status=Mailing.Status.DRAFT, scheduled_at=None
    )
    mailing.refresh_from_db()
    audit.record(actor, "mailings.unschedule", mailing)
    return mailing


class RecipientCountChanged(MailingError):
    """The segment has changed since its count was confirmed: nothing was sent."""


def start_sending(mailing: Mailing, actor=None, now=None, expected_count: int | None = None) -> int:
    """Create one delivery per recipient (up front, once) and start the sender tasks; returns the count.

    ``expected_count`` is the number the sender confirmed: with another number now, nothing is sent.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = Mailing.objects.select_for_update().get(pk=mailing.pk)
        if locked.status not in (Mailing.Status.DRAFT, Mailing.Status.SCHEDULED):
            raise MailingError("This mailing has already been sent or is being sent.")
        if validate_body(locked.body):
            raise MailingError("Every image needs an alternative text.")
        ids = list(recipients(locked).values_list("pk", flat=True))
        if expected_count is not None and len(ids) != expected_count:
            raise RecipientCountChanged("The number of recipients has changed; please confirm it again.")
        Delivery.objects.bulk_create(
            [Delivery(mailing=locked, subscriber_id=pk) for pk in ids], batch_size=1000, ignore_conflicts=True
        )
        locked.status = Mailing.Status.SENDING
        locked.started_at = now
        locked.save(update_fields=["status", "started_at", "updated"])
        audit.record(actor, "mailings.send", locked, recipients=len(ids))
        transaction.on_commit(lambda: enqueue_senders(locked.pk))
    mailing.refresh_from_db()
    return len(ids)


def enqueue_senders(mailing_id: int, count: int | None = None) -> None:
    from .tasks import send_mailing  # noqa: PLC0415 — cycle: tasks.py imports this module

    for _ in range(count or conf.senders_per_mailing()):
        send_mailing.enqueue(mailing_id)


def start_due_and_resume_mailings(now=None) -> dict:
    """The periodic job: start scheduled mailings that are due, resume mailings whose senders died."""
    now = now or timezone.now()
    started = []
    for mailing in Mailing.objects.filter(status=Mailing.Status.SCHEDULED, scheduled_at__lte=now):
        try:
            start_sending(mailing, now=now)
            started.append(mailing.pk)
        except MailingError:
            continue
    sending.recover_dead_senders()
    sending.settle_cancelled()
    resumed = []
    for mailing in Mailing.objects.filter(status=Mailing.Status.SENDING).exclude(pk__in=started):
        if mailing.senders.exists():
            continue
        if sending.finish_if_done(mailing.pk):
            continue
        enqueue_senders(mailing.pk)
        resumed.append(mailing.pk)
    return {"started": started, "resumed": resumed}


def pause(mailing: Mailing, user=None) -> Mailing:
    """Pause a mailing that is sending; its senders stop before their next message."""
    if not delivery.pause(sending.CHANNEL, mailing.pk):
        raise MailingError("Only a mailing that is sending can be paused.")
    mailing.refresh_from_db()
    audit.record(user, "mailings.pause", mailing)
    return mailing


def resume(mailing: Mailing, user=None) -> Mailing:
    """Resume a paused or stopped mailing: the rows not yet sent are sent, none twice."""
    with transaction.atomic():
        if not delivery.resume(sending.CHANNEL, mailing.pk):
            raise MailingError("Only a paused or stopped mailing can be resumed.")
        audit.record(user, "mailings.resume", mailing)
        transaction.on_commit(lambda: enqueue_senders(mailing.pk))
    mailing.refresh_from_db()
    return mailing


def cancel(mailing: Mailing, user=None, now=None) -> int:
    """Cancel a sending, paused or stopped mailing; the deliveries not yet sent stay unsent, marked cancelled.

    A message in flight at this moment is finished by its sender (and recorded as sent or failed). Returns the
    number of deliveries cancelled.
    """
    cancelled = delivery.cancel(sending.CHANNEL, mailing.pk, now)
    if cancelled is None:
        raise MailingError("Only a mailing that is sending, paused or stopped can be cancelled.")
    audit.record(user, "mailings.cancel", mailing, cancelled=cancelled)
    mailing.refresh_from_db()
    return cancelled


def progress(mailing: Mailing) -> dict:
    return delivery.progress(sending.CHANNEL, mailing.pk)

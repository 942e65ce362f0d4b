"""Background work of the events app: every email, reminders, feedback invitations, deleting support needs."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from . import conf, mails
from .certificates import certificate_pdf, certificate_refusal
from .models import Event, Registration, SupportBooking, SupportBookingServed


def _registration(pk: int) -> Registration | None:
    return Registration.objects.select_related("event", "person").filter(pk=pk).first()


@task(queue_name="mail")
def send_registration_mail(registration_id: int) -> bool:
    registration = _registration(registration_id)
    if registration is None or registration.status == Registration.Status.CANCELLED:
        return False
    mails.registration_mail(registration).send()
    return True


LINK_RESEND_AFTER = timedelta(minutes=10)


@task(queue_name="mail")
def send_personal_link_mail(registration_id: int) -> bool:
    """A repeat registration: the existing personal link goes to the address on file (at most every 10 minutes,
    so the form cannot be used to flood someone's mailbox)."""
    registration = _registration(registration_id)
    if registration is None or registration.status == Registration.Status.CANCELLED:
        return False
    now = timezone.now()
    claimed = (
        Registration.objects.filter(pk=registration.pk)
        .filter(Q(link_resent_at__isnull=True) | Q(link_resent_at__lt=now - LINK_RESEND_AFTER))
        .update(link_resent_at=now)
    )
    if not claimed:
        return False
    mails.personal_link_mail(registration).send()
    return True


@task(queue_name="mail")
def send_cancellation_confirmation(registration_id: int) -> bool:
    """The registration was cancelled on the personal page: the person is told, whoever used the link."""
    registration = _registration(registration_id)
    if registration is None or registration.status != Registration.Status.CANCELLED:
        return False
    mails.registration_cancelled_mail(registration).send()
    return True


@task(queue_name="mail")
def send_promotion_mail(registration_id: int) -> bool:
    registration = _registration(registration_id)
    if registration is None or registration.status != Registration.Status.CONFIRMED:
        return False
    mails.promotion_mail(registration).send()
    return True


@task(queue_name="mail")
def send_certificate(registration_id: int) -> bool:
    registration = _registration(registration_id)
    if registration is None or certificate_refusal(registration):
        return False
    mails.certificate_mail(registration, certificate_pdf(registration)).send()
    return True


@task(queue_name="mail")
def send_cancellation_notices(event_id: int) -> int:
    """The event was cancelled: everyone with a confirmed or waitlisted registration is told."""
    sent = 0
    for registration in Registration.objects.filter(
        event_id=event_id,
        event__cancelled=True,
        status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITLISTED],
    ).select_related("event", "person"):
        mails.event_cancelled_mail(registration).send()
        sent += 1
    return sent


def _claim(registration: Registration, field: str, now) -> bool:
    """Mark a mail as sent with a conditional update, so two workers never both send it."""
    return bool(Registration.objects.filter(pk=registration.pk, **{f"{field}__isnull": True}).update(**{field: now}))


@task(queue_name="mail")
def send_reminders() -> int:
    """Online events starting within the reminder window: the join links go to every confirmed registrant."""
    now = timezone.now()
    events = Event.objects.filter(
        Q(kind=Event.Kind.ONLINE_CONGRESS) | Q(kind=Event.Kind.HYBRID),
        cancelled=False,
        starts_at__gt=now,
        starts_at__lte=now + timedelta(hours=conf.reminder_hours()),
    )
    sent = 0
    for registration in Registration.objects.filter(
        event__in=events, status=Registration.Status.CONFIRMED, reminder_sent_at__isnull=True
    ).select_related("event", "person"):
        if _claim(registration, "reminder_sent_at", now):
            mails.reminder_mail(registration).send()
            sent += 1
    return sent


@task(queue_name="mail")
def send_feedback_invitation(registration_id: int) -> bool:
    """One feedback invitation asked for by staff after the event (claimed, so it goes out once)."""
    registration = _registration(registration_id)
    if registration is None or registration.event.ends_at > timezone.now() or registration.event.cancelled:
        return False
    if not _claim(registration, "feedback_invited_at", timezone.now()):
        return False
    mails.feedback_mail(registration).send()
    return True


@task(queue_name="mail")
def send_feedback_invitations() -> int:
    """After an event, everyone who attended is asked for feedback once."""
    now = timezone.now()
    ended_before = now - timedelta(hours=conf.feedback_delay_hours())
    sent = 0
    for registration in (
        Registration.objects.filter(
            event__ends_at__lte=ended_before,
            event__ends_at__gte=now - timedelta(days=30),
            event__cancelled=False,
            status=Registration.Status.CONFIRMED,
            feedback_invited_at__isnull=True,
            attendances__isnull=False,
        )
        .distinct()
        .select_related("event", "person")
    ):
        if _claim(registration, "feedback_invited_at", now):
            mails.feedback_mail(registration).send()
            sent += 1
    return sent


@task(queue_name="mail")
def send_support_booked(booking_id: int) -> int:
    """The people a booked support booking serves are told that their support is arranged: once per person and
    booking (``told_at`` claimed by a conditional update), only before the event ends, never to a cancelled
    registration."""
    now = timezone.now()
    booking = SupportBooking.objects.select_related("event").filter(pk=booking_id).first()
    if (
        booking is None
        or booking.status != SupportBooking.Status.BOOKED
        or booking.event.cancelled
        or booking.event.ends_at < now
    ):
        return 0
    sent = 0
    rows = (
        SupportBookingServed.objects.filter(booking=booking, told_at__isnull=True)
        .exclude(registration__status=Registration.Status.CANCELLED)
        .select_related("registration__event", "registration__person")
    )
    for served in rows:
        claimed = SupportBookingServed.objects.filter(pk=served.pk, told_at__isnull=True).update(told_at=now)
        if claimed and served.registration.person.email:
            mails.support_booked_mail(served.registration, booking).send()
            sent += 1
    return sent

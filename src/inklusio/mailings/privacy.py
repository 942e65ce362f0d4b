"""The Infoletter's part of the data-subject rights; a subscriber is found by the contact link or the address."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inklusio.core.personal_data import plain_record

from . import services
from .models import Delivery, Subscriber, new_token


def subscribers_of(person):
    match = Q(person=person)
    if person.email:
        match |= Q(email__iexact=person.email)
    return Subscriber.objects.filter(match)


def personal_data(person) -> dict:
    subscribers = list(subscribers_of(person).select_related("consent_text", "stakeholder_type"))
    consents = {s.consent_text for s in subscribers if s.consent_text}
    return {
        _("Infoletter subscription"): [
            plain_record(s, topics=[str(topic) for topic in s.topics.all()]) for s in subscribers
        ],
        _("Consent texts agreed to"): [
            {
                "version": c.version,
                "consent_text": c.text,
                "privacy_notice": c.privacy_notice,
                "consent_text_en": c.text_en,
                "privacy_notice_en": c.privacy_notice_en,
            }
            for c in consents
        ],
        _("Infoletter delivery log"): [
            plain_record(d, exclude=["subscriber", "worker", "claimed_at", "sending_at", "next_attempt_at"])
            for d in Delivery.objects.filter(subscriber__in=subscribers).select_related("mailing")
        ],
    }


def erase_person(person, actor=None) -> list[str]:
    """Subscriber rows and deliveries stay (the stock of subscribers and the delivery figures count them), with a
    placeholder address and no name. A confirmed subscription ends now, so no further mailing reaches the address
    and every figure up to yesterday is unchanged; queued deliveries are skipped."""
    now = timezone.now()
    removed = []
    for subscriber in subscribers_of(person):
        removed += [subscriber.email, subscriber.name]
        active = subscriber.status in (Subscriber.Status.CONFIRMED, Subscriber.Status.PENDING)
        Subscriber.objects.filter(pk=subscriber.pk).update(
            email=services.erased_address(subscriber.pk),
            name="",
            token=new_token(),
            imported_proof="",
            bounce_reason="",
            updated=timezone.now(),
            status=Subscriber.Status.UNSUBSCRIBED if active else subscriber.status,
            unsubscribed_at=now if active and subscriber.unsubscribed_at is None else subscriber.unsubscribed_at,
        )
        deliveries = Delivery.objects.filter(subscriber_id=subscriber.pk)
        deliveries.filter(status__in=[Delivery.Status.QUEUED, Delivery.Status.RETRY]).update(
            status=Delivery.Status.SKIPPED
        )
        deliveries.exclude(last_error="").update(last_error="")
    return [value for value in removed if value]

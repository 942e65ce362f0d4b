from django.utils import timezone

from inklusio.mailings.models import ConsentText, Mailing, Subscriber, Topic


def subscriber(email, *, status="confirmed", name="", topics=(), region="", stakeholder_type=None, **extra):
    now = timezone.now()
    sub = Subscriber.objects.create(
        email=email,
        name=name,
        status=status,
        region=region,
        stakeholder_type=stakeholder_type,
        consent_text=ConsentText.objects.first(),
        source="test",
        signed_up_at=extra.pop("signed_up_at", now),
        confirmed_at=extra.pop("confirmed_at", now if status == "confirmed" else None),
        **extra,
    )
    if topics:
        sub.topics.set(Topic.objects.filter(code__in=topics))
    return sub


def mailing(subject="Infoletter Ausbildung 1/2025", body="# Neues\n\nText mit [Link](https://example.org).", **extra):
    topics = extra.pop("topics", ())
    m = Mailing.objects.create(subject=subject, body=body, **extra)
    if topics:
        m.topics.set(Topic.objects.filter(code__in=topics))
    return m

"""Who may see which mailings and imports (every mailing is visible with ``mailings.view_mailing``)."""

from django.db.models import Count, F

from .models import Delivery, Mailing, Subscriber, SubscriberImport

UNDER_WAY = (Mailing.Status.SENDING, Mailing.Status.PAUSED, Mailing.Status.STOPPED, Mailing.Status.SCHEDULED)


def mailings_for_user(user):
    if user.is_authenticated and user.has_perm("mailings.view_mailing"):
        return Mailing.objects.all()
    return Mailing.objects.none()


def mailings_under_way(user):
    """Mailings being sent, held, stopped or scheduled: those sending first, then by when they (will) start."""
    return (
        mailings_for_user(user)
        .filter(status__in=UNDER_WAY)
        .order_by(F("started_at").desc(nulls_last=True), "scheduled_at", "pk")
    )


def delivery_progress(mailing_ids) -> dict[int, tuple[int, int]]:
    """``{mailing id: (done, total)}`` in one query; done = no longer waiting to be sent."""
    progress: dict[int, tuple[int, int]] = {}
    rows = Delivery.objects.filter(mailing__in=mailing_ids).values_list("mailing", "status").annotate(n=Count("id"))
    for mailing_id, status, count in rows.order_by():
        done, total = progress.get(mailing_id, (0, 0))
        progress[mailing_id] = (done + (0 if status in Delivery.OPEN else count), total + count)
    return progress


def imports_waiting_for(user):
    """Subscriber lists the user uploaded that wait for their review (only the uploader may review one)."""
    if not (user.is_authenticated and user.has_perm("mailings.add_subscriber")):
        return SubscriberImport.objects.none()
    return SubscriberImport.objects.filter(uploaded_by=user, status=SubscriberImport.Status.PENDING)


def subscriber_contact(subscriber_id: int) -> dict | None:
    """The name and address of a subscriber (for a webhook whose subscription may carry personal data)."""
    return Subscriber.objects.filter(pk=subscriber_id).values("name", "email").first()


def subscribers_for_user(user):
    if user.is_authenticated and user.has_perm("mailings.view_subscriber"):
        return Subscriber.objects.all()
    return Subscriber.objects.none()

"""Figures of the Infoletter for the impact report, always counted from records (never stored totals).

- :func:`confirmed_stock` — subscribers confirmed and still subscribed at the end of a day (a stock, not a sum);
- :func:`confirmed_stock_series` — the stock on several dates;
- :func:`mailings_sent` — mailings finished in a period (optionally of one project);
- :func:`mailing_table` — per mailing: recipients, sent, bounced, failed, uncertain, unsubscribes it caused.
"""

from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from inklusio.core.extensions import Binding

from .models import Delivery, Mailing, Subscriber


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def confirmed_stock(day: date) -> int:
    """Subscribers confirmed by the end of ``day`` who had not unsubscribed or bounced by then."""
    end = _end_of(day)
    return (
        Subscriber.objects.filter(confirmed_at__lt=end)
        .exclude(unsubscribed_at__lt=end)
        .exclude(bounced_at__lt=end)
        .count()
    )


def confirmed_stock_series(days) -> list[tuple[date, int]]:
    return [(day, confirmed_stock(day)) for day in days]


def _mailings(project=None, start: date | None = None, end: date | None = None):
    qs = Mailing.objects.filter(status=Mailing.Status.SENT)
    if project is not None:
        qs = qs.filter(project=project)
    if start:
        qs = qs.filter(finished_at__gte=_end_of(start - timedelta(days=1)))
    if end:
        qs = qs.filter(finished_at__lt=_end_of(end))
    return qs


def mailings_sent(project=None, start: date | None = None, end: date | None = None) -> int:
    return _mailings(project, start, end).count()


def deliveries(project=None, start=None, end=None) -> dict:
    qs = Delivery.objects.filter(mailing__in=_mailings(project, start, end))
    counts = dict(qs.values_list("status").annotate(n=Count("id")).order_by())
    return {
        "total": sum(counts.values()),
        "sent": counts.get(Delivery.Status.SENT, 0),
        "bounced": counts.get(Delivery.Status.BOUNCED, 0),
        "failed": counts.get(Delivery.Status.FAILED, 0),
        "uncertain": qs.filter(uncertain=True).count(),
    }


def mailing_table(project=None, start=None, end=None) -> list[dict]:
    """One row per sent mailing, oldest first."""
    rows = (
        _mailings(project, start, end)
        .annotate(
            recipients=Count("deliveries", distinct=True),
            sent=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.SENT), distinct=True),
            bounced=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.BOUNCED), distinct=True),
            failed=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.FAILED), distinct=True),
            uncertain=Count("deliveries", filter=Q(deliveries__uncertain=True), distinct=True),
            unsubscribed=Count("unsubscribes", distinct=True),
        )
        .order_by("finished_at", "id")
    )
    return [
        {
            "mailing": m,
            "subject": m.subject,
            "sent_on": timezone.localdate(m.finished_at) if m.finished_at else None,
            "recipients": m.recipients,
            "sent": m.sent,
            "bounced": m.bounced,
            "failed": m.failed,
            "uncertain": m.uncertain,
            "unsubscribed": m.unsubscribed,
        }
        for m in rows
    ]


# --- Impact bindings: the catalogue codes this area supplies (see inklusio.impact.registry) ---------------------


def _mailings_url(project, start, end):
    return reverse("mailings:mailing_list")


def _subscribers_url(project, start, end):
    return reverse("mailings:subscriber_list")


INDICATORS = [
    Binding("mailings_sent", lambda project, start, end: mailings_sent(project, start, end), _mailings_url),
    # Subscribers belong to the instance's newsletter, not to one project: the stock at the period's end.
    Binding("subscribers", lambda project, start, end: confirmed_stock(end), _subscribers_url),
]

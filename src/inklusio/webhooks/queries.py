"""What staff see of webhooks (only users with ``webhooks.view_subscription``: the project lead)."""

from django.db.models import Count, Q

from .models import Subscription, WebhookDelivery


def subscriptions_for_user(user):
    if not user.has_perm("webhooks.view_subscription"):
        return Subscription.objects.none()
    return Subscription.objects.annotate(
        waiting=Count("deliveries", filter=Q(deliveries__status__in=["pending", "sending"])),
        given_up=Count("deliveries", filter=Q(deliveries__status="failed")),
    )


def switched_off():
    return Subscription.objects.filter(active=False, disabled_at__isnull=False)


def delivery_log(subscription, limit: int = 200):
    return WebhookDelivery.objects.filter(subscription=subscription).order_by("-created", "-pk")[:limit]

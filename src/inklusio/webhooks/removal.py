"""Deleting a webhook subscription (see ``core/removal.py``): it and its delivery log go; no figure counts them."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inklusio.core.removal import DELETE, RemovalPlan

from .models import Subscription, WebhookDelivery


def plan_subscription(subscription: Subscription) -> RemovalPlan:
    waiting = WebhookDelivery.objects.filter(subscription=subscription, status__in=["pending", "sending"]).count()
    logged = WebhookDelivery.objects.filter(subscription=subscription).count()
    lines = [_("The address receives no further events.")]
    if waiting:
        lines.append(
            ngettext(
                "%(count)s event waiting to be delivered is dropped.",
                "%(count)s events waiting to be delivered are dropped.",
                waiting,
            )
            % {"count": waiting}
        )
    if logged:
        lines.append(
            ngettext(
                "%(count)s entry of the delivery log is deleted.",
                "%(count)s entries of the delivery log are deleted.",
                logged,
            )
            % {"count": logged}
        )
    return RemovalPlan(subscription, DELETE, lines, {"waiting": waiting, "logged": logged})


def remove(plan: RemovalPlan) -> None:
    plan.subject.delete()

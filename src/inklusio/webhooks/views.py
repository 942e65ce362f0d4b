from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from inklusio.core.access import staff_permission_required
from inklusio.core.removal import confirm_removal

from . import queries, removal, services
from .forms import KIND_LABELS, SubscriptionForm
from .models import Subscription, WebhookDelivery

SECRET_SESSION_KEY = "webhooks_new_secret"  # noqa: S105 — a session key name, not a secret


@require_safe
@staff_permission_required("webhooks.view_subscription")
def subscription_list(request):
    subscriptions = queries.subscriptions_for_user(request.user)
    return render(request, "webhooks/subscription_list.html", {"subscriptions": subscriptions})


@staff_permission_required("webhooks.add_subscription")
def subscription_create(request):
    form = SubscriptionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        subscription = services.create_subscription(form.save(commit=False), request.user)
        request.session[SECRET_SESSION_KEY] = [subscription.pk, subscription.secret]
        messages.success(request, _("The webhook has been created."))
        return redirect(subscription)
    status = 400 if form.errors else 200
    return render(request, "webhooks/subscription_form.html", {"form": form}, status=status)


@staff_permission_required("webhooks.change_subscription")
def subscription_edit(request, pk):
    subscription = get_object_or_404(Subscription, pk=pk)
    form = SubscriptionForm(request.POST if request.method == "POST" else None, instance=subscription)
    if request.method == "POST" and form.is_valid():
        services.save_subscription(form.save(commit=False), request.user)
        messages.success(request, _("The webhook has been saved."))
        return redirect(subscription)
    status = 400 if form.errors else 200
    return render(request, "webhooks/subscription_form.html", {"form": form, "object": subscription}, status=status)


@require_safe
@staff_permission_required("webhooks.view_subscription")
def subscription_detail(request, pk):
    subscription = get_object_or_404(Subscription, pk=pk)
    secret = None
    shown = request.session.get(SECRET_SESSION_KEY)
    if shown and shown[0] == subscription.pk:  # shown once, right after creation
        secret = shown[1]
        del request.session[SECRET_SESSION_KEY]
    context = {
        "subscription": subscription,
        "kinds": [KIND_LABELS.get(kind, kind) for kind in subscription.kinds],
        "deliveries": queries.delivery_log(subscription),
        "secret": secret,
    }
    return render(request, "webhooks/subscription_detail.html", context)


@staff_permission_required("webhooks.delete_subscription")
def subscription_delete(request, pk):
    subscription = get_object_or_404(Subscription, pk=pk)
    return confirm_removal(
        request,
        plan=removal.plan_subscription(subscription),
        carry_out=removal.remove,
        back_url=subscription.get_absolute_url(),
        done_url=reverse("webhooks:list"),
        audit_action="webhooks.subscription",
    )


@require_POST
@staff_permission_required("webhooks.change_subscription")
def delivery_retry(request, pk, delivery_pk):
    delivery = get_object_or_404(
        WebhookDelivery.objects.select_related("subscription"), pk=delivery_pk, subscription_id=pk
    )
    services.retry(delivery, request.user)
    if delivery.subscription.active:
        messages.success(request, _("The event will be sent again in a moment."))
    else:
        messages.warning(request, _("The event will be sent again once the webhook is switched on."))
    return redirect(reverse("webhooks:detail", args=[pk]) + "#log")

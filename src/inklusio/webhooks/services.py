"""Webhooks: subscriptions, the deliveries a happening creates, and sending them (see docs/webhooks.md).

Delivery is at least once: a delivery row is claimed (status "sending", ``claimed_at``) with a conditional
update, the request is made, and the outcome written. A worker killed in between leaves the row claimed; after
``WEBHOOK_CLAIM_SECONDS`` any worker sends it again with the same webhook-id, so the receiver can drop the
repeat. Failed attempts wait by the retry schedule; when the last attempt fails the endpoint is switched off.
"""

import http.client
import json
import logging
import time
import uuid
from datetime import timedelta
from urllib.parse import urlsplit

from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.translation import gettext as _

from inklusio.contacts import queries as contact_queries
from inklusio.core import audit, happenings
from inklusio.mailings import queries as mailing_queries

from . import addresses, conf, signing
from .models import Subscription, WebhookDelivery

logger = logging.getLogger(__name__)
Status = WebhookDelivery.Status


# -- subscriptions ------------------------------------------------------------------------------------------


def create_subscription(subscription: Subscription, actor) -> Subscription:
    """Save a new subscription with a fresh secret (shown to the user once)."""
    subscription.secret = signing.new_secret()
    subscription.created_by = actor if getattr(actor, "is_authenticated", False) else None
    subscription.save()
    audit.record(actor, "webhooks.create", subscription, kinds=len(subscription.kinds))
    return subscription


def save_subscription(subscription: Subscription, actor) -> Subscription:
    """Save an edited subscription; switching it on again clears the notice and resumes its deliveries."""
    if subscription.active and subscription.disabled_at:
        subscription.disabled_at = None
        subscription.disabled_reason = ""
        WebhookDelivery.objects.filter(subscription=subscription, status=Status.PENDING).update(
            next_attempt_at=timezone.now()
        )
    subscription.save()
    audit.record(actor, "webhooks.change", subscription, active=int(subscription.active))
    if subscription.active:
        _enqueue_delivery()
    return subscription


def switch_off(subscription: Subscription, reason: str, now=None) -> bool:
    """Switch a failing endpoint off (once), with an audit entry; True if it was switched off now."""
    now = now or timezone.now()
    done = Subscription.objects.filter(pk=subscription.pk, active=True).update(
        active=False, disabled_at=now, disabled_reason=reason[:300]
    )
    if done:
        audit.record(None, "webhooks.switched_off", subscription, reason=reason[:300])
    return bool(done)


# -- payloads -----------------------------------------------------------------------------------------------


def _personal(ids: dict) -> dict:
    """Names and addresses for a subscription that may carry personal data: never anything about health."""
    if ids.get("person_id"):
        person = contact_queries.people_with_ids([ids["person_id"]]).first()
        if person is not None:
            return {"person": {"name": person.full_name, "email": person.email}}
    if ids.get("subscriber_id"):
        found = mailing_queries.subscriber_contact(ids["subscriber_id"])
        if found is not None:
            return {"subscriber": {"name": found["name"], "email": found["email"]}}
    return {}


def payload(kind: str, ids: dict, now, personal: dict | None = None) -> str:
    """The JSON body: ``{"type", "timestamp", "data"}``; ``data`` holds the ids (and personal data if given)."""
    data = {key: value for key, value in ids.items() if value is not None}
    data.update(personal or {})
    return json.dumps({"type": kind, "timestamp": now.isoformat(), "data": data}, ensure_ascii=False)


def record_happening(kind: str, ids: dict, now=None) -> int:
    """One delivery per active subscription to ``kind``; returns how many. Called after the action committed."""
    now = now or timezone.now()
    subscriptions = [s for s in _active_subscriptions() if kind in s.kinds]
    if not subscriptions:
        return 0
    personal = _personal(ids) if any(s.include_personal_data for s in subscriptions) else {}
    rows = [
        WebhookDelivery(
            subscription=s,
            message_id=f"msg_{uuid.uuid4().hex}",
            kind=kind,
            body=payload(kind, ids, now, personal if s.include_personal_data else None),
            next_attempt_at=now,
        )
        for s in subscriptions
    ]
    WebhookDelivery.objects.bulk_create(rows)
    _enqueue_delivery()
    return len(rows)


# "No webhook is switched on" is remembered for a few seconds in each process, so that an action with nothing to
# tell (the common case: a public registration) costs no query. A webhook saved in this process counts at once;
# one saved in another process (another web worker) gets the happenings from at most this many seconds later.
NO_SUBSCRIPTION_SECONDS = 5.0
_none_until = 0.0


def _active_subscriptions() -> list[Subscription]:
    global _none_until  # noqa: PLW0603 — the one remembered answer of this process
    if time.monotonic() < _none_until:
        return []
    subscriptions = list(Subscription.objects.filter(active=True))
    _none_until = 0.0 if subscriptions else time.monotonic() + NO_SUBSCRIPTION_SECONDS
    return subscriptions


def _forget_no_subscriptions(**kwargs) -> None:
    global _none_until  # noqa: PLW0603
    _none_until = 0.0


def on_happening(sender, kind, ids, **kwargs):
    """Receiver of ``core.happenings.happened``; never raises into the action that announced it."""
    try:
        record_happening(kind, ids)
    except Exception:
        logger.exception("Recording webhook deliveries for %s failed", kind)


def _enqueue_delivery() -> None:
    from .tasks import deliver_due  # noqa: PLC0415 — tasks imports this module

    try:
        transaction.on_commit(deliver_due.enqueue, robust=True)
    except Exception:  # the periodic job picks the deliveries up
        logger.exception("Enqueueing webhook delivery failed")


# -- sending ------------------------------------------------------------------------------------------------


def _due(now):
    stale = now - conf.claim_expiry()
    return WebhookDelivery.objects.filter(
        Q(status=Status.PENDING, next_attempt_at__lte=now) | Q(status=Status.SENDING, claimed_at__lt=stale),
        subscription__active=True,
    )


def claim_next(now=None, exclude=()) -> WebhookDelivery | None:
    """Claim the next due delivery for this process (conditional update: two workers never claim the same)."""
    now = now or timezone.now()
    due = _due(now).exclude(pk__in=list(exclude)) if exclude else _due(now)
    for row in due.order_by("next_attempt_at", "pk").values("pk", "status", "claimed_at")[:5]:
        claimed = WebhookDelivery.objects.filter(pk=row["pk"], status=row["status"], claimed_at=row["claimed_at"])
        if claimed.update(status=Status.SENDING, claimed_at=now):
            return WebhookDelivery.objects.select_related("subscription").get(pk=row["pk"])
    return None


def post(url: str, body: str, headers: dict[str, str]) -> int:
    """POST the body; returns the HTTP status. Redirects are not followed (a 3xx counts as a failure)."""
    addresses.check(url)
    parts = urlsplit(url)
    connection_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connection = connection_class(parts.hostname, parts.port, timeout=conf.timeout())
    try:
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        connection.request("POST", target, body=body.encode(), headers={**headers, "user-agent": "inklusio-webhooks"})
        response = connection.getresponse()
        response.read(64 * 1024)
        return response.status
    finally:
        connection.close()


def attempt(delivery: WebhookDelivery, now=None) -> bool:
    """Send a claimed delivery once and record the outcome; True when the receiver took it (2xx)."""
    now = now or timezone.now()
    subscription = delivery.subscription
    headers = signing.headers(subscription.secret, delivery.message_id, int(now.timestamp()), delivery.body)
    status, error = None, ""
    try:
        status = post(subscription.url, delivery.body, headers)
        if not 200 <= status < 300:
            error = _("The receiver answered with HTTP status %(status)s.") % {"status": status}
    except addresses.AddressRefused as refused:
        error = str(refused)
    except (OSError, http.client.HTTPException) as failure:
        error = f"{type(failure).__name__}: {failure}"[:300]
    return _settle(delivery, now, status, error)


def _settle(delivery: WebhookDelivery, now, status, error: str) -> bool:
    attempts = delivery.attempts + 1
    values = {"attempts": attempts, "last_attempt_at": now, "last_response": status, "last_error": error[:300]}
    ok = not error
    delays = conf.retry_delays()
    if ok:
        values.update(status=Status.SUCCEEDED, delivered_at=timezone.now(), claimed_at=None)
    elif attempts <= len(delays):
        values.update(
            status=Status.PENDING, next_attempt_at=now + timedelta(seconds=delays[attempts - 1]), claimed_at=None
        )
    else:
        values.update(status=Status.FAILED, claimed_at=None)
    # Only if still ours: a claim that expired and was taken by another worker is settled by that one.
    WebhookDelivery.objects.filter(pk=delivery.pk, status=Status.SENDING, claimed_at=delivery.claimed_at).update(
        **values
    )
    if values["status"] == Status.FAILED:
        switch_off(
            delivery.subscription,
            _("Switched off on %(when)s: every attempt to deliver an event failed for over a day (%(error)s).")
            % {"when": now.strftime("%Y-%m-%d %H:%M UTC"), "error": error[:120]},
            now,
        )
    return ok


def deliver_due(limit: int = 500, now=None) -> dict:
    """Send due deliveries until none is left (or ``limit``); safe to run in several workers at once.

    ``now`` (tests) fixes the clock; each delivery is tried at most once per call, so a failure waits for its
    next attempt even when the schedule's wait is zero.
    """
    counts = {"delivered": 0, "failed": 0}
    tried: set[int] = set()
    for _i in range(limit):
        delivery = claim_next(now, exclude=tried)
        if delivery is None:
            break
        tried.add(delivery.pk)
        counts["delivered" if attempt(delivery, now) else "failed"] += 1
    return counts


def retry(delivery: WebhookDelivery, actor) -> None:
    """Staff send a delivery again now (a given-up one too); its subscription must be active to be sent."""
    WebhookDelivery.objects.filter(pk=delivery.pk).exclude(status=Status.SENDING).update(
        status=Status.PENDING, next_attempt_at=timezone.now(), claimed_at=None
    )
    audit.record(actor, "webhooks.retry", delivery.subscription, delivery=delivery.message_id)
    _enqueue_delivery()


def connect() -> None:
    happenings.happened.connect(on_happening, dispatch_uid="inklusio.webhooks")
    post_save.connect(_forget_no_subscriptions, sender=Subscription, dispatch_uid="inklusio.webhooks.saved")


# -- privacy ------------------------------------------------------------------------------------------------

ERASED_BODY = "{}"


def prune_log(now=None) -> int:
    """Delete delivered and given-up entries older than WEBHOOK_LOG_DAYS (their bodies may name people)."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=conf.log_days())
    deleted, _detail = WebhookDelivery.objects.filter(
        status__in=[Status.SUCCEEDED, Status.FAILED], created__lt=cutoff
    ).delete()
    return deleted


def erase_person(person, actor) -> list[str]:
    """GDPR Art. 17: bodies naming the person's address are emptied; those not yet sent are not sent."""
    if not person.email:
        return []
    naming = WebhookDelivery.objects.filter(body__contains=person.email)
    naming.filter(status__in=[Status.PENDING, Status.SENDING]).update(
        status=Status.FAILED, last_error="Not sent: the person's data was erased.", claimed_at=None
    )
    naming.update(body=ERASED_BODY)
    return []

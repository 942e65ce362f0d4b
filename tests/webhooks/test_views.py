"""The staff pages: only the project lead manages webhooks; the secret is shown once; bad input is refused."""

import pytest

from inklusio.core.models import AuditEvent
from inklusio.webhooks.models import Subscription, WebhookDelivery

from .receiver import verify

NEW = "/staff/webhooks/new/"


def form(url="http://127.0.0.1:8765/hook", **extra):
    return {"description": "CRM der Kammer", "url": url, "kinds": ["inquiry.created", "mailing.sent"], **extra}


def test_the_lead_creates_a_webhook_and_sees_the_secret_once(client, lead):
    client.force_login(lead)
    response = client.post(NEW, form())
    subscription = Subscription.objects.get()
    assert response.status_code == 302 and response["Location"] == subscription.get_absolute_url()
    assert subscription.kinds == ["inquiry.created", "mailing.sent"] and not subscription.include_personal_data
    first = client.get(subscription.get_absolute_url()).content.decode()
    assert subscription.secret in first
    again = client.get(subscription.get_absolute_url()).content.decode()
    assert subscription.secret not in again
    assert subscription.secret not in client.get(f"/staff/webhooks/{subscription.pk}/edit/").content.decode()
    assert AuditEvent.objects.filter(action="webhooks.create").count() == 1


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (form(url="ftp://example.org/x"), "url"),
        (form(url="not a url"), "url"),
        (form(kinds=["registration.exploded"]), "kinds"),
        ({**form(), "kinds": []}, "kinds"),
        ({**form(), "description": ""}, "description"),
    ],
)
def test_bad_input_is_refused(client, lead, data, field):
    client.force_login(lead)
    response = client.post(NEW, data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert Subscription.objects.count() == 0


def test_private_addresses_are_refused_by_the_form_in_production(client, lead, settings):
    settings.WEBHOOK_ALLOW_PRIVATE = False
    settings.DEBUG = False
    client.force_login(lead)
    response = client.post(NEW, form(url="http://127.0.0.1/hook"))
    assert response.status_code == 400 and "url" in response.context["form"].errors


@pytest.mark.parametrize("role", ["project_staff", "read_only", "network_coordinator"])
def test_other_roles_may_not_see_or_manage_webhooks(client, make_user, subscribe, role):
    subscription = subscribe("http://127.0.0.1:9/")
    client.force_login(make_user(role))
    for url in ("/staff/webhooks/", NEW, subscription.get_absolute_url(), f"/staff/webhooks/{subscription.pk}/edit/"):
        assert client.get(url).status_code == 403, url
    assert client.post(NEW, form()).status_code == 403
    assert client.post(f"/staff/webhooks/{subscription.pk}/delete/").status_code == 403
    assert Subscription.objects.count() == 1


def test_delete_asks_first_then_deletes_with_the_log(client, lead, subscribe):
    subscription = subscribe("http://127.0.0.1:9/")
    WebhookDelivery.objects.create(
        subscription=subscription,
        message_id="msg_1",
        kind="inquiry.created",
        body="{}",
        next_attempt_at="2026-01-01T00:00Z",
    )
    client.force_login(lead)
    page = client.get(f"/staff/webhooks/{subscription.pk}/delete/")
    assert page.status_code == 200 and Subscription.objects.count() == 1
    response = client.post(f"/staff/webhooks/{subscription.pk}/delete/")
    assert response.status_code == 302
    assert Subscription.objects.count() == 0 and WebhookDelivery.objects.count() == 0
    assert AuditEvent.objects.filter(action="webhooks.subscription.delete").exists()


def test_retry_from_the_log_sends_a_given_up_event_again(client, lead, subscribe, receiver):
    from django.utils import timezone

    from inklusio.webhooks import services

    subscription = subscribe(receiver.url)
    delivery = WebhookDelivery.objects.create(
        subscription=subscription,
        message_id="msg_given_up",
        kind="inquiry.created",
        body='{"type": "inquiry.created"}',
        status=WebhookDelivery.Status.FAILED,
        attempts=4,
        next_attempt_at=timezone.now(),
    )
    client.force_login(lead)
    assert client.get(f"/staff/webhooks/{subscription.pk}/deliveries/{delivery.pk}/retry/").status_code == 405
    response = client.post(f"/staff/webhooks/{subscription.pk}/deliveries/{delivery.pk}/retry/")
    assert response.status_code == 302
    services.deliver_due()
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.SUCCEEDED and delivery.attempts == 5
    ((headers, body),) = receiver.requests
    assert verify(subscription.secret, headers, body) == {"type": "inquiry.created"}
    other = subscribe(receiver.url, description="andere")
    assert client.post(f"/staff/webhooks/{other.pk}/deliveries/{delivery.pk}/retry/").status_code == 404

"""Webhooks against a real HTTP receiver on loopback: signatures, retries, privacy, switching off, SSRF."""

import json
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from inklusio.contacts.models import Person
from inklusio.contacts.services import create_inquiry
from inklusio.core import happenings
from inklusio.core.models import AuditEvent
from inklusio.events import services as events
from inklusio.events.services import RegistrationData
from inklusio.webhooks import addresses, services, signing
from inklusio.webhooks.models import Subscription, WebhookDelivery

from .receiver import InvalidSignature, verify

Status = WebhookDelivery.Status


def inquire(project, topic="Ausbildung im Betrieb", person=None):
    return create_inquiry(project=project, kind="general", channel="email", topic=topic, person=person)


def test_a_delivery_is_signed_as_the_standard_says(receiver, subscribe, project, django_capture_on_commit_callbacks):
    subscription = subscribe(receiver.url, kinds=[happenings.INQUIRY_CREATED])
    assert subscription.secret.startswith("whsec_")
    with django_capture_on_commit_callbacks(execute=True):
        inquiry = inquire(project)
    assert services.deliver_due() == {"delivered": 1, "failed": 0}

    ((headers, body),) = receiver.requests
    payload = verify(subscription.secret, headers, body)
    assert payload["type"] == "inquiry.created"
    assert payload["data"]["inquiry_id"] == inquiry.pk
    assert headers["webhook-id"].startswith("msg_")
    assert headers["content-type"] == "application/json"
    # a changed body, another secret, or an old timestamp (a replay) do not verify
    with pytest.raises(InvalidSignature):
        verify(subscription.secret, headers, body.replace(b"inquiry", b"inquirx"))
    with pytest.raises(InvalidSignature):
        verify(signing.new_secret(), headers, body)
    with pytest.raises(InvalidSignature):
        verify(subscription.secret, headers, body, now=time.time() + 3600)
    assert WebhookDelivery.objects.get().status == Status.SUCCEEDED


def test_a_failing_receiver_that_recovers_gets_each_event_once(
    receiver, subscribe, project, django_capture_on_commit_callbacks
):
    subscribe(receiver.url)
    receiver.answers = [500, 503, 500, 502, 500]  # the first attempt of each event fails, and two retries
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            inquire(project, topic=f"Frage {n}")
    now = timezone.now()
    assert services.deliver_due(now=now) == {"delivered": 0, "failed": 3}
    assert services.deliver_due(now=now + timedelta(seconds=30)) == {"delivered": 0, "failed": 0}  # not yet due
    assert services.deliver_due(now=now + timedelta(seconds=61)) == {"delivered": 1, "failed": 2}
    assert services.deliver_due(now=now + timedelta(seconds=61 + 121)) == {"delivered": 2, "failed": 0}
    assert services.deliver_due(now=now + timedelta(days=2)) == {"delivered": 0, "failed": 0}

    ids = set(WebhookDelivery.objects.values_list("message_id", flat=True))
    assert receiver.successes() == dict.fromkeys(ids, 1)
    assert len(receiver.requests) == 8
    # every attempt carried the same id and body, signed anew
    by_id = {}
    for headers, body in receiver.requests:
        by_id.setdefault(headers["webhook-id"], set()).add(body)
    assert all(len(bodies) == 1 for bodies in by_id.values())
    assert sorted(WebhookDelivery.objects.values_list("attempts", flat=True)) == [2, 3, 3]
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {Status.SUCCEEDED}


def test_an_endpoint_failing_every_attempt_is_switched_off_with_a_notice(
    receiver, subscribe, project, lead, client, django_capture_on_commit_callbacks
):
    subscription = subscribe(receiver.url)
    receiver.answers = [500] * 10
    with django_capture_on_commit_callbacks(execute=True):
        inquire(project)
    now = timezone.now()
    for offset in (0, 61, 61 + 121, 61 + 121 + 241):
        services.deliver_due(now=now + timedelta(seconds=offset))
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_response) == (Status.FAILED, 4, 500)
    subscription.refresh_from_db()
    assert not subscription.active and subscription.disabled_at
    assert AuditEvent.objects.filter(action="webhooks.switched_off").count() == 1
    # nothing more is recorded for it while it is off
    with django_capture_on_commit_callbacks(execute=True):
        inquire(project, topic="Noch eine")
    assert WebhookDelivery.objects.count() == 1

    client.force_login(lead)
    page = client.get(subscription.get_absolute_url()).content.decode()
    assert "switched off" in page or "abgeschaltet" in page
    overview = client.get("/staff/").content.decode()
    assert subscription.description in overview and ("Webhooks switched off" in overview or "abgeschaltet" in overview)

    # staff send it again after switching the endpoint on: it arrives
    receiver.answers = []
    client.post(f"/staff/webhooks/{subscription.pk}/deliveries/{delivery.pk}/retry/")
    subscription.active = True
    services.save_subscription(subscription, lead)
    services.deliver_due()
    delivery.refresh_from_db()
    assert delivery.status == Status.SUCCEEDED
    assert receiver.successes() == {delivery.message_id: 1}
    assert client.get("/staff/").content.decode().count("abgeschaltet") == 0


def test_no_personal_data_unless_the_subscription_allows_it_and_never_support_needs(
    receiver, subscribe, event, django_capture_on_commit_callbacks
):
    plain = subscribe(receiver.url, kinds=[happenings.REGISTRATION_CREATED], description="ids")
    personal = subscribe(receiver.url, kinds=[happenings.REGISTRATION_CREATED], personal=True, description="names")
    data = RegistrationData(
        email="rosa.rollstuhl@example.org",
        first_name="Rosa",
        last_name="Beispiel",
        support_needs={"step_free": "Rollstuhl, braucht Rampe"},
        support_consent=True,
    )
    with django_capture_on_commit_callbacks(execute=True):
        registration, created = events.register(event.pk, data)
    assert created and registration.support_needs.count() == 1
    services.deliver_due()
    bodies = {}
    for headers, body in receiver.requests:
        sub = (
            personal
            if headers["webhook-id"] == WebhookDelivery.objects.get(subscription=personal).message_id
            else plain
        )
        bodies[sub.description] = verify(sub.secret, headers, body)
    assert bodies["ids"]["data"] == {
        "registration_id": registration.pk,
        "event_id": event.pk,
        "person_id": registration.person_id,
        "status": "confirmed",
    }
    assert bodies["names"]["data"]["person"] == {"name": "Rosa Beispiel", "email": "rosa.rollstuhl@example.org"}
    everything = json.dumps(bodies, ensure_ascii=False)
    assert "Rollstuhl" not in everything and "step_free" not in everything and "support" not in everything
    assert "rosa" not in json.dumps(bodies["ids"]).lower()


def test_each_named_place_announces(subscribe, event, project, django_capture_on_commit_callbacks):
    from inklusio.mailings import services as mailings
    from inklusio.mailings.models import Subscriber

    subscribe("http://127.0.0.1:9/never")
    with django_capture_on_commit_callbacks(execute=True):
        first, _ = events.register(event.pk, RegistrationData(email="a@example.org", first_name="A", last_name="A"))
        events.register(event.pk, RegistrationData(email="b@example.org", first_name="B", last_name="B"))
        waiting, _ = events.register(event.pk, RegistrationData(email="c@example.org", first_name="C", last_name="C"))
        events.cancel(first.pk)  # C moves up
        events.register_walk_in(
            event,
            Person.objects.create(first_name="D", email="d@example.org"),
            event.starts_at.date(),
            now=event.starts_at,
        )
        inquire(project)
        mailings.ensure_defaults()
        subscriber = Subscriber.objects.create(
            email="s@example.org",
            status="pending",
            token="tok-s",
            consent_text=mailings.current_consent_text(),
            signed_up_at=timezone.now(),
            source="test",
        )
        mailings.confirm(subscriber)
        mailings.unsubscribe(subscriber)
    kinds = sorted(WebhookDelivery.objects.values_list("kind", flat=True))
    assert kinds == sorted(
        [
            "registration.created",
            "registration.created",
            "registration.created",
            "registration.cancelled",
            "registration.promoted",
            "registration.created",
            "attendance.recorded",
            "inquiry.created",
            "subscriber.confirmed",
            "subscriber.unsubscribed",
        ]
    )
    promoted = json.loads(WebhookDelivery.objects.get(kind="registration.promoted").body)
    assert promoted["data"]["registration_id"] == waiting.pk


def test_a_rolled_back_action_announces_nothing_and_a_failing_listener_breaks_nothing(
    subscribe, project, monkeypatch, django_capture_on_commit_callbacks
):
    from django.db import transaction

    subscribe("http://127.0.0.1:9/never")
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        inquire(project)
        raise RuntimeError("rolled back")
    assert WebhookDelivery.objects.count() == 0

    def broken(kind, ids, now=None):
        raise ValueError("database gone")

    monkeypatch.setattr(services, "record_happening", broken)
    with django_capture_on_commit_callbacks(execute=True):
        inquiry = inquire(project, topic="trotzdem")
    assert inquiry.pk and WebhookDelivery.objects.count() == 0
    with pytest.raises(ValueError, match="unknown happening"):
        happenings.announce("registration.exploded", registration_id=1)


def test_redirects_are_not_followed(receiver, subscribe, project, django_capture_on_commit_callbacks):
    subscribe(receiver.url)
    receiver.answers = [302]
    receiver.redirect_to = receiver.url + "&redirected=1"
    with django_capture_on_commit_callbacks(execute=True):
        inquire(project)
    assert services.deliver_due() == {"delivered": 0, "failed": 1}
    assert len(receiver.requests) == 1
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.last_response) == (Status.PENDING, 302)


def test_a_receiver_that_does_not_answer_times_out(subscribe, project, settings, django_capture_on_commit_callbacks):
    import socket

    settings.WEBHOOK_TIMEOUT = 0.5
    with socket.socket() as silent:  # accepts the connection, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        subscribe(f"http://127.0.0.1:{silent.getsockname()[1]}/")
        with django_capture_on_commit_callbacks(execute=True):
            inquire(project)
        assert services.deliver_due() == {"delivered": 0, "failed": 1}
    assert "timed out" in WebhookDelivery.objects.get().last_error.lower()


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.org/x",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "http://user:pw@example.org/",
        "gopher://example.org",
    ],
)
def test_only_http_and_https_addresses(url, settings):
    settings.WEBHOOK_ALLOW_PRIVATE = True
    with pytest.raises(addresses.AddressRefused):
        addresses.check(url)


@pytest.mark.parametrize(
    ("url", "resolved"),
    [
        ("http://127.0.0.1/", "127.0.0.1"),
        ("http://localhost:8000/", "127.0.0.1"),
        ("http://[::1]/", "::1"),
        ("https://intranet.example/", "10.1.2.3"),
        ("https://router.example/", "192.168.0.1"),
        ("http://metadata.example/", "169.254.169.254"),
        ("http://mapped.example/", "::ffff:127.0.0.1"),
        ("http://zero.example/", "0.0.0.0"),
    ],
)
def test_private_addresses_are_refused_in_production(url, resolved, settings):
    settings.DEBUG = False
    settings.WEBHOOK_ALLOW_PRIVATE = False
    import socket

    def resolve(host, port, type=0):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (resolved, port))]

    with pytest.raises(addresses.AddressRefused):
        addresses.check(url, resolve=resolve)
    # a public address passes; in DEBUG or with WEBHOOK_ALLOW_PRIVATE the private one does too
    addresses.check("https://crm.example/", resolve=lambda h, p, type=0: [(2, 1, 6, "", ("93.184.216.34", p))])
    settings.WEBHOOK_ALLOW_PRIVATE = True
    addresses.check(url, resolve=resolve)


def test_a_private_address_is_refused_again_at_sending_time(
    receiver, subscribe, project, settings, django_capture_on_commit_callbacks
):
    subscribe(receiver.url)
    settings.WEBHOOK_ALLOW_PRIVATE = False
    settings.DEBUG = False
    with django_capture_on_commit_callbacks(execute=True):
        inquire(project)
    assert services.deliver_due() == {"delivered": 0, "failed": 1}
    assert receiver.requests == []
    assert "Private" in WebhookDelivery.objects.get().last_error or "Private" in str(
        WebhookDelivery.objects.get().last_error
    )


def test_a_claim_of_a_dead_worker_expires_and_is_sent_again_with_the_same_id(
    receiver, subscribe, project, django_capture_on_commit_callbacks
):
    subscribe(receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        inquire(project)
    now = timezone.now()
    claimed = services.claim_next(now)  # a worker claims it ... and dies
    assert claimed.status == Status.SENDING
    assert services.deliver_due(now=now + timedelta(seconds=30)) == {"delivered": 0, "failed": 0}
    assert services.deliver_due(now=now + timedelta(seconds=61)) == {"delivered": 1, "failed": 0}
    assert receiver.successes() == {claimed.message_id: 1}
    # the dead worker's late outcome does not overwrite the row another worker settled
    services.attempt(claimed, now)
    assert WebhookDelivery.objects.get().attempts == 1


def test_the_worker_task_delivers_at_once(receiver, subscribe, project, settings, django_capture_on_commit_callbacks):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default", "mail"]}
    }
    subscribe(receiver.url, kinds=[happenings.INQUIRY_CREATED])
    with django_capture_on_commit_callbacks(execute=True):
        inquire(project)
    assert WebhookDelivery.objects.get().status == Status.SUCCEEDED
    assert len(receiver.requests) == 1


def test_subscriptions_to_other_kinds_get_nothing(subscribe, project, django_capture_on_commit_callbacks):
    subscribe("http://127.0.0.1:9/", kinds=[happenings.MAILING_SENT])
    with django_capture_on_commit_callbacks(execute=True):
        inquire(project)
    assert WebhookDelivery.objects.count() == 0
    assert Subscription.objects.get().secret.startswith("whsec_")


def test_erasure_empties_bodies_naming_the_person_and_old_log_entries_go(
    subscribe, project, lead, django_capture_on_commit_callbacks
):
    from inklusio.privacy.erasure import erase_person

    subscribe("http://127.0.0.1:9/", personal=True)
    person = Person.objects.create(first_name="Gerda", last_name="Gast", email="gerda@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        inquire(project, person=person)
        inquire(project, topic="ohne Person")
    assert WebhookDelivery.objects.filter(body__contains="gerda@example.org").count() == 1
    erase_person(person, actor=lead, reason="Antrag nach Art. 17")
    erased = WebhookDelivery.objects.get(body=services.ERASED_BODY)
    assert erased.status == Status.FAILED  # never sent now
    assert not WebhookDelivery.objects.filter(body__contains="Gerda").exists()

    WebhookDelivery.objects.update(created=timezone.now() - timedelta(days=31))
    assert services.prune_log() == 1  # the given-up one; the one still waiting stays
    assert WebhookDelivery.objects.get().status == Status.PENDING


def test_no_webhook_costs_no_query_and_a_new_one_counts_at_once(receiver, subscribe, project):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ids = {"inquiry_id": 1, "person_id": None}
    services._forget_no_subscriptions()
    assert services.record_happening(happenings.INQUIRY_CREATED, ids) == 0  # looks once
    with CaptureQueriesContext(connection) as looked:
        assert services.record_happening(happenings.INQUIRY_CREATED, ids) == 0
    assert len(looked) == 0  # remembered: nothing switched on
    subscribe(receiver.url, kinds=[happenings.INQUIRY_CREATED])  # saved in this process: forgotten at once
    assert services.record_happening(happenings.INQUIRY_CREATED, ids) == 1
    assert WebhookDelivery.objects.count() == 1

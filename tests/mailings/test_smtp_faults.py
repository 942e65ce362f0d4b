"""The sender against a real SMTP server on loopback that misbehaves on cue (tests/mailings/faulty_smtp.py).

Every test checks the delivery invariant: every subscriber gets the mailing, nobody twice, except a message that
was in flight when the connection broke; that one is recorded as uncertain.
"""

import time

import pytest
from django.db import connection as db_connection

from inklusio.mailings import sending, services
from inklusio.mailings.models import Delivery, Mailing, Sender, Subscriber

from .factories import mailing, subscriber
from .faulty_smtp import FaultySmtp

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def faulty(settings):
    server = FaultySmtp()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = server.host, server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.MAILINGS_SMTP_TIMEOUT = 0.5
    settings.MAILINGS_RETRY_BASE_SECONDS = 0.02
    settings.MAILINGS_RETRY_WAIT_SECONDS = 2
    settings.MAILINGS_MAX_ATTEMPTS = 5
    try:
        yield server
    finally:
        server.stop()
        server.close_silent()


def _subscribers(n):
    return [subscriber(f"s{i}@example.org") for i in range(n)]


def _sending(n):
    """A mailing in "sending" with its deliveries, not yet handed to a sender."""
    subs = _subscribers(n)
    m = mailing(status=Mailing.Status.SENDING)
    for sub in subs:
        Delivery.objects.create(mailing=m, subscriber=sub)
    return m


def _assert_invariant(server, expected: set[str]):
    """Everyone once; only an uncertain delivery may have arrived twice."""
    received = server.received()
    assert set(received) == expected
    uncertain = set(Delivery.objects.filter(uncertain=True).values_list("subscriber__email", flat=True))
    assert all(count == 1 or address in uncertain for address, count in received.items()), received
    assert max(received.values()) <= 2
    assert not Delivery.objects.filter(status__in=Delivery.OPEN).exists()
    assert not Sender.objects.exists()


def _everyone(n):
    return {f"s{i}@example.org" for i in range(n)}


@pytest.fixture
def slow_retries(settings):
    """Retries due only in 30 s (the sender does not come back to them), the sender's own pause short."""
    settings.MAILINGS_RETRY_BASE_SECONDS = 30
    settings.MAILINGS_RETRY_WAIT_SECONDS = 0.1


def test_refused_connections_are_retried_without_counting_attempts_then_delivered_once(faulty, slow_retries):
    m = _sending(3)
    faulty.stop()  # the port is closed
    result = sending.run_sender(m.pk, wait_for_retries=False)
    assert result.retried == 3 and result.sent == 0
    rows = list(Delivery.objects.all())
    assert {d.status for d in rows} == {"retry"} and {d.attempts for d in rows} == {0}
    assert all("Refused" in d.last_error or "refused" in d.last_error for d in rows)
    assert not any(d.uncertain for d in rows)  # nothing was handed over
    m.refresh_from_db()
    assert m.status == "sending" and m.failures_in_row == 3
    faulty.start()
    Delivery.objects.update(next_attempt_at=None)  # due now
    sending.run_sender(m.pk)
    m.refresh_from_db()
    assert m.status == "sent" and m.failures_in_row == 0 and m.failing_since is None
    _assert_invariant(faulty, _everyone(3))
    assert not Delivery.objects.filter(uncertain=True).exists()


def test_a_server_down_for_long_stops_the_mailing_with_its_reason_and_resume_delivers_everyone_once(
    faulty, settings, client, staff
):
    settings.MAILINGS_STOP_AFTER_FAILURES = 4
    _subscribers(3)
    m = mailing()
    faulty.stop()
    services.start_sending(m)  # the sender (immediate task backend) keeps failing, then the breaker stops it
    m.refresh_from_db()
    assert m.status == "stopped" and m.stopped_at
    assert "4 temporary failures in a row" in m.stop_reason and "efused" in m.stop_reason
    assert not Delivery.objects.filter(status__in=["failed", "bounced", "sent"]).exists()  # nobody lost
    assert not Sender.objects.exists()
    client.force_login(staff)
    page = client.get(f"/staff/infoletter/{m.pk}/")
    assert page.status_code == 200 and m.stop_reason.encode() in page.content
    assert services.start_due_and_resume_mailings()["resumed"] == []  # a stopped mailing is not resumed by itself
    faulty.start()
    assert client.get(f"/staff/infoletter/{m.pk}/resume/").status_code == 200  # the confirmation page
    assert client.post(f"/staff/infoletter/{m.pk}/resume/").status_code == 302
    m.refresh_from_db()
    assert m.status == "sent" and m.stop_reason == ""
    _assert_invariant(faulty, _everyone(3))


def test_the_time_limit_stops_a_failing_mailing_too(faulty, settings):
    settings.MAILINGS_STOP_AFTER_FAILURES = 1000
    settings.MAILINGS_STOP_AFTER_SECONDS = 0
    m = _sending(2)
    faulty.stop()
    result = sending.run_sender(m.pk)
    m.refresh_from_db()
    assert m.status == "stopped" and result.stopped
    assert sorted(Delivery.objects.values_list("status", flat=True)) == ["queued", "retry"]


def test_a_server_that_never_answers_times_out_and_is_retried(faulty, slow_retries):
    m = _sending(2)
    faulty.silent()  # accepts the connection, never greets
    started = time.monotonic()
    result = sending.run_sender(m.pk, wait_for_retries=False)
    assert time.monotonic() - started < 5  # the timeout setting holds: no sender hangs
    assert result.retried == 2
    assert {d.status for d in Delivery.objects.all()} == {"retry"}
    assert not Delivery.objects.filter(uncertain=True).exists()
    faulty.start()
    Delivery.objects.update(next_attempt_at=None)
    sending.run_sender(m.pk)
    _assert_invariant(faulty, _everyone(2))


def test_4xx_for_a_while_is_retried_with_back_off_and_everyone_gets_it_once(faulty):
    faulty.faults.temporary_first = 4
    _subscribers(3)
    m = mailing()
    services.start_sending(m)
    m.refresh_from_db()
    assert m.status == "sent"
    _assert_invariant(faulty, _everyone(3))
    assert not Delivery.objects.filter(uncertain=True).exists()
    assert Delivery.objects.get(subscriber__email="s0@example.org").attempts == 3  # 451, 451, sent
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}


def test_5xx_for_one_address_fails_that_one_permanently_with_its_reason(faulty):
    faulty.faults.reject = {"s1@example.org": "550 5.1.1 <s1@example.org>: no such user"}
    faulty.faults.data_reply = {"s2@example.org": "554 5.7.1 message refused"}
    _subscribers(4)
    m = mailing()
    services.start_sending(m)
    bounced = Delivery.objects.get(subscriber__email="s1@example.org")
    assert bounced.status == "bounced" and "550 5.1.1" in bounced.last_error and bounced.attempts == 1
    assert Subscriber.objects.get(email="s1@example.org").status == "bounced"
    refused = Delivery.objects.get(subscriber__email="s2@example.org")
    assert refused.status == "failed" and "554 5.7.1 message refused" in refused.last_error
    assert Subscriber.objects.get(email="s2@example.org").status == "confirmed"  # the message, not the address
    assert faulty.received() == {"s0@example.org": 1, "s3@example.org": 1}
    m.refresh_from_db()
    assert m.status == "sent"


def test_connection_dropped_mid_data_is_resent_and_recorded_uncertain(faulty):
    faulty.faults.drop_first = 1  # read the first message, then hang up without an answer (and drop it)
    _subscribers(3)
    services.start_sending(mailing())
    _assert_invariant(faulty, _everyone(3))
    assert faulty.received() == dict.fromkeys(_everyone(3), 1)
    first = Delivery.objects.get(subscriber__email="s0@example.org")
    assert first.uncertain and first.status == "sent" and first.attempts == 2


def test_connection_dropped_after_the_server_took_it_is_the_one_message_that_may_arrive_twice(faulty):
    faulty.faults.drop_first = 1
    faulty.faults.drop_keeps = True
    _subscribers(3)
    services.start_sending(mailing())
    _assert_invariant(faulty, _everyone(3))
    assert faulty.received()["s0@example.org"] == 2
    assert list(Delivery.objects.filter(uncertain=True).values_list("subscriber__email", flat=True)) == [
        "s0@example.org"
    ]


def test_a_timeout_while_waiting_for_the_answer_to_data_is_uncertain(faulty):
    faulty.faults.sleep_first = (1, 1.5)  # past the client's 0.5 s timeout
    _subscribers(2)
    services.start_sending(mailing())
    deadline = time.monotonic() + 5
    while faulty.received().get("s0@example.org", 0) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)  # the slow server still takes the first message after the client gave up
    _assert_invariant(faulty, _everyone(2))
    first = Delivery.objects.get(subscriber__email="s0@example.org")
    assert first.uncertain and first.status == "sent" and first.attempts == 2


def test_without_resending_uncertain_a_dropped_message_stays_uncertain(faulty, settings):
    settings.MAILINGS_RESEND_UNCERTAIN = "0"
    faulty.faults.drop_first = 1
    _subscribers(2)
    m = mailing()
    services.start_sending(m)
    first = Delivery.objects.get(subscriber__email="s0@example.org")
    assert first.status == "uncertain" and first.uncertain
    assert faulty.received() == {"s1@example.org": 1}
    m.refresh_from_db()
    assert m.status == "sent"


def test_a_message_that_cannot_be_built_fails_alone_and_the_mailing_goes_on(faulty):
    subscriber("s0@example.org")
    broken = subscriber("bro\nken@example.org")  # e.g. from an old import; a header cannot hold it
    subscriber("s2@example.org")
    m = mailing()
    services.start_sending(m)
    row = Delivery.objects.get(subscriber=broken)
    assert row.status == "failed" and "cannot be built" in row.last_error and row.attempts == 0
    assert faulty.received() == {"s0@example.org": 1, "s2@example.org": 1}
    m.refresh_from_db()
    assert m.status == "sent"


def _from_the_server(action):
    """Run ``action`` from the SMTP server's thread (another database connection), as staff would meanwhile."""

    def hook(count):
        try:
            action(count)
        finally:
            db_connection.close()

    return hook


def test_pause_takes_effect_between_messages_and_resume_sends_the_rest_once(faulty, client, staff):
    _subscribers(5)
    m = mailing()

    def pause_after_two(count):
        if count == 2:
            services.pause(Mailing.objects.get(pk=m.pk))

    faulty.faults.after_message = _from_the_server(pause_after_two)
    services.start_sending(m)
    m.refresh_from_db()
    assert m.status == "paused"
    assert len(faulty.messages) == 2
    assert Delivery.objects.filter(status="sent").count() == 2  # the one in flight was finished and recorded
    assert Delivery.objects.filter(status="queued").count() == 3
    assert not Sender.objects.exists()
    assert services.start_due_and_resume_mailings()["resumed"] == []  # paused stays paused
    faulty.faults.after_message = None
    client.force_login(staff)
    page = client.get(f"/staff/infoletter/{m.pk}/resume/")
    assert page.status_code == 200 and b"3" in page.content
    assert client.post(f"/staff/infoletter/{m.pk}/resume/").status_code == 302
    m.refresh_from_db()
    assert m.status == "sent"
    _assert_invariant(faulty, _everyone(5))


def test_cancel_mid_send_leaves_the_rest_unsent_and_shown_as_cancelled(faulty, client, staff):
    _subscribers(5)
    m = mailing()

    def cancel_after_two(count):
        if count == 2:
            services.cancel(Mailing.objects.get(pk=m.pk))

    faulty.faults.after_message = _from_the_server(cancel_after_two)
    services.start_sending(m)
    m.refresh_from_db()
    assert m.status == "cancelled" and m.finished_at
    assert faulty.received() == {"s0@example.org": 1, "s1@example.org": 1}
    assert Delivery.objects.filter(status="sent").count() == 2
    assert Delivery.objects.filter(status="cancelled").count() == 3
    assert not Sender.objects.exists()
    services.start_due_and_resume_mailings()
    assert len(faulty.messages) == 2
    client.force_login(staff)
    page = client.get(f"/staff/infoletter/{m.pk}/").content.decode()
    assert "Dieses Mailing wurde abgebrochen" in page and "Abgebrochen (nicht gesendet)" in page


def test_cancel_through_the_confirmation_page(faulty, client, staff):
    m = _sending(3)
    Mailing.objects.filter(pk=m.pk).update(status="paused")
    client.force_login(staff)
    confirm = client.get(f"/staff/infoletter/{m.pk}/cancel/")
    assert confirm.status_code == 200 and b"3" in confirm.content
    assert client.post(f"/staff/infoletter/{m.pk}/cancel/").status_code == 302
    assert set(Delivery.objects.values_list("status", flat=True)) == {"cancelled"}
    # nothing to resume or cancel any more; a mailing in draft cannot be paused
    assert client.post(f"/staff/infoletter/{m.pk}/resume/").status_code == 302
    m.refresh_from_db()
    assert m.status == "cancelled" and not faulty.messages
    draft = mailing(subject="Entwurf")
    client.post(f"/staff/infoletter/{draft.pk}/pause/")
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_test_send_shows_the_servers_refusal_instead_of_a_500(faulty, client, staff):
    m = mailing()
    client.force_login(staff)
    faulty.faults.reject = {staff.email: "550 5.7.1 relaying denied"}
    response = client.post(f"/staff/infoletter/{m.pk}/test/", {"addresses": [staff.email]}, follow=True)
    assert response.status_code == 200
    assert "550 5.7.1 relaying denied" in response.content.decode()
    faulty.stop()
    response = client.post(f"/staff/infoletter/{m.pk}/test/", {"addresses": [staff.email]}, follow=True)
    assert response.status_code == 200 and "efused" in response.content.decode()
    faulty.start()
    faulty.faults.reject = {}
    response = client.post(f"/staff/infoletter/{m.pk}/test/", {"addresses": [staff.email]}, follow=True)
    assert response.status_code == 200 and len(faulty.messages) == 1

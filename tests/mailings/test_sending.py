"""Mailings through the real sending path to a real SMTP server on loopback."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from inklusio.contacts.models import Person, StakeholderType
from inklusio.mailings import sending, services
from inklusio.mailings.models import Delivery, Mailing, Sender, Subscriber

from .factories import mailing, subscriber

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def fast_retries(settings):
    settings.MAILINGS_RETRY_BASE_SECONDS = 0.05
    settings.MAILINGS_RETRY_WAIT_SECONDS = 5
    settings.MAILINGS_MAX_ATTEMPTS = 3


def test_mailing_reaches_every_confirmed_subscriber_once_with_both_parts_and_unsubscribe_headers(smtp_server, settings):
    settings.SITE_URL = "https://inklusio.example"
    for i in range(5):
        subscriber(f"s{i}@example.org", name=f"Name {i}" if i % 2 else "")
    subscriber("pending@example.org", status="pending")
    subscriber("gone@example.org", status="unsubscribed")
    subscriber("bounced@example.org", status="bounced")
    m = mailing(body="# Neues aus dem Projekt\n\n![Gruppenfoto vom Fachtag](https://example.org/foto.jpg)\n\nText.")
    assert services.start_sending(m) == 5
    m.refresh_from_db()
    assert m.status == Mailing.Status.SENT and m.finished_at
    assert sorted(env.rcpt_tos[0] for env in smtp_server.envelopes) == [f"s{i}@example.org" for i in range(5)]
    assert Delivery.objects.filter(mailing=m, status="sent").count() == 5
    message = smtp_server.to("s1@example.org")[0]
    sub = Subscriber.objects.get(email="s1@example.org")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    one_click = re.fullmatch(r"<(https://[^>]+)>", message["List-Unsubscribe"].strip()).group(1)
    assert one_click.startswith("https://inklusio.example/infoletter/abmelden/" + sub.token)
    assert message["Content-Language"] == "de"
    assert message["X-Inklusio-Delivery"].startswith(f"{m.pk}/")
    html = message.get_body(("html",)).get_content()
    text = message.get_body(("plain",)).get_content()
    assert '<html lang="de">' in html
    assert "<h1" in html and "<h2>Neues aus dem Projekt</h2>" in html
    assert 'alt="Gruppenfoto vom Fachtag"' in html
    assert "Name 1" in html and "Name 1" in text
    assert sub.token in text and "Gruppenfoto" in text
    other = smtp_server.to("s2@example.org")[0]
    assert Subscriber.objects.get(email="s2@example.org").token in other["List-Unsubscribe"]
    assert sub.token not in other.as_string()
    # the link in the mail works, and the one-click POST from the header unsubscribes
    unsubscribe_link = re.search(r"https://inklusio.example(/infoletter/abmelden/\S+)", text).group(1)
    client = Client()
    assert client.get(unsubscribe_link).status_code == 200
    path = one_click.removeprefix("https://inklusio.example")
    assert client.post(path, {"List-Unsubscribe": "One-Click"}).status_code == 200
    sub.refresh_from_db()
    assert sub.status == "unsubscribed" and sub.unsubscribed_via == m
    # a later mailing does not go to the unsubscribed address
    smtp_server.clear()
    services.start_sending(mailing(subject="Zweiter"))
    assert "s1@example.org" not in [env.rcpt_tos[0] for env in smtp_server.envelopes]
    assert len(smtp_server.messages) == 4


def test_markdown_is_sanitised_and_images_need_alt_text(smtp_server):
    subscriber("a@example.org")
    m = mailing(body="Hallo <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>")
    services.start_sending(m)
    html = smtp_server.messages[0].get_body(("html",)).get_content()
    assert "<script" not in html and 'href="javascript' not in html and "<img src=x" not in html
    bad = mailing(subject="Ohne Alt", body="![](https://example.org/bild.png)")
    with pytest.raises(services.MailingError):
        services.start_sending(bad)
    from inklusio.mailings.forms import MailingForm

    form = MailingForm({"subject": "x", "language": "de", "body": "![](https://example.org/b.png)", "in_archive": "on"})
    assert not form.is_valid() and "body" in form.errors


def test_segment_by_topic_region_and_stakeholder_type():
    company = StakeholderType.objects.get(code="inclusion_company")
    person = Person.objects.create(last_name="Nord", email="nrw@example.org", region="DE-NW")
    subscriber("t@example.org", topics=["ausbildung"])
    subscriber("n@example.org", topics=["netzwerke"], region="DE-NI", stakeholder_type=company)
    subscriber("nrw@example.org", person=person)
    assert services.segment().count() == 3
    assert list(
        services.segment(topics=services.Topic.objects.filter(code="ausbildung")).values_list("email", flat=True)
    ) == ["t@example.org"]
    assert set(services.segment(regions=["DE-NW", "DE-NI"]).values_list("email", flat=True)) == {
        "n@example.org",
        "nrw@example.org",
    }
    assert list(services.segment(stakeholder_types=[company]).values_list("email", flat=True)) == ["n@example.org"]


def test_temporary_failures_are_retried_with_back_off_then_sent(smtp_server, fast_retries):
    subscriber("a@example.org")
    m = mailing()
    smtp_server.fail_with = "451 4.7.1 try again later"
    m.status = Mailing.Status.SENDING
    m.save()
    services.Delivery.objects.create(mailing=m, subscriber=Subscriber.objects.get())
    result = sending.run_sender(m.pk, wait_for_retries=False)
    assert result.retried == 1
    delivery = Delivery.objects.get()
    assert (
        delivery.status == "retry"
        and delivery.attempts == 1
        and delivery.next_attempt_at > timezone.now() - timedelta(seconds=1)
    )
    assert "451" in delivery.last_error
    smtp_server.fail_with = None
    sending.run_sender(m.pk)  # waits for the back-off, then sends
    delivery.refresh_from_db()
    assert delivery.status == "sent" and delivery.attempts == 2
    m.refresh_from_db()
    assert m.status == "sent"
    assert len(smtp_server.messages) == 1


def test_temporary_failures_give_up_after_max_attempts(smtp_server, fast_retries):
    subscriber("a@example.org")
    smtp_server.fail_with = "450 mailbox busy"
    m = mailing()
    services.start_sending(m)
    delivery = Delivery.objects.get()
    assert delivery.status == "failed" and delivery.attempts == 3
    assert Subscriber.objects.get().status == "confirmed"  # a temporary failure does not suppress
    m.refresh_from_db()
    assert m.status == "sent"


def test_permanent_failure_bounces_and_suppresses(smtp_server):
    subscriber("a@example.org")
    subscriber("b@example.org")
    smtp_server.fail_with = "550 5.1.1 no such user"
    services.start_sending(mailing())
    assert set(Delivery.objects.values_list("status", flat=True)) == {"bounced"}
    assert set(Subscriber.objects.values_list("status", flat=True)) == {"bounced"}
    assert "550" in Subscriber.objects.first().bounce_reason
    smtp_server.fail_with = None
    assert services.start_sending(mailing(subject="Next")) == 0


def test_a_dead_senders_rows_are_settled_claimed_requeued_in_flight_uncertain(smtp_server, settings):
    subs = [subscriber(f"d{i}@example.org") for i in range(4)]
    m = mailing()
    m.status = Mailing.Status.SENDING
    m.save()
    now = timezone.now()
    dead = Sender.objects.create(
        name="host:999999:dead", host=sending.HOST, pid=999999, mailing=m, started_at=now, heartbeat_at=now
    )
    Delivery.objects.create(mailing=m, subscriber=subs[0], status="sent", worker=dead.name)
    Delivery.objects.create(mailing=m, subscriber=subs[1], status="sending", worker=dead.name)
    Delivery.objects.create(mailing=m, subscriber=subs[2], status="claimed", worker=dead.name)
    Delivery.objects.create(mailing=m, subscriber=subs[3], status="queued")
    assert services.start_due_and_resume_mailings()["resumed"] == [m.pk]
    by_email = {d.subscriber.email: d for d in Delivery.objects.select_related("subscriber")}
    assert by_email["d1@example.org"].uncertain is True
    assert all(d.status == "sent" for d in by_email.values())
    assert sorted(env.rcpt_tos[0] for env in smtp_server.envelopes) == [
        "d1@example.org",
        "d2@example.org",
        "d3@example.org",
    ]
    assert not Sender.objects.exists()
    assert services.progress(m)["uncertain"] == 1


def test_without_resending_uncertain_rows_stay_uncertain(smtp_server, settings):
    settings.MAILINGS_RESEND_UNCERTAIN = "0"
    subs = [subscriber(f"d{i}@example.org") for i in range(2)]
    m = mailing(status=Mailing.Status.SENDING)
    now = timezone.now()
    Sender.objects.create(
        name="gone", host="other-host", pid=1, mailing=m, started_at=now, heartbeat_at=now - timedelta(hours=1)
    )
    Delivery.objects.create(mailing=m, subscriber=subs[0], status="sending", worker="gone")
    Delivery.objects.create(mailing=m, subscriber=subs[1], status="queued")
    services.start_due_and_resume_mailings()
    assert Delivery.objects.get(subscriber=subs[0]).status == "uncertain"
    assert [env.rcpt_tos[0] for env in smtp_server.envelopes] == ["d1@example.org"]
    m.refresh_from_db()
    assert m.status == "sent"


def test_a_live_sender_on_another_host_is_left_alone():
    sub = subscriber("x@example.org")
    m = mailing(status=Mailing.Status.SENDING)
    now = timezone.now()
    Sender.objects.create(name="alive", host="other-host", pid=1, mailing=m, started_at=now, heartbeat_at=now)
    Delivery.objects.create(mailing=m, subscriber=sub, status="sending", worker="alive")
    assert services.start_due_and_resume_mailings() == {"started": [], "resumed": []}
    assert Delivery.objects.get().status == "sending"


def test_scheduled_mailing_is_started_by_dispatch_when_due(smtp_server):
    subscriber("a@example.org")
    m = mailing()
    services.schedule(m, timezone.now() + timedelta(hours=1))
    assert services.start_due_and_resume_mailings()["started"] == []
    services.start_due_and_resume_mailings(now=timezone.now() + timedelta(hours=2))
    m.refresh_from_db()
    assert m.status == "sent" and len(smtp_server.messages) == 1
    with pytest.raises(services.MailingError):
        services.start_sending(m)


def test_test_send_goes_to_staff_only_and_creates_no_deliveries(smtp_server, staff):
    subscriber("a@example.org")
    m = mailing()
    assert services.send_test(m, [staff.email], actor=staff) == 1
    assert smtp_server.messages[0]["Subject"].startswith("[TEST]")
    assert [env.rcpt_tos for env in smtp_server.envelopes] == [[staff.email]]
    assert not Delivery.objects.exists()
    m.refresh_from_db()
    assert m.status == "draft"


def test_throttle_limits_messages_per_second(smtp_server, settings):
    import time

    settings.MAILINGS_MESSAGES_PER_SECOND = 20
    for i in range(11):
        subscriber(f"t{i}@example.org")
    started = time.monotonic()
    services.start_sending(mailing())
    assert time.monotonic() - started >= 0.5  # 11 messages at 20/s need at least 10 intervals
    assert len(smtp_server.messages) == 11


def test_unsubscribing_during_a_send_skips_the_rest():
    sub = subscriber("a@example.org")
    m = mailing(status=Mailing.Status.SENDING)
    Delivery.objects.create(mailing=m, subscriber=sub)
    services.unsubscribe(sub, mailing_id=m.pk)
    assert Delivery.objects.get().status == "skipped"


def test_staff_pages_send_and_show_progress(client, staff, smtp_server):
    subscriber("a@example.org")
    client.force_login(staff)
    response = client.post(
        "/staff/infoletter/new/",
        {"subject": "Infoletter 3", "language": "de", "body": "Hallo", "in_archive": "on"},
    )
    m = Mailing.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/staff/infoletter/{m.pk}/"
    page = client.get(f"/staff/infoletter/{m.pk}/")
    assert page.status_code == 200 and b"srcdoc" in page.content
    count = client.post("/staff/infoletter/segment/", {}, headers={"HX-Request": "true"})
    assert b"1 Empf" in count.content or b"1 recipient" in count.content
    confirmation = client.get(f"/staff/infoletter/{m.pk}/send/")  # the confirmation names the count, sends nothing
    assert "An 1 Abonnentin oder Abonnenten senden?" in confirmation.content.decode()
    assert Mailing.objects.get(pk=m.pk).status == "draft"
    assert client.post(f"/staff/infoletter/{m.pk}/send/", {"confirm_count": "1"}).status_code == 302
    progress = client.get(f"/staff/infoletter/{m.pk}/progress/")
    assert progress.status_code == 200
    m.refresh_from_db()
    assert m.status == "sent"
    # the archive shows the web version publicly
    public = Client()
    assert b"Infoletter 3" in public.get("/infoletter/archiv/").content
    assert public.get(f"/infoletter/archiv/{m.pk}/").status_code == 200
    draft = mailing(subject="Entwurf")
    assert public.get(f"/infoletter/archiv/{draft.pk}/").status_code == 404


def test_read_only_users_cannot_send(client, make_user):
    reviewer = make_user("read_only")
    m = mailing()
    client.force_login(reviewer)
    assert client.get(f"/staff/infoletter/{m.pk}/").status_code == 200
    assert client.post(f"/staff/infoletter/{m.pk}/send/").status_code in (302, 403)
    m.refresh_from_db()
    assert m.status == "draft"

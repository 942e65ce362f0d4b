"""Emails as a real SMTP server on loopback receives them: headers, .ics, links that work."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone, translation
from icalendar import Calendar

from inklusio.events import services, tasks
from inklusio.events.models import Registration

from .conftest import check_in_today, end_event, pdf_text

pytestmark = pytest.mark.django_db

FORM = {
    "first_name": "Ayşe",
    "last_name": "Yılmaz",
    "email": "ayse@example.org",
    "organisation": "Brückenwerk gGmbH",
    "privacy_consent": "on",
}


def _links(message) -> list[str]:
    body = message.get_body(preferencelist=("plain",)).get_content()
    return re.findall(r"https?://\S+", body)


def _path(link: str) -> str:
    assert link.startswith(settings.SITE_URL)
    return link[len(settings.SITE_URL) :]


def test_confirmation_mail_with_ics_and_working_link(client, event, smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/events/{event.slug}/register/", FORM)
    assert response.status_code == 302
    assert len(smtp_server.messages) == 1
    message = smtp_server.messages[0]
    assert message["To"] == "ayse@example.org"
    assert message["From"] == settings.DEFAULT_FROM_EMAIL
    assert "Anmeldung bestätigt" in message["Subject"]
    assert event.title in message["Subject"]
    attachments = list(message.iter_attachments())
    assert [a.get_content_type() for a in attachments] == ["text/calendar"]
    calendar = Calendar.from_ical(attachments[0].get_content())
    vevent = calendar.walk("VEVENT")[0]
    assert str(vevent["SUMMARY"]) == event.title
    assert vevent.decoded("DTSTART") == event.starts_at
    assert "Frankfurt" in str(vevent["LOCATION"])
    personal = [link for link in _links(message) if "/events/r/" in link]
    assert len(personal) == 1
    page = client.get(_path(personal[0]))
    assert page.status_code == 200
    assert "Yılmaz" in page.content.decode()
    assert "Bestätigt" in page.content.decode() or "bestätigt" in page.content.decode()


def test_waitlist_then_promotion_mail(client, make_event, smtp_server, reg_data, django_capture_on_commit_callbacks):
    event = make_event(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        first, _ = services.register(event.pk, reg_data(1))
        second, _ = services.register(event.pk, reg_data(2))
    waitlisted = smtp_server.to("person2@example.org")
    assert len(waitlisted) == 1
    assert "Warteliste" in waitlisted[0]["Subject"]
    assert not list(waitlisted[0].iter_attachments())  # no invitation without a seat
    personal = _path([link for link in _links(waitlisted[0]) if "/events/r/" in link][0])
    assert "Nummer 1 auf der Warteliste" in client.get(personal).content.decode()
    smtp_server.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/events/r/{first.token}/cancel/")
    promoted = smtp_server.to("person2@example.org")
    assert len(promoted) == 1
    assert "Platz" in promoted[0]["Subject"]
    calendar = Calendar.from_ical(next(promoted[0].iter_attachments()).get_content())
    assert calendar.walk("VEVENT")
    assert "https://meet" not in client.get(personal).content.decode()
    assert Registration.objects.get(pk=second.pk).status == "confirmed"


def test_reminder_mail_carries_join_links_only_to_confirmed(
    client, online_event, smtp_server, reg_data, django_capture_on_commit_callbacks
):
    confirmed, _ = services.register(online_event.pk, reg_data(1, language="en"))
    cancelled, _ = services.register(online_event.pk, reg_data(2))
    services.cancel(cancelled.pk)
    smtp_server.clear()
    assert tasks.send_reminders.call() == 1
    assert tasks.send_reminders.call() == 0  # once only
    assert len(smtp_server.messages) == 1
    message = smtp_server.messages[0]
    assert message["To"] == "person1@example.org"
    assert message["Subject"].startswith("Reminder")  # in the registrant's language
    links = _links(message)
    confirmed.refresh_from_db()
    item = online_event.programme.get()
    with translation.override("en"):
        assert confirmed.join_link() in links and confirmed.join_link(item) in links  # the personal join links...
    assert "geheim" not in message.as_string()  # ...never the rooms' addresses
    page = client.get(_path([link for link in links if "/events/r/" in link][0]))
    assert confirmed.join_url() in page.content.decode() and "geheim" not in page.content.decode()


def test_reminder_waits_until_the_window(make_event, smtp_server, reg_data, settings):
    from inklusio.events.models import Event

    start = timezone.now() + timedelta(days=3)
    event = make_event(
        kind=Event.Kind.ONLINE_CONGRESS, room_url="https://meet.example.org/x", starts_at=start, ends_at=start
    )
    services.register(event.pk, reg_data(1))
    smtp_server.clear()
    assert tasks.send_reminders.call() == 0
    settings.EVENTS_REMINDER_HOURS = 80
    assert tasks.send_reminders.call() == 1


def test_feedback_invitation_and_anonymous_answer(client, event, smtp_server, reg_data):
    from inklusio.events.models import Event, FeedbackResponse

    registration, _ = services.register(event.pk, reg_data(1))
    absent, _ = services.register(event.pk, reg_data(2))
    check_in_today(registration)
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - timedelta(hours=10), ends_at=timezone.now() - timedelta(hours=3)
    )
    smtp_server.clear()
    assert tasks.send_feedback_invitations.call() == 1
    assert tasks.send_feedback_invitations.call() == 0
    message = smtp_server.messages[0]
    assert message["To"] == "person1@example.org"
    link = [link for link in _links(message) if "/feedback/" in link][0]
    page = client.get(_path(link))
    assert page.status_code == 200
    response = client.post(_path(link), {"overall": "5", "content": "4", "accessibility": "5", "comment": "Toll"})
    assert response.status_code == 302
    assert FeedbackResponse.objects.get().comment == "Toll"
    again = client.post(_path(link), {"overall": "1", "content": "1", "accessibility": "1"})
    assert "bereits" in again.content.decode()
    assert FeedbackResponse.objects.count() == 1


def test_certificate_mail_has_tagged_pdf(event, smtp_server, reg_data):
    registration, _ = services.register(event.pk, reg_data(1))
    smtp_server.clear()
    assert tasks.send_certificate.call(registration.pk) is False  # not attended
    check_in_today(registration)
    assert tasks.send_certificate.call(registration.pk) is False  # the event has not ended yet
    end_event(event)
    assert tasks.send_certificate.call(registration.pk) is True
    pdf = next(smtp_server.messages[0].iter_attachments())
    assert pdf.get_content_type() == "application/pdf"
    data = pdf.get_content()
    assert data.startswith(b"%PDF")
    content = pdf_text(data)
    assert b"pdfuaid" in content  # PDF/UA identification in the XMP metadata
    assert b"/StructTreeRoot" in content  # tagged
    assert b"/Lang (de)" in content


def test_smtp_failure_surfaces_in_task(event, smtp_server, reg_data):
    """A refused recipient raises in the worker's task (so it is retried/logged), not in the request."""
    import smtplib

    registration, _ = services.register(event.pk, reg_data(1))
    smtp_server.fail_with = "550 no such user"
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        tasks.send_registration_mail.call(registration.pk)


def test_cancelling_an_event_tells_everyone_registered(
    client, staff, make_event, smtp_server, reg_data, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    services.register(event.pk, reg_data(1))
    services.register(event.pk, reg_data(2))  # waitlisted
    gone, _ = services.register(event.pk, reg_data(3))
    services.cancel(gone.pk)
    smtp_server.clear()
    event.cancelled = True
    with django_capture_on_commit_callbacks(execute=True):
        services.save_event(event)
    assert sorted(m["To"] for m in smtp_server.messages) == ["person1@example.org", "person2@example.org"]
    message = smtp_server.messages[0]
    assert message["Subject"].startswith("Abgesagt")
    vevent = Calendar.from_ical(next(message.iter_attachments()).get_content()).walk("VEVENT")[0]
    assert str(vevent["STATUS"]) == "CANCELLED" and str(vevent["UID"]) == f"event-{event.pk}@inklusio"
    smtp_server.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.save_event(event)  # saving again sends nothing
    assert smtp_server.messages == []

"""Mails about a registration made in Leichte Sprache are in Leichte Sprache, as a real SMTP server on loopback
receives them: the confirmation, the waiting list, the promotion, the cancel confirmation and the repeat
registration; their links lead to the Leichte Sprache pages and work. A standard registration keeps its mails."""

import re

import pytest
from django.conf import settings

from inklusio.events import services, tasks
from inklusio.events.models import Registration

pytestmark = pytest.mark.django_db

FORM = {"first_name": "Lena", "last_name": "Kaya", "email": "lena@example.org", "privacy_consent": "on"}


def _body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def _path(body: str, part: str) -> str:
    [link] = [link for link in re.findall(r"https?://\S+", body) if part in link]
    assert link.startswith(settings.SITE_URL)
    return link[len(settings.SITE_URL) :]


def _register(client, event, capture, form=FORM, prefix=""):
    with capture(execute=True):
        response = client.post(f"{prefix}/leichte-sprache/events/{event.slug}/anmelden/", form)
    assert response.status_code == 302, response.context["form"].errors
    return Registration.objects.get(person__email=form["email"].lower())


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_confirmation_in_leichte_sprache_with_a_working_easy_link(
    client, event, smtp_server, django_capture_on_commit_callbacks, prefix
):
    registration = _register(client, event, django_capture_on_commit_callbacks, prefix=prefix)
    [message] = smtp_server.to("lena@example.org")
    assert " ".join(message["Subject"].split()) == f"Sie sind angemeldet: {event.title}"
    body = _body(message)
    assert "Sie haben einen Platz." in body and "Bitte geben Sie den Link nicht weiter." in body
    assert "Registration" not in body and "Anmeldung bestätigt" not in body
    assert [a.get_content_type() for a in message.iter_attachments()] == ["text/calendar"]
    path = _path(body, "/r/")
    assert path == f"/leichte-sprache/events/r/{registration.token}/"  # German prefix: Leichte Sprache is German
    page = client.get(path).content.decode()
    assert "Sie sind angemeldet." in page and "Kaya" in page


def test_waitlist_promotion_and_cancel_confirmation_in_leichte_sprache(
    client, make_event, smtp_server, reg_data, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        first, _ = services.register(event.pk, reg_data(1))
    waiting = _register(client, event, django_capture_on_commit_callbacks)
    [waitlisted] = smtp_server.to("lena@example.org")
    assert " ".join(waitlisted["Subject"].split()) == f"Sie sind auf der Warte-Liste: {event.title}"
    assert "Warte-Liste heißt: Sie warten auf einen Platz." in _body(waitlisted)
    assert not list(waitlisted.iter_attachments())

    smtp_server.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/events/r/{first.token}/cancel/")  # the first (standard) person cancels
    [standard_notice] = smtp_server.to("person1@example.org")
    assert "Abmeldung" in standard_notice["Subject"]  # a standard registration keeps its standard mails
    [promoted] = smtp_server.to("lena@example.org")
    assert " ".join(promoted["Subject"].split()) == f"Sie haben jetzt einen Platz: {event.title}"
    assert "Jetzt ist ein Platz für Sie frei." in _body(promoted)
    assert _path(_body(promoted), "/r/") == waiting.get_easy_personal_url()

    smtp_server.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/leichte-sprache/events/r/{waiting.token}/absagen/")
    assert response.status_code == 302
    [notice] = smtp_server.to("lena@example.org")
    assert " ".join(notice["Subject"].split()) == f"Sie haben abgesagt: {event.title}"
    body = _body(notice)
    assert "Sie sind jetzt nicht mehr angemeldet." in body
    assert _path(body, "/events/") == f"/leichte-sprache/events/{event.slug}/"


def test_cancelling_on_the_standard_page_keeps_the_readers_choice(
    client, event, smtp_server, django_capture_on_commit_callbacks
):
    registration = _register(client, event, django_capture_on_commit_callbacks)
    smtp_server.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/events/r/{registration.token}/cancel/")
    [notice] = smtp_server.to("lena@example.org")
    assert " ".join(notice["Subject"].split()) == f"Sie haben abgesagt: {event.title}"


def test_repeat_registration_mails_the_easy_link_again(client, event, smtp_server, django_capture_on_commit_callbacks):
    registration = _register(client, event, django_capture_on_commit_callbacks)
    smtp_server.clear()
    _register(client, event, django_capture_on_commit_callbacks, form={**FORM, "email": "LENA@example.org"})
    [message] = smtp_server.to("lena@example.org")
    assert " ".join(message["Subject"].split()) == f"Ihre Anmeldung: {event.title}"
    body = _body(message)
    assert "Darum haben wir nichts geändert." in body
    assert _path(body, "/r/") == registration.get_easy_personal_url()


def test_support_booking_and_event_cancellation_in_leichte_sprache(
    event, smtp_server, reg_data, django_capture_on_commit_callbacks
):
    from inklusio.events import bookings
    from inklusio.events.models import Event, SupportBooking

    registration, _ = services.register(
        event.pk, reg_data(1, easy_language=True, support_needs={"sign_language": ""}, support_consent=True)
    )
    with django_capture_on_commit_callbacks(execute=True):
        bookings.save_booking(
            SupportBooking(event=event, kind="sign_language"),
            bookings.BookingData(provider="Dolmetschdienst Nord", status="booked", registration_ids=[registration.pk]),
        )
    [booked] = smtp_server.to("person1@example.org")
    assert " ".join(booked["Subject"].split()) == f"Ihre Hilfe ist bestellt: {event.title}"
    body = _body(booked)
    assert "Eine Person übersetzt alles in Gebärden-Sprache." in body
    assert "Nord" not in body  # no provider, as in the standard mail
    assert _path(body, "/r/") == registration.get_easy_personal_url()

    smtp_server.clear()
    Event.objects.filter(pk=event.pk).update(cancelled=True)
    assert tasks.send_cancellation_notices.call(event.pk) == 1
    [cancelled] = smtp_server.to("person1@example.org")
    assert " ".join(cancelled["Subject"].split()) == f"Die Veranstaltung fällt aus: {event.title}"
    assert "Ihre Anmeldung gilt nicht mehr." in _body(cancelled)

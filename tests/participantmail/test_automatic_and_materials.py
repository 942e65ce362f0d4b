"""Automatic messages (reminder, after the event), one reminder per registration with the online reminder,
materials through the checked uploads and who may download them, erasure."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from inklusio.events import tasks as event_tasks
from inklusio.events.models import Event, Registration
from inklusio.participantmail import services
from inklusio.participantmail.models import Material, Message, MessageDelivery
from inklusio.privacy.erasure import erase_person

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def reminder(event, days=3):
    subject, body = services.default_text(Message.Kind.REMINDER, "de")
    return services.set_automatic(event, kind=Message.Kind.REMINDER, days=days, subject=subject, body=body)


def test_reminder_starts_when_due_and_follows_a_moved_event(world, smtp_server, django_capture_on_commit_callbacks):
    message = reminder(world.event, days=3)  # the event is in 10 days
    assert services.start_due_and_resume()["started"] == []
    Event.objects.filter(pk=world.event.pk).update(
        starts_at=timezone.now() + timedelta(days=2), ends_at=timezone.now() + timedelta(days=2, hours=7)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.start_due_and_resume()["started"] == [message.pk]
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    [mail] = smtp_server.messages
    text = mail.get_body(("plain",)).get_content()
    assert "Haus der Begegnung, Hauptstraße 1" in text and "Induktionsschleife" in text
    assert world.registrations["confirmed"].token in text  # the registration page, to cancel
    assert mail["List-Unsubscribe"] is None


def test_one_reminder_per_registration_with_the_online_reminder(world, settings, staff):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default", "mail"]}}
    now = timezone.now()
    Event.objects.filter(pk=world.event.pk).update(
        kind=Event.Kind.ONLINE_CONGRESS, starts_at=now + timedelta(hours=5), ends_at=now + timedelta(hours=9)
    )
    message = reminder(world.event, days=1)
    services.start_due_and_resume()
    assert MessageDelivery.objects.filter(message=message).count() == 1  # Ada, confirmed
    assert event_tasks.send_reminders.call() == 0  # the online reminder does not go to her again
    # and the other way round: whoever got the online reminder first is not reminded again
    Message.objects.all().delete()
    Registration.objects.filter(pk=world.registrations["confirmed"].pk).update(reminder_sent_at=now)
    assert services.recipients(reminder(world.event, days=1)) == []


def test_after_event_message_lists_materials_with_personal_and_public_links(world, staff, client):
    Event.objects.filter(pk=world.event.pk).update(
        starts_at=world.past.starts_at, ends_at=world.past.ends_at
    )  # the event is over; Ada attended
    world.event.refresh_from_db()
    registration = world.registrations["confirmed"]
    registration.attendances.create(day=timezone.localtime(world.event.starts_at).date())
    slides = services.add_material(world.event, SimpleUploadedFile("folien.pdf", PDF), title="Folien", public=False)
    report = services.add_material(world.event, SimpleUploadedFile("bericht.pdf", PDF), title="Bericht", public=True)
    subject, body = services.default_text(Message.Kind.AFTER_EVENT, "de")
    message = services.set_automatic(world.event, kind=Message.Kind.AFTER_EVENT, days=0, subject=subject, body=body)
    mail = services.PreparedMessage(message).email(world.people["Ada"], registration, to="ada@example.org")
    text = mail.body
    personal = reverse("participantmail_public:material_personal", args=[slides.token, registration.token])
    public = reverse("participantmail_public:material", args=[report.token])
    assert personal in text and public in text
    assert client.get(personal).status_code == 200
    assert client.get(public).status_code == 200
    # not public: no link without a registration, none with another event's or a cancelled registration
    assert client.get(reverse("participantmail_public:material", args=[slides.token])).status_code == 404
    other = world.registrations["attended"]  # of the past event
    assert (
        client.get(reverse("participantmail_public:material_personal", args=[slides.token, other.token])).status_code
        == 404
    )
    cancelled = world.registrations["cancelled"]
    assert (
        client.get(
            reverse("participantmail_public:material_personal", args=[slides.token, cancelled.token])
        ).status_code
        == 404
    )


def test_upload_is_checked_by_content(world, staff, client):
    client.force_login(staff)
    url = reverse("participantmail:material_upload", args=[world.event.pk])
    fake = SimpleUploadedFile("folien.pdf", b"MZ\x90\x00 not a pdf")
    client.post(url, {"title": "Folien", "file": fake})
    huge_type = SimpleUploadedFile("skript.exe", PDF)
    client.post(url, {"title": "Skript", "file": huge_type})
    assert not Material.objects.exists()
    client.post(url, {"title": "Folien", "file": SimpleUploadedFile("folien.pdf", PDF)})
    assert Material.objects.get().content_type == "application/pdf"


def test_erasure_clears_addresses_and_skips_unsent(world, make_message, settings, staff, lead):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default", "mail"]}}
    message = make_message()
    services.start_sending(message, actor=staff)
    erase_person(world.people["Ada"], actor=lead, reason="Art. 17")
    row = MessageDelivery.objects.get()
    assert (row.email, row.status) == ("", MessageDelivery.Status.SKIPPED)

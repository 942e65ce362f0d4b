"""Removing events, programme items and questions: the rule (archive what the report counts, delete the rest),
the confirmation page, the audit entry, permissions, CSRF and that a GET changes nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from inklusio.contacts.models import Person
from inklusio.core.models import AuditEvent
from inklusio.events import programme, removal, services
from inklusio.events.models import Answer, Contribution, Event, ProgrammeItem, Question

from ..conftest import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer(make_user):
    return make_user("read_only")


def item(event, minutes, title, **extra):
    return ProgrammeItem.objects.create(
        event=event, starts_at=event.starts_at + timedelta(minutes=minutes), title=title, **extra
    )


def test_an_event_without_registrations_is_deleted_with_its_programme_and_questions(client, lead, event, question):
    item(event, 0, "Begrüßung")
    client.force_login(lead)
    url = f"/staff/events/{event.pk}/remove/"
    page = client.get(url).content.decode()
    assert "Löschen" in page and "1 Programmpunkt wird mit gelöscht." in page and "1 Frage wird mit gelöscht." in page
    assert Event.objects.filter(pk=event.pk).exists()  # GET only shows the plan
    response = client.post(url)
    assert response.status_code == 302 and response.url == "/staff/events/"
    assert not Event.objects.filter(pk=event.pk).exists()
    assert not ProgrammeItem.objects.exists() and not Question.objects.exists()
    entry = AuditEvent.objects.get(action="events.event.delete")
    assert entry.subject == f"events.event:{event.pk}" and entry.actor == lead
    assert entry.detail["programme_items"] == 1 and entry.detail["questions"] == 1


def test_an_event_with_registrations_is_archived_and_leaves_the_working_lists(client, lead, event, reg_data):
    registration, _created = services.register(event.pk, reg_data(1))
    client.force_login(lead)
    page = client.get(f"/staff/events/{event.pk}/remove/").content.decode()
    assert "Archivieren" in page and "1 Anmeldung bleibt" in page
    client.post(f"/staff/events/{event.pk}/remove/")
    event.refresh_from_db()
    assert event.archived_at is not None
    assert registration.__class__.objects.filter(pk=registration.pk).exists()
    link = f">{event.title}</a>"
    assert link not in client.get("/staff/events/").content.decode()
    assert link in client.get("/staff/events/?archived=1").content.decode()
    assert client.get(f"/events/{event.slug}/").status_code == 404  # not public any more
    assert client.get(registration.get_personal_url()).status_code == 200  # the personal link still works
    assert AuditEvent.objects.filter(action="events.event.archive", subject=f"events.event:{event.pk}").exists()
    # archiving twice is refused, and says so
    response = client.post(f"/staff/events/{event.pk}/remove/")
    assert response.status_code == 409 and "bereits archiviert" in response.content.decode()
    assert AuditEvent.objects.filter(action="events.event.archive").count() == 1


@pytest.mark.parametrize("role", ["read_only", "network_coordinator"])
def test_roles_without_the_delete_permission_get_403_and_nothing_changes(client, make_user, event, role):
    client.force_login(make_user(role))
    assert client.post(f"/staff/events/{event.pk}/remove/").status_code == 403
    assert client.get(f"/staff/events/{event.pk}/remove/").status_code == 403
    assert Event.objects.filter(pk=event.pk, archived_at__isnull=True).exists()
    assert "/remove/" not in client.get(f"/staff/events/{event.pk}/").content.decode()


def test_the_removal_needs_the_csrf_token(lead, event):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(lead)
    assert strict.post(f"/staff/events/{event.pk}/remove/").status_code == 403
    assert Event.objects.filter(pk=event.pk).exists()


def test_programme_item_with_speakers_is_archived_one_without_is_deleted(client, staff, event):
    speaker = Person.objects.create(email="rednerin@example.org", first_name="Rita", last_name="Rednerin")
    talk = item(event, 0, "Vortrag")
    Contribution.objects.create(item=talk, person=speaker)
    pause = item(event, 60, "Pause")
    client.force_login(staff)
    assert "Archivieren" in client.get(f"/staff/events/{event.pk}/programme/{talk.pk}/remove/").content.decode()
    client.post(f"/staff/events/{event.pk}/programme/{talk.pk}/remove/")
    client.post(f"/staff/events/{event.pk}/programme/{pause.pk}/remove/")
    talk.refresh_from_db()
    assert talk.archived_at and Contribution.objects.filter(item=talk).exists()
    assert not ProgrammeItem.objects.filter(pk=pause.pk).exists()
    assert list(programme.current_items(event)) == []
    assert ">Vortrag<" not in client.get(f"/events/{event.slug}/programme/").content.decode()
    assert b"Vortrag" not in client.get(f"/events/{event.slug}/calendar.ics").content
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"events.programme_item.archive", "events.programme_item.delete"} <= actions


def test_a_programme_item_of_an_event_that_has_begun_is_archived(event):
    talk = item(event, 0, "Vortrag")
    Event.objects.filter(pk=event.pk).update(starts_at=event.starts_at - timedelta(days=30))
    talk.refresh_from_db()
    assert removal.plan_item(talk).action == "archive"


def test_question_is_deleted_with_its_answers_and_says_how_many(client, staff, event, question, reg_data):
    registration, _created = services.register(event.pk, reg_data(1, answers={question.pk: "vegan"}))
    assert Answer.objects.filter(question=question).count() == 1
    client.force_login(staff)
    url = f"/staff/events/{event.pk}/questions/{question.pk}/remove/"
    assert "1 Antwort wird mit gelöscht." in client.get(url).content.decode()
    client.post(url)
    assert not Question.objects.filter(pk=question.pk).exists()
    assert AuditEvent.objects.get(action="events.question.delete").detail == {"answers": 1}


def test_objects_of_another_event_are_not_found(client, lead, make_event, question):
    other = make_event(title="Anderes")
    client.force_login(lead)
    assert client.get(f"/staff/events/{other.pk}/questions/{question.pk}/remove/").status_code == 404
    assert client.post(f"/staff/events/{other.pk}/questions/{question.pk}/remove/").status_code == 404
    assert Question.objects.filter(pk=question.pk).exists()


# --- programme order and end times -----------------------------------------------------------------------


def test_an_item_without_end_ends_at_the_next_start_or_after_its_duration(client, staff, event):
    client.force_login(staff)
    start = event.starts_at

    def add(minutes, title, duration=""):
        local = timezone.localtime(start + timedelta(minutes=minutes))
        data = {"starts_at": local.strftime("%Y-%m-%dT%H:%M"), "title": title, "format": "talk", "duration": duration}
        assert client.post(f"/staff/events/{event.pk}/programme/new/", data).status_code == 302
        return ProgrammeItem.objects.get(title=title)

    later = add(90, "Podium")
    first = add(0, "Begrüßung")
    timed = add(120, "Workshop", duration="45")
    assert first.ends_at == later.starts_at  # the next item's start
    assert timed.ends_at == timed.starts_at + timedelta(minutes=45)
    assert later.ends_at == later.starts_at + timedelta(minutes=60)  # it was last when saved: an hour


def test_bad_duration_is_refused(client, staff, event):
    client.force_login(staff)
    data = {"starts_at": "2030-01-01T10:00", "title": "X", "format": "talk", "duration": "-5"}
    response = client.post(f"/staff/events/{event.pk}/programme/new/", data)
    assert response.status_code == 200 and not ProgrammeItem.objects.exists()


def test_moving_items_swaps_their_slots_and_the_calendar_follows(client, staff, event):
    a = item(event, 0, "Erstens", ends_at=event.starts_at + timedelta(minutes=30))
    b = item(event, 45, "Zweitens", ends_at=event.starts_at + timedelta(minutes=105))
    client.force_login(staff)
    response = client.post(f"/staff/events/{event.pk}/programme/{b.pk}/move/", {"direction": "up"})
    assert response.status_code == 302
    a.refresh_from_db()
    b.refresh_from_db()
    assert [i.title for i in programme.current_items(event)] == ["Zweitens", "Erstens"]
    assert (b.starts_at, b.ends_at) == (event.starts_at, event.starts_at + timedelta(minutes=60))
    assert (a.starts_at, a.ends_at) == (
        event.starts_at + timedelta(minutes=75),
        event.starts_at + timedelta(minutes=105),
    )
    calendar = Calendar.from_ical(client.get(f"/events/{event.slug}/calendar.ics").content)
    entries = {str(c["summary"]).split(": ")[-1]: c for c in calendar.walk("VEVENT") if "programme" in str(c["uid"])}
    assert entries["Zweitens"].decoded("dtstart") == b.starts_at and entries["Zweitens"].decoded("dtend") == b.ends_at
    assert entries["Erstens"].decoded("dtstart") == a.starts_at and entries["Erstens"].decoded("dtend") == a.ends_at
    # the first cannot move further up; a bad direction is refused
    assert client.post(f"/staff/events/{event.pk}/programme/{b.pk}/move/", {"direction": "up"}).status_code == 302
    b.refresh_from_db()
    assert b.starts_at == event.starts_at
    assert client.post(f"/staff/events/{event.pk}/programme/{b.pk}/move/", {"direction": "x"}).status_code == 400


def test_parallel_items_swap_their_order(event):
    a = item(event, 0, "Workshop A", position=0)
    b = item(event, 0, "Workshop B", position=1)
    assert programme.move_item(b, up=True)
    assert [i.title for i in programme.current_items(event)] == ["Workshop B", "Workshop A"]
    assert not programme.move_item(a, up=False)  # already last


def test_calendar_gives_old_items_without_end_an_end(client, event):
    item(event, 0, "Ohne Ende")
    calendar = Calendar.from_ical(client.get(f"/events/{event.slug}/calendar.ics").content)
    sub = next(c for c in calendar.walk("VEVENT") if "programme" in str(c["uid"]))
    assert sub.decoded("dtend") == event.starts_at + timedelta(minutes=60)


def test_moving_needs_the_change_permission(client, reviewer, event):
    a = item(event, 0, "Erstens")
    item(event, 30, "Zweitens")
    client.force_login(reviewer)
    assert client.post(f"/staff/events/{event.pk}/programme/{a.pk}/move/", {"direction": "down"}).status_code == 403
    assert client.get(f"/staff/events/{event.pk}/programme/{a.pk}/move/").status_code == 405
    assert programme.current_items(event).first().title == "Erstens"

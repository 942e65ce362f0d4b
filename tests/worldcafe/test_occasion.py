"""A World Café takes its participants from its event or network meeting."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from inklusio.contacts.models import Person
from inklusio.events.models import Attendance, Event, Registration
from inklusio.networks.models import Attendance as MeetingAttendance
from inklusio.networks.models import Meeting, Network
from inklusio.worldcafe import services
from inklusio.worldcafe.forms import WorldCafeForm
from inklusio.worldcafe.models import WorldCafe

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(project):
    start = timezone.make_aware(datetime(2025, 5, 20, 9))
    return Event.objects.create(
        project=project,
        kind=Event.Kind.CONFERENCE_DAY,
        title="Fachtag",
        slug="fachtag",
        starts_at=start,
        ends_at=start + timedelta(hours=8),
    )


def register(event, name, status=Registration.Status.CONFIRMED, attended=False):
    person = Person.objects.create(first_name=name, last_name="Test", email=f"{name.lower()}@example.org")
    registration = Registration.objects.create(event=event, person=person, status=status, privacy_notice_version="1")
    if attended:
        Attendance.objects.create(registration=registration, day=date(2025, 5, 20))
    return person


def test_before_the_day_the_confirmed_registrations_are_seated(project, event):
    register(event, "Anna")
    register(event, "Ben")
    register(event, "Cem", status=Registration.Status.WAITLISTED)
    cafe = WorldCafe.objects.create(project=project, title="Café", event=event)
    assert services.add_occasion_participants(cafe) == 2
    assert sorted(cafe.participants.values_list("name", flat=True)) == ["Anna Test", "Ben Test"]
    assert services.add_occasion_participants(cafe) == 0  # nobody twice


def test_once_people_checked_in_only_they_are_seated(project, event):
    register(event, "Anna", attended=True)
    register(event, "Ben")
    cafe = WorldCafe.objects.create(project=project, title="Café", event=event)
    services.add_occasion_participants(cafe)
    assert list(cafe.participants.values_list("name", flat=True)) == ["Anna Test"]


def test_a_network_meeting_seats_its_attendees(project):
    network = Network.objects.create(name="Netzwerk Hessen", founded_on=date(2024, 11, 1))
    start = timezone.make_aware(datetime(2025, 3, 1, 10))
    meeting = Meeting.objects.create(
        network=network,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        format=Meeting.Format.ONLINE,
        link="https://meet.example.org/x",
    )
    came = Person.objects.create(first_name="Ida", last_name="Koch")
    absent = Person.objects.create(first_name="Jan", last_name="Wolf")
    MeetingAttendance.objects.create(meeting=meeting, person=came, attended=True)
    MeetingAttendance.objects.create(meeting=meeting, person=absent, attended=False)
    cafe = WorldCafe.objects.create(project=project, title="Café", meeting=meeting)
    assert services.add_occasion_participants(cafe) == 1
    assert cafe.participants.get().person == came


def test_without_an_occasion_nothing_is_added(project):
    cafe = WorldCafe.objects.create(project=project, title="Café")
    assert services.add_occasion_participants(cafe) == 0


def test_the_form_refuses_an_event_and_a_meeting_together(project, event):
    network = Network.objects.create(name="N", founded_on=date(2024, 1, 1))
    start = timezone.make_aware(datetime(2025, 3, 1, 10))
    meeting = Meeting.objects.create(
        network=network,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        format=Meeting.Format.ONLINE,
        link="https://meet.example.org/x",
    )
    form = WorldCafeForm(
        {"project": project.pk, "title": "Café", "rounds": 3, "event": event.pk, "meeting": meeting.pk}
    )
    assert not form.is_valid() and "meeting" in form.errors


def test_the_button_seats_the_participants_and_needs_the_change_permission(client, make_user, project, event):
    register(event, "Anna")
    cafe = WorldCafe.objects.create(project=project, title="Café", event=event)
    url = f"/staff/worldcafe/{cafe.pk}/from-occasion/"
    client.force_login(make_user("read_only"))
    assert client.post(url).status_code == 403
    client.force_login(make_user("project_staff"))
    page = client.get(f"/staff/worldcafe/{cafe.pk}/").content.decode()
    assert "Seat the participants of Fachtag" in page or "Fachtag" in page
    assert client.post(url).status_code == 302
    assert cafe.participants.count() == 1


def test_the_form_offers_recent_and_coming_events_and_keeps_the_current_choice(project):
    now = timezone.now()
    soon, long_ago = (
        Event.objects.create(project=project, kind=Event.Kind.CONFERENCE_DAY, title=title, slug=title.lower(),
                             starts_at=start, ends_at=start + timedelta(hours=2))
        for title, start in (("Bald", now + timedelta(days=7)), ("Damals", now - timedelta(days=800)))
    )  # fmt: skip
    offered = list(WorldCafeForm().fields["event"].queryset)
    assert soon in offered and long_ago not in offered
    cafe = WorldCafe.objects.create(project=project, title="Café", event=long_ago)
    assert long_ago in WorldCafeForm(instance=cafe).fields["event"].queryset
    form = WorldCafeForm({"project": project.pk, "title": "Café", "rounds": 3, "event": long_ago.pk})
    assert not form.is_valid() and "event" in form.errors

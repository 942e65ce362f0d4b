from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from inklusio.events.models import Attendance, Event, ProgrammeItem, Question
from inklusio.events.services import RegistrationData


@pytest.fixture
def make_event(project):
    def make(**overrides):
        day = timezone.localdate() + timedelta(days=10)
        nine = timezone.make_aware(datetime.combine(day, time(9, 0)))
        values = {
            "project": project,
            "kind": Event.Kind.CONFERENCE_DAY,
            "title": "Fachtag Inklusive Ausbildung",
            "slug": f"fachtag-{Event.objects.count() + 1}",
            "starts_at": nine,
            "ends_at": nine + timedelta(hours=7),
            "venue": "Haus der Begegnung",
            "address": "Hauptstraße 1\n60311 Frankfurt am Main",
            "accessibility_info": "Stufenloser Zugang, Induktionsschleife im Saal.",
            "description": "Ein Tag zu inklusiver Ausbildung.",
            "description_easy": "Ein Tag über Ausbildung.\nFür alle Menschen.",
            "capacity": 2,
            "visibility": Event.Visibility.PUBLIC,
        }
        values.update(overrides)
        return Event.objects.create(**values)

    return make


@pytest.fixture
def event(make_event):
    return make_event()


@pytest.fixture
def online_event(make_event):
    now = timezone.now()
    event = make_event(
        kind=Event.Kind.ONLINE_CONGRESS,
        title="Online-Kongress Inklusive Ausbildung",
        slug="kongress",
        venue="",
        address="",
        room_url="https://meet.example.org/kongress-geheim",
        capacity=None,
        starts_at=now + timedelta(hours=5),
        ends_at=now + timedelta(hours=10),
    )
    ProgrammeItem.objects.create(
        event=event,
        starts_at=event.starts_at,
        title="Auszubildende berichten",
        room_url="https://stream.example.org/raum-1-geheim",
    )
    return event


@pytest.fixture
def question(event):
    return Question.objects.create(
        event=event, text="Essenswunsch", kind=Question.Kind.CHOICE, choices="vegan\nvegetarisch\nalles"
    )


def data(n=1, **overrides) -> RegistrationData:
    values = {"email": f"person{n}@example.org", "first_name": f"Vorname{n}", "last_name": f"Nachname{n}"}
    values.update(overrides)
    return RegistrationData(**values)


@pytest.fixture
def reg_data():
    return data


def pdf_text(data: bytes) -> bytes:
    """The PDF with every (Flate-compressed) stream inflated, so object streams and XMP can be searched."""
    import re
    import zlib

    parts = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            parts.append(match.group(1))
    return b"\n".join(parts)


def end_event(event):
    """Move an event (with its programme and attendances) into the past, so that it has ended: certificates are
    issued only then, while registering and checking in need it open."""
    event.refresh_from_db()
    shift = timedelta(days=(event.ends_at - timezone.now()).days + 2)
    Event.objects.filter(pk=event.pk).update(starts_at=event.starts_at - shift, ends_at=event.ends_at - shift)
    for item in ProgrammeItem.objects.filter(event=event):
        item.starts_at -= shift
        item.ends_at = item.ends_at - shift if item.ends_at else None
        item.save()
    for attendance in Attendance.objects.filter(registration__event=event):
        Attendance.objects.filter(pk=attendance.pk).update(day=attendance.day - shift)
    event.refresh_from_db()
    return event


def start_event(event, now=None):
    """Move an event (with its programme) so that it began up to an hour ago: check-in is open only from the event day.

    It begins and ends on today's local date, whatever the hour, so that day one is today and tomorrow is not an
    event day (an event begun an hour before local midnight would otherwise run into the next day).
    """
    event.refresh_from_db()
    now = now or timezone.now()
    midnight = timezone.make_aware(datetime.combine(timezone.localdate(now), time(0, 0)))
    begins = max(midnight, now - timedelta(hours=1))
    shift = event.starts_at - begins
    ends = min(event.ends_at - shift, midnight + timedelta(days=1, seconds=-1))
    Event.objects.filter(pk=event.pk).update(starts_at=begins, ends_at=ends)
    for item in ProgrammeItem.objects.filter(event=event):
        item.starts_at -= shift
        item.ends_at = item.ends_at - shift if item.ends_at else None
        item.save()
    event.refresh_from_db()
    return event


def check_in_today(registration):
    """Start the registration's event (an hour ago) and check the registration in for today."""
    from inklusio.events import services

    start_event(registration.event)
    registration.refresh_from_db()
    return services.check_in(registration, timezone.localdate())

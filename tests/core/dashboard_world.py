"""A project in full swing, for the staff overview's tests (tests/core, tests/browser)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from inklusio.contacts.models import ContactImport, Inquiry, Person
from inklusio.core.models import Project
from inklusio.events.models import Event, Registration
from inklusio.impact.models import Target
from inklusio.mailings.models import Delivery, Mailing, SubscriberImport
from inklusio.networks.models import Meeting, Network
from tests.mailings.factories import subscriber as make_subscriber


@dataclass
class World:
    project: Project
    lead: object
    staff: object
    coordinator: object
    reviewer: object
    event: Event
    overdue: Inquiry
    due_later: Inquiry
    unplanned: Inquiry
    closed: Inquiry
    mailing: Mailing
    own_meeting: Meeting
    other_meeting: Meeting
    contact_import: ContactImport


def at(day: date, hour: int = 9):
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def build_world(make_user) -> World:
    today = timezone.localdate()
    lead = make_user("project_lead", username="lea")
    lead.first_name, lead.last_name = "Lea", "Leitung"
    lead.save()
    staff = make_user("project_staff", username="sam")
    coordinator = make_user("network_coordinator", username="cora")
    reviewer = make_user("read_only", username="rita")
    project = Project.objects.create(
        title="Ausbildung inklusiv",
        slug="laufend",
        funder="Aktion Mensch",
        start=today - timedelta(days=365),
        end=today + timedelta(days=365),
    )
    event = Event.objects.create(
        project=project,
        title="Fachtag Kassel",
        slug="fachtag-kassel",
        starts_at=at(today + timedelta(days=7)),
        ends_at=at(today + timedelta(days=7), 16),
        capacity=2,
        visibility=Event.Visibility.PUBLIC,
    )
    Event.objects.create(
        project=project,
        title="Abgesagter Fachtag",
        slug="abgesagt",
        starts_at=at(today + timedelta(days=8)),
        ends_at=at(today + timedelta(days=8), 16),
        cancelled=True,
    )
    people = [Person.objects.create(first_name=f"P{n}", last_name="Test", email=f"p{n}@example.org") for n in range(4)]
    statuses = [Registration.Status.CONFIRMED, Registration.Status.CONFIRMED, Registration.Status.WAITLISTED]
    for person, status in zip(people, statuses, strict=False):
        Registration.objects.create(event=event, person=person, status=status, privacy_notice_version="1")
    old = Registration.objects.get(person=people[0])
    old.created = timezone.now() - timedelta(days=5)
    old.save()

    def inquiry(topic, **extra):
        return Inquiry.objects.create(
            project=project, received_on=today - timedelta(days=3), channel="email", topic=topic, **extra
        )

    overdue = inquiry("Frage zur Ausbildung", assignee=staff, follow_up_on=today - timedelta(days=2))
    due_later = inquiry("Kooperation Kammer", assignee=lead, follow_up_on=today + timedelta(days=3))
    unplanned = inquiry("Presseanfrage")
    closed = inquiry("Längst beantwortet", outcome=Inquiry.Outcome.ANSWERED, follow_up_on=today - timedelta(days=9))

    mailing = Mailing.objects.create(
        subject="Infoletter 3/2026", body="Text", status=Mailing.Status.SENDING, started_at=timezone.now()
    )
    Mailing.objects.create(subject="Alter Infoletter", body="Text", status=Mailing.Status.SENT)
    for n in range(4):
        subscriber = make_subscriber(f"s{n}@example.org")
        status = Delivery.Status.SENT if n < 3 else Delivery.Status.QUEUED
        Delivery.objects.create(mailing=mailing, subscriber=subscriber, status=status)

    own = Network.objects.create(name="Netzwerk Nordhessen", founded_on=date(2023, 1, 1))
    own.coordinators.add(coordinator)
    other = Network.objects.create(name="Netzwerk Rheinland", founded_on=date(2023, 1, 1))
    own_meeting = Meeting.objects.create(
        network=own,
        title="Treffen Nord",
        starts_at=at(today + timedelta(days=4)),
        ends_at=at(today + timedelta(days=4), 11),
    )
    other_meeting = Meeting.objects.create(
        network=other,
        title="Treffen Rhein",
        starts_at=at(today + timedelta(days=5)),
        ends_at=at(today + timedelta(days=5), 11),
    )
    Target.objects.create(project=project, code="conference_days", target=10)
    contact_import = ContactImport.objects.create(uploaded_by=staff, filename="adressen.csv", stored_as="x1")
    ContactImport.objects.create(uploaded_by=lead, filename="fremd.csv", stored_as="x2")
    SubscriberImport.objects.create(uploaded_by=staff, filename="abonnenten.csv", stored_as="x3", tool="CleverReach")
    return World(
        project,
        lead,
        staff,
        coordinator,
        reviewer,
        event,
        overdue,
        due_later,
        unplanned,
        closed,
        mailing,
        own_meeting,
        other_meeting,
        contact_import,
    )

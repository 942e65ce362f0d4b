"""An event with people in every group (confirmed, waitlisted, attended, no-show, cancelled), a speaker, and two
networks with their own coordinators."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from inklusio.contacts.models import Person
from inklusio.events.models import Attendance, Contribution, Event, ProgrammeItem, Registration
from inklusio.networks import services as network_services
from inklusio.networks.models import Network
from inklusio.participantmail.models import Message


def person(first, last, email=None):
    return Person.objects.create(
        first_name=first, last_name=last, email=email if email is not None else f"{first}.{last}@example.org".lower()
    )


def register(event, who, status=Registration.Status.CONFIRMED, attended=False):
    registration = Registration.objects.create(event=event, person=who, status=status, privacy_notice_version="1")
    if attended:
        Attendance.objects.create(registration=registration, day=timezone.localtime(event.starts_at).date())
    return registration


@dataclass
class World:
    event: Event
    past: Event
    item: ProgrammeItem
    people: dict
    registrations: dict
    networks: list
    coordinators: list


@pytest.fixture
def world(project, make_user):
    return build_world(project, make_user)


@pytest.fixture
def make_message(world, staff):
    return message_factory(world, staff)


def build_world(project, make_user) -> World:
    day = timezone.localdate() + timedelta(days=10)
    nine = timezone.make_aware(datetime.combine(day, time(9, 0)))
    event = Event.objects.create(
        project=project,
        title="Fachtag Inklusive Ausbildung",
        slug="fachtag",
        starts_at=nine,
        ends_at=nine + timedelta(hours=7),
        venue="Haus der Begegnung",
        address="Hauptstraße 1\n60311 Frankfurt am Main",
        accessibility_info="Stufenloser Zugang, Induktionsschleife im Saal.",
    )
    past = Event.objects.create(
        project=project,
        title="Fachtag 2025",
        slug="fachtag-2025",
        starts_at=nine - timedelta(days=60),
        ends_at=nine - timedelta(days=60) + timedelta(hours=7),
        venue="Rathaus",
    )
    people = {name: person(name, "Muster") for name in ["Ada", "Bea", "Cem", "Dio", "Eva", "Fia", "Gus"]}
    registrations = {
        "confirmed": register(event, people["Ada"]),
        "waitlisted": register(event, people["Bea"], Registration.Status.WAITLISTED),
        "cancelled": register(event, people["Cem"], Registration.Status.CANCELLED),
        "attended": register(past, people["Dio"], attended=True),
        "no_show": register(past, people["Eva"]),
        "past_cancelled": register(past, people["Fia"], Registration.Status.CANCELLED),
    }
    item = ProgrammeItem.objects.create(event=event, starts_at=nine, title="Impulsvortrag")
    Contribution.objects.create(item=item, person=people["Gus"])
    networks, coordinators = [], []
    for label in ["Nord", "Süd"]:
        coordinator = make_user("network_coordinator", username=f"coord-{label}")
        network = Network.objects.create(name=f"Netzwerk {label}", regions=["DE-HE"], founded_on=date(2023, 1, 1))
        network.coordinators.add(coordinator)
        for first in ["Ina", "Jan"]:
            network_services.add_member(network, person(f"{first}{label}", "Mitglied"), joined_on=date(2023, 1, 1))
        networks.append(network)
        coordinators.append(coordinator)
    return World(event, past, item, people, registrations, networks, coordinators)


def message_factory(world, staff):
    def make(**values):
        values.setdefault("event", world.event if "network" not in values else None)
        values.setdefault("groups", ["confirmed"])
        values.setdefault("subject", "Hinweis zu {Veranstaltung}")
        values.setdefault("body", "Hallo {Vorname},\n\nbis bald in {Ort}. Ihre Seite: {persönlicher Link}")
        values.setdefault("created_by", staff)
        return Message.objects.create(**values)

    return make

"""Two networks with their own coordinators, members, meetings, invitations, attendance and documents."""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from inklusio.contacts.models import Affiliation, Organisation, Person, StakeholderType
from inklusio.networks import services
from inklusio.networks.models import Attendance, Invitation, Meeting, Network

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class Side:
    network: Network
    coordinator: object
    members: list
    former: Person
    past: Meeting
    future: Meeting
    document: object
    invitation: Invitation


def _person(first, last, type_code=None, org=None):
    person = Person.objects.create(
        first_name=first,
        last_name=last,
        email=f"{first}.{last}@example.org".lower(),
        stakeholder_type=StakeholderType.objects.get(code=type_code) if type_code else None,
    )
    if org:
        Affiliation.objects.create(person=person, organisation=org)
    return person


def _side(label, region, make_user, project, types):
    coordinator = make_user("network_coordinator", username=f"coord-{label}")
    network = Network.objects.create(name=f"Netzwerk {label}", regions=[region], founded_on=date(2023, 1, 1))
    network.coordinators.add(coordinator)
    network.projects.add(project)
    org = Organisation.objects.create(
        name=f"Betrieb {label}", stakeholder_type=StakeholderType.objects.get(code=types[0]), region=region
    )
    members = [
        _person(f"Anna{label}", f"Alpha{label}", org=org),
        _person(f"Ben{label}", f"Beta{label}", type_code="teacher"),
        _person(f"Cem{label}", f"Gamma{label}", org=org),
    ]
    for person in members:
        services.add_member(network, person, joined_on=date(2023, 1, 1), organisation=person.organisations.first())
    former = _person(f"Dora{label}", f"Delta{label}")
    membership = services.add_member(network, former, joined_on=date(2023, 1, 1))
    membership.left_on = date(2024, 1, 1)
    membership.save()
    now = timezone.now().replace(second=0, microsecond=0)
    past = Meeting.objects.create(
        network=network,
        title=f"Treffen {label} alt",
        starts_at=now - timedelta(days=30),
        ends_at=now - timedelta(days=30) + timedelta(hours=2),
        format="online",
        link="https://meet.example.org/x",
        minutes=f"Geheimes Protokoll {label}",
    )
    future = Meeting.objects.create(
        network=network,
        title=f"Treffen {label} neu",
        starts_at=now + timedelta(days=30),
        ends_at=now + timedelta(days=30, hours=2),
        format="in_person",
        venue=f"Rathaus {label}",
    )
    invitation = Invitation.objects.create(meeting=future, person=members[0])
    Invitation.objects.create(meeting=past, person=members[0])
    Attendance.objects.create(meeting=past, person=members[0], attended=True)
    Attendance.objects.create(meeting=past, person=members[1], attended=True)
    Attendance.objects.create(meeting=past, person=members[2], attended=False)
    document = services.store_document(past, SimpleUploadedFile(f"protokoll-{label}.pdf", PDF), f"Protokoll {label}")
    return Side(network, coordinator, members, former, past, future, document, invitation)


@pytest.fixture
def world(make_user, project, settings):
    a = _side("A", "DE-HE", make_user, project, ["inclusion_company"])
    b = _side("B", "DE-NW", make_user, project, ["chamber"])
    outsider = _person("Olga", "Outsider")
    return {"a": a, "b": b, "outsider": outsider}


@pytest.fixture
def client_for(client):
    def login_as(user):
        client.force_login(user)
        return client

    return login_as

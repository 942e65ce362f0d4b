"""Merging two people moves what every app holds about them; a seat freed by the merge goes to the waiting list."""

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from inklusio.contacts import services
from inklusio.contacts.models import Affiliation, Inquiry, NotDuplicatePair, Organisation, Person, StakeholderType, Tag
from inklusio.core.models import AuditEvent
from inklusio.events import services as event_services
from inklusio.events.models import Attendance, Event, Registration
from inklusio.mailings.models import Subscriber
from inklusio.networks import services as network_services
from inklusio.networks.models import Network

pytestmark = pytest.mark.django_db


def make_event(project, capacity=2, slug="fachtag"):
    start = timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=10), time(9)))
    return Event.objects.create(
        project=project,
        kind=Event.Kind.CONFERENCE_DAY,
        title="Fachtag",
        slug=slug,
        starts_at=start,
        ends_at=start + timedelta(hours=7),
        capacity=capacity,
        visibility=Event.Visibility.PUBLIC,
    )


def register(event, email, first="Ida", last="Koch"):
    data = event_services.RegistrationData(email=email, first_name=first, last_name=last)
    registration, _created = event_services.register(event.pk, data)
    return registration


def test_merge_moves_every_apps_records_and_audits(project, lead):
    chamber = StakeholderType.objects.get(code="chamber")
    organisation = Organisation.objects.create(name="IHK Kassel", stakeholder_type=chamber)
    kept = Person.objects.create(first_name="Jörg", last_name="Weiß", email="joerg@example.org")
    removed = Person.objects.create(first_name="Joerg", last_name="Weiss", email="j.weiss@example.org", phone="0561")
    Affiliation.objects.create(person=removed, organisation=organisation, role="Beratung")
    Inquiry.objects.create(project=project, received_on=date(2025, 1, 1), channel="email", topic="x", person=removed)
    removed.tags.add(Tag.objects.create(name="Presse"))
    network = Network.objects.create(name="Netzwerk Nord", regions=["DE-HE"], founded_on=date(2023, 1, 1))
    network_services.add_member(network, removed, joined_on=date(2024, 1, 1))
    Subscriber.objects.create(email="j.weiss@example.org", person=removed, signed_up_at=timezone.now())
    registration = register(make_event(project), "j.weiss@example.org")
    other = Person.objects.create(last_name="Anders")
    NotDuplicatePair.objects.create(
        low=removed if removed.pk < other.pk else other, high=max(removed, other, key=lambda p: p.pk)
    )

    services.merge_people(kept, removed, actor=lead)

    kept.refresh_from_db()
    assert not Person.objects.filter(pk=removed.pk).exists()
    assert kept.phone == "0561" and kept.email == "joerg@example.org"
    assert list(kept.affiliations.values_list("organisation__name", flat=True)) == ["IHK Kassel"]
    assert kept.inquiries.count() == 1 and list(kept.tags.values_list("name", flat=True)) == ["Presse"]
    assert kept.network_memberships.get().network == network
    assert kept.subscriptions.get().email == "j.weiss@example.org"
    registration.refresh_from_db()
    assert registration.person == kept
    assert not NotDuplicatePair.objects.exists()  # a dismissal of the removed person goes with them
    entry = AuditEvent.objects.get(action="contacts.merge")
    assert entry.actor == lead and entry.detail["merged"] == removed.pk and entry.detail["person"] == kept.pk
    assert "Weiss" not in str(entry.detail) and "weiss@" not in entry.subject  # ids, not names


def test_merge_of_two_confirmed_registrations_frees_a_seat_for_the_waiting_list(project):
    event = make_event(project, capacity=2)
    first = register(event, "ida@example.org")
    second = register(event, "ida.koch@example.org")
    waiting = register(event, "ben@example.org", first="Ben", last="Wolf")
    assert waiting.status == Registration.Status.WAITLISTED
    Attendance.objects.create(registration=second, day=timezone.localdate())

    services.merge_people(first.person, second.person)

    first.refresh_from_db()
    waiting.refresh_from_db()
    assert first.status == Registration.Status.CONFIRMED
    assert not Registration.objects.filter(pk=second.pk).exists()
    assert first.attendances.count() == 1  # the check-in of the removed registration moved over
    assert waiting.status == Registration.Status.CONFIRMED and waiting.confirmed_at is not None
    assert event.registrations.filter(status=Registration.Status.CONFIRMED).count() == 2


def test_merge_keeps_the_confirmed_registration_when_the_kept_person_was_only_waiting(project):
    event = make_event(project, capacity=1)
    confirmed = register(event, "ida.koch@example.org")
    waitlisted = register(event, "ida@example.org")
    assert waitlisted.status == Registration.Status.WAITLISTED

    services.merge_people(waitlisted.person, confirmed.person)

    remaining = Registration.objects.get(event=event)
    assert remaining.pk == confirmed.pk and remaining.person_id == waitlisted.person_id
    assert remaining.status == Registration.Status.CONFIRMED  # no seat freed: nobody else promoted


def test_merge_refuses_anonymised_and_self(project):
    person = Person.objects.create(last_name="Koch")
    anonymised = Person.objects.create(last_name="", anonymised=True)
    with pytest.raises(services.MergeError):
        services.merge_people(person, person)
    with pytest.raises(services.MergeError):
        services.merge_people(person, anonymised)
    assert Person.objects.filter(pk=anonymised.pk).exists()


def test_dismissing_a_pair_is_stored_once_and_audited(lead):
    a, b = Person.objects.create(last_name="Albrecht"), Person.objects.create(last_name="Albrecht")
    services.dismiss_duplicate_pair(b, a, actor=lead)
    services.dismiss_duplicate_pair(a, b, actor=lead)
    pair = NotDuplicatePair.objects.get()
    assert (pair.low_id, pair.high_id) == (a.pk, b.pk)
    assert AuditEvent.objects.filter(action="contacts.not_duplicate").count() == 2


def test_the_audit_entry_names_folded_registrations_by_id(project):
    event = make_event(project, capacity=5)
    first, second = register(event, "ida@example.org"), register(event, "ida.koch@example.org")
    services.merge_people(first.person, second.person)
    notes = AuditEvent.objects.get(action="contacts.merge").detail["notes"]
    assert notes == [f"event {event.pk}: registration {second.pk} folded, 0 promoted"]

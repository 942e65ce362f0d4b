"""The one rule for a current membership, at its boundaries, as the list, the contact scope and retention use it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from inklusio.contacts.models import Person
from inklusio.networks import queries
from inklusio.networks.models import Membership, Network
from inklusio.networks.retention import active_person_ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def boundary(make_user):
    today = timezone.localdate()
    network = Network.objects.create(name="Netzwerk Grenzfall", regions=["DE-HE"], founded_on=today - timedelta(600))
    spans = {
        "open": (today - timedelta(days=400), None),
        "leaves_today": (today - timedelta(days=400), today),
        "left_yesterday": (today - timedelta(days=400), today - timedelta(days=1)),
        "left_last_year": (today - timedelta(days=400), today - timedelta(days=300)),
        "joins_today": (today, None),
        "joins_tomorrow": (today + timedelta(days=1), None),
    }
    people = {}
    for key, (joined_on, left_on) in spans.items():
        people[key] = Person.objects.create(first_name=key, last_name="Test", email=f"{key}@example.org")
        Membership.objects.create(network=network, person=people[key], joined_on=joined_on, left_on=left_on)
    staff = make_user("project_staff", username="staff-boundary")
    return network, people, staff


def _names(ids, people):
    return {key for key, person in people.items() if person.pk in set(ids)}


def test_current_members_are_those_joined_by_today_and_not_left_before_it(boundary):
    network, people, staff = boundary
    expected = {"open", "leaves_today", "joins_today"}
    current = Membership.objects.filter(network=network).current().values_list("person_id", flat=True)
    assert _names(current, people) == expected
    assert _names(queries.member_person_ids(staff).values_list("person_id", flat=True), people) == expected


def test_network_list_counts_the_current_members(boundary, client):
    network, _people, staff = boundary
    client.force_login(staff)
    response = client.get(reverse("networks:network_list"))
    assert response.status_code == 200
    counts = {n.pk: n.member_count for n in response.context["networks"]}
    assert counts[network.pk] == 3


def test_retention_keeps_everyone_who_has_been_a_member_since_the_date(boundary):
    _network, people, _staff = boundary
    since = timezone.now() - timedelta(days=1)
    members = active_person_ids(since)[0].values_list("person_id", flat=True)
    # Since yesterday: also who left yesterday, and who joins later; not who left last year.
    assert _names(members, people) == {
        "open", "leaves_today", "left_yesterday", "joins_today", "joins_tomorrow"
    }  # fmt: skip


def test_member_candidates_are_the_visible_contacts_and_everyone_ever_in_the_users_networks(world, make_user):
    a, b = world["a"], world["b"]
    coordinator = {p.pk for p in queries.member_candidates(a.coordinator)}
    # Own members, current and former (DoraA left), but nobody of network B and not the outsider.
    assert {p.pk for p in a.members} | {a.former.pk} == coordinator
    staff = make_user("project_staff")
    everyone = {p.pk for p in queries.member_candidates(staff)}
    assert {world["outsider"].pk, b.former.pk, *(p.pk for p in b.members)} <= everyone
    assert not queries.member_candidates(make_user()).exists()

"""Erasing demo people leaves every figure of the reference project's report unchanged."""

import json

import pytest
from django.db.models import Count

from inklusio.contacts.models import Person
from inklusio.core.demo import REFERENCE_SLUG
from inklusio.core.models import Project
from inklusio.impact import exports, services
from inklusio.privacy import erasure
from tests.demo_snapshot import load_demo_fast

pytestmark = pytest.mark.django_db


def report(project) -> dict:
    data = json.loads(exports.render(services.build_report(project), "json"))
    data.pop("generated", None)
    return data


def demo_people_of_every_kind() -> list[Person]:
    """One person per kind of counted activity (several kinds may fall on one person)."""
    people = Person.objects.filter(anonymised=False)
    chosen = [
        people.filter(event_registrations__attendances__isnull=False).first(),
        people.filter(event_registrations__support_needs__isnull=False).first(),
        people.filter(event_contributions__isnull=False).first(),
        people.filter(subscriptions__deliveries__status="sent").first(),
        people.filter(world_cafe_seats__isnull=False).first(),
        people.filter(network_attendances__attended=True).first(),
        people.filter(network_memberships__isnull=False).first(),
        people.filter(inquiries__isnull=False).annotate(n=Count("inquiries")).order_by("-n").first(),
    ]
    return list({p.pk: p for p in chosen if p is not None}.values())


def test_erasing_demo_people_changes_no_indicator_of_the_report():
    load_demo_fast()
    project = Project.objects.get(slug=REFERENCE_SLUG)
    before = report(project)
    people = demo_people_of_every_kind()
    assert len(people) >= 5
    for person in people:
        erasure.erase_person(person, reason="request")
    after = report(project)
    assert Person.objects.filter(anonymised=True).count() == len(people)
    assert [(i["code"], i["value"]) for i in after["indicators"]] == [
        (i["code"], i["value"]) for i in before["indicators"]
    ]
    assert after == before  # breakdowns, tables and prose too

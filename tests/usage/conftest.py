from datetime import datetime, time, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from inklusio.events.models import Event

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"


@pytest.fixture
def visitor():
    """A person with a browser at one address; ``visitor(address, agent)`` for another one."""

    def make(address="198.51.100.23", agent=BROWSER, **headers):
        return Client(REMOTE_ADDR=address, HTTP_USER_AGENT=agent, **headers)

    return make


@pytest.fixture
def public_event(project):
    day = timezone.localdate() + timedelta(days=20)
    nine = timezone.make_aware(datetime.combine(day, time(9, 0)))
    return Event.objects.create(
        project=project,
        kind=Event.Kind.CONFERENCE_DAY,
        title="Fachtag Inklusive Ausbildung",
        slug="fachtag-zaehlen",
        starts_at=nine,
        ends_at=nine + timedelta(hours=7),
        venue="Haus der Begegnung",
        address="Hauptstraße 1\n60311 Frankfurt am Main",
        description="Ein Tag zu inklusiver Ausbildung.",
        description_easy="Ein Tag über Ausbildung.\nFür alle Menschen.",
        capacity=20,
        visibility=Event.Visibility.PUBLIC,
    )

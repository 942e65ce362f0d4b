"""No figure is stored by hand: adding records through the areas' own services moves the report's figures."""

from datetime import timedelta

import pytest

from inklusio.core.demo import REFERENCE_SLUG
from inklusio.core.models import Project
from inklusio.events import services as event_services
from inklusio.events.models import Event
from inklusio.impact import services
from tests.demo_snapshot import load_demo_fast

pytestmark = pytest.mark.django_db


def figure(project, code):
    return services.build_report(project).figures_by_code[code].value


def test_five_more_congress_registrations_move_the_figure_by_five():
    load_demo_fast()
    project = Project.objects.get(slug=REFERENCE_SLUG)
    congress = Event.objects.get(project=project, kind=Event.Kind.ONLINE_CONGRESS)
    before = figure(project, "congress_registrations")
    when = congress.starts_at - timedelta(days=2)  # while registration was open
    for i in range(5):
        data = event_services.RegistrationData(
            email=f"neu{i}@example.org", first_name="Neu", last_name=f"Person {i}", privacy_notice_version="1"
        )
        registration, created = event_services.register(congress.pk, data, now=when)
        assert created
    # the same person registering again is not counted twice
    event_services.register(congress.pk, data, now=when)
    assert figure(project, "congress_registrations") == before + 5

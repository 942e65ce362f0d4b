"""Archiving takes things out of the working lists, never out of the report: every figure stays the same after
archiving everything the removal rules archive (events, programme items, mailings that went out, inquiries,
organisations, networks and meetings)."""

import pytest

from inklusio.contacts import removal as contact_removal
from inklusio.contacts.models import Inquiry, Organisation
from inklusio.core.demo import REFERENCE_SLUG
from inklusio.core.models import Project
from inklusio.events import removal as event_removal
from inklusio.events.models import Event, ProgrammeItem
from inklusio.impact import services
from inklusio.mailings import removal as mailing_removal
from inklusio.mailings.models import Mailing
from inklusio.networks import removal as network_removal
from inklusio.networks.models import Meeting, Network
from tests.demo_snapshot import load_demo_fast

pytestmark = pytest.mark.django_db


def figures(project) -> dict:
    return {code: figure.value for code, figure in services.build_report(project).figures_by_code.items()}


def archive_all(objects, plan, carry_out) -> int:
    archived = 0
    for obj in objects:
        chosen = plan(obj)
        if chosen.allowed and chosen.action == "archive":
            carry_out(chosen)
            archived += 1
    return archived


def test_every_report_figure_stays_when_everything_countable_is_archived():
    load_demo_fast()
    project = Project.objects.get(slug=REFERENCE_SLUG)
    before = figures(project)
    archived = {
        "items": archive_all(ProgrammeItem.objects.all(), event_removal.plan_item, event_removal.remove_item),
        "events": archive_all(Event.objects.all(), event_removal.plan_event, event_removal.remove_event),
        "mailings": archive_all(Mailing.objects.all(), mailing_removal.plan_mailing, mailing_removal.remove_mailing),
        "inquiries": archive_all(Inquiry.objects.all(), contact_removal.plan_inquiry, contact_removal.remove),
        "organisations": archive_all(
            Organisation.objects.all(), contact_removal.plan_organisation, contact_removal.remove
        ),
        "meetings": archive_all(Meeting.objects.all(), network_removal.plan_meeting, network_removal.remove),
        "networks": archive_all(Network.objects.all(), network_removal.plan_network, network_removal.remove),
    }
    assert all(archived.values()), archived  # the demo has something of every kind to archive
    after = figures(project)
    assert after == before
    assert any(value for value in before.values())

"""The report states support requested and support provided apart; "provided" counts provisions of bookings."""

import pytest

from inklusio.core.demo import REFERENCE_SLUG
from inklusio.core.models import Project
from inklusio.events.models import SupportBooking
from inklusio.impact import services
from tests.demo_snapshot import load_demo_fast

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# The reference project's support figures as the demo produced them before bookings existed (they were then
# computed from the requests); the bookings the demo now makes must give the same "provided" figure.
REFERENCE_PROVIDED = {
    "stufenloser Zugang": 12,
    "Material in Leichter Sprache": 14,
    "Gebärdensprachdolmetschen": 9,
    "Schriftdolmetschen": 4,
    "Induktionsschleife": 3,
}


def _tables(project):
    section = next(s for s in services.build_report(project, lang="de").sections if s.key == "accessibility")
    return {table.title: {cell.label: cell.count for cell in table.cells} for table in section.tables}


def test_demo_report_states_requested_and_provided_and_keeps_the_reference_figure():
    load_demo_fast()
    project = Project.objects.get(slug=REFERENCE_SLUG)
    tables = _tables(project)
    assert list(tables) == ["Angefragte Unterstützung", "Bereitgestellte Unterstützung"]
    provided = tables["Bereitgestellte Unterstützung"]
    assert {label: provided[label] for label in REFERENCE_PROVIDED} == {
        label: (n if n >= 5 else None)
        for label, n in REFERENCE_PROVIDED.items()  # under 5: suppressed
    }
    assert tables["Angefragte Unterstützung"] == provided  # in the demo every request was met

    # a provided booking that falls back to "not possible" no longer counts as provided, the request still does
    booking = SupportBooking.objects.get(event__project=project, kind="easy_language", event__slug__contains="kongress")
    SupportBooking.objects.filter(pk=booking.pk).update(status=SupportBooking.Status.NOT_POSSIBLE, reason="Test")
    tables = _tables(project)
    assert tables["Bereitgestellte Unterstützung"]["Material in Leichter Sprache"] == 14 - booking.served_count
    assert tables["Angefragte Unterstützung"]["Material in Leichter Sprache"] == 14

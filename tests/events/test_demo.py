"""The demo reproduces the closing report's event figures from records."""

import random
from datetime import timedelta

import pytest

from inklusio.events import services
from inklusio.events.models import (
    Attendance,
    AttendanceSource,
    Event,
    OnlineJoin,
    ProgrammeItem,
    Registration,
    SupportNeed,
)

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture
def demo_context():
    from inklusio.contacts import demo as contacts_demo
    from inklusio.core import demo as core_demo
    from inklusio.events import demo as events_demo

    context = {"rng": random.Random(2022)}
    for load in (core_demo.load, contacts_demo.load, events_demo.load):
        load(context)
    return context


def test_demo_figures(demo_context):
    reference = demo_context["reference_project"]
    expert_days = Event.objects.filter(project=reference, kind=Event.Kind.CONFERENCE_DAY)
    assert expert_days.count() == 3
    third = expert_days.order_by("starts_at").last()
    assert "Frankfurt am Main" in third.address
    assert third.starts_at.date() >= reference.end.replace(year=reference.end.year - 1)
    attended = Attendance.objects.filter(registration__event__in=expert_days).values("registration").distinct()
    assert attended.count() == 273
    assert services.speaker_figures(expert_days)["speakers"] == 22

    congress = demo_context["online_congress"]
    assert congress.kind == Event.Kind.ONLINE_CONGRESS
    assert congress.starts_at.date() == reference.end
    assert congress.programme.exclude(format=ProgrammeItem.Format.BREAK).count() == 10
    figures = services.speaker_figures([congress])
    assert figures["speakers"] == 16 and figures["apprentices"] >= 2
    assert congress.registrations.exclude(status=Registration.Status.CANCELLED).count() == 218
    assert congress.feedback.exists()
    # the congress's attendance came in through the join links (the service a join link's POST calls)
    present = Attendance.objects.filter(registration__event=congress)
    assert present.count() == 171 and set(present.values_list("via", flat=True)) == {AttendanceSource.JOIN_LINK}
    joins = OnlineJoin.objects.filter(registration__event=congress)
    assert joins.filter(item=None).count() == 171 and joins.exclude(item=None).exists()
    assert all(join.first_joined_at >= congress.starts_at - timedelta(hours=1) for join in joins)
    assert SupportNeed.objects.exists()  # the upcoming event keeps live support needs
    assert sum(c for _k, _l, c in services.support_need_totals(third)) > 0  # past events keep counts
    assert demo_context["events"][:3] == list(expert_days.order_by("starts_at"))
    for event in demo_context["events"]:
        confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
        assert event.capacity is None or confirmed <= event.capacity


def test_the_congress_attendance_comes_from_join_links_and_an_imported_platform_report(demo_context):
    from inklusio.core.models import AuditEvent
    from inklusio.events.models import AttendanceImport, AttendanceSource

    congress = demo_context["online_congress"]
    attendances = Attendance.objects.filter(registration__event=congress)
    assert attendances.values("registration").distinct().count() == 171
    # everyone came in through their join link; the platform's report then added the minutes, no second row
    assert not attendances.exclude(via=AttendanceSource.JOIN_LINK).exists()
    assert all(a.minutes >= congress.attendance_min_minutes for a in attendances)
    record = AttendanceImport.objects.get(event=congress)
    assert record.status == AttendanceImport.Status.IMPORTED and record.updated_count == 171
    assert AuditEvent.objects.filter(action="events.attendance_import").exists()

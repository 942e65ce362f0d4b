"""Active participants and the stakeholder mix, always computed from attendance records (see conf.py)."""

from collections import Counter
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from inklusio.contacts import queries as contacts_queries
from inklusio.contacts.queries import MixRow

from . import conf
from .models import Attendance, Meeting, Network


def period_bounds(start: date | None, end: date | None) -> tuple[datetime | None, datetime | None]:
    """Whole days in the project's time zone: [start 00:00, end+1 00:00)."""
    tz = timezone.get_current_timezone()
    lower = datetime.combine(start, time.min, tzinfo=tz) if start else None
    upper = datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz) if end else None
    return lower, upper


def meetings_in_period(meetings, start: date | None = None, end: date | None = None):
    lower, upper = period_bounds(start, end)
    if lower:
        meetings = meetings.filter(starts_at__gte=lower)
    if upper:
        meetings = meetings.filter(starts_at__lt=upper)
    return meetings


def held_meetings(meetings, start=None, end=None, now=None):
    """Meetings in the period that have started (a meeting in the future is not 'held')."""
    return meetings_in_period(meetings, start, end).filter(starts_at__lte=now or timezone.now())


def _active_ids(networks, start, end, min_meetings):
    """The ids of the people who attended at least ``min_meetings`` meetings of ``networks`` in the period (an
    attendance is unique per meeting and person, so its rows count the meetings)."""
    minimum = min_meetings if min_meetings is not None else conf.active_min_meetings()
    meetings = meetings_in_period(Meeting.objects.filter(network__in=networks), start, end)
    return (
        Attendance.objects.filter(meeting__in=meetings, attended=True)
        .order_by()
        .values("person_id")
        .annotate(n=Count("id"))
        .filter(n__gte=minimum)
        .values("person_id")
    )


def active_participants(networks, start: date | None = None, end: date | None = None, min_meetings: int | None = None):
    """People who attended at least ``min_meetings`` meetings of ``networks`` (a queryset) in the period."""
    return contacts_queries.all_people().filter(pk__in=_active_ids(networks, start, end, min_meetings))


def active_participant_total(networks, start=None, end=None, min_meetings=None) -> int:
    """How many people ``active_participants`` holds, counted on the attendance alone (every attendance has its
    person: the foreign key protects it)."""
    return _active_ids(networks, start, end, min_meetings).count()


def active_participant_summary(networks, start=None, end=None, min_meetings=None) -> tuple[dict[int, int], int]:
    """Per network id: the number of its active participants in the period; and how many people are active across
    all of ``networks`` (a list), as ``active_participants`` counts them. One grouped query for both."""
    minimum = min_meetings if min_meetings is not None else conf.active_min_meetings()
    lower, upper = period_bounds(start, end)
    condition = Q(meeting__network__in=networks, attended=True)
    if lower:
        condition &= Q(meeting__starts_at__gte=lower)
    if upper:
        condition &= Q(meeting__starts_at__lt=upper)
    rows = (
        Attendance.objects.filter(condition)
        .order_by()  # no join of the people for the default order
        .values_list("meeting__network_id", "person_id")
        .annotate(n=Count("id"))  # one attendance per meeting and person: its rows count the meetings
    )
    counts: Counter = Counter()
    meetings_of: Counter = Counter()  # a meeting belongs to one network: a person's meetings add up
    for network_id, person_id, n in rows:
        if n >= minimum:
            counts[network_id] += 1
        meetings_of[person_id] += n
    total = sum(1 for n in meetings_of.values() if n >= minimum)
    return {network.pk: counts.get(network.pk, 0) for network in networks}, total


def active_participant_counts(networks, start=None, end=None, min_meetings=None) -> dict[int, int]:
    """Per network id: the number of its active participants in the period."""
    return active_participant_summary(networks, start, end, min_meetings)[0]


def stakeholder_type_of(person, membership_organisation=None):
    """The person's own type, else that of the organisation they represent, else of their first affiliation."""
    if person.stakeholder_type_id:
        return person.stakeholder_type
    if membership_organisation is not None:
        return membership_organisation.stakeholder_type
    for affiliation in person.affiliations.all():
        return affiliation.organisation.stakeholder_type
    return None


def stakeholder_mix(people) -> list[MixRow]:
    """Count people per stakeholder type, largest first (the rule lives in ``contacts.queries.stakeholder_mix``)."""
    return contacts_queries.stakeholder_mix(people)


def network_active_on(day: date):
    return Network.objects.filter(founded_on__lte=day).filter(Q(closed_on__isnull=True) | Q(closed_on__gt=day))

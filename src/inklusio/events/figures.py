"""The events area's figures for the impact report: aggregate queries over records, never typed-in numbers.

Periods are whole local days ``start``..``end`` inclusive; an event belongs to the period in which it starts.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone

from inklusio.core.extensions import Binding, Breakdown, shared_figure
from inklusio.surveys import queries as survey_queries

from .bookings import provisions_by_kind
from .models import (
    Attendance,
    Contribution,
    Event,
    FeedbackResponse,
    ProgrammeItem,
    Registration,
    SupportKind,
    SupportNeed,
    SupportNeedCount,
)

APPRENTICE_PERSPECTIVES = (
    Contribution.Perspective.APPRENTICE_WITH_DISABILITY,
    Contribution.Perspective.APPRENTICE_WITHOUT_DISABILITY,
)
IN_PERSON = (Event.Kind.CONFERENCE_DAY, Event.Kind.WORKSHOP, Event.Kind.HYBRID)
ONLINE = (Event.Kind.ONLINE_CONGRESS,)  # with IN_PERSON, every kind once: the two rates split the total


def held_events(project, start, end, kinds=None):
    """Events of the project, not cancelled, that started within the period."""
    zone = ZoneInfo(settings.TIME_ZONE)
    events = Event.objects.filter(project=project, cancelled=False)
    if start:
        events = events.filter(starts_at__gte=datetime.combine(start, time.min, tzinfo=zone))
    if end:
        events = events.filter(starts_at__lt=datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone))
    if kinds:
        events = events.filter(kind__in=kinds)
    return events


def _started(events):
    """Only events that have begun: a check-in recorded before an event is no attendance (the check-in window now
    prevents it, but older data and wrong clocks may hold such rows)."""
    return events.filter(starts_at__lte=timezone.now())


def _held_counts(project, start, end) -> dict[str, int]:
    """Held events per kind, one query shared inside a report (``core.extensions.figure_scope``)."""

    def compute():
        return dict(held_events(project, start, end).order_by().values_list("kind").annotate(n=Count("id")))

    return shared_figure(("events.held", project.pk, start, end), compute)


def _speakers(project, start, end) -> dict[str, int]:
    """Distinct speakers at expert days, at congresses, and apprentices at any event: one query, shared."""

    def compute():
        contributions = Contribution.objects.filter(item__event__in=held_events(project, start, end))
        return contributions.aggregate(
            conference_day=Count("person", distinct=True, filter=Q(item__event__kind=Event.Kind.CONFERENCE_DAY)),
            congress=Count("person", distinct=True, filter=Q(item__event__kind=Event.Kind.ONLINE_CONGRESS)),
            apprentices=Count("person", distinct=True, filter=Q(perspective__in=APPRENTICE_PERSPECTIVES)),
        )

    return shared_figure(("events.speakers", project.pk, start, end), compute)


def conference_days(project, start, end) -> int:
    return _held_counts(project, start, end).get(Event.Kind.CONFERENCE_DAY, 0)


def conference_day_participants(project, start, end) -> int:
    """Attendance records (one per person and day) at expert days: the sum over days."""
    days = _started(held_events(project, start, end, [Event.Kind.CONFERENCE_DAY]))
    return Attendance.objects.filter(registration__event__in=days, day__lte=timezone.localdate()).count()


def conference_day_speakers(project, start, end) -> int:
    return _speakers(project, start, end)["conference_day"]


def congresses(project, start, end) -> int:
    return _held_counts(project, start, end).get(Event.Kind.ONLINE_CONGRESS, 0)


def congress_programme_items(project, start, end) -> int:
    congresses_ = held_events(project, start, end, [Event.Kind.ONLINE_CONGRESS])
    return ProgrammeItem.objects.filter(event__in=congresses_).exclude(format=ProgrammeItem.Format.BREAK).count()


def congress_speakers(project, start, end) -> int:
    return _speakers(project, start, end)["congress"]


def congress_registrations(project, start, end) -> int:
    congresses_ = held_events(project, start, end, [Event.Kind.ONLINE_CONGRESS])
    return Registration.objects.filter(event__in=congresses_).exclude(status=Registration.Status.CANCELLED).count()


def apprentice_speakers(project, start, end) -> int:
    return _speakers(project, start, end)["apprentices"]


def _rate(totals) -> float | None:
    return round(100 * totals["came"] / totals["all"], 1) if totals["all"] else None


def _show_up_totals(confirmed):
    """``all`` and ``came`` (with at least one attendance) of the registrations, one row per event kind."""
    came = Q(pk__in=Attendance.objects.values("registration_id"))  # one hashed set, not a lookup per row
    return confirmed.order_by().values("event__kind").annotate(all=Count("id"), came=Count("id", filter=came))


def _show_up_by_kind(project, start, end) -> dict[str, dict]:
    """The three show-up rates' totals per event kind, one query shared inside a report (figure_scope): per cent
    of the confirmed registrations of events that have begun with at least one attendance (a check-in at the
    door, a join through the personal join link, or a video platform's report)."""

    def compute():
        events = _started(held_events(project, start, end))
        confirmed = Registration.objects.filter(event__in=events, status=Registration.Status.CONFIRMED)
        return {row["event__kind"]: row for row in _show_up_totals(confirmed)}

    return shared_figure(("events.show_up", project.pk, start, end), compute)


def _show_up_of(project, start, end, kinds) -> float | None:
    rows = [row for kind, row in _show_up_by_kind(project, start, end).items() if kinds is None or kind in kinds]
    return _rate({key: sum(row[key] for row in rows) for key in ("all", "came")})


def participants_by_kind(project, start, end) -> dict[str, int]:
    """People who took part (confirmed registrations with an attendance) per event kind, of events held in the
    period that have begun; the show-up rates' shared query, e.g. for finance's cost per participant."""
    return {kind: row["came"] for kind, row in _show_up_by_kind(project, start, end).items()}


def show_up_rate(project, start, end) -> float | None:
    """The show-up rate of in-person events (expert days, workshops, hybrid events)."""
    return _show_up_of(project, start, end, IN_PERSON)


def show_up_rate_online(project, start, end) -> float | None:
    """The show-up rate of online congresses: attendance through join links and platform reports."""
    return _show_up_of(project, start, end, ONLINE)


def show_up_rate_all(project, start, end) -> float | None:
    """The show-up rate over every event, in person and online together (each registration counted once)."""
    return _show_up_of(project, start, end, None)


def satisfaction(project, start, end) -> float | None:
    """Per cent of feedback answers rating the event overall 4 or 5 of 5 (fixed form and feedback surveys)."""
    events = held_events(project, start, end)
    totals = FeedbackResponse.objects.filter(event__in=events).aggregate(
        all=Count("id"), good=Count("id", filter=Q(overall__gte=4))
    )
    # Events whose feedback form is a survey: its 1–5 rating with the code "overall" counts the same way.
    survey_all, survey_good = survey_queries.rating_totals(events, code="overall")
    answers, good = totals["all"] + survey_all, totals["good"] + survey_good
    return round(100 * good / answers, 1) if answers else None


def support_requested(project, start, end) -> dict[str, int]:
    """People per kind of support asked for: stored counts for events whose details were deleted, live ones
    otherwise (cancelled registrations do not count)."""
    events = held_events(project, start, end)
    counts: dict[str, int] = {}
    stored = (
        SupportNeedCount.objects.filter(event__in=events, event__support_needs_purged_at__isnull=False)
        .values("kind")
        .annotate(n=Sum("count"))
    )
    live = (
        SupportNeed.objects.filter(registration__event__in=events, registration__event__support_needs_purged_at=None)
        .exclude(registration__status=Registration.Status.CANCELLED)
        .values("kind")
        .annotate(n=Count("id"))
    )
    for row in [*stored, *live]:
        counts[row["kind"]] = counts.get(row["kind"], 0) + (row["n"] or 0)
    return _labelled(counts)


def support_provided(project, start, end) -> dict[str, int]:
    """Provisions per kind: every support booking with status "provided" counts once for each registration it
    served (see ``bookings.provisions_by_kind``). What was only requested, booked or not possible is not counted."""
    return _labelled(provisions_by_kind(held_events(project, start, end)))


def _labelled(counts: dict[str, int]) -> dict[str, int]:
    labels = dict(SupportKind.choices)
    labelled: dict[str, int] = {}
    for kind, n in counts.items():
        label = str(labels.get(kind, kind))
        labelled[label] = labelled.get(label, 0) + n
    return {label: n for label, n in labelled.items() if n}


def _events_url(project, start, end):
    return reverse("events:event_list")


INDICATORS = [
    Binding("conference_days", conference_days, _events_url),
    Binding("conference_day_participants", conference_day_participants, _events_url),
    Binding("conference_day_speakers", conference_day_speakers, _events_url),
    Binding("congresses", congresses, _events_url),
    Binding("congress_programme_items", congress_programme_items, _events_url),
    Binding("congress_speakers", congress_speakers, _events_url),
    Binding("congress_registrations", congress_registrations, _events_url),
    Binding("apprentice_speakers", apprentice_speakers, _events_url),
    Binding("show_up_rate", show_up_rate, _events_url),
    Binding("show_up_rate_online", show_up_rate_online, _events_url),
    Binding("show_up_rate_all", show_up_rate_all, _events_url),
    Binding("satisfaction", satisfaction, _events_url),
    Breakdown("accessibility", "Angefragte Unterstützung", "Support requested", support_requested),
    Breakdown("accessibility", "Bereitgestellte Unterstützung", "Support provided", support_provided),
]

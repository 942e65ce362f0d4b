"""Who may see which events data: the one place that decides it (DESIGN.md)."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from inklusio.contacts.queries import normalise_name
from inklusio.core.compiled import CompiledStatement

from .models import (
    Attendance,
    Contribution,
    Event,
    FeedbackResponse,
    Question,
    Registration,
    SupportBooking,
    SupportBookingServed,
    SupportNeed,
)

SUPPORT_PERMISSION = "events.view_supportneed"
# A request served by a booking in one of these statuses is no longer open.
COVERING = (SupportBooking.Status.BOOKED, SupportBooking.Status.PROVIDED)


def events_for_user(user):
    if user.is_authenticated and user.has_perm("events.view_event"):
        return Event.objects.all()
    return Event.objects.none()


def public_events():
    return Event.objects.filter(visibility=Event.Visibility.PUBLIC, archived_at__isnull=True)


# The fields that decide whether registration is open (Event.registration_state).
REGISTRATION_STATE_FIELDS = ("cancelled", "visibility", "registration_opens", "registration_closes", "ends_at")
# in the model's order, as Model.from_db takes them
_REGISTRATION_EVENT_FIELDS = tuple(
    f.attname for f in Event._meta.concrete_fields if f.attname in {"id", "slug", *REGISTRATION_STATE_FIELDS}
)


def _registration_event(slug: str):
    events = with_question_flag(public_events().filter(slug=slug))
    return events.values_list(*_REGISTRATION_EVENT_FIELDS, "has_questions")


_REGISTRATION_EVENT = CompiledStatement(_registration_event, slug=str)  # every registration reads it: compiled once


def event_to_register(slug: str) -> Event | None:
    """The public event as far as a registration needs it (the other fields are deferred): its state, and whether
    it has questions of its own (``has_questions``); None when there is no such public event."""
    row = _REGISTRATION_EVENT.fetchone(slug=slug)
    if row is None:
        return None
    event = Event.from_db("default", _REGISTRATION_EVENT_FIELDS, row[:-1])
    event.has_questions = row[-1]
    return event


def with_question_flag(events):
    """The events with ``has_questions``: a form of an event without questions of its own need not look for them
    (see :func:`event_questions`)."""
    return events.annotate(has_questions=Exists(Question.objects.filter(event=OuterRef("pk"))))


def event_questions(event):
    """The event's own questions; none without a query when the event came with ``has_questions`` False."""
    if getattr(event, "has_questions", True):
        return event.questions.all()
    return []


def event_kinds() -> list[tuple[str, str]]:
    return list(Event.Kind.choices)


def upcoming_public_events(*, kind: str = "", region: str = "", project: str = "", now=None):
    """Public events not yet over, soonest first; ``kind``, ``region`` and ``project`` (its short name) filter."""
    events = public_events().filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "pk")
    if kind:
        events = events.filter(kind=kind)
    if region:
        events = events.filter(region=region)
    if project:
        events = events.filter(project__slug=project)
    return events


def event_participants(event_id) -> list[int]:
    """Person ids of the people who took part in the event (checked in), or, before it, of the confirmed ones.

    Published for the World Café planner (like ``networks.services.meeting_participants``): it seats them.
    """
    registrations = Registration.objects.filter(event=event_id)
    attended = registrations.filter(attendances__isnull=False).values_list("person_id", flat=True).distinct()
    return list(attended) or list(
        registrations.filter(status=Registration.Status.CONFIRMED).values_list("person_id", flat=True)
    )


def may_see_support_needs(user) -> bool:
    return user.is_authenticated and user.has_perm(SUPPORT_PERMISSION)


def registrations_for_user(user, event):
    if not (user.is_authenticated and user.has_perm("events.view_registration")):
        return Registration.objects.none()
    return (
        event.registrations.select_related("person", "stakeholder_type")
        .annotate(attended=Exists(Attendance.objects.filter(registration=OuterRef("pk"))))
        .order_by("person__sort_key", "id")
    )


def support_need_details(user, event):
    """The event's open registrations with their support needs, for users who may see support needs."""
    if not may_see_support_needs(user):
        return Registration.objects.none()
    return (
        Registration.objects.filter(event=event, support_needs__isnull=False)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("person")
        .prefetch_related("support_needs")
        .distinct()
    )


def support_bookings_for_user(user, event):
    """The event's support bookings, for users who may see support needs (a booking says who needs what)."""
    if not may_see_support_needs(user):
        return SupportBooking.objects.none()
    return event.support_bookings.annotate(people=Count("served", distinct=True)).order_by("kind", "starts_at", "id")


def may_manage_support_bookings(user) -> bool:
    return may_see_support_needs(user) and user.has_perm("events.change_supportneed")


def booking_requests_for_user(user, event, kind):
    """The registrations (not cancelled) that asked for this kind of support, with that need's details, for a
    booking's choice of people served; none after the needs were deleted or without the permission."""
    if not may_see_support_needs(user) or event.support_needs_purged_at:
        return Registration.objects.none()
    return (
        Registration.objects.filter(event=event, support_needs__kind=kind)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("person")
        .prefetch_related(Prefetch("support_needs", queryset=SupportNeed.objects.filter(kind=kind)))
        .order_by("person__sort_key", "id")
        .distinct()
    )


def unserved_requests_for_user(user, event):
    """Support needs of the event that no booked or provided booking of their kind serves, by person."""
    if not may_see_support_needs(user) or event.support_needs_purged_at:
        return SupportNeed.objects.none()
    covered = SupportBookingServed.objects.filter(
        booking__event=event,
        booking__status__in=COVERING,
        booking__kind=OuterRef("kind"),
        registration=OuterRef("registration"),
    )
    return (
        SupportNeed.objects.filter(registration__event=event)
        .exclude(registration__status=Registration.Status.CANCELLED)
        .exclude(Exists(covered))
        .select_related("registration__person")
        .order_by("kind", "registration__person__sort_key", "id")
    )


def waitlist_position(registration) -> int | None:
    """The place of a waitlisted registration in its event's queue (1 = next), by sign-up time; else None."""
    if registration.status != Registration.Status.WAITLISTED:
        return None
    return (
        registration.event.registrations.filter(
            status=Registration.Status.WAITLISTED, created__lte=registration.created
        )
        .exclude(created=registration.created, id__gt=registration.id)
        .count()
    )


def search_registrations(queryset, *, text="", status="", attended=""):
    if text:
        for word in text.split()[:5]:
            key = normalise_name(word)
            queryset = queryset.filter(
                Q(person__name_key__contains=key)
                | Q(person__email__startswith=word.casefold())
                | Q(organisation_name__icontains=word)
            )
    if status:
        queryset = queryset.filter(status=status)
    if attended == "yes":
        queryset = queryset.filter(attended=True)
    elif attended == "no":
        queryset = queryset.filter(attended=False)
    return queryset


def event_list_rows(events, *, archived: bool = False):
    """The working list (current events) or, with ``archived``, only the archived ones."""
    return (
        events.filter(archived_at__isnull=not archived)
        .select_related("project")
        .annotate(
            confirmed=Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)),
            waitlisted=Count("registrations", filter=Q(registrations__status=Registration.Status.WAITLISTED)),
        )
    )


def upcoming_events_for_user(user, now):
    """Visible events not cancelled and not over yet, soonest first, with their seat counts."""
    return event_list_rows(events_for_user(user).filter(cancelled=False, ends_at__gte=now)).order_by("starts_at", "pk")


def registrations_since(user, since) -> int:
    """How many sign-ups (any status) the user's visible events got since the moment; 0 without the permission."""
    if not (user.is_authenticated and user.has_perm("events.view_registration")):
        return 0
    return Registration.objects.filter(event__in=events_for_user(user), created__gte=since).count()


MESSAGE_GROUPS = ("confirmed", "waitlisted", "attended", "no_show")


def message_recipients(
    event, *, groups=(), item_id=None, now=None, unreminded: bool = False
) -> list[tuple[int, int | None]]:
    """``(person id, registration id or None)`` of the people a message to an event's people reaches.

    ``groups`` (any of :data:`MESSAGE_GROUPS`): confirmed, waitlisted, attended (checked in or joined), no-show
    (confirmed, the event is over, no attendance). ``item_id``: the speakers, moderators and hosts of that
    programme item of the event instead (with their registration where they have one). Cancelled registrations
    never; each person once; with ``unreminded`` only registrations that have had no reminder yet (the online
    events' join-link reminder, ``tasks.send_reminders``, or an earlier one). Published for the participant
    messages (``participantmail``).
    """
    registrations = Registration.objects.filter(event=event).exclude(status=Registration.Status.CANCELLED)
    if unreminded:
        registrations = registrations.filter(reminder_sent_at__isnull=True)
    if item_id is not None:
        people = Contribution.objects.filter(item__event=event, item_id=item_id).values_list("person_id", flat=True)
        by_person = dict(registrations.filter(person__in=list(people)).values_list("person_id", "id"))
        return [(person, by_person.get(person)) for person in sorted(set(people))]
    attended = Exists(Attendance.objects.filter(registration=OuterRef("pk")))
    wanted = Q(pk__in=[])
    if "confirmed" in groups:
        wanted |= Q(status=Registration.Status.CONFIRMED)
    if "waitlisted" in groups:
        wanted |= Q(status=Registration.Status.WAITLISTED)
    if "attended" in groups:
        wanted |= Q(attended=True)
    if "no_show" in groups and event.ends_at < (now or timezone.now()):
        wanted |= Q(status=Registration.Status.CONFIRMED, attended=False)
    rows = registrations.annotate(attended=attended).filter(wanted).order_by("id")
    return list(rows.values_list("person_id", "id"))


def registrations_with_ids(ids):
    """Registrations (with event and person) by id, for mail about them built outside this app."""
    return Registration.objects.filter(pk__in=list(ids)).select_related("event", "person")


def registration_for_token(token: str):
    """The registration behind a personal link, or None."""
    if not token or len(token) > 64:
        return None
    return Registration.objects.select_related("event", "person").filter(token=token).first()


def programme_items(event):
    return event.programme.filter(archived_at__isnull=True).order_by("starts_at", "position", "pk")


def fixed_feedback_count(event_id) -> int:
    """Answers to the fixed three-rating feedback form (kept and counted after a survey replaced it)."""
    return FeedbackResponse.objects.filter(event_id=event_id).count()


def all_registrations_for_user(user):
    """Every registration the user may see, across events (the API's sync list)."""
    if not (user.is_authenticated and user.has_perm("events.view_registration")):
        return Registration.objects.none()
    return Registration.objects.select_related("person", "event")


def attendance_for_user(user, event):
    """The event's attendance records (one per registration and day), for users who may see registrations."""
    if not (user.is_authenticated and user.has_perm("events.view_registration")):
        return Attendance.objects.none()
    return Attendance.objects.filter(registration__event=event).select_related("registration")

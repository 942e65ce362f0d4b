"""Who may see which events data: the one place that decides it (DESIGN.md)."""

from django.db.models import Count, Exists, OuterRef, Q

from inklusio.contacts.queries import normalise_name

from .models import Attendance, Event, Registration

SUPPORT_PERMISSION = "events.view_supportneed"


def events_for_user(user):
    if user.is_authenticated and user.has_perm("events.view_event"):
        return Event.objects.all()
    return Event.objects.none()


def public_events():
    return Event.objects.filter(visibility=Event.Visibility.PUBLIC)


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
        .order_by("person__last_name", "person__first_name", "id")
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


def event_list_rows(events):
    return events.select_related("project").annotate(
        confirmed=Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)),
        waitlisted=Count("registrations", filter=Q(registrations__status=Registration.Status.WAITLISTED)),
    )

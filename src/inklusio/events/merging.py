"""The events part of merging two people: registrations for the same event are kept once.

Where both people registered for one event, the stronger registration stays (confirmed before waitlisted before
cancelled, then the earlier one) and moves to the person kept; the other is deleted with its answers, support
needs and check-ins (check-ins and support bookings the kept one lacks move over first). A confirmed registration
deleted this way frees a seat, which goes to the waiting list as on a cancellation (:func:`services.promote_waitlist`).
"""

from django.db.models import F
from django.utils import timezone

from .models import Attendance, Event, Registration, SupportBookingServed
from .services import promote_waitlist

_STRENGTH = {Registration.Status.CONFIRMED: 0, Registration.Status.WAITLISTED: 1, Registration.Status.CANCELLED: 2}


def merge_person(survivor, duplicate, actor=None) -> list[str]:
    notes = []
    shared = Registration.objects.filter(person=duplicate, event__registrations__person=survivor).values_list(
        "event_id", flat=True
    )
    for event_id in sorted(set(shared)):
        event = Event.objects.select_for_update(no_key=True).get(pk=event_id)
        kept, dropped = sorted(
            Registration.objects.filter(event=event, person__in=[survivor, duplicate]),
            key=lambda r: (_STRENGTH[r.status], r.created, r.pk),
        )
        for attendance in Attendance.objects.filter(registration=dropped).exclude(
            day__in=kept.attendances.values("day")
        ):
            attendance.registration = kept
            attendance.save(update_fields=["registration"])
        SupportBookingServed.objects.filter(registration=dropped).exclude(
            booking__in=kept.support_served.values("booking")
        ).update(registration=kept)
        freed, dropped_id = dropped.status == Registration.Status.CONFIRMED, dropped.pk
        dropped.delete()
        if freed:  # the seat goes back through the counter, as on a cancellation
            Event.objects.filter(pk=event.pk).update(seats_taken=F("seats_taken") - 1)
        if kept.person_id != survivor.pk:
            kept.person = survivor
            kept.save(update_fields=["person"])
        promoted = promote_waitlist(event, timezone.now()) if freed else []
        notes.append(f"event {event.pk}: registration {dropped_id} folded, {len(promoted)} promoted")
    Registration.objects.filter(person=duplicate).update(person=survivor)
    return notes

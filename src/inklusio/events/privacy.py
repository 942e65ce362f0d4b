"""The events area's part of the data-subject rights."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inklusio.core.personal_data import plain_record

from .models import (
    Answer,
    Attendance,
    Contribution,
    FeedbackReceipt,
    OnlineJoin,
    Registration,
    SupportBookingServed,
    SupportNeed,
    new_token,
)


def personal_data(person) -> dict:
    registrations = Registration.objects.filter(person=person).select_related("event", "stakeholder_type")
    return {
        _("Event registrations"): [plain_record(r, exclude=("join_token",)) for r in registrations],
        _("Answers to registration questions"): [
            plain_record(a, question_text=a.question.text, event=a.registration.event.title)
            for a in Answer.objects.filter(registration__person=person).select_related(
                "question", "registration__event"
            )
        ],
        _("Support needs"): [
            plain_record(s, event=s.registration.event.title)
            for s in SupportNeed.objects.filter(registration__person=person).select_related("registration__event")
        ],
        _("Support booked"): [_booking_record(served) for served in _bookings_serving(person)],
        _("Event attendance (check-ins)"): [
            plain_record(a, event=a.registration.event.title)
            for a in Attendance.objects.filter(registration__person=person).select_related("registration__event")
        ],
        _("Online joins (personal join links)"): [
            plain_record(j, event=j.registration.event.title, programme_item=j.item.title if j.item else "")
            for j in OnlineJoin.objects.filter(registration__person=person).select_related(
                "registration__event", "item"
            )
        ],
        _("Contributions to event programmes"): [
            plain_record(c, event=c.item.event.title)
            for c in Contribution.objects.filter(person=person).select_related("item__event")
        ],
        # Feedback answers are stored without any link to the registration; only the fact of answering is.
        _("Feedback survey answered"): [
            {"event": r.registration.event.title, "answered": True}
            for r in FeedbackReceipt.objects.filter(registration__person=person).select_related("registration__event")
        ],
    }


def _bookings_serving(person):
    return SupportBookingServed.objects.filter(registration__person=person).select_related("booking__event")


def _booking_record(served) -> dict:
    """What was arranged for the person; the cost and the other people served are the project's, not theirs."""
    booking = served.booking
    return plain_record(
        booking,
        exclude=("cost", "served_count", "created", "updated"),
        event=booking.event.title,
        told_at=served.told_at,
    )


def erase_person(person, actor=None):
    """Registrations, check-ins, contributions, support-need kinds, the support bookings that served them and
    feedback receipts stay (the figures count them); free text goes: answers, support-need details, the
    organisation typed in at registration. New tokens make the old personal and join links useless."""
    registrations = Registration.objects.filter(person=person)
    Answer.objects.filter(registration__in=registrations).update(value="")
    SupportNeed.objects.filter(registration__in=registrations).update(detail="")
    for pk in registrations.values_list("pk", flat=True):
        Registration.objects.filter(pk=pk).update(
            organisation_name="", token=new_token(), join_token=new_token(), updated=timezone.now()
        )
    return []

"""The World Café planner's retention category (see inklusio.privacy.retention): seat lists of past cafés."""

from django.utils.translation import gettext_lazy as _

from inklusio.core.extensions import ANONYMISE, RetentionCategory

from .models import CafeParticipant

ANONYMOUS_PREFIX = "#"


def participants_due(cutoff):
    """Seats of cafés last changed before the cutoff that still name someone."""
    return (
        CafeParticipant.objects.filter(cafe__updated__lt=cutoff)
        .exclude(name__startswith=ANONYMOUS_PREFIX, person__isnull=True, organisation="")
        .exclude(person__anonymised=True)  # erasure has already removed the name
        .select_related("cafe")
        .order_by("cafe", "id")
    )


def anonymise_participants(cutoff) -> int:
    """Names become ``#<id>``, the organisation and the link to the contact go; tables, rounds and the plan stay."""
    seats = list(participants_due(cutoff))
    for seat in seats:
        seat.name = f"{ANONYMOUS_PREFIX}{seat.pk}"
        seat.organisation = ""
        seat.person = None
    CafeParticipant.objects.bulk_update(seats, ["name", "organisation", "person"], batch_size=500)
    return len(seats)


CATEGORIES = [
    RetentionCategory(
        key="worldcafe.participants",
        label=_("Seat lists of World Cafés"),
        data=_("Names and organisations of the people seated, from registrations, meetings or an uploaded list"),
        data_subjects=_("Participants of World Cafés"),
        purpose=_("Planning who sits at which table in each round, printing table cards"),
        legal_basis=_("As for the event or meeting the café belongs to (GDPR Art. 6(1)(b) or (f))"),
        recipients=_("Project staff and event hosts; the printed table cards at the café"),
        default_days=365,
        find=participants_due,
        apply=lambda cutoff, now: anonymise_participants(cutoff),
        action=ANONYMISE,
        describe=lambda seat: f"{seat.cafe.title}: {seat.name}",
        minimum_days=30,
        minimum_reason=_("A plan is re-planned and reprinted around its day and discussed afterwards."),
        after=_("the last change of the café"),
    ),
]

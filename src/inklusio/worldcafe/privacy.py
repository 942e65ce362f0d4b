"""The World Café planner's part of the data-subject rights; a seat is found by the contact link or the name."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inklusio.core.personal_data import plain_record

from .models import CafeParticipant

ERASED_TEXT = "[erased]"


def seats_of(person):
    match = Q(person=person)
    names = {n for n in (person.full_name, f"{person.first_name} {person.last_name}".strip()) if n}
    for name in names:
        match |= Q(person__isnull=True, name__iexact=name)
    return CafeParticipant.objects.filter(match)


def personal_data(person) -> dict:
    return {
        _("World Café seats"): [
            plain_record(seat, exclude=["person", "together_with"])
            for seat in seats_of(person).select_related("cafe", "host_table")
        ]
    }


def erase_person(person, actor=None):
    """The seat stays in its café's plan (the plan stores seat ids), without name or organisation."""
    seats = seats_of(person)
    removed = list(seats.values_list("name", flat=True))
    seats.update(name=ERASED_TEXT, organisation="")
    return removed

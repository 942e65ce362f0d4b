"""The programme of an event: its current items in order, their end times, and moving an item up or down.

Time is the order of a programme: items are sorted by start, and ``position`` only orders items that start at
the same moment (parallel workshops). Moving an item therefore swaps it with its neighbour *in time*: it takes
the neighbour's start and keeps its own length, and the neighbour follows with the same gap as before, so the
calendar files (``ics.py``) always match the order shown.
"""

from datetime import timedelta

from django.db import transaction

from .models import Event, ProgrammeItem

DEFAULT_LENGTH = timedelta(minutes=60)


def current_items(event: Event):
    """The event's programme without archived items, in programme order."""
    return event.programme.filter(archived_at__isnull=True)


def default_end(item: ProgrammeItem, *, duration: timedelta | None = None):
    """Where an item without its own end ends: after ``duration`` if given, else at the next item's start, else
    after an hour (but not after the event's end, if that comes later than the start)."""
    if duration:
        return item.starts_at + duration
    following = current_items(item.event).filter(starts_at__gt=item.starts_at).exclude(pk=item.pk).first()
    if following is not None:
        return following.starts_at
    end = item.starts_at + DEFAULT_LENGTH
    if item.event.ends_at > item.starts_at:
        end = min(end, item.event.ends_at)
    return end


def save_item(item: ProgrammeItem, *, duration: timedelta | None = None) -> ProgrammeItem:
    """Save a programme item; one without an end gets :func:`default_end`; a new one goes last among its
    same-time items."""
    with transaction.atomic():
        if not item.ends_at:
            item.ends_at = default_end(item, duration=duration)
        if item.pk is None:
            item.position = current_items(item.event).filter(starts_at=item.starts_at).count()
        item.save()
    return item


def _end_of(item: ProgrammeItem):
    return item.ends_at or default_end(item)


def move_item(item: ProgrammeItem, *, up: bool) -> bool:
    """Swap the item with the one before (``up``) or after it; False if it is already first or last."""
    with transaction.atomic():
        items = list(current_items(item.event).select_for_update())
        ids = [i.pk for i in items]
        if item.pk not in ids:
            return False
        index = ids.index(item.pk)
        other = index - 1 if up else index + 1
        if not 0 <= other < len(items):
            return False
        earlier, later = items[min(index, other)], items[max(index, other)]
        for number, each in enumerate(items):
            each.position = number
        if earlier.starts_at == later.starts_at:
            earlier.position, later.position = later.position, earlier.position
        else:
            gap = later.starts_at - _end_of(earlier)
            earlier_length = _end_of(earlier) - earlier.starts_at
            later_length = _end_of(later) - later.starts_at
            later.starts_at, later.ends_at = earlier.starts_at, earlier.starts_at + later_length
            earlier.starts_at = later.ends_at + gap
            earlier.ends_at = earlier.starts_at + earlier_length
        ProgrammeItem.objects.bulk_update(items, ["position", "starts_at", "ends_at"])
    return True

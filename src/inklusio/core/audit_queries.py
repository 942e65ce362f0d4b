"""Reading the audit log: filters, and labels resolved at display time (entries store ids only)."""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.text import capfirst


def filtered(events, *, action="", actor="", person=None, start=None, end=None):
    if action:
        events = events.filter(action=action)
    if actor:
        events = events.filter(actor_id=actor)
    if person:
        events = events.filter(Q(subject=f"contacts.person:{person}") | Q(detail__person=person))
    if start:
        events = events.filter(at__date__gte=start)
    if end:
        events = events.filter(at__date__lte=end)
    return events


def _subject_label(subject: str) -> str:
    """``"events.registration:12"`` reads as "Registration #12" in the current language."""
    label, sep, pk = subject.rpartition(":")
    if not sep or not pk.isdigit() or "." not in label:
        return subject
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return subject
    return f"{capfirst(model._meta.verbose_name)} #{pk}"


def annotate_for_display(events) -> None:
    """Set ``actor_name`` and ``subject_label`` on each event (one query for the actors, none per row)."""
    events = list(events)
    ids = {event.actor_id for event in events if event.actor_id}
    names = dict(get_user_model().objects.filter(pk__in=ids).values_list("pk", "username"))
    for event in events:
        if event.actor_id:
            event.actor_name = names.get(event.actor_id, f"#{event.actor_id}")
        else:
            event.actor_name = ""
        event.subject_label = _subject_label(event.subject)

"""Who may write to whom, and which messages a user may see: the one place that decides it (DESIGN.md).

Messages to an event's people need the permission to see its registrations; messages to a network's members
need the network to be visible to the user (a coordinator: only the networks they coordinate).
"""

from django.db.models import Q

from inklusio.events import queries as event_queries
from inklusio.networks import queries as network_queries

from .models import Material, Message, MessageDelivery

RECEIVED = (MessageDelivery.Status.SENT, MessageDelivery.Status.SENDING, MessageDelivery.Status.UNCERTAIN)


def events_for_messages(user):
    if not (user.is_authenticated and user.has_perm("events.view_registration")):
        return event_queries.events_for_user(user).none()
    return event_queries.events_for_user(user)


def networks_for_messages(user):
    return network_queries.networks_for_user(user)


def messages_for_user(user):
    if not (user.is_authenticated and user.has_perm("participantmail.view_message")):
        return Message.objects.none()
    return Message.objects.filter(
        Q(event__in=events_for_messages(user).values("pk")) | Q(network__in=networks_for_messages(user).values("pk"))
    ).select_related("event", "network", "item")


def materials_for_user(user):
    return Material.objects.filter(event__in=events_for_messages(user).values("pk"))


def received_by(person, user):
    """The messages the person got (or may have got), of those the user may see, newest first."""
    return (
        MessageDelivery.objects.filter(person=person, message__in=messages_for_user(user).values("pk"))
        .filter(Q(status__in=RECEIVED) | Q(uncertain=True))
        .select_related("message")
        .order_by("-sending_at", "-id")
    )

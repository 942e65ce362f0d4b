"""Numbers for the impact report, counted from records (never typed in).

Every function takes an optional ``project`` (a core.Project): then only networks serving that project count.
Periods are whole days ``start``..``end`` inclusive; ``None`` leaves that side open.
"""

from datetime import date

from django.urls import reverse

from inklusio.core.extensions import Binding

from . import participation
from .models import Meeting, Network


def _networks(project=None):
    networks = Network.objects.all()
    if project is not None:
        networks = networks.filter(projects=project)
    return networks


def networks_active_at(day: date, project=None) -> int:
    """Networks founded on or before ``day`` and not closed by then."""
    return participation.network_active_on(day).filter(pk__in=_networks(project)).count()


def networks_founded(start: date | None, end: date | None, project=None) -> int:
    networks = _networks(project)
    if start:
        networks = networks.filter(founded_on__gte=start)
    if end:
        networks = networks.filter(founded_on__lte=end)
    return networks.count()


def meetings_held(start: date | None, end: date | None, project=None) -> int:
    """Meetings of the networks that started within the period and before now."""
    return participation.held_meetings(Meeting.objects.filter(network__in=_networks(project)), start, end).count()


def active_participants(start: date | None, end: date | None, project=None, min_meetings: int | None = None) -> int:
    """Distinct people who were active participants (conf.py) of any of the networks in the period."""
    return participation.active_participant_total(_networks(project), start, end, min_meetings)


def active_participants_per_network(start, end, project=None, min_meetings=None) -> dict[str, int]:
    networks = list(_networks(project))
    counts = participation.active_participant_counts(networks, start, end, min_meetings)
    return {network.name: counts[network.pk] for network in networks}


def stakeholder_types_represented(start: date | None, end: date | None, project=None) -> dict[str, int]:
    """Stakeholder type code -> number of active participants of that type in the period."""
    people = participation.active_participants(_networks(project), start, end)
    return {row.code: row.count for row in participation.stakeholder_mix(people)}


# --- Impact bindings: the catalogue codes this area supplies (see inklusio.impact.registry) ---------------------


def _networks_url(project, start, end):
    return reverse("networks:network_list")


INDICATORS = [
    Binding("networks", lambda project, start, end: networks_active_at(end, project), _networks_url),
    Binding("networks_founded", lambda project, start, end: networks_founded(start, end, project), _networks_url),
    Binding("network_meetings", lambda project, start, end: meetings_held(start, end, project), _networks_url),
    Binding(
        "network_active_participants",
        lambda project, start, end: active_participants(start, end, project),
        _networks_url,
    ),
]

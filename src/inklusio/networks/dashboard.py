"""The networks panel of the staff overview: the next meetings of the networks the user may see."""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from inklusio.core.extensions import DashboardItem, DashboardPanel

from . import queries

LIMIT = 5


def panels(user, today) -> list[DashboardPanel]:
    if not user.has_perm("networks.view_network"):
        return []
    networks = list(queries.networks_for_user(user).order_by("name", "pk")[:2])
    if not networks:
        return [
            DashboardPanel(
                key="meetings",
                title=_("Next network meetings"),
                empty=_("You coordinate no network yet. Ask the project lead to add you to yours."),
                order=15,
            )
        ]
    meetings = list(queries.next_meetings_for_user(user, timezone.now())[:LIMIT])
    actions = [DashboardItem(_("All networks"), reverse("networks:network_list"))]
    if len(networks) == 1 and user.has_perm("networks.add_meeting"):
        actions.insert(0, DashboardItem(_("Plan a meeting"), reverse("networks:meeting_create", args=[networks[0].pk])))
    return [
        DashboardPanel(
            key="meetings",
            title=_("Next network meetings"),
            items=[_item(meeting, user) for meeting in meetings],
            empty=_("No meeting planned.")
            + (" " + _("Plan the next one on the network's page.") if user.has_perm("networks.add_meeting") else ""),
            actions=actions,
            order=15,
        )
    ]


def _item(meeting, user) -> DashboardItem:
    when = date_format(timezone.localtime(meeting.starts_at), "SHORT_DATETIME_FORMAT")
    uninvited = meeting.invitations_sent_at is None and user.has_perm("networks.add_invitation")
    return DashboardItem(
        meeting.title,
        meeting.get_absolute_url() if user.has_perm("networks.view_meeting") else "",
        f"{meeting.network.name} · {when}",
        _("invitations not sent") if uninvited else "",
    )

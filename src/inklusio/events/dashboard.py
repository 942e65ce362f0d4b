"""The events panel of the staff overview: upcoming events with their seats, and sign-ups since yesterday."""

from datetime import datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inklusio.core.extensions import DashboardItem, DashboardPanel

from . import queries

LIMIT = 5


def panels(user, today) -> list[DashboardPanel]:
    if not user.has_perm("events.view_event"):
        return []
    now = timezone.now()
    events = list(queries.upcoming_events_for_user(user, now)[:LIMIT])
    since = timezone.make_aware(datetime.combine(today - timedelta(days=1), time.min))
    new = queries.registrations_since(user, since)
    summary = ""
    if user.has_perm("events.view_registration"):
        summary = ngettext(
            "%(count)d new registration since yesterday.", "%(count)d new registrations since yesterday.", new
        ) % {"count": new}
    actions = [DashboardItem(_("All events"), reverse("events:event_list"))]
    if user.has_perm("events.add_event"):
        actions.insert(0, DashboardItem(_("Plan an event"), reverse("events:event_create")))
    return [
        DashboardPanel(
            key="events",
            title=_("Upcoming events"),
            items=[_item(event) for event in events],
            summary=summary,
            empty=_("No upcoming events.")
            + (" " + _("Plan the next one under Events.") if user.has_perm("events.add_event") else ""),
            actions=actions,
            order=10,
        )
    ]


def _item(event) -> DashboardItem:
    when = date_format(timezone.localtime(event.starts_at), "SHORT_DATETIME_FORMAT")
    if event.capacity:
        seats = _("%(taken)d of %(seats)d seats taken") % {"taken": event.confirmed, "seats": event.capacity}
    else:
        seats = _("%(taken)d registered, no seat limit") % {"taken": event.confirmed}
    if event.waitlisted:
        seats += ", " + ngettext("%(count)d on the waiting list", "%(count)d on the waiting list", event.waitlisted) % {
            "count": event.waitlisted
        }
    full = event.capacity and event.confirmed >= event.capacity
    return DashboardItem(event.title, event.get_absolute_url(), f"{when} · {seats}", _("full") if full else "")

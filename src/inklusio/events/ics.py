"""RFC 5545 calendar files of the events app (icalendar): the invitation of one event, and the public feed."""

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from .models import Event, Registration
from .programme import default_end


def calendar_for(event: Event, registration: Registration | None = None, items=None) -> bytes:
    """An RFC 5545 calendar: the event (and its programme items, if given)."""
    calendar = Calendar()
    calendar.add("prodid", "-//inklusio//events//DE")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    entry = CalendarEvent()
    entry.add("uid", f"event-{event.pk}@inklusio")
    entry.add("dtstamp", timezone.now())
    entry.add("dtstart", event.starts_at)
    entry.add("dtend", event.ends_at)
    entry.add("summary", event.title)
    location = ", ".join(part for part in (event.venue, " ".join(event.address.split())) if part)
    if location:
        entry.add("location", location)
    description = event.description
    link = settings.SITE_URL + event.get_public_url()
    join = ""
    if registration is not None:
        link = registration.personal_link()
        if event.is_online and event.room_url and registration.status == registration.Status.CONFIRMED:
            join = registration.join_link()  # the personal join link, never the room's address
    entry.add("description", "\n\n".join(part for part in (description, join, link) if part))
    entry.add("url", link)
    if event.cancelled:
        entry.add("status", "CANCELLED")
        entry.add("sequence", 1)
    calendar.add_component(entry)
    for item in items or []:
        sub = CalendarEvent()
        sub.add("uid", f"programme-{item.pk}@inklusio")
        sub.add("dtstamp", timezone.now())
        sub.add("dtstart", item.starts_at)
        sub.add("dtend", item.ends_at or default_end(item))
        sub.add("summary", f"{event.title}: {item.title}")
        if item.room:
            sub.add("location", item.room)
        calendar.add_component(sub)
    return calendar.to_ical()


def feed_for(events) -> bytes:
    """One calendar with every given event (the public feed); no join links, only the public page."""
    calendar = Calendar()
    calendar.add("prodid", "-//inklusio//events//DE")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "inklusio")
    for event in events:
        for component in Calendar.from_ical(calendar_for(event)).walk("VEVENT"):
            calendar.add_component(component)
    return calendar.to_ical()

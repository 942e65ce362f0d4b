"""RFC 5545 calendar files for meeting invitations (icalendar)."""

from datetime import UTC

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vText

PRODID = "-//inklusio//Regionale Netzwerke//DE"


def meeting_calendar(meeting, reply_url: str = "", description: str = "") -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    host = settings.SITE_URL.split("://", 1)[-1].split("/")[0].split(":")[0] or "inklusio"
    event.add("uid", f"network-meeting-{meeting.pk}@{host}")
    event.add("dtstamp", timezone.now().astimezone(UTC).replace(microsecond=0))
    event.add("dtstart", meeting.starts_at.astimezone(UTC).replace(microsecond=0))
    event.add("dtend", meeting.ends_at.astimezone(UTC).replace(microsecond=0))
    event.add("summary", f"{meeting.network.name}: {meeting.title}")
    location = ", ".join(part for part in (meeting.venue, meeting.link) if part)
    if location:
        event["location"] = vText(location)
    text = description or meeting.agenda
    if reply_url:
        text = f"{text}\n\nZusage/Absage – reply: {reply_url}".strip()
        event.add("url", reply_url)
    if text:
        event.add("description", text)
    event.add("sequence", 0)
    calendar.add_component(event)
    return calendar.to_ical()

"""The emails of the events app: built here, sent by tasks (the worker), never in the request."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from .models import Event, Registration


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
    if registration is not None:
        link = registration.personal_link()
    entry.add("description", f"{description}\n\n{link}".strip())
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
        if item.ends_at:
            sub.add("dtend", item.ends_at)
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


def _message(registration: Registration, template: str, subject: str, extra=None) -> EmailMessage:
    context = {
        "registration": registration,
        "event": registration.event,
        "person": registration.person,
        "personal_link": registration.personal_link(),
        **(extra or {}),
    }
    body = render_to_string(f"events/mail/{template}.txt", context)
    return EmailMessage(subject=subject, body=body, to=[registration.person.email])


def _with_language(registration: Registration):
    return translation.override(registration.language or settings.LANGUAGE_CODE)


def registration_mail(registration: Registration) -> EmailMessage:
    from django.utils.translation import gettext as _

    with _with_language(registration):
        event = registration.event
        if registration.status == Registration.Status.CONFIRMED:
            message = _message(registration, "confirmation", _("Registration confirmed: %s") % event.title)
            message.attach("einladung.ics", calendar_for(event, registration), "text/calendar; method=PUBLISH")
        else:
            message = _message(registration, "waitlisted", _("You are on the waiting list: %s") % event.title)
    return message


def personal_link_mail(registration: Registration) -> EmailMessage:
    """Someone registered again with this address: the existing registration's link, nothing changed."""
    from django.utils.translation import gettext as _

    with _with_language(registration):
        return _message(registration, "already_registered", _("Your registration: %s") % registration.event.title)


def registration_cancelled_mail(registration: Registration) -> EmailMessage:
    from django.utils.translation import gettext as _

    with _with_language(registration):
        event_link = settings.SITE_URL + registration.event.get_public_url()
        return _message(
            registration,
            "registration_cancelled",
            _("Registration cancelled: %s") % registration.event.title,
            {"event_link": event_link},
        )


def promotion_mail(registration: Registration) -> EmailMessage:
    from django.utils.translation import gettext as _

    with _with_language(registration):
        event = registration.event
        message = _message(registration, "promoted", _("A seat is free for you: %s") % event.title)
        message.attach("einladung.ics", calendar_for(event, registration), "text/calendar; method=PUBLISH")
    return message


def event_cancelled_mail(registration: Registration) -> EmailMessage:
    from django.utils.translation import gettext as _

    with _with_language(registration):
        message = _message(registration, "cancelled", _("Cancelled: %s") % registration.event.title)
        message.attach("absage.ics", calendar_for(registration.event, registration), "text/calendar; method=PUBLISH")
    return message


def reminder_mail(registration: Registration) -> EmailMessage:
    from django.utils.translation import gettext as _

    with _with_language(registration):
        event = registration.event
        items = [item for item in event.programme.all() if item.stream_link]
        return _message(
            registration, "reminder", _("Reminder with your join links: %s") % event.title, {"items": items}
        )


def feedback_mail(registration: Registration) -> EmailMessage:
    from django.utils.translation import gettext as _

    with _with_language(registration):
        link = settings.SITE_URL + reverse("events_public:feedback", args=[registration.token])
        return _message(
            registration, "feedback", _("How was it? Your feedback on %s") % registration.event.title, {"link": link}
        )


def certificate_mail(registration: Registration, pdf: bytes) -> EmailMessage:
    from django.utils.translation import gettext as _

    with _with_language(registration):
        message = _message(
            registration, "certificate", _("Your certificate of attendance: %s") % registration.event.title
        )
        message.attach("teilnahmebescheinigung.pdf", pdf, "application/pdf")
    return message

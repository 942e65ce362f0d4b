"""The emails of the events app: built here, sent by tasks (the worker), never in the request."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from inklusio.core.branding import mail_sender

from .easy_language import EASY_SUPPORT_LABELS
from .ics import calendar_for
from .models import Registration
from .programme import current_items

# The subjects of the mails in Leichte Sprache (templates events/mail/easy/<name>.txt), for registrations made in
# Leichte Sprache. German literals like the pages: Leichte Sprache is German.
EASY_SUBJECTS = {
    "confirmation": "Sie sind angemeldet: %s",
    "waitlisted": "Sie sind auf der Warte-Liste: %s",
    "already_registered": "Ihre Anmeldung: %s",
    "registration_cancelled": "Sie haben abgesagt: %s",
    "promoted": "Sie haben jetzt einen Platz: %s",
    "cancelled": "Die Veranstaltung fällt aus: %s",
    "reminder": "Bald geht es los: %s",
    "feedback": "Wie war es? %s",
    "certificate": "Ihre Bescheinigung: %s",
    "support_booked": "Ihre Hilfe ist bestellt: %s",
}


def _message(registration: Registration, template: str, subject: str, extra=None) -> EmailMessage:
    """The mail ``template`` about ``registration``: in Leichte Sprache (its own template and subject, the links
    to the Leichte Sprache pages) when the person registered in Leichte Sprache."""
    easy = registration.easy_language and template in EASY_SUBJECTS
    context = {
        "registration": registration,
        "event": registration.event,
        "person": registration.person,
        "personal_link": settings.SITE_URL + registration.get_easy_personal_url()
        if easy
        else registration.personal_link(),
        **(extra or {}),
    }
    if easy:
        context["event_link"] = settings.SITE_URL + reverse("events_easy:detail", args=[registration.event.slug])
        if "booking" in context:
            context["easy_kind"] = EASY_SUPPORT_LABELS.get(
                context["booking"].kind, context["booking"].get_kind_display()
            )
        subject = EASY_SUBJECTS[template] % registration.event.title
        template = f"easy/{template}"
    body = render_to_string(f"events/mail/{template}.txt", context)
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=mail_sender(registration.event.project_id),
        to=[registration.person.email],
    )


def _with_language(registration: Registration):
    return translation.override(registration.language or settings.LANGUAGE_CODE)


def registration_mail(registration: Registration) -> EmailMessage:
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
    with _with_language(registration):
        return _message(registration, "already_registered", _("Your registration: %s") % registration.event.title)


def registration_cancelled_mail(registration: Registration) -> EmailMessage:
    with _with_language(registration):
        event_link = settings.SITE_URL + registration.event.get_public_url()
        return _message(
            registration,
            "registration_cancelled",
            _("Registration cancelled: %s") % registration.event.title,
            {"event_link": event_link},
        )


def promotion_mail(registration: Registration) -> EmailMessage:
    with _with_language(registration):
        event = registration.event
        message = _message(registration, "promoted", _("A seat is free for you: %s") % event.title)
        message.attach("einladung.ics", calendar_for(event, registration), "text/calendar; method=PUBLISH")
    return message


def event_cancelled_mail(registration: Registration) -> EmailMessage:
    with _with_language(registration):
        message = _message(registration, "cancelled", _("Cancelled: %s") % registration.event.title)
        message.attach("absage.ics", calendar_for(registration.event, registration), "text/calendar; method=PUBLISH")
    return message


def reminder_mail(registration: Registration) -> EmailMessage:
    with _with_language(registration):
        event = registration.event
        links = [(item, registration.join_link(item)) for item in current_items(event) if item.room_url]
        return _message(
            registration,
            "reminder",
            _("Reminder with your join links: %s") % event.title,
            {"item_links": links, "join_link": registration.join_link()},
        )


def feedback_mail(registration: Registration) -> EmailMessage:
    with _with_language(registration):
        link = settings.SITE_URL + reverse("events_public:feedback", args=[registration.token])
        return _message(
            registration, "feedback", _("How was it? Your feedback on %s") % registration.event.title, {"link": link}
        )


def certificate_mail(registration: Registration, pdf: bytes) -> EmailMessage:
    with _with_language(registration):
        message = _message(
            registration, "certificate", _("Your certificate of attendance: %s") % registration.event.title
        )
        message.attach("teilnahmebescheinigung.pdf", pdf, "application/pdf")
    return message


def support_booked_mail(registration: Registration, booking) -> EmailMessage:
    """The support the person asked for is booked: what, and when (no provider, no cost)."""
    with _with_language(registration):
        return _message(
            registration,
            "support_booked",
            _("Your support is booked: %s") % registration.event.title,
            {"booking": booking},
        )

"""Certificates of attendance as tagged PDF (PDF/UA-1) with WeasyPrint.

A certificate is issued only for a registration with at least one attendance, and only after the event has
ended: :func:`certificate_refusal` says why not (the staff page shows it next to the button), and
:func:`certificate_pdf` raises :class:`CertificateError` with that reason. What it says — the organisation, the
event with its date(s) and place, the programme or the hours attended, place and date of issue, the signer — is
put together by :func:`certificate_context`, which the tests read without making a PDF.
"""

from datetime import datetime, time, timedelta

from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inklusio.core.branding import branding_for

from .models import Event, ProgrammeItem, Registration


class CertificateError(Exception):
    """No certificate for this registration (yet); the message says why."""


def certificate_refusal(registration: Registration, now: datetime | None = None) -> str:
    """Why no certificate can be issued now, or "" when it can."""
    return event_certificate_refusal(registration.event, now) or (
        "" if registration.attendances.exists() else _("There is no attendance, so there is no certificate.")
    )


def event_certificate_refusal(event: Event, now: datetime | None = None) -> str:
    """Why the event's certificates cannot be issued yet ("" once the event has ended)."""
    now = now or timezone.now()
    if event.ends_at > now:
        ends = formats.date_format(timezone.localtime(event.ends_at), "DATETIME_FORMAT")
        return _("Certificates are issued after the event has ended (%(ends)s).") % {"ends": ends}
    return ""


def long_date(day) -> str:
    """``18. März 2027`` in German, ``18 March 2027`` in English."""
    language = translation.get_language() or "de"
    return formats.date_format(day, "j F Y" if language.startswith("en") else "j. F Y")


def _hours_attended(event: Event, days) -> float:
    """Hours of the event on the days attended (its time window cut to each day)."""
    tz = timezone.get_current_timezone()
    total = timedelta()
    for day in days:
        day_start = timezone.make_aware(datetime.combine(day, time.min), tz)
        start, end = max(event.starts_at, day_start), min(event.ends_at, day_start + timedelta(days=1))
        if end > start:
            total += end - start
    return round(total.total_seconds() / 3600 * 2) / 2  # to the half hour


def certificate_context(registration: Registration, *, issued=None) -> dict:
    """Everything the certificate says, in the active language."""
    event = registration.event
    days = [attendance.day for attendance in registration.attendances.all()]
    dates = get_text_list([long_date(day) for day in days], _("and"))
    when = ngettext("on %(dates)s", "on the days %(dates)s", len(days)) % {"dates": dates}
    items = [
        item
        for item in event.programme.all()
        if item.format != ProgrammeItem.Format.BREAK and timezone.localtime(item.starts_at).date() in days
    ]
    hours = _hours_attended(event, days)
    issued = issued or timezone.localdate()
    branding = branding_for(event.project_id)
    place = event.venue if event.has_venue else _("online")
    return {
        "registration": registration,
        "event": event,
        "person": registration.person,
        "branding": branding,
        "days": days,
        "attendance_sentence": _("%(when)s took part in the event “%(title)s” (%(kind)s).")
        % {"when": when, "title": event.title, "kind": event.get_kind_display()},
        "place": place,
        "programme": items,
        "hours": formats.number_format(hours, decimal_pos=1 if hours % 1 else 0),
        "hours_count": 1 if hours == 1 else 2,  # the plural form; the number itself may be 1.5
        "issued": issued,
        "issued_line": _("%(place)s, %(date)s") % {"place": branding.place, "date": long_date(issued)}
        if branding.place
        else long_date(issued),
    }


def certificate_pdf(registration: Registration, language: str | None = None, now: datetime | None = None) -> bytes:
    from weasyprint import HTML  # noqa: PLC0415 — heavy (about 2 s), loaded only when a PDF is made

    language = language or registration.language or "de"
    with translation.override(language):
        refusal = certificate_refusal(registration, now)
        if refusal:
            raise CertificateError(refusal)
        html = render_to_string(
            "events/certificate.html", {**certificate_context(registration), "language": language}
        )
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")

"""Certificates of attendance as tagged PDF (PDF/UA-1) with WeasyPrint.

A certificate is issued only for a registration with at least one attendance, and only after the event has
ended: :func:`certificate_refusal` says why not (the staff page shows it next to the button), and
:func:`certificate_pdf` raises :class:`CertificateError` with that reason. What it says — the organisation, the
event with its date(s) and place, the programme or the hours attended, the minutes attended where a video
platform reported them, place and date of issue, the signer — is
put together by :func:`certificate_context`, which the tests read without making a PDF.
"""

from datetime import datetime, timedelta

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
    return formats.date_format(day, "DATE_FORMAT")


def _hours_attended(event: Event, days) -> float:
    """Hours of the event on the days attended, to the half hour.

    A one-day event counts from its start to its end. An event over several days is taken to run each day
    from its start time to its end time (9:00 to 16:00 on every day), not through the nights between.
    """
    starts, ends = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    if starts.date() == ends.date():
        per_day = ends - starts
    else:
        per_day = datetime.combine(starts.date(), ends.time()) - datetime.combine(starts.date(), starts.time())
    if per_day <= timedelta():
        return 0.0
    total = per_day * len(days)
    return round(total.total_seconds() / 3600 * 2) / 2


def certificate_context(registration: Registration, *, issued=None) -> dict:
    """Everything the certificate says, in the active language."""
    event = registration.event
    attendances = list(registration.attendances.all())
    days = [attendance.day for attendance in attendances]
    known = [attendance.minutes for attendance in attendances if attendance.minutes is not None]
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
        # minutes present as a video platform reported them; None when no attendance says (a check-in, a join)
        "minutes": sum(known) if known else None,
        "issued": issued,
        "issued_line": _("%(place)s, %(date)s") % {"place": branding.place, "date": long_date(issued)}
        if branding.place
        else long_date(issued),
    }


def certificate_pdf(
    registration: Registration, language: str | None = None, now: datetime | None = None, *, shared=None
) -> bytes:
    """The certificate as tagged PDF; ``shared`` (from :func:`shared_resources`) lets many certificates in a row
    load the fonts and decode the letterhead's images once."""
    from inklusio.core.pdf import write_pdf  # noqa: PLC0415 — beside WeasyPrint (heavy)

    language = language or registration.language or "de"
    with translation.override(language):
        refusal = certificate_refusal(registration, now)
        if refusal:
            raise CertificateError(refusal)
        html = render_to_string("events/certificate.html", {**certificate_context(registration), "language": language})
    return write_pdf(html, pdf_variant="pdf/ua-1", **(shared or {}))


def shared_resources() -> dict:
    """Fonts and an image cache for :func:`certificate_pdf` to reuse across many certificates (a ZIP)."""
    from weasyprint.text.fonts import FontConfiguration  # noqa: PLC0415 — heavy, loaded only when a PDF is made

    return {"font_config": FontConfiguration(), "cache": {}}

"""Certificates of attendance as tagged PDF (PDF/UA-1) with WeasyPrint."""

from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Registration


def certificate_pdf(registration: Registration, language: str | None = None) -> bytes:
    from weasyprint import HTML  # noqa: PLC0415 — heavy (about 2 s), loaded only when a PDF is made

    language = language or registration.language or "de"
    with translation.override(language):
        html = render_to_string(
            "events/certificate.html",
            {
                "registration": registration,
                "event": registration.event,
                "person": registration.person,
                "days": [a.day for a in registration.attendances.all()],
                "issued": timezone.localdate(),
                "language": language,
            },
        )
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")

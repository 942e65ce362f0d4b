"""Documents of an event made in the worker (``core.documents``): every certificate of attendance in one ZIP."""

import zipfile

from django.utils.text import slugify
from django.utils.translation import gettext as _

from inklusio.core.documents import DocumentError

from . import bulk
from .certificates import CertificateError, certificate_pdf, event_certificate_refusal, shared_resources
from .models import Event


def certificates_zip(params: dict, out, progress) -> tuple[str, str]:
    """One tagged PDF per participant who attended (``params["event"]``), each in the participant's language."""
    event = Event.objects.filter(pk=params.get("event")).first()
    if event is None:
        raise DocumentError(_("The event no longer exists."))
    refusal = event_certificate_refusal(event)
    if refusal:
        raise DocumentError(refusal)
    registrations = list(
        bulk.certificate_recipients(event)
        .select_related("person", "event")
        .prefetch_related("attendances")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    if not registrations:
        raise DocumentError(_("Nobody attended, so there are no certificates."))
    total = len(registrations)
    progress(0, total)
    names: set[str] = set()
    shared = shared_resources()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for done, registration in enumerate(registrations, start=1):
            try:
                pdf = certificate_pdf(registration, shared=shared)
            except CertificateError:  # the attendance was removed meanwhile
                progress(done, total)
                continue
            stem = slugify(f"{registration.person.last_name} {registration.person.first_name}") or "teilnahme"
            name = f"{stem}.pdf" if stem not in names else f"{stem}-{registration.pk}.pdf"
            names.add(stem)
            archive.writestr(name, pdf)
            progress(done, total)
    return f"{event.slug}-{slugify(_('certificates'))}.zip", "application/zip"

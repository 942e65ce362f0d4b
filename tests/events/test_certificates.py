"""Certificates of attendance: what they say (German dates with "am", programme or hours, signer), that they are
issued only after the event has ended, and the organisation's sender name and signature on the event mails."""

import subprocess
from datetime import date, datetime, time, timedelta

import pytest
from django.template.loader import render_to_string
from django.utils import timezone, translation

from inklusio.core.models import OrganisationProfile
from inklusio.events import services, tasks
from inklusio.events.certificates import (
    CertificateError,
    certificate_context,
    certificate_pdf,
    certificate_refusal,
)
from inklusio.events.models import Attendance, Event, ProgrammeItem

from .conftest import data as reg_data_of
from .conftest import pdf_text

pytestmark = pytest.mark.django_db
DEMO_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#005a8c"/></svg>'
)


@pytest.fixture
def organisation(project):
    OrganisationProfile.objects.create(
        name="Verein für Inklusion e. V.", address="Musterweg 2\n34117 Kassel", place="Kassel",
        logo=DEMO_SVG, logo_mime="image/svg+xml", logo_alt="Logo des Vereins",
        signature_image=DEMO_SVG, signature_image_mime="image/svg+xml",
        signer_name="Erika Muster", signer_role="Geschäftsführung", sender_name="Verein Inklusion",
        signature="Ihr Team vom Verein",
    )  # fmt: skip
    OrganisationProfile.objects.create(project=project, signer_name="Max Projekt", signer_role="Projektleitung")


def certificate_html(registration) -> str:
    return render_to_string("events/certificate.html", {**certificate_context(registration), "language": "de"})


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@pytest.fixture
def past_event(make_event):
    """A conference day on 18 March 2027 (the tests' clock is later than that only in the "ended" tests)."""
    day = date(2027, 3, 18)
    event = make_event(starts_at=at(day, 9), ends_at=at(day, 16, 30), title="Fachtag Inklusive Ausbildung")
    ProgrammeItem.objects.create(event=event, starts_at=at(day, 9, 30), ends_at=at(day, 10, 30), title="Begrüßung")
    ProgrammeItem.objects.create(event=event, starts_at=at(day, 12), title="Mittagspause", format="break")
    ProgrammeItem.objects.create(event=event, starts_at=at(day, 13), title="World Café", format="world_cafe")
    return event


def attend(event, *days, n=1):
    registration, _ = services.register(event.pk, reg_data_of(n))
    for day in days:
        Attendance.objects.create(registration=registration, day=day)
    return registration


def test_german_text_with_am_programme_and_signer(organisation, past_event):
    registration = attend(past_event, date(2027, 3, 18))
    context = certificate_context(registration, issued=date(2027, 3, 20))
    assert context["attendance_sentence"] == (
        "am 18. März 2027 an der Veranstaltung „Fachtag Inklusive Ausbildung“ (Fachtag) teilgenommen hat."
    )
    assert [item.title for item in context["programme"]] == ["Begrüßung", "World Café"]  # no break
    assert context["issued_line"] == "Kassel, 20. März 2027"
    assert context["place"] == "Haus der Begegnung"
    branding = context["branding"]
    assert (branding.signer_name, branding.signer_role) == ("Max Projekt", "Projektleitung")  # project's own
    assert branding.name == "Verein für Inklusion e. V."  # the organisation's


def test_hours_when_there_is_no_programme(organisation, make_event):
    day = date(2027, 3, 18)
    event = make_event(starts_at=at(day, 9), ends_at=at(day, 12, 40))
    registration = attend(event, day)
    context = certificate_context(registration)
    assert context["programme"] == [] and context["hours"] == "3,5"
    html = certificate_html(registration)
    assert "Umfang der Teilnahme: 3,5 Stunden" in html


def test_several_days_and_english(organisation, make_event):
    event = make_event(
        starts_at=at(date(2027, 3, 18), 9), ends_at=at(date(2027, 3, 19), 13), kind=Event.Kind.CONFERENCE_DAY
    )
    registration = attend(event, date(2027, 3, 18), date(2027, 3, 19))
    context = certificate_context(registration)
    assert context["attendance_sentence"].startswith("an den Tagen 18. März 2027 und 19. März 2027 an der")
    assert context["programme"] == [] and context["hours"] == "8"  # 9:00 to 13:00 on each day
    with translation.override("en"):
        context = certificate_context(registration)
    assert context["attendance_sentence"].startswith("on the days 18 March 2027 and 19 March 2027 took part")


def test_refused_before_the_end_and_without_attendance(organisation, past_event):
    registration = attend(past_event, date(2027, 3, 18))
    before_end = past_event.ends_at - timedelta(minutes=1)
    assert "nach dem Ende der Veranstaltung" in certificate_refusal(registration, before_end)
    with pytest.raises(CertificateError):
        certificate_pdf(registration, now=before_end)
    assert certificate_refusal(registration, past_event.ends_at + timedelta(minutes=1)) == ""
    absent = attend(past_event, n=2)
    assert "keine Anwesenheit" in certificate_refusal(absent, past_event.ends_at + timedelta(days=1))


def test_staff_page_explains_why_there_is_no_button_yet(client, staff, organisation, past_event):
    client.force_login(staff)
    page = client.get(f"/staff/events/{past_event.pk}/").content.decode()
    assert "Bescheinigungen werden nach dem Ende der Veranstaltung ausgestellt" in page
    assert f'action="/staff/events/{past_event.pk}/certificates/send/"' not in page


def test_pdf_is_tagged_with_alt_texts(organisation, past_event, tmp_path):
    registration = attend(past_event, date(2027, 3, 18))
    pdf = certificate_pdf(registration, now=past_event.ends_at + timedelta(hours=1))
    content = pdf_text(pdf)
    assert b"/StructTreeRoot" in content and b"pdfuaid" in content
    assert b"/Alt (Logo des Vereins)" in content or b"/Alt <" in content
    (tmp_path / "c.pdf").write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "c.pdf"), "-"], capture_output=True, text=True).stdout
    for expected in ("Verein für Inklusion e. V.", "Musterweg 2", "am 18. März 2027", "Begrüßung", "World Café",
                     "Kassel,", "Max Projekt", "Projektleitung"):  # fmt: skip
        assert expected in text, expected


def test_registration_mail_has_sender_name_and_signature(organisation, event, smtp_server):
    registration, _ = services.register(event.pk, reg_data_of(1))
    smtp_server.clear()
    assert tasks.send_registration_mail.call(registration.pk) is True
    [message] = smtp_server.messages
    assert message["From"].startswith("Verein Inklusion <")
    body = message.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert body.rstrip().endswith("-- \nIhr Team vom Verein")
    assert "\ninklusio\n" not in body

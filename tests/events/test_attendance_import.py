"""Attendance from a video platform's report: each format through the real pages, broken files (nothing
written), ambiguous rows, the minimum minutes, idempotence, a join link's attendance getting its minutes."""

import io
import re
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from inklusio.core.models import AuditEvent
from inklusio.events import attendance_import, services
from inklusio.events.models import Attendance, AttendanceImport, AttendanceSource, Registration
from inklusio.events.services import RegistrationData

from .conftest import end_event

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent / "platform_reports"
FORMATS = ["zoom_participants.csv", "teams_attendance.csv", "bigbluebutton_learning_dashboard.csv", "generic.csv"]
PEOPLE = [
    ("Anna", "Müller", "anna.mueller@example.org"),
    ("Jörg", "Weiß", "j.weiss@example.org"),
    ("Ayşe", "Demir", "ayse.demir@example.org"),
    ("Ben", "Schulz", "ben.schulz@example.org"),
    ("Lena", "Schmidt", "lena@example.org"),
    ("Lena", "Schmidt", "l.schmidt@example.org"),
]


@pytest.fixture
def congress(online_event):
    """The online congress, over, with six confirmed registrations (two named Lena Schmidt) and one cancelled."""
    regs = {}
    for first, last, email in PEOPLE:
        registration, _ = services.register(online_event.pk, RegistrationData(email, first, last))
        regs[email] = registration
    tom, _ = services.register(online_event.pk, RegistrationData("tom@example.org", "Tom", "Berger"))
    services.cancel(tom.pk)
    return end_event(online_event), regs


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def upload(client, event, name, data=None, day=None, language="de"):
    data = data if data is not None else (SAMPLES / name).read_bytes()
    with translation.override(language):
        url = reverse("events:attendance_report_upload", args=[event.pk])
    return client.post(
        url,
        {"file": SimpleUploadedFile(name, data, "text/csv"), "day": (day or event.days()[0]).isoformat()},
    )


def review_url(response):
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


def lena_row(record) -> int:
    rows = attendance_import.outcome(record.review)
    return next(row["index"] for row in rows if row["status"] == "ambiguous")


def attended(event) -> dict:
    return {
        a.registration.person.email: (a.minutes, a.via)
        for a in Attendance.objects.filter(registration__event=event).select_related("registration__person")
    }


@pytest.mark.parametrize("name", FORMATS)
def test_each_format_imports_through_the_review(staff_client, congress, name, staff):
    event, regs = congress
    url = review_url(upload(staff_client, event, name))
    page = staff_client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Anna Müller" in text and "Tom Berger" in text  # matched and unknown are listed
    assert "l.schmidt@example.org" in text  # the ambiguous row offers both registrations
    assert not Attendance.objects.exists()  # the review writes nothing

    record = AttendanceImport.objects.get()
    choice = {f"row_{lena_row(record)}": str(regs["lena@example.org"].pk)}
    response = staff_client.post(url, {"import": "1", **choice})
    assert response.status_code == 302 and response["Location"].startswith("/staff/imports/")  # the worker writes
    result_page = staff_client.get(response["Location"])
    assert reverse("events:participants", args=[event.pk]) in result_page.content.decode()

    result = attended(event)
    assert set(result) == {
        "anna.mueller@example.org",
        "j.weiss@example.org",
        "ayse.demir@example.org",
        "lena@example.org",
    }
    assert result["anna.mueller@example.org"] == (336, AttendanceSource.PLATFORM_REPORT)
    assert result["ayse.demir@example.org"][0] == 95
    assert "ben.schulz@example.org" not in result  # 9 or 10 minutes: below the 15 of the event
    assert all(a.day == event.days()[0] for a in Attendance.objects.all())
    record.refresh_from_db()
    assert record.status == AttendanceImport.Status.IMPORTED and record.created_count == 4
    assert "Anna" not in str(record.review)  # the names go once the import is done
    audit = AuditEvent.objects.get(action="events.attendance_import")
    assert audit.actor == staff and audit.detail["created"] == 4 and audit.detail["below_minimum"] == 1
    assert "Anna" not in str(audit.detail)


def _xlsx_claiming_a_million_rows() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Name", "Email", "Minutes"])
    book.active.append(["Anna Müller", "anna.mueller@example.org", 30])
    buffer = io.BytesIO()
    book.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:C1000000"', content)
            target.writestr(item, content)
    return out.getvalue()


BROKEN = {
    "binary": ("bild.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "does not match its type"),
    "utf16_without_bom": ("teams.csv", "Name\tDuration\nAnna\t1h\n".encode("utf-16-le"), "does not match its type"),
    "wrong_encoding": ("bericht.csv", b"Name;Minuten\n\x81\x8d\x8f\x90\x9d;30\n", "encoding"),
    "missing_columns": ("liste.csv", "Name;Ort\nAnna Müller;Kassel\n".encode(), "No participant list"),
    "million_rows_claimed": ("liste.xlsx", _xlsx_claiming_a_million_rows(), "1,000,000 rows"),
    "too_many_rows": (
        "gross.csv",
        ("Name;Minuten\n" + "".join(f"Person {n};30\n" for n in range(20_001))).encode(),
        "20,000",
    ),
    "empty": ("leer.csv", b"Name;Email;Minutes\n", "empty"),
    "too_large": ("riesig.csv", b"Name;Minuten\n" + b"x" * (4 * 1_048_576 + 1), "4 MB"),
}


@pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
def test_broken_files_are_refused_with_nothing_written(staff_client, congress, case):
    event, _regs = congress
    name, data, message = BROKEN[case]
    if case == "million_rows_claimed":
        assert len(data) < 10_000
    response = upload(staff_client, event, name, data, language="en")
    assert response.status_code == 400
    text = response.content.decode()
    assert "error-summary" in text
    assert message.lower() in text.lower().replace("&#x27;", "'"), text[text.find("error-summary") :][:1500]
    assert not AttendanceImport.objects.exists() and not Attendance.objects.exists()


def test_a_row_without_duration_blocks_the_import(staff_client, congress):
    event, _regs = congress
    data = "Name;Email;Minuten\nAnna Müller;anna.mueller@example.org;336\nJörg Weiß;j.weiss@example.org;lang\n"
    url = review_url(upload(staff_client, event, "liste.csv", data.encode()))
    page = staff_client.get(url).content.decode()
    assert "Row 3" in page or "Zeile 3" in page
    assert "Import attendance" not in page and "Anwesenheit importieren" not in page
    response = staff_client.post(url, {"import": "1"}, follow=True)
    assert not Attendance.objects.exists()
    assert AttendanceImport.objects.get().status == AttendanceImport.Status.PENDING
    assert response.status_code == 200


def test_ambiguous_rows_must_be_decided_and_none_means_not_imported(staff_client, congress):
    event, regs = congress
    url = review_url(upload(staff_client, event, "generic.csv"))
    record = AttendanceImport.objects.get()
    field = f"row_{lena_row(record)}"
    assert staff_client.post(url, {"import": "1"}).status_code == 400  # no choice made
    stranger = regs["anna.mueller@example.org"].pk  # not one of the two offered
    assert staff_client.post(url, {"import": "1", field: str(stranger)}).status_code == 400
    assert not Attendance.objects.exists()
    assert staff_client.post(url, {"import": "1", field: "none"}).status_code == 302
    assert "lena@example.org" not in attended(event) and "l.schmidt@example.org" not in attended(event)
    assert len(attended(event)) == 3


def test_the_minimum_is_the_events(staff_client, congress):
    event, _regs = congress
    event.attendance_min_minutes = 100
    event.save()
    url = review_url(upload(staff_client, event, "generic.csv"))
    assert "100" in staff_client.get(url).content.decode()
    record = AttendanceImport.objects.get()
    staff_client.post(url, {"import": "1", f"row_{lena_row(record)}": "none"})
    assert set(attended(event)) == {"anna.mueller@example.org", "j.weiss@example.org"}  # Ayşe's 95 do not count


def test_the_same_report_twice_does_not_double(staff_client, congress):
    event, regs = congress
    url = review_url(upload(staff_client, event, "zoom_participants.csv"))
    staff_client.post(url, {"import": "1", f"row_{lena_row(AttendanceImport.objects.get())}": "none"})
    first = attended(event)
    again = upload(staff_client, event, "zoom_participants.csv")
    assert again.status_code == 400 and "zoom_participants.csv" in again.content.decode()
    # another export of the same meeting (Teams) sets the minutes again: still one attendance per person
    url = review_url(upload(staff_client, event, "teams_attendance.csv"))
    staff_client.post(url, {"import": "1", f"row_{lena_row(AttendanceImport.objects.latest('pk'))}": "none"})
    assert Attendance.objects.count() == len(first) == 3
    assert attended(event)["j.weiss@example.org"][0] == 360  # Teams said 360, Zoom 361: set, not added


def test_an_attendance_from_a_join_link_gets_its_minutes(staff_client, congress):
    event, regs = congress
    anna = regs["anna.mueller@example.org"]
    Attendance.objects.create(registration=anna, day=event.days()[0], via=AttendanceSource.JOIN_LINK)
    url = review_url(upload(staff_client, event, "zoom_participants.csv"))
    staff_client.post(url, {"import": "1", f"row_{lena_row(AttendanceImport.objects.get())}": "none"})
    assert Attendance.objects.filter(registration=anna).count() == 1
    assert attended(event)["anna.mueller@example.org"] == (336, AttendanceSource.JOIN_LINK)
    assert AttendanceImport.objects.get().updated_count == 1


def test_registrations_that_change_after_the_review_are_matched_again(staff_client, congress):
    event, regs = congress
    url = review_url(upload(staff_client, event, "generic.csv"))
    Registration.objects.filter(pk=regs["j.weiss@example.org"].pk).update(status=Registration.Status.CANCELLED)
    response = staff_client.post(url, {"import": "1", f"row_{lena_row(AttendanceImport.objects.get())}": "none"})
    assert staff_client.get(response["Location"])["Location"] == url and not Attendance.objects.exists()
    staff_client.post(url, {"import": "1", f"row_{lena_row(AttendanceImport.objects.get())}": "none"})
    assert set(attended(event)) == {"anna.mueller@example.org", "ayse.demir@example.org"}


def test_a_future_day_is_refused(staff_client, event):
    response = upload(staff_client, event, "generic.csv")
    assert response.status_code == 400 and not AttendanceImport.objects.exists()


def test_someone_elses_pending_report_is_not_found(client, make_user, staff_client, congress):
    event, _regs = congress
    url = review_url(upload(staff_client, event, "generic.csv"))
    record = AttendanceImport.objects.get()
    other = make_user("project_lead")
    client.force_login(other)
    assert client.get(url).status_code == 404
    discard = reverse("events:attendance_report_discard", args=[event.pk, record.pk])
    assert client.post(discard).status_code == 404
    assert client.post(url, {"import": "1"}).status_code == 404
    assert not Attendance.objects.exists()


def test_discard_drops_the_names(staff_client, congress):
    event, _regs = congress
    review_url(upload(staff_client, event, "generic.csv"))
    record = AttendanceImport.objects.get()
    response = staff_client.post(reverse("events:attendance_report_discard", args=[event.pk, record.pk]))
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == AttendanceImport.Status.DISCARDED and record.review == {}
    assert not Attendance.objects.exists()

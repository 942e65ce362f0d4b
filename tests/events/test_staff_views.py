import csv
import io
from datetime import timedelta

import pytest
from openpyxl import load_workbook

from inklusio.contacts.models import Person
from inklusio.core.models import AuditEvent
from inklusio.events import services
from inklusio.events.models import Attendance, Contribution, Event, ProgrammeItem, Question, Registration

from .conftest import check_in_today, end_event, pdf_text, start_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled(make_event, reg_data):
    event = make_event(capacity=3, title="Fachtag Kassel")
    regs = []
    for n, (first, last) in enumerate([("Ayşe", "Yılmaz"), ("Jonas", "Becker"), ("Mia", "Schulz"), ("Olga", "Weiß")]):
        regs.append(
            services.register(
                event.pk,
                reg_data(
                    n,
                    first_name=first,
                    last_name=last,
                    organisation_name='=HYPERLINK("x")' if n == 1 else "Brückenwerk",
                    support_needs={"sign_language": "DGS"} if n < 2 else {},
                    support_consent=True,
                ),
            )[0]
        )
    return event, regs


@pytest.fixture
def started(filled):
    """The filled event, begun an hour ago: check-in is open."""
    event, regs = filled
    start_event(event)
    return event, regs


def test_anonymous_is_sent_to_login(client, event):
    response = client.get("/staff/events/")
    assert response.status_code == 302 and "/staff/login/" in response.url


def test_event_list_and_dashboard(client, lead, filled):
    event, regs = filled
    client.force_login(lead)
    page = client.get("/staff/events/").content.decode()
    assert "Fachtag Kassel" in page
    dashboard = client.get(f"/staff/events/{event.pk}/").content.decode()
    assert "Anmeldungen, Warteliste und Absagen im Verlauf" in dashboard
    assert "3 / 3" in dashboard
    assert "<svg" not in dashboard  # one day only: the table is enough
    Registration.objects.filter(pk=regs[0].pk).update(created=regs[0].created - timedelta(days=2))
    dashboard = client.get(f"/staff/events/{event.pk}/").content.decode()
    assert "<svg" in dashboard and 'role="img"' in dashboard


def test_event_list_is_paginated_newest_first(client, lead, make_event):
    first = make_event(title="Erster Fachtag")
    for n in range(50):
        make_event(title=f"Fachtag {n}", starts_at=first.starts_at + timedelta(days=n + 1),
                   ends_at=first.ends_at + timedelta(days=n + 1))  # fmt: skip
    client.force_login(lead)
    page = client.get("/staff/events/").content.decode()
    assert "Fachtag 49" in page and "Erster Fachtag" not in page and "Seite 1 von 2" in page
    second = client.get("/staff/events/", {"page": 2}).content.decode()
    assert "Erster Fachtag" in second and "Fachtag 49" not in second


def test_create_and_edit_event_and_capacity_promotes(client, staff, project, filled):
    event, regs = filled
    client.force_login(staff)
    data = {
        "project": project.pk,
        "kind": "online_congress",
        "title": "Kongress",
        "slug": "kongress-neu",
        "starts_at": "2026-12-01T09:00",
        "ends_at": "2026-12-01T08:00",
        "visibility": "public",
    }
    bad = client.post("/staff/events/new/", data)
    assert {"ends_at", "room_url"} <= set(bad.context["form"].errors)
    data.update(ends_at="2026-12-01T16:00", room_url="https://meet.example.org/k", slug="embed")
    taken = client.post("/staff/events/new/", data)  # /events/embed/ is the list for other websites
    assert "„embed“ ist durch eine Seite der Veranstaltungsliste belegt." in taken.content.decode()
    data["slug"] = "kongress-neu"
    response = client.post("/staff/events/new/", data)
    created = Event.objects.get(slug="kongress-neu")
    assert response.url == f"/staff/events/{created.pk}/"
    edit = {
        "project": project.pk,
        "kind": event.kind,
        "title": event.title,
        "slug": event.slug,
        "starts_at": event.starts_at.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": event.ends_at.strftime("%Y-%m-%dT%H:%M"),
        "capacity": "4",
        "visibility": "public",
    }
    assert client.post(f"/staff/events/{event.pk}/edit/", edit).status_code == 302
    assert Registration.objects.get(pk=regs[3].pk).status == "confirmed"


def test_programme_items_contributions_and_questions(client, staff, event):
    client.force_login(staff)
    speaker = Person.objects.create(first_name="Lena", last_name="Auszubildende", email="lena@example.org")
    response = client.post(
        f"/staff/events/{event.pk}/programme/new/",
        {"starts_at": "2026-12-01T10:00", "title": "Ausbildung aus erster Hand", "format": "panel"},
    )
    item = ProgrammeItem.objects.get()
    assert response.url == f"/staff/events/{event.pk}/programme/{item.pk}/"
    add = f"/staff/events/{event.pk}/programme/{item.pk}/contributions/"
    client.post(add, {"person": speaker.pk, "role": "speaker", "perspective": "apprentice_with_disability"})
    client.post(add, {"person": speaker.pk, "role": "speaker", "perspective": "apprentice_with_disability"})
    assert Contribution.objects.count() == 1
    client.post(add, {"person": "", "role": "speaker"})
    assert Contribution.objects.count() == 1
    public = client.get(f"/events/{event.slug}/programme/").content.decode()
    assert "Lena Auszubildende" in public and "Auszubildende*r mit Behinderung" in public
    contribution = Contribution.objects.get()
    client.post(f"/staff/events/{event.pk}/programme/{item.pk}/contributions/{contribution.pk}/remove/")
    assert not Contribution.objects.exists()
    bad = client.post(f"/staff/events/{event.pk}/questions/new/", {"text": "Menü", "kind": "choice", "choices": "A"})
    assert "choices" in bad.context["form"].errors
    client.post(
        f"/staff/events/{event.pk}/questions/new/",
        {"text": "Menü", "kind": "choice", "choices": "A\nB", "position": 1},
    )
    assert Question.objects.get().choice_list() == ["A", "B"]


def test_read_only_cannot_change(client, make_user, event):
    client.force_login(make_user("read_only"))
    assert client.get("/staff/events/").status_code == 200
    assert client.get(f"/staff/events/{event.pk}/edit/").status_code == 403
    assert client.get(f"/staff/events/{event.pk}/check-in/").status_code == 403
    assert client.get(f"/staff/events/{event.pk}/support-needs/").status_code == 403


def test_network_coordinator_sees_no_events(client, make_user, event):
    client.force_login(make_user("network_coordinator"))
    assert client.get("/staff/events/").status_code == 403


def test_participants_filters(client, staff, filled):
    event, regs = filled
    client.force_login(staff)
    base = f"/staff/events/{event.pk}/participants/"
    assert "Yılmaz" in client.get(base + "?q=Yılmaz").content.decode()
    assert "Becker" not in client.get(base + "?q=Yılmaz").content.decode()
    by_organisation = client.get(base + "?q=brückenwerk").content.decode()
    assert "Schulz" in by_organisation and "Becker" not in by_organisation
    waiting = client.get(base + "?status=waitlisted").content.decode()
    assert "Weiß" in waiting and "Yılmaz" not in waiting
    assert client.get(base + "?status=bogus").status_code == 200


def test_export_support_needs_only_for_allowed_roles(client, staff, make_user, filled):
    event, regs = filled
    url = f"/staff/events/{event.pk}/participants/export."
    client.force_login(make_user("read_only"))
    body = client.get(url + "csv?support=1").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert "Unterstützungsbedarfe" not in rows[0] and "DGS" not in body
    assert len(rows) == 5
    assert any(row[3] == '\'=HYPERLINK("x")' for row in rows[1:])  # formula neutralised
    client.force_login(staff)
    workbook = load_workbook(io.BytesIO(client.get(url + "xlsx?support=1").content))
    values = [[c.value for c in row] for row in workbook.active.iter_rows()]
    assert values[0][-1] == "Unterstützungsbedarfe"
    assert sum("DGS" in (row[-1] or "") for row in values[1:]) == 2
    assert AuditEvent.objects.filter(action="events.export").count() == 2


def test_support_needs_aggregate(client, staff, filled):
    event, regs = filled
    client.force_login(staff)
    page = client.get(f"/staff/events/{event.pk}/support-needs/")
    assert page.context["totals"][0] == ("sign_language", "Gebärdensprachdolmetschen", 2)
    assert "Yılmaz" not in page.content.decode()  # names only on request
    assert "Yılmaz" in client.get(f"/staff/events/{event.pk}/support-needs/?details=1").content.decode()


def test_check_in_flow(client, staff, started):
    event, regs = started
    client.force_login(staff)
    url = f"/staff/events/{event.pk}/check-in/"
    assert "Teil des Namens" in client.get(url).content.decode()
    page = client.get(url + "?q=yılmaz").content.decode()
    assert "Ayşe Yılmaz einchecken" in page
    day = event.days()[0].isoformat()
    response = client.post(f"{url}{regs[0].pk}/", {"day": day, "q": "yılmaz"})
    assert response.status_code == 302 and "q=y%C4%B1lmaz" in response.url
    assert Attendance.objects.filter(registration=regs[0]).count() == 1
    assert "Check-in von Ayşe Yılmaz zurücknehmen" in client.get(response.url).content.decode()
    # waitlisted people are not found and cannot be checked in
    assert "Weiß einchecken" not in client.get(url + "?q=weiss").content.decode()
    client.post(f"{url}{regs[3].pk}/", {"day": day})
    assert not Attendance.objects.filter(registration=regs[3]).exists()
    client.post(f"{url}{regs[0].pk}/", {"day": day, "undo": "1"})
    assert not Attendance.objects.filter(registration=regs[0]).exists()
    # HTMX request gets only the rows
    partial = client.get(url + "?q=becker", headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in partial and "Becker" in partial


@pytest.mark.parametrize("day", ["2025-13-40", "kein-datum", "1999-01-01", ""])
def test_check_in_day_parameter_never_errors(client, staff, started, day):
    event, regs = started
    client.force_login(staff)
    response = client.get(f"/staff/events/{event.pk}/check-in/?day={day}&q=becker")
    assert response.status_code == 200 and response.context["day"] == event.days()[0]
    client.post(f"/staff/events/{event.pk}/check-in/{regs[1].pk}/", {"day": day})
    assert Attendance.objects.get(registration=regs[1]).day == event.days()[0]


def test_printed_list_and_recording(client, staff, started):
    event, regs = started
    client.force_login(staff)
    page = client.get(f"/staff/events/{event.pk}/check-in/list/").content.decode()
    assert "Yılmaz" in page and "Weiß" not in page
    client.post(
        f"/staff/events/{event.pk}/check-in/list/record/",
        {"day": event.days()[0].isoformat(), "present": [regs[0].pk, regs[1].pk, regs[3].pk, "x"]},
    )
    assert set(Attendance.objects.values_list("registration", flat=True)) == {regs[0].pk, regs[1].pk}
    assert client.get(f"/staff/events/{event.pk}/check-in/list/record/").status_code == 405


def test_certificates_and_staff_cancel(client, staff, filled, mailoutbox, django_capture_on_commit_callbacks):
    event, regs = filled
    client.force_login(staff)
    check_in_today(regs[0])
    # before the end: refused with the reason, nothing sent
    response = client.get(f"/staff/events/{event.pk}/participants/{regs[0].pk}/certificate.pdf", follow=True)
    assert "nach dem Ende der Veranstaltung" in response.content.decode()
    client.post(f"/staff/events/{event.pk}/certificates/send/")
    assert mailoutbox == []
    end_event(event)
    response = client.get(f"/staff/events/{event.pk}/participants/{regs[0].pk}/certificate.pdf")
    assert b"StructTreeRoot" in pdf_text(response.content)
    assert client.get(f"/staff/events/{event.pk}/participants/{regs[1].pk}/certificate.pdf").status_code == 302
    mailoutbox.clear()
    confirmation = client.get(f"/staff/events/{event.pk}/certificates/send/")
    assert "Bescheinigung an 1 Teilnehmende senden?" in confirmation.content.decode() and mailoutbox == []
    client.post(f"/staff/events/{event.pk}/certificates/send/")  # not from the confirmation page: nothing sent
    assert mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/staff/events/{event.pk}/certificates/send/", {"confirm_count": "1"})
    assert [m.to for m in mailoutbox] == [[regs[0].person.email]]
    client.post(f"/staff/events/{event.pk}/participants/{regs[1].pk}/cancel/")
    assert Registration.objects.get(pk=regs[3].pk).status == "confirmed"


def test_feedback_results(client, staff, filled):
    event, regs = filled
    check_in_today(regs[0])
    services.submit_feedback(regs[0], overall=4, content=5, accessibility=3, comment="Mehr Pausen")
    client.force_login(staff)
    page = client.get(f"/staff/events/{event.pk}/feedback/").content.decode()
    assert "Mehr Pausen" in page and "4,0" in page


def test_staff_pages_of_unknown_event_are_404(client, staff):
    client.force_login(staff)
    assert client.get("/staff/events/999/").status_code == 404


@pytest.mark.parametrize(
    ("role", "support", "view", "check_in"),
    [
        ("project_lead", True, True, True),
        ("project_staff", True, True, True),
        ("read_only", False, True, False),
        ("network_coordinator", False, False, False),
    ],
)
def test_role_permissions(make_user, role, support, view, check_in):
    user = make_user(role)
    assert user.has_perm("events.view_supportneed") is support
    assert user.has_perm("events.view_supportneedcount") is support
    assert user.has_perm("events.view_registration") is view
    assert user.has_perm("events.change_registration") is check_in

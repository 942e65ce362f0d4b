"""Support bookings: status rules and bad input (services), who sees them (queries and views), the one message that
support was booked (real SMTP), the figures requested vs provided, privacy (Art. 15 export, erasure, retention)."""

from decimal import Decimal

import pytest
from django.utils import timezone

from inklusio.core.models import AuditEvent
from inklusio.events import bookings, figures, privacy, queries, services
from inklusio.events.models import Registration, SupportBooking, SupportBookingServed, SupportNeed

from .conftest import end_event, start_event

pytestmark = pytest.mark.django_db

Status = SupportBooking.Status


@pytest.fixture
def requests(make_event, reg_data):
    """An event with four registrations: two ask for sign-language interpreting, one for easy-language material."""
    event = make_event(capacity=10, title="Fachtag Kassel")
    needs = [
        {"sign_language": "DGS, erste Reihe"},
        {"sign_language": ""},
        {"easy_language": "Programm in Leichter Sprache"},
        {},
    ]
    names = [("Ayşe", "Yılmaz"), ("Jonas", "Becker"), ("Mia", "Schulz"), ("Olga", "Weiß")]
    regs = [
        services.register(
            event.pk,
            reg_data(n, first_name=first, last_name=last, support_needs=need, support_consent=bool(need)),
        )[0]
        for n, ((first, last), need) in enumerate(zip(names, needs, strict=True))
    ]
    return event, regs


def book(event, kind="sign_language", **values):
    data = bookings.BookingData(**values)
    return bookings.save_booking(SupportBooking(event=event, kind=kind), data)


def change(booking, **values):
    current = {
        "provider": booking.provider,
        "starts_at": booking.starts_at,
        "ends_at": booking.ends_at,
        "cost": booking.cost,
        "status": booking.status,
        "reason": booking.reason,
    }
    current.update(values)
    return bookings.save_booking(booking, bookings.BookingData(**current))


# --- services: status and bad input ------------------------------------------------------------------------


def test_status_moves_requested_booked_provided(requests):
    event, regs = requests
    booking = book(event, registration_ids=[regs[0].pk, regs[1].pk], cost="480,5".replace(",", "."))
    assert booking.status == Status.REQUESTED and booking.cost == Decimal("480.50")
    assert set(booking.served.values_list("registration_id", flat=True)) == {regs[0].pk, regs[1].pk}
    with pytest.raises(bookings.SupportBookingError) as error:
        change(booking, status=Status.BOOKED)  # no provider yet
    assert error.value.code == "provider_missing"
    booking = change(booking, status=Status.BOOKED, provider="Dolmetschdienst Nord")
    with pytest.raises(bookings.SupportBookingError) as error:
        change(booking, status=Status.PROVIDED)  # the event has not begun
    assert error.value.code == "not_started"
    start_event(event)
    booking = change(booking, status=Status.PROVIDED)
    assert booking.status == Status.PROVIDED
    for later in (Status.REQUESTED, Status.BOOKED, Status.NOT_POSSIBLE):
        with pytest.raises(bookings.SupportBookingError) as error:
            change(booking, status=later, reason="x")
        assert error.value.code == "transition"
    assert AuditEvent.objects.filter(action__startswith="events.support_booking").count() == 3


def test_not_possible_needs_a_reason_and_can_be_reopened(requests):
    event, regs = requests
    booking = book(event, registration_ids=[regs[0].pk])
    with pytest.raises(bookings.SupportBookingError) as error:
        change(booking, status=Status.NOT_POSSIBLE, reason="   ")
    assert error.value.code == "reason_missing"
    booking = change(booking, status=Status.NOT_POSSIBLE, reason="Kein Dolmetscher frei")
    assert booking.reason == "Kein Dolmetscher frei"
    with pytest.raises(bookings.SupportBookingError):
        change(booking, status=Status.BOOKED, provider="X")  # not possible → booked skips "requested"
    booking = change(booking, status=Status.REQUESTED)
    assert booking.reason == ""  # a reason belongs only to "not possible"


@pytest.mark.parametrize(
    ("values", "code"),
    [
        ({"cost": "-1"}, "cost_negative"),
        ({"cost": "abc"}, "cost_invalid"),
        ({"cost": "NaN"}, "cost_invalid"),
        ({"cost": "Infinity"}, "cost_invalid"),
        ({"cost": "10000000"}, "cost_too_high"),
        ({"status": "lost"}, "status"),
        ({"status": Status.PROVIDED, "provider": "X"}, "transition"),  # a new booking starts requested or booked
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(requests, values, code):
    event, regs = requests
    with pytest.raises(bookings.SupportBookingError) as error:
        book(event, registration_ids=[regs[0].pk], **values)
    assert error.value.code == code
    assert not SupportBooking.objects.exists()


def test_end_before_start_is_refused(requests):
    event, regs = requests
    with pytest.raises(bookings.SupportBookingError) as error:
        book(event, starts_at=event.ends_at, ends_at=event.starts_at)
    assert error.value.code == "ends_before_start"


def test_cost_is_rounded_half_up_to_the_cent(requests):
    event, _regs = requests
    assert book(event, cost="12.345").cost == Decimal("12.35")


def test_only_requests_of_that_kind_of_this_event_can_be_served(requests, make_event, reg_data):
    event, regs = requests
    other = make_event(slug="anderer-fachtag")
    stranger, _ = services.register(other.pk, reg_data(9, support_needs={"sign_language": ""}, support_consent=True))
    for wrong in (regs[2].pk, regs[3].pk, stranger.pk, 10**9):  # easy language, no need, other event, no such id
        with pytest.raises(bookings.SupportBookingError) as error:
            book(event, registration_ids=[regs[0].pk, wrong])
        assert error.value.code == "not_a_request"
    assert not SupportBooking.objects.exists()  # all or nothing


def test_cancelling_a_registration_removes_it_from_bookings(requests):
    event, regs = requests
    booking = book(event, registration_ids=[regs[0].pk, regs[1].pk])
    services.cancel(regs[0].pk)
    assert list(booking.served.values_list("registration_id", flat=True)) == [regs[1].pk]


def test_open_requests_and_coverage(requests):
    event, regs = requests
    rows = {row["kind"]: row for row in bookings.request_coverage(event)}
    assert rows["sign_language"]["open"] == 2 and rows["easy_language"]["open"] == 1
    book(event, registration_ids=[regs[0].pk])  # requested only: still open
    assert {row["kind"]: row["open"] for row in bookings.request_coverage(event)}["sign_language"] == 2
    booking = SupportBooking.objects.get()
    change(booking, status=Status.BOOKED, provider="Dolmetschdienst Nord")
    rows = {row["kind"]: row for row in bookings.request_coverage(event)}
    assert (rows["sign_language"]["requested"], rows["sign_language"]["covered"], rows["sign_language"]["open"]) == (
        2,
        1,
        1,
    )
    assert list(bookings.open_requests(event, "sign_language")) == [regs[1]]


# --- visibility --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "sees"),
    [("project_lead", True), ("project_staff", True), ("read_only", False), ("network_coordinator", False)],
)
def test_queries_show_bookings_only_to_roles_that_see_support_needs(requests, make_user, role, sees):
    event, regs = requests
    book(event, registration_ids=[regs[0].pk])
    user = make_user(role)
    assert queries.support_bookings_for_user(user, event).exists() is sees
    assert queries.unserved_requests_for_user(user, event).exists() is sees
    assert queries.booking_requests_for_user(user, event, "sign_language").exists() is sees
    assert queries.may_manage_support_bookings(user) is sees


@pytest.mark.parametrize(
    ("role", "status"),
    [("project_staff", 200), ("project_lead", 200), ("read_only", 403), ("network_coordinator", 403)],
)
def test_booking_pages_per_role(client, requests, make_user, role, status):
    event, regs = requests
    booking = book(event, registration_ids=[regs[0].pk], provider="Dolmetschdienst Nord")
    client.force_login(make_user(role))
    base = f"/staff/events/{event.pk}/support-bookings/"
    for url in (base, base + "?details=1", base + "new/?kind=sign_language", f"{base}{booking.pk}/"):
        assert client.get(url).status_code == status, url
    answer = client.post(f"{base}{booking.pk}/", {"status": "booked", "provider": "Y"})
    assert answer.status_code == (302 if status == 200 else 403)
    booking.refresh_from_db()
    assert (booking.provider == "Y") is (status == 200)


def test_list_shows_names_only_on_request_and_logs_it(client, staff, requests):
    event, regs = requests
    client.force_login(staff)
    base = f"/staff/events/{event.pk}/support-bookings/"
    page = client.get(base).content.decode()
    assert "Yılmaz" not in page and "Gebärdensprachdolmetschen" in page
    details = client.get(base + "?details=1").content.decode()
    assert "Yılmaz" in details and "DGS, erste Reihe" in details and "Weiß" not in details
    assert AuditEvent.objects.filter(action="events.view_support_bookings").count() == 2


def test_booking_of_another_event_is_404(client, staff, requests, make_event):
    event, regs = requests
    booking = book(event, registration_ids=[regs[0].pk])
    other = make_event(slug="anders")
    client.force_login(staff)
    assert client.get(f"/staff/events/{other.pk}/support-bookings/{booking.pk}/").status_code == 404
    assert client.get(f"/staff/events/{event.pk}/support-bookings/{booking.pk + 1}/").status_code == 404


def test_new_booking_is_prefilled_from_the_open_requests(client, staff, requests):
    event, regs = requests
    client.force_login(staff)
    url = f"/staff/events/{event.pk}/support-bookings/new/"
    assert "kind" in client.get(url).context["form"].fields  # first: which support
    assert client.get(url + "?kind=bogus").context["form"].errors
    form = client.get(url + "?kind=sign_language").context["form"]
    assert set(form.initial["registrations"]) == {regs[0].pk, regs[1].pk}
    assert {r.pk for r in form.fields["registrations"].queryset} == {regs[0].pk, regs[1].pk}
    response = client.post(
        url + "?kind=sign_language",
        {
            "status": "requested",
            "provider": "",
            "cost": "1234,50",
            "starts_at": "2030-01-01T09:00",
            "ends_at": "2030-01-01T16:00",
            "registrations": [regs[0].pk],
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    booking = SupportBooking.objects.get()
    assert booking.kind == "sign_language" and booking.cost == Decimal("1234.50")
    assert list(booking.served.values_list("registration_id", flat=True)) == [regs[0].pk]


def test_form_errors_keep_the_input(client, staff, requests):
    event, regs = requests
    client.force_login(staff)
    url = f"/staff/events/{event.pk}/support-bookings/new/?kind=sign_language"
    data = {"status": "booked", "provider": "", "cost": "-5", "registrations": [regs[0].pk]}
    page = client.post(url, data)
    assert page.status_code == 200 and "cost" in page.context["form"].errors
    data["cost"] = "5"
    page = client.post(url, data)  # the service's rule: booked needs a provider
    assert "provider" in page.context["form"].errors
    data.update(provider="Dolmetschdienst", registrations=[regs[3].pk])
    page = client.post(url, data)  # not one of the choices
    assert "registrations" in page.context["form"].errors
    assert not SupportBooking.objects.exists()


# --- the message that support was booked -------------------------------------------------------------------


def test_booked_support_is_told_once_by_mail(requests, smtp_server, django_capture_on_commit_callbacks):
    event, regs = requests
    smtp_server.clear()
    with django_capture_on_commit_callbacks(execute=True):
        booking = book(event, registration_ids=[regs[0].pk], provider="Dolmetschdienst Nord")
    assert smtp_server.messages == []  # requested: nobody is told yet
    with django_capture_on_commit_callbacks(execute=True):
        booking = change(booking, status=Status.BOOKED)
        booking = change(booking, status=Status.BOOKED)  # saved twice
    told = smtp_server.to("person0@example.org")
    assert len(told) == 1 and len(smtp_server.messages) == 1
    assert "Unterstützung ist gebucht" in told[0]["Subject"] and event.title in told[0]["Subject"]
    body = told[0].get_body(preferencelist=("plain",)).get_content()
    assert "Gebärdensprachdolmetschen" in body and regs[0].token in body
    assert "Dolmetschdienst Nord" not in body  # no provider, no cost
    with django_capture_on_commit_callbacks(execute=True):  # someone added later is told; the first not again
        bookings.save_booking(
            booking,
            bookings.BookingData(
                provider=booking.provider, status=Status.BOOKED, registration_ids=[regs[0].pk, regs[1].pk]
            ),
        )
    assert len(smtp_server.to("person0@example.org")) == 1
    assert len(smtp_server.to("person1@example.org")) == 1
    assert SupportBookingServed.objects.filter(told_at__isnull=True).count() == 0


def test_no_message_after_the_event_or_to_cancelled(requests, smtp_server, django_capture_on_commit_callbacks):
    event, regs = requests
    services.cancel(regs[1].pk)
    from inklusio.events import tasks

    booking = SupportBooking.objects.create(event=event, kind="sign_language", provider="X", status=Status.BOOKED)
    SupportBookingServed.objects.create(booking=booking, registration=regs[1])  # cancelled (written directly)
    smtp_server.clear()
    assert tasks.send_support_booked.call(booking.pk) == 0
    SupportBookingServed.objects.create(booking=booking, registration=regs[0])
    end_event(event)
    assert tasks.send_support_booked.call(booking.pk) == 0
    assert smtp_server.messages == []


# --- figures: requested and provided apart --------------------------------------------------------------------


def test_figures_count_requests_and_provisions_apart(requests, project):
    event, regs = requests
    start, end = project.start, project.end
    assert figures.support_requested(project, start, end) == {
        "Gebärdensprachdolmetschen": 2,
        "Material in Leichter Sprache": 1,
    }
    assert figures.support_provided(project, start, end) == {}
    booking = book(event, registration_ids=[regs[0].pk, regs[1].pk], provider="Nord", status=Status.BOOKED)
    easy = book(event, kind="easy_language", registration_ids=[regs[2].pk])
    change(easy, status=Status.NOT_POSSIBLE, reason="Kein Büro frei")
    assert figures.support_provided(project, start, end) == {}  # booked is not provided
    start_event(event)
    change(booking, status=Status.PROVIDED)
    assert figures.support_provided(project, start, end) == {"Gebärdensprachdolmetschen": 2}
    # after the retention job deleted the details, both figures stay
    end_event(event)
    services.purge_support_needs(now=timezone.now(), retention_days=0)
    assert not SupportBookingServed.objects.exists() and not SupportNeed.objects.exists()
    assert SupportBooking.objects.get(pk=booking.pk).served_count == 2
    assert figures.support_provided(project, start, end) == {"Gebärdensprachdolmetschen": 2}
    assert figures.support_requested(project, start, end) == {
        "Gebärdensprachdolmetschen": 2,
        "Material in Leichter Sprache": 1,
    }


def test_after_purge_the_people_served_cannot_change_but_the_rest_can(requests):
    event, regs = requests
    booking = book(event, registration_ids=[regs[0].pk], provider="Nord", status=Status.BOOKED)
    end_event(event)
    services.purge_support_needs(now=timezone.now(), retention_days=0)
    booking.refresh_from_db()
    with pytest.raises(bookings.SupportBookingError) as error:
        bookings.save_booking(booking, bookings.BookingData(provider="Nord", status="booked", registration_ids=[1]))
    assert error.value.code == "purged"
    booking = change(booking, cost=Decimal("99.90"), status=Status.PROVIDED)
    assert booking.cost == Decimal("99.90") and booking.served_count == 1


# --- privacy --------------------------------------------------------------------------------------------------


def test_art15_export_lists_the_bookings_that_serve_the_person(requests):
    event, regs = requests
    book(event, registration_ids=[regs[0].pk], provider="Dolmetschdienst Nord", cost="480")
    book(event, kind="easy_language", registration_ids=[regs[2].pk])
    data = privacy.personal_data(regs[0].person)
    rows = next(value for key, value in data.items() if str(key) == "Gebuchte Unterstützung")
    assert len(rows) == 1
    assert rows[0]["event"] == event.title and rows[0]["kind"] == "Gebärdensprachdolmetschen"
    assert rows[0]["provider"] == "Dolmetschdienst Nord" and "cost" not in rows[0]
    other = privacy.personal_data(regs[3].person)
    assert next(value for key, value in other.items() if str(key) == "Gebuchte Unterstützung") == []


def test_erasure_keeps_the_provision_counted(requests, project):
    event, regs = requests
    booking = book(event, registration_ids=[regs[0].pk, regs[1].pk], provider="Nord", status=Status.BOOKED)
    start_event(event)
    change(booking, status=Status.PROVIDED)
    before = figures.support_provided(project, project.start, project.end)
    privacy.erase_person(regs[0].person)
    assert figures.support_provided(project, project.start, project.end) == before
    assert Registration.objects.filter(pk=regs[0].pk, support_bookings=booking).exists()


def test_merge_moves_the_booking_link_to_the_registration_kept(requests):
    from inklusio.events.merging import merge_person

    event, regs = requests
    booking = book(event, registration_ids=[regs[1].pk], provider="Nord", status=Status.BOOKED)
    # both people registered: the earlier registration (regs[0]) is kept for the survivor, regs[1] is folded
    merge_person(regs[1].person, regs[0].person)
    assert list(booking.served.values_list("registration_id", flat=True)) == [regs[0].pk]

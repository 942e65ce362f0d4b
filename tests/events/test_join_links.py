"""Personal join links: the link → attendance → show-up rate → feedback and certificate; who may enter; what is
stored (no IP address, no user agent); prefetches not counted."""

from datetime import timedelta

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.utils import timezone, translation

from inklusio.events import figures, joining, services, tasks
from inklusio.events.certificates import certificate_context, certificate_refusal
from inklusio.events.models import Attendance, AttendanceSource, Event, OnlineJoin, ProgrammeItem, Registration

from .conftest import end_event, start_event

pytestmark = pytest.mark.django_db

ROOM = "https://meet.example.org/kongress-geheim"
CLIENT_IP = "203.0.113.77"
USER_AGENT = "JoinTestBrowser/7.3 (marker-5f1c0d)"


@pytest.fixture
def running(online_event):
    """The online congress, begun an hour ago: its room is open, and so is its programme item's, until the end."""
    event = start_event(online_event)
    event.programme.update(ends_at=event.ends_at)
    return event


@pytest.fixture
def registered(online_event, reg_data):
    def make(n=1):
        registration, _ = services.register(online_event.pk, reg_data(n))
        return Registration.objects.select_related("event", "person").get(pk=registration.pk)

    return make


def _join(client, registration, item=None, **headers):
    return client.post(registration.join_url(item), REMOTE_ADDR=CLIENT_IP, HTTP_USER_AGENT=USER_AGENT, **headers)


def test_join_url_is_personal_and_separate_from_the_personal_page(registered):
    registration = registered()
    assert registration.join_url() == f"/j/{registration.join_token}/"
    assert registration.join_token != registration.token and len(registration.join_token) >= 32
    item = registration.event.programme.get()
    assert registration.join_url(item) == f"/j/{registration.join_token}/{item.pk}/"


def test_get_forwards_but_records_nothing_post_records_and_goes_to_the_room(client, registered, running):
    registration = registered()
    page = client.get(registration.join_url(), REMOTE_ADDR=CLIENT_IP, HTTP_USER_AGENT=USER_AGENT)
    assert page.status_code == 200
    body = page.content.decode()
    assert 'method="post"' in body and 'type="submit"' in body and "data-join-form" in body
    assert "geheim" not in body  # the room's address is not even in the page
    assert page["Referrer-Policy"] == "no-referrer" and "no-store" in page["Cache-Control"]
    assert not page.cookies  # no session, no CSRF cookie
    assert "form-action 'self' https://meet.example.org" in page["Content-Security-Policy"]  # the form may go there
    assert not OnlineJoin.objects.exists() and not Attendance.objects.exists()

    response = _join(client, registration)
    assert response.status_code == 303 and response["Location"] == ROOM
    assert response["Referrer-Policy"] == "no-referrer"
    join = OnlineJoin.objects.get()
    assert (join.registration, join.item, join.joins) == (registration, None, 1)
    attendance = Attendance.objects.get()
    assert attendance.via == AttendanceSource.JOIN_LINK and attendance.day == timezone.localdate()
    assert attendance.minutes is None

    _join(client, registration)
    join.refresh_from_db()
    assert join.joins == 2 and join.last_joined_at >= join.first_joined_at
    assert Attendance.objects.count() == 1  # one per day


def test_item_links_record_per_item_and_check_the_item_belongs(client, registered, running, make_event):
    registration = registered()
    item = running.programme.get()
    response = _join(client, registration, item)
    assert response.status_code == 303 and response["Location"] == item.room_url
    assert OnlineJoin.objects.get().item == item
    other = ProgrammeItem.objects.create(
        event=make_event(), starts_at=running.starts_at, title="Fremd", room_url="https://x.example.org/r"
    )
    for item_id in (other.pk, other.pk + 1000):  # another event's item, an id that does not exist
        page = client.post(f"/j/{registration.join_token}/{item_id}/")
        assert page.status_code == 404
    assert OnlineJoin.objects.count() == 1


def test_an_item_without_its_own_room_leads_to_the_events_room(client, registered, running):
    registration = registered()
    item = running.programme.get()
    ProgrammeItem.objects.filter(pk=item.pk).update(room_url="")
    assert _join(client, registration, item)["Location"] == ROOM


def test_prefetch_and_prerender_never_record(client, registered, running):
    registration = registered()
    for header in (
        {"HTTP_SEC_PURPOSE": "prefetch"},
        {"HTTP_PURPOSE": "prefetch"},
        {"HTTP_SEC_PURPOSE": "prefetch;prerender"},
    ):
        assert client.get(registration.join_url(), **header).status_code == 200
        response = _join(client, registration, **header)
        assert response.status_code == 200  # the page, not the redirect
    assert client.head(registration.join_url()).status_code == 200
    assert not OnlineJoin.objects.exists() and not Attendance.objects.exists()


def test_waiting_page_before_the_room_opens(client, registered, online_event, settings):
    registration = registered()
    settings.EVENTS_ROOM_OPENS_MINUTES = 30
    page = client.get(registration.join_url())
    assert page.status_code == 200
    body = page.content.decode()
    assert "geheim" not in body and 'method="post"' not in body
    opens = timezone.localtime(online_event.starts_at - timedelta(minutes=30))
    assert opens.isoformat() in body  # <time datetime="…">
    assert _join(client, registration).status_code == 200
    assert not OnlineJoin.objects.exists()
    # the room opens the set number of minutes before the start
    now = online_event.starts_at - timedelta(minutes=29)
    assert joining.join_refusal(registration, now=now) == ""
    assert joining.join_refusal(registration, now=now - timedelta(minutes=2)) == joining.NOT_YET


@pytest.mark.parametrize(
    ("case", "status", "code"),
    [
        ("waitlisted", 403, joining.WAITLISTED),
        ("cancelled", 403, joining.CANCELLED),
        ("event_cancelled", 410, joining.EVENT_CANCELLED),
        ("over", 410, joining.OVER),
        ("no_room", 404, joining.NO_ROOM),
    ],
)
def test_refusals_explain_why_and_record_nothing(client, registered, running, case, status, code):
    first = registered(1)
    registration = first
    if case == "waitlisted":
        Event.objects.filter(pk=running.pk).update(capacity=1)
        registration = registered(2)
        assert registration.status == Registration.Status.WAITLISTED
    elif case == "cancelled":
        services.cancel(first.pk)
    elif case == "event_cancelled":
        Event.objects.filter(pk=running.pk).update(cancelled=True)
    elif case == "over":
        end_event(running)
    elif case == "no_room":
        Event.objects.filter(pk=running.pk).update(room_url="")
    registration.refresh_from_db()
    assert joining.join_refusal(registration) == code
    for response in (client.get(registration.join_url()), _join(client, registration)):
        assert response.status_code == status
        assert "geheim" not in response.content.decode()
        assert "Location" not in response
    assert not OnlineJoin.objects.exists() and not Attendance.objects.exists()
    with pytest.raises(joining.JoinRefused):
        joining.record_join(registration)


def test_unknown_and_wrong_kind_of_tokens_are_404(client, registered, running):
    registration = registered()
    for path in (
        "/j/nope/",
        "/j/nope/1/",
        f"/j/{registration.token}/",  # the personal page's token does not open the room…
        f"/events/r/{registration.join_token}/",  # …and the join token does not open the personal page
        "/j/%00/",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "geheim" not in response.content.decode()
    assert client.post("/j/nope/").status_code == 404
    assert "not valid" in client.get("/en/j/nope/").content.decode()
    assert not OnlineJoin.objects.exists()


def test_anonymising_and_erasure_void_the_join_link(client, registered, running):
    from inklusio.events.privacy import erase_person

    erased, past = registered(1), registered(2)
    old = erased.join_url()
    erase_person(erased.person)
    assert client.get(old).status_code == 404
    old = past.join_url()
    services.anonymise_past_registrations(timezone.now() + timedelta(days=1))
    assert client.get(old).status_code == 404


def test_no_ip_address_and_no_user_agent_anywhere_in_the_database(client, registered, running):
    """After joins (and refusals) the client's IP address and user agent are in no column of any table."""
    registration = registered(1)
    item = running.programme.get()
    _join(client, registration)
    _join(client, registration, item)
    client.get(registration.join_url(), REMOTE_ADDR=CLIENT_IP, HTTP_USER_AGENT=USER_AGENT)
    client.post("/j/unknown-token/", REMOTE_ADDR=CLIENT_IP, HTTP_USER_AGENT=USER_AGENT)
    assert OnlineJoin.objects.count() == 2  # the joins did happen
    needles = [CLIENT_IP, USER_AGENT, "marker-5f1c0d", CLIENT_IP.replace(".", "")]
    found = []
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        assert "events_onlinejoin" in tables and "events_attendance" in tables
        for table in tables:
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 — table names from the database itself
            for row in cursor.fetchall():
                text = " ".join(str(value) for value in row)
                found += [(table, needle) for needle in needles if needle in text]
    assert found == []


def test_record_join_is_the_service_with_a_clock(registered, online_event):
    """Imports and the demo call the same service the POST calls, with their own clock."""
    registration = registered()
    at = online_event.starts_at + timedelta(minutes=5)
    join = joining.record_join(registration, now=at)
    assert join.first_joined_at == at == join.last_joined_at
    earlier = at - timedelta(minutes=3)
    join = joining.record_join(registration, now=earlier)  # records arriving out of order
    assert (join.first_joined_at, join.last_joined_at, join.joins) == (earlier, at, 2)
    assert Attendance.objects.get().day == timezone.localtime(at).date()


def test_join_link_to_show_up_rate_to_feedback_and_certificate(client, registered, running, smtp_server):
    came, stayed_away = registered(1), registered(2)
    project = running.project
    assert figures.show_up_rate_online(project, None, None) == 0.0
    _join(client, came)
    assert figures.show_up_rate_online(project, None, None) == 50.0
    assert figures.show_up_rate_all(project, None, None) == 50.0
    assert figures.show_up_rate(project, None, None) is None  # no in-person event
    assert services.registration_counts(running)["attended"] == 1

    # after the event: the feedback invitation and the certificate reach the one who joined
    now = timezone.now()
    Event.objects.filter(pk=running.pk).update(starts_at=now - timedelta(hours=5), ends_at=now - timedelta(hours=3))
    came.refresh_from_db()
    smtp_server.clear()
    assert tasks.send_feedback_invitations.call() == 1
    assert [m["To"] for m in smtp_server.messages] == ["person1@example.org"]
    assert services.feedback_refusal(came) == "" and services.feedback_refusal(stayed_away) == "not_attended"
    assert certificate_refusal(came) == "" and certificate_refusal(stayed_away)
    smtp_server.clear()
    assert tasks.send_certificate.call(came.pk) is True and tasks.send_certificate.call(stayed_away.pk) is False
    assert len(smtp_server.messages) == 1

    # minutes attended appear on the certificate where a platform's report gave them
    context = certificate_context(came)
    assert context["minutes"] is None and context["place"] in ("online",)
    html = render_to_string("events/certificate.html", {**context, "language": "en"})
    assert "minutes" not in html
    Attendance.objects.filter(registration=came).update(minutes=137)
    context = certificate_context(came)
    assert context["minutes"] == 137
    assert "137" in render_to_string("events/certificate.html", {**context, "language": "en"})


def test_personal_page_mail_and_calendar_carry_the_join_link_never_the_room(client, registered):
    from icalendar import Calendar

    from inklusio.events.ics import calendar_for
    from inklusio.events.mails import registration_mail, reminder_mail

    registration = registered()
    page = client.get(registration.get_personal_url()).content.decode()
    assert registration.join_url() in page and "geheim" not in page
    calendar = Calendar.from_ical(calendar_for(registration.event, registration))
    description = str(calendar.walk("VEVENT")[0]["description"])
    assert registration.join_link() in description and "geheim" not in description
    for message in (registration_mail(registration), reminder_mail(registration)):
        assert "geheim" not in message.message().as_string()


def test_joins_go_to_the_data_subject_export(registered, running):
    from inklusio.events.privacy import personal_data

    registration = registered()
    joining.record_join(registration)
    data = personal_data(registration.person)
    with translation.override("en"):
        rows = next(value for key, value in data.items() if "join" in str(key).lower())
    assert len(rows) == 1

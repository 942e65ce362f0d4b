"""The personal join link in a real browser: the join page forwards by itself, and with the keyboard only (no
script) through its button; axe on the join, waiting and refusal pages at desktop width and at 390 px, German
and English; every one of them valid HTML (vnu)."""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from inklusio.events import services
from inklusio.events.models import Attendance, AttendanceSource, Event, OnlineJoin, ProgrammeItem, Registration
from tests.conftest import Client
from tests.security.test_valid_html import vnu_errors, vnu_or_skip

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("INKLUSIO_SHOTS")  # a directory: also save screenshots there, to look at


def shoot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def _register(event, n, first_name="Ayşe", last_name="Yılmaz"):
    data = services.RegistrationData(email=f"p{n}@example.org", first_name=first_name, last_name=last_name)
    registration, _ = services.register(event.pk, data)
    return Registration.objects.get(pk=registration.pk)


@pytest.fixture
def world(project, live_server):
    """A running online congress (room open) whose room is another origin of the test server; an upcoming one
    (waiting page); an ended one; a cancelled one; a waitlisted and a cancelled registration."""
    now = timezone.now().replace(microsecond=0)
    # 127.0.0.1 where the browser uses localhost: another origin, as a real video platform is
    room = live_server.url.replace("localhost", "127.0.0.1") + "/healthz"

    def congress(slug, starts, **extra):
        values = {
            "project": project,
            "kind": Event.Kind.ONLINE_CONGRESS,
            "title": f"Online-Kongress „Inklusive Ausbildung“ ({slug})",
            "slug": slug,
            "starts_at": starts,
            "ends_at": starts + timedelta(hours=6),
            "room_url": room,
            "visibility": Event.Visibility.PUBLIC,
            "capacity": 1,
        }
        return Event.objects.create(**{**values, **extra})

    running = congress("laufend", now + timedelta(hours=2))
    upcoming = congress("bald", now + timedelta(days=3))
    ended = congress("vorbei", now + timedelta(hours=2))
    cancelled = congress("abgesagt", now + timedelta(hours=2))
    item = ProgrammeItem.objects.create(
        event=running,
        starts_at=running.starts_at,
        ends_at=running.ends_at,
        title="Werkstatt: Ausbildung in Teilzeit",
        room_url=room + "?item",
    )
    attendee = _register(running, 1)
    waitlisted = _register(running, 2, "Ben", "Ott")
    upcoming_attendee = _register(upcoming, 3)
    ended_attendee = _register(ended, 4)
    cancelled_attendee = _register(cancelled, 5)
    withdrawn = _register(upcoming, 6, "Mia", "Roth")
    services.cancel(withdrawn.pk)
    # move the events into place after registering (registration needs them open)
    Event.objects.filter(pk=running.pk).update(starts_at=now - timedelta(minutes=5))
    Event.objects.filter(pk=ended.pk).update(starts_at=now - timedelta(hours=8), ends_at=now - timedelta(hours=2))
    Event.objects.filter(pk=cancelled.pk).update(cancelled=True)
    ProgrammeItem.objects.filter(pk=item.pk).update(starts_at=now - timedelta(minutes=5))
    return {
        "room": room,
        "attendee": attendee,
        "item": item,
        "pages": {
            "join": attendee.join_url(),
            "join-item": attendee.join_url(item),
            "waiting": upcoming_attendee.join_url(),
            "refused-waitlisted": waitlisted.join_url(),
            "refused-cancelled": withdrawn.join_url(),
            "refused-over": ended_attendee.join_url(),
            "refused-event-cancelled": cancelled_attendee.join_url(),
            "refused-unknown": "/j/unbekannter-link/",
            "personal-page": attendee.get_personal_url(),  # where the join links are shown (not the room)
        },
    }


def _without_script(page):
    """The join page's script is not loaded: the page stays, as it does for a person without JavaScript."""
    page.route("**/join.js", lambda route: route.abort())


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_join_waiting_and_refusal_pages_have_no_axe_violations(page, world, axe, prefix):
    _without_script(page)
    for name, path in world["pages"].items():
        response = page.goto(prefix + path)
        assert response.status in (200, 403, 404, 410), (name, response.status)
        assert page.locator("h1").count() == 1, name
        assert page.locator("html").get_attribute("lang") == (prefix.strip("/") or "de"), name
        assert "healthz" not in page.content(), name  # the room's address is never in a page
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            axe(page)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (name, width)
            shoot(page, f"{name}{prefix.replace('/', '-')}-{width}")
        page.set_viewport_size({"width": 1280, "height": 900})
    assert not OnlineJoin.objects.exists() and not Attendance.objects.exists()  # looking records nothing


def test_join_by_keyboard_only(page, world, keyboard):
    _without_script(page)
    attendee = world["attendee"]
    page.goto(attendee.join_url())
    assert "Jetzt teilnehmen" in page.inner_text("main")
    keyboard(page, "form[data-join-form] button")
    page.keyboard.press("Enter")
    page.wait_for_url(world["room"])  # the room, on another origin
    assert page.content().count("ok") >= 1
    join = OnlineJoin.objects.get()
    assert join.registration_id == attendee.pk and join.item is None and join.joins == 1
    assert Attendance.objects.get().via == AttendanceSource.JOIN_LINK

    page.goto(attendee.join_url(world["item"]))
    keyboard(page, "form[data-join-form] button")
    page.keyboard.press("Enter")
    page.wait_for_url(world["item"].room_url)
    assert OnlineJoin.objects.get(item=world["item"]).joins == 1
    assert Attendance.objects.count() == 1  # one attendance per day, however many rooms


def test_the_join_page_forwards_by_itself(page, world):
    attendee = world["attendee"]
    page.goto(attendee.join_url())
    page.wait_for_url(world["room"])
    # The back button does not send the person into the room again (the forward replaced the join page in the
    # history, and a join page reached by back/forward waits for its button).
    page.go_back()
    page.wait_for_load_state()
    if "/j/" in page.url:
        page.locator("form[data-join-form] button").wait_for()
    assert OnlineJoin.objects.get().joins == 1
    assert Attendance.objects.count() == 1


def test_the_pages_are_valid_html(world, tmp_path):
    command = vnu_or_skip()
    client = Client()
    pages = {}
    for name, path in world["pages"].items():
        for prefix in ("", "/en"):
            pages[prefix + path] = client.get(prefix + path).content.decode()
    errors = vnu_errors(command, pages, tmp_path)
    assert not errors, "\n".join(errors)
    assert not OnlineJoin.objects.exists()

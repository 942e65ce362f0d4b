"""Issue 16 (6, 7) in a real browser: the phone check-in (search, HTMX rows that keep the page where it is, walk-in),
the confirmation steps of the sends to everyone, publish; axe on every new page; keyboard only."""

# ruff: noqa: F811 — the shared fixtures are imported by name

import json
import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from inklusio.events import services
from inklusio.events.models import Attendance, Event, Registration
from inklusio.mailings.models import Subscriber

from .test_events_pages import events  # noqa: F401
from .test_mailings_pages import infoletter  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("INKLUSIO_SHOTS", "/tmp/inklusio-shots"))


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def settled_scroll(page) -> int:
    """window.scrollY once it has stopped changing (focusing may scroll smoothly)."""
    last = None
    for _ in range(20):
        now = page.evaluate("window.scrollY")
        if now == last:
            return now
        last = now
        page.wait_for_timeout(150)
    return last


def _many_beckers(congress, n=14):
    for i in range(n):
        services.register(
            congress.pk,
            services.RegistrationData(email=f"becker{i}@example.org", first_name=f"Kim{i:02d}", last_name="Becker"),
        )


def test_check_in_on_a_phone_keeps_the_page_where_it_is(page, login, staff, events, keyboard, axe):
    congress = events["congress"]
    _many_beckers(congress)
    login(staff)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/staff/events/{congress.pk}/check-in/")
    keyboard(page, "#id_q")
    page.keyboard.type("Becker")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=Becker**")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    axe(page)
    shot(page, "check-in-390-search")
    target = Registration.objects.get(person__first_name="Kim10")
    button = keyboard(page, f"#check-in-button-{target.pk}", max_presses=120)
    assert button.bounding_box()["height"] >= 44
    url, scroll = page.url, settled_scroll(page)
    assert scroll > 0  # the row is far down the list
    page.keyboard.press("Enter")
    page.locator(f"#reg-{target.pk}").get_by_text("ist eingecheckt").wait_for()
    assert page.url == url  # no reload
    assert settled_scroll(page) == scroll  # the page did not jump
    assert page.evaluate("document.activeElement.id") == f"check-in-button-{target.pk}"  # focus stays in the row
    assert "2 von 16 eingecheckt" in page.inner_text("#check-in-count")
    assert Attendance.objects.filter(registration=target).exists()
    shot(page, "check-in-390-after")
    axe(page)
    # undo, again with the keyboard, from the same button
    page.keyboard.press("Enter")
    page.locator(f"#reg-{target.pk}").get_by_text("zurückgenommen").wait_for()
    assert not Attendance.objects.filter(registration=target).exists()


def test_check_in_shows_support_needs_and_works_without_javascript(browser, live_server, login, staff, events):
    context = browser.new_context(
        java_script_enabled=False, base_url=live_server.url, viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    from django.test import Client

    client = Client()
    client.force_login(staff)
    from django.conf import settings

    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    congress = events["congress"]
    ben = Registration.objects.get(person__last_name="Ott")
    page.goto(f"/staff/events/{congress.pk}/check-in/?q=Y%C4%B1lmaz")
    assert "Gebärdensprachdolmetschen" in page.inner_text("main")
    shot(page, "check-in-390-support-needs-no-js")
    page.goto(f"/staff/events/{congress.pk}/check-in/?q=Ott")
    page.click(f"#check-in-button-{ben.pk}")
    assert page.url.endswith(f"#reg-{ben.pk}")
    assert "Ben Ott ist eingecheckt" in page.inner_text("main")
    context.close()


def test_walk_in_with_the_keyboard(page, login, staff, events, keyboard, axe):
    congress = events["congress"]
    login(staff)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/staff/events/{congress.pk}/check-in/")
    keyboard(page, "a:has-text('Spontan da')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    axe(page)
    shot(page, "walk-in-390")
    keyboard(page, "#id_first_name")
    page.keyboard.type("Nele")
    page.keyboard.press("Tab")
    page.keyboard.type("Neumann")
    keyboard(page, "button:has-text('Anmelden und einchecken')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Nele Neumann ist angemeldet und eingecheckt" in page.inner_text("main")
    registration = Registration.objects.get(person__last_name="Neumann")
    assert registration.source == "walk_in" and registration.attendances.exists()


def test_publish_and_staff_registration_with_the_keyboard(page, login, staff, events, keyboard, axe):
    expert_day = events["expert_day"]
    login(staff)
    page.goto(f"/staff/events/{expert_day.pk}/")
    keyboard(page, "button:has-text('Veröffentlichung zurücknehmen')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert Event.objects.get(pk=expert_day.pk).visibility == "draft"
    axe(page)
    shot(page, "event-detail-draft-1280")
    page.goto(f"/staff/events/{expert_day.pk}/participants/")
    keyboard(page, "a:has-text('Jemanden anmelden')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    axe(page)
    shot(page, "register-someone-1280")
    keyboard(page, "#id_first_name")
    page.keyboard.type("Ute")
    page.keyboard.press("Tab")
    page.keyboard.type("Kraus")
    page.keyboard.press("Tab")
    page.keyboard.type("ute@example.org")
    keyboard(page, "main button:has-text('Anmelden')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert Registration.objects.get(person__email="ute@example.org").source == "staff"


def test_certificate_and_feedback_confirmations(page, login, staff, events, keyboard, axe):
    congress = events["congress"]
    congress.refresh_from_db()
    login(staff)
    page.goto(f"/staff/events/{congress.pk}/feedback/")
    assert page.locator("button[disabled]", has_text="Einladungen zur Rückmeldung").count() == 1
    assert "erst nach dem Ende" in page.inner_text("main")
    axe(page)
    shift = timedelta(days=2)
    Event.objects.filter(pk=congress.pk).update(starts_at=congress.starts_at - shift, ends_at=congress.ends_at - shift)
    page.goto(f"/staff/events/{congress.pk}/")
    keyboard(page, "a:has-text('Bescheinigungen an alle')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "Bescheinigung an 1 Teilnehmende senden?"
    axe(page)
    shot(page, "confirm-certificates-1280")
    page.goto(f"/staff/events/{congress.pk}/feedback/invite/")
    assert page.locator("h1").inner_text() == "1 teilnehmende Person um Rückmeldung bitten?"
    axe(page)


@pytest.mark.parametrize("width", [1280, 390])
def test_mailing_send_confirmation_with_the_keyboard(
    page,
    login,
    staff,
    infoletter,
    keyboard,
    axe,
    settings,
    width,
):
    # the senders are only queued (not run) here: the test is about what is confirmed and what is queued
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default", "mail"]}}
    now = timezone.now()
    Subscriber.objects.bulk_create(
        [
            Subscriber(email=f"s{n}@example.org", status="confirmed", source="x", signed_up_at=now, confirmed_at=now)
            for n in range(1233)
        ]
    )
    draft = infoletter["draft"]
    login(staff)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"/staff/infoletter/{draft.pk}/")
    keyboard(page, "a:has-text('Jetzt an')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "An 1.234 Abonnentinnen und Abonnenten senden?"
    axe(page)
    shot(page, f"confirm-mailing-{width}")
    draft.refresh_from_db()
    assert draft.status == "draft"  # showing the question sent nothing
    if width != 1280:
        return
    keyboard(page, "button:has-text('Ja, jetzt senden')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "1.234" in page.inner_text("main")
    assert draft.deliveries.count() == 1234


FAKE_SCANNER = """
window.BarcodeDetector = class {
  static getSupportedFormats() { return Promise.resolve(["qr_code"]); }
  detect() { return Promise.resolve([{ rawValue: %s }]); }
};
navigator.mediaDevices.getUserMedia = () => {
  const canvas = document.createElement("canvas");
  canvas.getContext("2d").fillRect(0, 0, 10, 10);
  return Promise.resolve(canvas.captureStream());
};
"""


def test_scanning_a_personal_link_finds_the_person(page, login, staff, events, keyboard, axe):
    """Chromium on Linux has no BarcodeDetector: a stand-in returns the QR code's text, the rest is real."""
    congress = events["congress"]
    ben = Registration.objects.get(person__last_name="Ott")
    login(staff)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/staff/events/{congress.pk}/check-in/")
    assert page.locator("#scan-qr").is_hidden()  # without the API nothing is offered
    page.add_init_script(FAKE_SCANNER % json.dumps(ben.personal_link()))
    page.goto(f"/staff/events/{congress.pk}/check-in/")
    keyboard(page, "#scan-qr")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(f"#reg-{ben.pk}").count() == 1
    keyboard(page, f"#check-in-button-{ben.pk}")
    page.keyboard.press("Enter")
    page.locator(f"#reg-{ben.pk}").get_by_text("ist eingecheckt").wait_for()
    assert Attendance.objects.filter(registration=ben).exists()
    axe(page)


@pytest.mark.parametrize("width", [1280, 390])
def test_personal_page_with_the_check_in_code(page, events, axe, width):
    expert_day = events["expert_day"]
    registration, _ = services.register(
        expert_day.pk, services.RegistrationData(email="qr@example.org", first_name="Quinn", last_name="Roth")
    )
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"/events/r/{registration.token}/")
    assert page.locator(".check-in-qr svg").count() == 1
    axe(page)
    shot(page, f"personal-qr-{width}")

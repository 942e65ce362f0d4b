"""Support bookings in a real browser: the list, the kind step, the new and the edit form without axe violations
(German and English, desktop and 390 px), and the main flow with the keyboard only: book the open sign-language
requests, then mark the booking as booked; the people served get one message each."""

import os
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from inklusio.events import services
from inklusio.events.models import Event, SupportBooking

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("INKLUSIO_SHOTS")  # a directory: also save screenshots there, to look at


def shoot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def check_both_widths(page, axe, name):
    axe(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    shoot(page, f"{name}-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    axe(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, name
    shoot(page, f"{name}-390")
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.fixture
def event(project):
    start = timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=12), time(9, 30)))
    event = Event.objects.create(
        project=project,
        title="Fachtag Kassel",
        slug="fachtag-kassel",
        starts_at=start,
        ends_at=start + timedelta(hours=7),
        venue="Kongress Palais",
        visibility=Event.Visibility.PUBLIC,
    )
    people = [
        ("Ayşe", "Yılmaz", {"sign_language": "DGS, bitte erste Reihe"}),
        ("Jonas", "Becker", {"sign_language": ""}),
        ("Mia", "Schulz", {"easy_language": "Programm in Leichter Sprache"}),
        ("Olga", "Weiß", {"speech_to_text": ""}),
    ]
    for n, (first, last, needs) in enumerate(people):
        services.register(
            event.pk,
            services.RegistrationData(
                email=f"p{n}@example.org", first_name=first, last_name=last, support_needs=needs, support_consent=True
            ),
        )
    return event


def test_booking_pages_have_no_axe_violations(page, login, staff, event, axe):
    booking = SupportBooking.objects.create(
        event=event, kind="speech_to_text", provider="Schriftdolmetschdienst Hessen", status="not_possible",
        reason="An diesem Tag niemand frei",
    )  # fmt: skip
    login(staff)
    base = f"/staff/events/{event.pk}/support-bookings/"
    for prefix in ("", "/en"):
        for path, name in (
            (base, "list"),
            (base + "?details=1", "list-details"),
            (base + "new/", "kind"),
            (base + "new/?kind=sign_language", "new"),
            (f"{base}{booking.pk}/", "edit"),
        ):
            response = page.goto(prefix + path)
            assert response.status == 200, path
            assert page.locator("h1").count() == 1, path
            check_both_widths(page, axe, f"support-{name}{prefix.replace('/', '-')}")
    page.goto(base + "new/?kind=sign_language")
    page.fill("#id_cost", "-3")
    page.locator("main button[type=submit]").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()  # waits for the answer and summary.evaluate("el => el === document.activeElement")
    check_both_widths(page, axe, "support-new-errors")


def test_book_the_open_requests_with_the_keyboard_only(page, login, staff, event, keyboard, axe):
    login(staff)
    page.goto(f"/staff/events/{event.pk}/")
    keyboard(page, f"main a[href$='/staff/events/{event.pk}/support-bookings/']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/staff/events/{event.pk}/support-bookings/")
    assert "Yılmaz" not in page.inner_text("main")  # names only on request
    keyboard(page, "main a[href$='?kind=sign_language']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/support-bookings/new/?kind=sign_language")
    assert page.locator("input[name=registrations]:checked").count() == 2  # prefilled from the open requests
    assert "DGS, bitte erste Reihe" in page.inner_text("main")
    keyboard(page, "#id_provider")
    page.keyboard.type("Gebärdensprachdolmetschen Nordhessen")
    keyboard(page, "#id_cost")
    page.keyboard.type("960,00")
    keyboard(page, "main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Die Buchung wurde gespeichert." in page.inner_text("main")
    booking = SupportBooking.objects.get()
    assert booking.status == "requested" and str(booking.cost) == "960.00" and booking.served.count() == 2

    mail.outbox.clear()
    keyboard(page, f"main a[href$='/support-bookings/{booking.pk}/']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/support-bookings/{booking.pk}/")
    keyboard(page, "input[name=status][value=requested]")
    page.keyboard.press("ArrowDown")  # the radio group: on to "booked"
    assert page.locator("input[name=status][value=booked]").is_checked()
    keyboard(page, "main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    booking.refresh_from_db()
    assert booking.status == "booked"
    assert sorted(m.to[0] for m in mail.outbox) == ["p0@example.org", "p1@example.org"]
    rows = page.inner_text("main")
    assert "gebucht" in rows and "Gebärdensprachdolmetschen Nordhessen" in rows
    axe(page)
    shoot(page, "support-list-after-booking")

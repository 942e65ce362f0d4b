"""Attendance from a video platform's report in a real browser: upload, review, choose, confirm with the keyboard
only; axe on each page; screenshots at 1280 and 390 px (INKLUSIO_SHOTS)."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from inklusio.events import services
from inklusio.events.models import Attendance, AttendanceSource
from inklusio.events.services import RegistrationData
from tests.events.conftest import end_event, make_event, online_event  # noqa: F401 - fixtures used by name

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAMPLES = Path(__file__).parent.parent / "events" / "platform_reports"
SHOTS = Path(os.environ.get("INKLUSIO_SHOTS", "/tmp/inklusio-shots"))
PEOPLE = [
    ("Anna", "Müller", "anna.mueller@example.org"),
    ("Jörg", "Weiß", "j.weiss@example.org"),
    ("Ayşe", "Demir", "ayse.demir@example.org"),
    ("Ben", "Schulz", "ben.schulz@example.org"),
    ("Lena", "Schmidt", "lena@example.org"),
    ("Lena", "Schmidt", "l.schmidt@example.org"),
]


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def congress(online_event):  # noqa: F811
    for first, last, email in PEOPLE:
        services.register(online_event.pk, RegistrationData(email, first, last))
    return end_event(online_event)


@pytest.mark.parametrize("width", [1280, 390])
def test_upload_review_and_confirm_with_the_keyboard_only(page, login, staff, congress, keyboard, axe, width):
    login(staff)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"/staff/events/{congress.pk}/")
    keyboard(page, f"a[href$='/staff/events/{congress.pk}/attendance-report/']", max_presses=150)
    page.keyboard.press("Enter")
    page.wait_for_url("**/attendance-report/")
    axe(page)
    shot(page, f"attendance-upload-{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    file_input = keyboard(page, "#id_file")
    # The operating system's file dialog is not part of the page: the test hands the file to the focused input.
    file_input.set_input_files(str(SAMPLES / "teams_attendance.csv"))
    keyboard(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/attendance-report/*/")
    text = page.inner_text("main")
    assert "Microsoft Teams" in text and "Tom Berger" in text
    axe(page)
    shot(page, f"attendance-review-{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    # confirming without choosing for the ambiguous row: the error summary gets the focus, nothing is written
    keyboard(page, "button[name=import]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()  # waits for the page's script to move the focus
    assert not Attendance.objects.exists()
    axe(page)
    shot(page, f"attendance-review-error-{width}")

    # the error summary links to the first radio button; Space chooses it (the first Lena Schmidt)
    keyboard(page, "input[type=radio][value]:not([value=none])")
    page.keyboard.press("Space")
    keyboard(page, "button[name=import]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url("**/staff/imports/*/")  # the worker writes; the job's page shows the result
    assert "4 Anwesenheiten erfasst" in page.inner_text("main") or "4 attendances recorded" in page.inner_text("main")
    keyboard(page, "main a[href$='/participants/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/participants/")
    assert Attendance.objects.filter(via=AttendanceSource.PLATFORM_REPORT).count() == 4

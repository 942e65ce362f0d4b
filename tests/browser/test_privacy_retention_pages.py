"""The retention pages and the Art. 30 record in a real browser: axe in German and English, and changing a period
with the keyboard only, then seeing the dry run change."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.conftest import STAFF_PAGE_PREFIXES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/staff/privacy/retention/",
    "/staff/privacy/retention/events.registrations/",
    "/staff/privacy/retention/dry-run/",
    "/staff/privacy/retention/runs/",
    "/staff/privacy/record/",
]


@pytest.fixture
def past_registration(project):
    from inklusio.events import services
    from inklusio.events.models import Event
    from inklusio.privacy import retention

    ended = timezone.now() - timedelta(days=400)
    event = Event.objects.create(
        project=project,
        title="Fachtag 2025",
        slug="fachtag-2025",
        starts_at=ended - timedelta(hours=6),
        ends_at=ended,
        visibility=Event.Visibility.PUBLIC,
    )
    registration, _ = services.register(
        event.pk,
        services.RegistrationData(email="gerda@example.org", first_name="Gerda", last_name="Gast"),
        now=ended - timedelta(days=5),
    )
    retention.run(keys={"mailings.unconfirmed"})  # something in the run log
    return registration


def due_registrations(page) -> str:
    return page.locator("[id='due-events.registrations']").inner_text().strip()


@pytest.mark.parametrize("prefix", STAFF_PAGE_PREFIXES)
def test_privacy_pages_have_no_axe_violations(page, login, lead, past_registration, axe, prefix):
    login(lead)
    for path in PAGES:
        response = page.goto(prefix + path)
        assert response.status == 200, path
        assert page.locator("h1").count() == 1, path
        assert page.locator("html").get_attribute("lang") == (prefix.strip("/") or "de")
        if "dry-run" in path:
            page.locator("main details summary").first.click()  # the list of affected records, opened
        axe(page)
    page.goto(prefix + "/staff/privacy/retention/events.registrations/")
    page.fill("#id_days", "3")
    page.click("main button[type=submit]")
    expect(page.locator(".error-summary")).to_have_count(1)  # waits for the answer, not the page before it
    axe(page)


def test_change_a_period_with_the_keyboard_and_see_the_dry_run_change(page, login, lead, past_registration, keyboard):
    login(lead)
    page.goto("/staff/privacy/retention/dry-run/")
    assert due_registrations(page) == "1"
    keyboard(page, "main details summary")
    page.keyboard.press("Enter")  # opens the list of affected records
    assert "Gerda Gast" in page.locator("main details").inner_text()
    page.goto("/staff/privacy/retention/dry-run/")

    keyboard(page, "main a[href$='/staff/privacy/retention/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    keyboard(page, "a[href$='/retention/events.registrations/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # too short first: the error summary takes the focus and explains the minimum
    keyboard(page, "#id_days")
    page.keyboard.press("Control+A")
    page.keyboard.type("10")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()  # waits for the page's script to move the focus
    assert "mindestens 30 Tage" in summary.inner_text()
    keyboard(page, "#id_days")
    page.keyboard.press("Control+A")
    page.keyboard.type("500")
    keyboard(page, "main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/staff/privacy/retention/")
    assert page.locator("[id='days-events.registrations']").inner_text().strip() == "500"

    keyboard(page, "main a[href$='/retention/dry-run/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert due_registrations(page) == "0"

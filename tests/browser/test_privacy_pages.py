"""The data-subject rights pages in a real browser: axe in German and English, erasure with the keyboard only."""

import pytest
from playwright.sync_api import expect

from inklusio.contacts.models import Person
from inklusio.events.models import Event, Registration
from tests.conftest import STAFF_PAGE_PREFIXES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def person(project):
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    person = Person.objects.create(first_name="Jonas", last_name="Weiß", email="jonas@example.org", region="DE-HE")
    start = datetime(2025, 5, 6, 9, tzinfo=ZoneInfo("Europe/Berlin"))
    event = Event.objects.create(
        project=project, title="Fachtag", slug="fachtag", starts_at=start, ends_at=start + timedelta(hours=6)
    )
    Registration.objects.create(event=event, person=person, status="confirmed", privacy_notice_version="1")
    return person


@pytest.mark.parametrize("prefix", STAFF_PAGE_PREFIXES)
def test_privacy_pages_have_no_axe_violations(page, login, lead, person, axe, prefix):
    login(lead)
    for path in (
        "/staff/contacts/people/{pk}/",
        "/staff/privacy/people/{pk}/export/",
        "/staff/privacy/people/{pk}/erase/",
    ):
        response = page.goto(prefix + path.format(pk=person.pk))
        assert response.status == 200, path
        assert page.locator("html").get_attribute("lang") == (prefix.strip("/") or "de")
        axe(page)
    # the erasure page with its error summary
    page.goto(f"{prefix}/staff/privacy/people/{person.pk}/erase/")
    page.click("main button[type=submit]")
    expect(page.locator(".error-summary")).to_have_count(1)  # waits for the answer, not the page before it
    axe(page)


def test_erasure_with_the_keyboard_only(page, login, lead, person, keyboard):
    login(lead)
    page.goto(f"/staff/contacts/people/{person.pk}/")
    keyboard(page, f"a[href$='/staff/privacy/people/{person.pk}/erase/']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/staff/privacy/people/{person.pk}/erase/")
    assert "Verwendungsnachweis" in page.inner_text("main")
    # a wrong name: the error summary takes the focus, nothing is erased
    keyboard(page, "#id_reason_0")
    page.keyboard.press("Space")
    keyboard(page, "#id_confirm_name")
    page.keyboard.type("Jonas Weber")
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert not Person.objects.get(pk=person.pk).anonymised
    keyboard(page, "#id_confirm_name")
    page.keyboard.press("Control+A")
    page.keyboard.type("Jonas Weiß")
    keyboard(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/staff/contacts/people/{person.pk}/")
    assert "anonymisiert" in page.inner_text("main")
    erased = Person.objects.get(pk=person.pk)
    assert erased.anonymised and erased.email == "" and erased.event_registrations.count() == 1

"""The events in Leichte Sprache in a real browser (issue #20): the registration and the personal page (change,
cancel) without axe violations in German and under /en/, in every state (errors, waiting list, cancelled), no
horizontal scrolling at 390 px; and a whole registration in Leichte Sprache with the keyboard only (Tab, Space,
Enter and typing): register with support needs and consent, open the personal page from the mail, change with an
error on the way, cancel. Screenshots at 1280 and 390 px (INKLUSIO_SHOTS)."""

import os
import re
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from inklusio.events import services
from inklusio.events.models import Event, Question, Registration

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("INKLUSIO_SHOTS", "/tmp/inklusio-shots"))
BASE = "/leichte-sprache/events"


def _nine(days: int):
    return timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=days), time(9, 0)))


@pytest.fixture
def events(project):
    day = Event.objects.create(
        project=project,
        kind=Event.Kind.CONFERENCE_DAY,
        title="Fachtag Frankfurt",
        slug="fachtag-frankfurt",
        starts_at=_nine(5),
        ends_at=_nine(5) + timedelta(hours=7),
        venue="Saalbau Gallus",
        address="Frankenallee 111\n60326 Frankfurt am Main",
        description="Ein Fachtag zu inklusiver Ausbildung.",
        description_easy="Ein Treffen.\nEs geht um Ausbildung.",
        capacity=1,
        visibility=Event.Visibility.PUBLIC,
    )
    Question.objects.create(event=day, text="Kommen Sie mit dem Auto?", kind="yes_no", required=True)
    Question.objects.create(event=day, text="Essen", kind="choice", choices="vegan\nalles")
    congress = Event.objects.create(
        project=project,
        kind=Event.Kind.ONLINE_CONGRESS,
        title="Online-Kongress",
        slug="kongress",
        starts_at=_nine(20),
        ends_at=_nine(20) + timedelta(hours=6),
        room_url="https://meet.example.org/kongress",
        visibility=Event.Visibility.PUBLIC,
    )
    closed = Event.objects.create(
        project=project,
        title="Abgesagter Fachtag",
        slug="abgesagt",
        starts_at=_nine(30),
        ends_at=_nine(30) + timedelta(hours=5),
        visibility=Event.Visibility.PUBLIC,
        cancelled=True,
    )
    online, _ = services.register(
        congress.pk,
        services.RegistrationData(
            email="ayse@example.org",
            first_name="Ayşe",
            last_name="Yılmaz",
            support_needs={"sign_language": "", "other": "Pausen"},
            support_consent=True,
            easy_language=True,
        ),
    )
    seated, _ = services.register(
        day.pk, services.RegistrationData(email="ben@example.org", first_name="Ben", last_name="Ott")
    )
    waiting, _ = services.register(
        day.pk, services.RegistrationData(email="cem@example.org", first_name="Cem", last_name="Aydın")
    )
    cancelled, _ = services.register(
        congress.pk, services.RegistrationData(email="dora@example.org", first_name="Dora", last_name="Lang")
    )
    services.cancel(cancelled.pk)
    return {"day": day, "congress": congress, "closed": closed, "online": online, "seated": seated,
            "waiting": waiting, "cancelled": cancelled}  # fmt: skip


def easy_pages(data):
    return {
        "register": f"{BASE}/kongress/anmelden/",
        "register-full": f"{BASE}/fachtag-frankfurt/anmelden/",
        "register-closed": f"{BASE}/abgesagt/anmelden/",
        "registered": f"{BASE}/kongress/angemeldet/",
        "personal-online": f"{BASE}/r/{data['online'].token}/",
        "personal-seat": f"{BASE}/r/{data['seated'].token}/",
        "personal-waiting": f"{BASE}/r/{data['waiting'].token}/",
        "personal-cancelled": f"{BASE}/r/{data['cancelled'].token}/",
        "change": f"{BASE}/r/{data['online'].token}/aendern/",
        "cancel": f"{BASE}/r/{data['online'].token}/absagen/",
        "cancel-done": f"{BASE}/r/{data['cancelled'].token}/absagen/",
        "detail": f"{BASE}/fachtag-frankfurt/",
    }


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        assert page.evaluate("document.documentElement.scrollWidth") <= width, (name, width)
        page.screenshot(path=str(SHOTS / f"easy-events-{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_easy_event_pages_have_no_axe_violations(page, events, axe, prefix):
    for name, path in easy_pages(events).items():
        response = page.goto(prefix + path)
        assert response.status == 200, path
        assert page.locator("h1").count() == 1, path
        assert page.locator("html").get_attribute("lang") == (prefix.strip("/") or "de"), path
        assert page.locator("main .easy-language[lang=de] h1").count() == 1, path  # the content is marked German
        axe(page)
        if not prefix:
            shot(page, name)


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_form_errors_are_summarised_in_leichte_sprache_and_accessible(page, events, axe, prefix):
    page.goto(f"{prefix}{BASE}/fachtag-frankfurt/anmelden/")
    page.locator("#id_support_needs_0").check()
    page.click("main button[type=submit]")
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()  # waits for the page's script to move the focus
    assert summary.get_attribute("lang") == "de"
    text = summary.inner_text()
    assert "Bitte schreiben Sie Ihren Vornamen." in text and "Dann brauchen wir Ihr Einverständnis." in text
    assert page.locator("#id_email").get_attribute("aria-invalid") == "true"
    axe(page)
    if not prefix:
        shot(page, "register-errors")
    page.goto(f"{prefix}{BASE}/r/{events['online'].token}/aendern/")
    page.locator("#id_support_consent").uncheck()
    page.click("main button[type=submit]")
    expect(page.locator(".error-summary")).to_be_visible()
    axe(page)
    if not prefix:
        shot(page, "change-errors")


def test_a_whole_registration_in_leichte_sprache_with_the_keyboard_only(page, events, keyboard, axe):
    page.goto(f"{BASE}/kongress/")
    keyboard(page, "main a[href$='/anmelden/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/kongress/anmelden/")
    keyboard(page, "#id_first_name")
    page.keyboard.type("Jonas")
    page.keyboard.press("Tab")
    page.keyboard.type("Becker")
    page.keyboard.press("Tab")
    page.keyboard.type("jonas@example.org")
    keyboard(page, "#id_support_needs_0")  # sign language
    page.keyboard.press("Space")
    keyboard(page, "#id_support_consent")
    page.keyboard.press("Space")
    keyboard(page, "#id_privacy_consent")
    page.keyboard.press("Space")
    keyboard(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/kongress/angemeldet/")
    expect(page.locator("main h1")).to_have_text("Bitte schauen Sie in Ihre E-Mails")
    registration = Registration.objects.get(person__email="jonas@example.org")
    assert registration.easy_language and registration.status == "confirmed"
    assert list(registration.support_needs.values_list("kind", flat=True)) == ["sign_language"]

    [message] = [m for m in mail.outbox if m.to == ["jonas@example.org"]]
    assert message.subject.startswith("Sie sind angemeldet")
    link = re.search(r"https?://\S+(/leichte-sprache/events/r/\S+/)", message.body).group(1)
    page.goto(link)  # the link in the mail
    expect(page.locator("main")).to_contain_text("Sie sind angemeldet.")
    axe(page)

    # change: withdraw the consent but keep the need (refused, in Leichte Sprache), then remove the need too
    keyboard(page, "main a[href$='/aendern/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/aendern/")
    keyboard(page, "#id_support_consent")
    page.keyboard.press("Space")
    keyboard(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Dann brauchen wir Ihr Einverständnis.")
    expect(summary).to_be_focused()  # waits for the page's script to move the focus
    keyboard(page, "#id_support_needs_0")
    page.keyboard.press("Space")
    keyboard(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{link}")
    expect(page.locator("main")).to_contain_text("Wir haben Ihre Änderungen gespeichert.")
    expect(page.locator("main")).to_contain_text("Keine Hilfe")
    assert not registration.support_needs.exists()

    # cancel
    keyboard(page, "main a[href$='/absagen/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/absagen/")
    keyboard(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{link}")
    expect(page.locator("main")).to_contain_text("Sie haben abgesagt.")
    assert Registration.objects.get(pk=registration.pk).status == "cancelled"
    [notice] = [m for m in mail.outbox if m.to == ["jonas@example.org"] and m is not message]
    assert notice.subject.startswith("Sie haben abgesagt")
    axe(page)

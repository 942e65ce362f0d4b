"""The Infoletter in a real browser: every page without axe violations (German and English), and the public
flow sign-up → confirmation → preferences → unsubscribe with the keyboard only."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from inklusio.mailings import services
from inklusio.mailings.models import Delivery, Mailing, Subscriber
from tests.conftest import STAFF_PAGE_PREFIXES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def infoletter(project):
    now = timezone.now()
    confirmed = Subscriber.objects.create(
        email="ayse@example.org",
        name="Ayşe Yılmaz",
        status="confirmed",
        source="website:infoletter",
        consent_text=services.current_consent_text(),
        signed_up_at=now,
        confirmed_at=now,
        confirmation_sent_at=now,
        confirmation_mail_version="2025-01",
    )
    pending = Subscriber.objects.create(email="neu@example.org", status="pending", source="event:x", signed_up_at=now)
    gone = Subscriber.objects.create(
        email="weg@example.org", status="unsubscribed", source="x", signed_up_at=now, unsubscribed_at=now
    )
    draft = Mailing.objects.create(
        subject="Infoletter Ausbildung 1/2026",
        body="# Neu\n\n![Foto vom Fachtag](https://example.org/a.jpg)\n\nText",
        project=project,
    )
    sent = Mailing.objects.create(
        subject="Infoletter Ausbildung 5/2025",
        body="## Rückblick\n\n- Punkt eins\n- Punkt zwei",
        status="sent",
        started_at=now,
        finished_at=now,
    )
    Delivery.objects.create(mailing=sent, subscriber=confirmed, status="sent", sent_at=now)
    Delivery.objects.create(
        mailing=sent, subscriber=gone, status="bounced", last_error="550 5.1.1 unknown", uncertain=True
    )
    stopped = Mailing.objects.create(
        subject="Infoletter Ausbildung 2/2026",
        body="Text",
        status="stopped",
        started_at=now,
        stopped_at=now,
        stop_reason="20 temporary failures in a row; last: ConnectionRefusedError: [Errno 111] Connection refused",
    )
    Delivery.objects.create(mailing=stopped, subscriber=confirmed, status="retry", last_error="451 4.3.0 try later")
    return {"confirmed": confirmed, "pending": pending, "gone": gone, "draft": draft, "sent": sent, "stopped": stopped}


STAFF_PAGES = [
    "/staff/infoletter/",
    "/staff/infoletter/new/",
    "/staff/infoletter/{draft}/",
    "/staff/infoletter/{draft}/edit/",
    "/staff/infoletter/{sent}/",
    "/staff/infoletter/{stopped}/",
    "/staff/infoletter/{stopped}/resume/",
    "/staff/infoletter/{stopped}/cancel/",
    "/staff/infoletter/subscribers/",
    "/staff/infoletter/subscribers/?status=confirmed&q=ayse",
    "/staff/infoletter/subscribers/{confirmed_sub}/",
    "/staff/infoletter/subscribers/import/",
    "/staff/infoletter/consent/",
    "/staff/infoletter/consent/new/",
]
PUBLIC_PAGES = [
    "/infoletter/",
    "/infoletter/danke/",
    "/infoletter/bestaetigen/{pending_token}/",
    "/infoletter/bestaetigen/{confirmed_token}/",
    "/infoletter/bestaetigt/{confirmed_token}/",
    "/infoletter/einstellungen/{confirmed_token}/",
    "/infoletter/einstellungen/{pending_token}/",
    "/infoletter/abmelden/{confirmed_token}/",
    "/infoletter/abmelden/{gone_token}/",
    "/infoletter/abmelden/falsch/",
    "/infoletter/archiv/",
    "/infoletter/archiv/{sent}/",
]


def _ids(data):
    return {
        "draft": data["draft"].pk,
        "sent": data["sent"].pk,
        "stopped": data["stopped"].pk,
        "confirmed_sub": data["confirmed"].pk,
        "pending_token": data["pending"].token,
        "confirmed_token": data["confirmed"].token,
        "gone_token": data["gone"].token,
    }


@pytest.mark.parametrize("prefix", STAFF_PAGE_PREFIXES)
def test_staff_pages_have_no_axe_violations(page, login, lead, infoletter, axe, prefix):
    login(lead)
    for path in STAFF_PAGES:
        response = page.goto(prefix + path.format(**_ids(infoletter)))
        assert response.status == 200, path
        assert page.locator("h1").count() == 1, path
        assert page.locator("html").get_attribute("lang") == (prefix.strip("/") or "de")
        axe(page)


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_public_pages_have_no_axe_violations(page, infoletter, axe, prefix):
    for path in PUBLIC_PAGES:
        response = page.goto(prefix + path.format(**_ids(infoletter)))
        assert response.status in (200, 404), path
        assert page.locator("h1").count() == 1, path
        assert page.locator("html").get_attribute("lang") == (prefix.strip("/") or "de")
        axe(page)


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_form_errors_and_the_unsubscribed_page(page, infoletter, axe, prefix):
    page.goto(prefix + "/infoletter/")
    page.click("main button[type=submit]")
    page.wait_for_selector(".error-summary")
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()  # waits for the answer
    expect(summary).to_be_focused()  # waits for the page's script to move the focus
    axe(page)
    page.goto(prefix + f"/infoletter/abmelden/{infoletter['confirmed'].token}/")
    page.click("main button[type=submit]")
    page.wait_for_selector("[role=status]")
    assert page.locator("h1").count() == 1
    axe(page)


def test_cancel_a_stopped_mailing_with_the_keyboard_only(page, login, lead, infoletter, keyboard, axe, tmp_path):
    login(lead)
    stopped = infoletter["stopped"]
    page.goto(f"/staff/infoletter/{stopped.pk}/")
    assert "Connection refused" in page.locator("[role=alert]").inner_text()
    page.screenshot(path=str(tmp_path / "stopped-desktop.png"), full_page=True)
    keyboard(page, f"main a[href$='/{stopped.pk}/cancel/']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{stopped.pk}/cancel/")
    assert page.locator("h1").inner_text() == "Mailing abbrechen?"
    axe(page)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(tmp_path / "cancel-390.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(tmp_path / "cancel-desktop.png"), full_page=True)
    keyboard(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/infoletter/{stopped.pk}/")
    assert "Dieses Mailing wurde abgebrochen" in page.locator("main").inner_text()
    axe(page)
    stopped.refresh_from_db()
    assert stopped.status == "cancelled"
    assert set(stopped.deliveries.values_list("status", flat=True)) == {"cancelled"}


def test_signup_confirm_preferences_unsubscribe_with_the_keyboard_only(page, keyboard, smtp_server, axe, live_server):
    page.goto("/infoletter/")
    keyboard(page, "#id_email")
    page.keyboard.type("kim@example.org")
    keyboard(page, "#id_name")
    page.keyboard.type("Kim Keller")
    keyboard(page, "#id_topics_0")
    page.keyboard.press("Space")
    keyboard(page, "#id_consent")
    page.keyboard.press("Space")
    keyboard(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/infoletter/danke/")
    subscriber = Subscriber.objects.get(email="kim@example.org")
    assert subscriber.status == "pending" and subscriber.topics.count() == 1
    [mail] = smtp_server.messages
    link = re.search(r"https?://\S+/infoletter/bestaetigen/\S+/", mail.get_content()).group(0)
    page.goto(link.split("/infoletter/", 1)[1].join(["/infoletter/", ""]))
    keyboard(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/infoletter/bestaetigt/**")
    subscriber.refresh_from_db()
    assert subscriber.status == "confirmed"
    axe(page)
    # preferences: add a topic, save
    keyboard(page, "main a[href*='/einstellungen/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/einstellungen/**")
    keyboard(page, "#id_topics_2")
    page.keyboard.press("Space")
    keyboard(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=gespeichert")
    assert subscriber.topics.count() == 2
    # unsubscribe
    keyboard(page, "main a[href*='/abmelden/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/abmelden/**")
    keyboard(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("h1")
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"
    axe(page)


def test_live_segment_count_updates_without_reload(page, login, lead, infoletter):
    login(lead)
    page.goto("/staff/infoletter/new/")
    count = page.locator("#segment-count")
    assert "1" in count.inner_text()
    page.check("#id_regions_0")
    page.wait_for_function("() => document.querySelector('#segment-count').innerText.startsWith('0')")


def test_progress_updates_without_reload_while_sending(page, login, lead, infoletter, axe):
    login(lead)
    sending = Mailing.objects.create(subject="Wird gesendet", body="Text", status="sending", started_at=timezone.now())
    delivery = Delivery.objects.create(mailing=sending, subscriber=infoletter["confirmed"], status="queued")
    page.goto(f"/staff/infoletter/{sending.pk}/")
    left = page.locator("#progress tr", has_text="Offen").locator("td")
    assert left.inner_text() == "1"
    axe(page)
    delivery.status = "sent"
    delivery.save()
    page.wait_for_function(
        "() => [...document.querySelectorAll('#progress tr')]"
        ".some(r => r.innerText.startsWith('Gesendet') && r.innerText.trim().endsWith('1'))",
        timeout=8000,
    )
    assert page.locator("#progress tr", has_text="Offen").locator("td").inner_text() == "0"

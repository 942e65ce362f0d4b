"""The pages behind the Infoletter's personal links in a real browser: the recipient's web view and the
explanation a test send's links open. axe (German and English), keyboard only, desktop and 390 px."""

import os
import re
from pathlib import Path

import pytest
from django.utils import timezone

from inklusio.mailings import rendering, services
from inklusio.mailings.models import Delivery, Mailing, Subscriber

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(os.environ.get("INKLUSIO_SCREENSHOTS", "")) if os.environ.get("INKLUSIO_SCREENSHOTS") else None


@pytest.fixture
def received():
    now = timezone.now()
    reader = Subscriber.objects.create(
        email="ayse@example.org",
        name="Ayşe Yılmaz",
        status="confirmed",
        source="website:infoletter",
        consent_text=services.current_consent_text(),
        signed_up_at=now,
        confirmed_at=now,
    )
    mailing = Mailing.objects.create(
        subject="Infoletter Ausbildung 3/2026",
        body="## Rückblick auf den Fachtag\n\nÜber 120 Gäste.\n\n- Vorträge zum Nachlesen\n- [Fotos](https://example.org/fotos)",
        status="sending",
        started_at=now,
        in_archive=False,
    )
    Delivery.objects.create(mailing=mailing, subscriber=reader, status="sent", sent_at=now)
    return {"reader": reader, "mailing": mailing}


def _shoot(page, name, tmp_path):
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        target = (SHOTS or tmp_path) / f"{name}-{width}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(target), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.mark.parametrize("language", ["", "/en"])
def test_web_view_and_test_link_pages_pass_axe(page, received, axe, language, tmp_path):
    reader, mailing = received["reader"], received["mailing"]
    test_token = rendering.test_send_token(mailing.pk)
    for path in [
        f"{language}/infoletter/lesen/{reader.token}/{mailing.pk}/",
        f"{language}/infoletter/lesen/{test_token}/{mailing.pk}/",
        f"{language}/infoletter/einstellungen/{test_token}/",
        f"{language}/infoletter/abmelden/{test_token}/?m={mailing.pk}",
    ]:
        response = page.goto(path)
        assert response.status == 200, path
        axe(page)
        name = path.strip("/").replace("/", "_").replace(reader.token, "token").replace(test_token, "test")
        _shoot(page, name.split("?")[0], tmp_path)


def test_the_reader_goes_from_the_web_view_to_unsubscribing_with_the_keyboard(page, received, keyboard):
    reader, mailing = received["reader"], received["mailing"]
    page.goto(f"/infoletter/lesen/{reader.token}/{mailing.pk}/")
    assert page.locator("h1").inner_text() == "Infoletter Ausbildung 3/2026"
    assert "Guten Tag Ayşe Yılmaz," in page.locator("main").inner_text()
    assert page.locator('meta[name="robots"]').get_attribute("content") == "noindex, nofollow"
    keyboard(page, "main a[href*='/infoletter/abmelden/']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/infoletter/abmelden/{reader.token}/?m={mailing.pk}")
    keyboard(page, "main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    reader.refresh_from_db()
    assert reader.status == "unsubscribed" and reader.unsubscribed_via_id == mailing.pk
    # what she received still opens after unsubscribing
    assert page.goto(f"/infoletter/lesen/{reader.token}/{mailing.pk}/").status == 200


def test_a_test_sends_unsubscribe_link_with_the_keyboard_changes_nothing(page, received, keyboard):
    mailing = received["mailing"]
    page.goto(f"/infoletter/lesen/{rendering.test_send_token(mailing.pk)}/{mailing.pk}/")
    assert "Testversand" in page.locator("main").inner_text()
    keyboard(page, "main a[href*='/infoletter/abmelden/']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/infoletter/abmelden/test-[0-9]+-[0-9a-f]+/\?m=[0-9]+$"))
    assert page.locator("h1").inner_text() == "Link in einem Testversand"
    assert Subscriber.objects.get().status == "confirmed"

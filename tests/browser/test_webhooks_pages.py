"""The webhook pages in a real browser: axe in German and English (list, new, invalid form, detail with the
secret, switched-off notice and log, edit, delete); creating a webhook with the keyboard only, which then delivers
to a real receiver on loopback; screenshots at 1280 and 390 px (INKLUSIO_SHOTS)."""

import os
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.conftest import STAFF_PAGE_PREFIXES
from tests.webhooks.receiver import Receiver, verify

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("INKLUSIO_SHOTS", "/tmp/inklusio-shots"))


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"webhooks-{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.fixture(autouse=True)
def _loopback_allowed(settings):
    settings.WEBHOOK_ALLOW_PRIVATE = True
    settings.WEBHOOK_RETRY_DELAYS = [60]


@pytest.fixture
def failing_hook(lead):
    from inklusio.webhooks import services
    from inklusio.webhooks.models import Subscription, WebhookDelivery

    hook = services.create_subscription(
        Subscription(description="CRM der Kammer", url="http://127.0.0.1:9/hook", kinds=["inquiry.created"]), lead
    )
    now = timezone.now()
    for n, status in enumerate(["succeeded", "failed", "pending"]):
        WebhookDelivery.objects.create(
            subscription=hook,
            message_id=f"msg_{n:032x}",
            kind="inquiry.created",
            body="{}",
            status=status,
            attempts=n + 1,
            last_response=204 if n == 0 else 500,
            last_error="" if n == 0 else "Der Empfänger antwortete mit HTTP-Status 500.",
            next_attempt_at=now,
        )
    services.switch_off(hook, "Abgeschaltet: Jeder Versuch ist über einen Tag lang gescheitert.")
    return hook


@pytest.mark.parametrize("prefix", STAFF_PAGE_PREFIXES)
def test_webhook_pages_have_no_axe_violations(page, login, lead, failing_hook, axe, prefix):
    login(lead)
    pk = failing_hook.pk
    for name, path in [
        ("list", "/staff/webhooks/"),
        ("new", "/staff/webhooks/new/"),
        ("detail-switched-off", f"/staff/webhooks/{pk}/"),
        ("edit", f"/staff/webhooks/{pk}/edit/"),
        ("delete", f"/staff/webhooks/{pk}/delete/"),
    ]:
        response = page.goto(prefix + path)
        assert response.status == 200, path
        assert page.locator("h1").count() == 1
        axe(page)
        if not prefix:
            shot(page, name)
    page.goto(prefix + "/staff/webhooks/new/")
    page.fill("#id_url", "ftp://example.org/")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    expect(page.locator(".error-summary")).to_be_visible()
    axe(page)
    if not prefix:
        shot(page, "new-invalid")
    page.goto(prefix + "/staff/")
    expect(page.get_by_text("CRM der Kammer")).to_be_visible()
    if not prefix:
        shot(page, "overview-notice")


def test_create_a_webhook_with_the_keyboard_only_and_receive_an_event(page, login, lead, project, keyboard, axe):
    from inklusio.contacts.services import create_inquiry
    from inklusio.webhooks import services
    from inklusio.webhooks.models import Subscription

    login(lead)
    with Receiver() as receiver:
        page.goto("/staff/webhooks/")
        keyboard(page, "main a[href$='/staff/webhooks/new/']")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        keyboard(page, "#id_description")
        page.keyboard.type("CRM der Kammer")
        page.keyboard.press("Tab")
        page.keyboard.type(receiver.url)
        keyboard(page, "input[name=kinds][value='inquiry.created']")
        page.keyboard.press("Space")
        keyboard(page, "main button[type=submit]")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        secret = page.locator(".webhook-secret")
        expect(secret).to_have_text(Subscription.objects.get().secret)
        axe(page)
        shot(page, "detail-secret")

        subscription = Subscription.objects.get()
        assert subscription.kinds == ["inquiry.created"] and not subscription.include_personal_data
        create_inquiry(project=project, kind="general", channel="email", topic="Ausbildung")
        services.deliver_due()
        ((headers, body),) = receiver.requests
        assert verify(subscription.secret, headers, body)["type"] == "inquiry.created"

        page.reload()
        expect(page.locator(".webhook-secret")).to_have_count(0)  # shown once only
        expect(page.locator("[aria-labelledby=log-caption] tbody tr")).to_have_count(1)
        shot(page, "detail-log")

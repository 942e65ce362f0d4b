"""Messages to participants in a real browser: every page without axe violations (German and English), and
compose → preview → confirm → send with the keyboard only, on a real SMTP server. Screenshots (desktop and
390 px) go to $SHOTS_DIR when set."""

import os
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from inklusio.participantmail import services
from inklusio.participantmail.models import Message, MessageDelivery
from tests.conftest import STAFF_PAGE_PREFIXES
from tests.participantmail.conftest import build_world, message_factory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _patient(page):
    page.set_default_timeout(30_000)  # the shared machine is slow at times; no assertion is about time


def shoot(page, name):
    target = os.environ.get("SHOTS_DIR")
    if not target:
        return
    Path(target).mkdir(parents=True, exist_ok=True)
    page.screenshot(path=f"{target}/{name}-desktop.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=f"{target}/{name}-390.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.fixture
def world(project, make_user):
    return build_world(project, make_user)


@pytest.fixture
def make_message(world, staff):
    return message_factory(world, staff)


@pytest.fixture
def messages(world, make_message, staff):
    draft = make_message(groups=["confirmed", "waitlisted"])
    sending = make_message(subject="Wird gesendet", status="sending", started_at=timezone.now())
    for person, status in ((world.people["Ada"], "sent"), (world.people["Bea"], "queued")):
        MessageDelivery.objects.create(message=sending, person=person, email=person.email, status=status)
    network = make_message(network=world.networks[0], event=None, groups=[], body="Hallo {Vorname}")
    services.add_material(world.event, SimpleUploadedFile("folien.pdf", PDF), title="Folien", public=True)
    return {"draft": draft, "sending": sending, "network": network, "event": world.event}


def _pages(data):
    return [
        "/staff/messages/",
        "/staff/messages/new/",
        f"/staff/messages/new/?event={data['event'].pk}",
        f"/staff/messages/{data['draft'].pk}/",
        f"/staff/messages/{data['draft'].pk}/edit/",
        f"/staff/messages/{data['draft'].pk}/send/",
        f"/staff/messages/{data['sending'].pk}/",
        f"/staff/messages/{data['network'].pk}/",
        f"/staff/messages/event/{data['event'].pk}/automatic/",
    ]


@pytest.mark.parametrize("prefix", STAFF_PAGE_PREFIXES)
def test_pages_have_no_axe_violations(page, login, staff, messages, axe, prefix):
    login(staff)
    for path in _pages(messages):
        response = page.goto(prefix + path)
        assert response.status == 200, path
        assert page.locator("h1").count() == 1, path
        assert page.locator("html").get_attribute("lang") == (prefix.strip("/") or "de")
        axe(page)


def test_compose_preview_confirm_send_with_the_keyboard_only(
    page,
    login,
    staff,
    world,
    keyboard,
    axe,
    smtp_server,
    settings,
):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default", "mail"]}
    }
    login(staff)
    page.goto("/staff/messages/new/")
    shoot(page, "audience")
    keyboard(page, "#id_event")
    page.keyboard.press("ArrowDown")
    page.select_option("#id_event", str(world.event.pk))  # the native select: arrow keys choose
    keyboard(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/new/?event={world.event.pk}*")
    keyboard(page, "#id_groups_1")  # waitlisted, next to the preselected confirmed
    page.keyboard.press("Space")
    keyboard(page, "#id_subject")
    page.keyboard.type("Hinweis zu {Veranstaltung}")
    keyboard(page, "#id_body")
    page.keyboard.type("Hallo {Vorname},\n\nbitte beachten Sie: {Barrierefreiheit}\n\nIhre Seite: {persönlicher Link}")
    shoot(page, "compose")
    axe(page)
    keyboard(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/staff/messages/*/")
    message = Message.objects.get()
    assert "Hallo Ada" in page.locator("pre.mailing-text").inner_text()
    # the preview as another recipient
    keyboard(page, "#id_person")
    page.select_option("#id_person", str(world.people["Bea"].pk))
    keyboard(page, "form.filters button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**person=*")
    assert "Hallo Bea" in page.locator("pre.mailing-text").inner_text()
    axe(page)
    shoot(page, "preview")
    frame = page.frame_locator("iframe.mailing-preview")
    assert "Induktionsschleife" in frame.locator("body").inner_text()
    # a test to the writer's own address
    keyboard(page, f"main form[action$='/{message.pk}/test/'] button")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Test-Mail")
    assert [env.rcpt_tos for env in smtp_server.envelopes] == [[staff.email]]
    # confirm and send
    keyboard(page, f"main a[href$='/{message.pk}/send/']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{message.pk}/send/")
    assert "2" in page.locator("h1").inner_text()
    axe(page)
    shoot(page, "confirm")
    keyboard(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/staff/messages/{message.pk}/")
    page.wait_for_selector("#progress")
    axe(page)
    shoot(page, "progress")
    message.refresh_from_db()
    assert message.status == "sent"
    assert sorted(a for env in smtp_server.envelopes[1:] for a in env.rcpt_tos) == [
        "ada.muster@example.org",
        "bea.muster@example.org",
    ]
    html = smtp_server.to("bea.muster@example.org")[0].get_body(("html",)).get_content()
    target = os.environ.get("SHOTS_DIR")
    if target:
        Path(target, "mail.html").write_text(html, encoding="utf-8")
        page.set_content(html)
        shoot(page, "mail")


def test_automatic_messages_page_with_the_keyboard(page, login, staff, world, keyboard, axe):
    login(staff)
    page.goto(f"/staff/messages/event/{world.event.pk}/automatic/")
    keyboard(page, "#id_reminder-days")
    page.keyboard.type("3")
    keyboard(page, "form:has(#id_reminder-days) button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=gespeichert")
    reminder = Message.objects.get(kind="reminder")
    assert (reminder.days, reminder.status) == (3, "scheduled")
    axe(page)
    shoot(page, "automatic")

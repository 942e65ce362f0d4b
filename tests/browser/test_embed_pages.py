"""The embeddable lists inside a real parent page on another origin, in Chromium: shown for a parent the setting
names (axe inside the frame, the frame titled, reachable and usable with the keyboard, links opening inklusio in
a new window), refused for any other parent; the lists themselves at a phone's width."""

import functools
import http.server
import os
import re
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from inklusio.events.models import Event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("INKLUSIO_SHOTS")


def _shoot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


@pytest.fixture
def upcoming(project):
    start = timezone.now() + timedelta(days=5)
    return Event.objects.create(project=project, title="Fachtag Kassel", slug="fachtag-kassel", region="DE-HE",
                                starts_at=start, ends_at=start + timedelta(hours=6), venue="Haus der Begegnung",
                                visibility=Event.Visibility.PUBLIC)  # fmt: skip


@pytest.fixture
def parent_site(tmp_path, live_server):
    """A static page on another origin (127.0.0.1 against the live server's localhost) framing the event list."""
    (tmp_path / "index.html").write_text(
        '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Verein für Inklusion</title></head>'
        "<body><main><h1>Unsere Termine</h1><p><a href='#vorher'>Vorher</a></p>"
        f'<iframe src="{live_server.url}/events/embed/?region=DE-HE" title="Termine von inklusio" '
        'style="width: 100%" height="400"></iframe></main></body></html>'
    )
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _frame(page):
    page.wait_for_load_state("load")
    return next(frame for frame in page.frames if "/events/embed/" in frame.url)


def test_an_allowed_parent_shows_the_list_and_the_keyboard_reaches_registration(
    page, live_server, upcoming, parent_site, settings, axe, keyboard
):
    settings.EMBED_ALLOWED_PARENTS = [parent_site]
    settings.SITE_URL = live_server.url  # the links inside point at SITE_URL
    page.goto(f"{parent_site}/index.html")
    frame = _frame(page)
    expect(frame.locator("h2")).to_have_text("Fachtag Kassel")
    axe(frame)  # inside the frame
    axe(page)  # the parent, with its titled frame
    _shoot(page, "embed-parent-1280")
    keyboard(page, "a[href='#vorher']")
    page.keyboard.press("Tab")  # into the frame: the first link is the event's title
    focused = frame.evaluate("document.activeElement.textContent")
    assert focused == "Fachtag Kassel"
    with page.context.expect_page() as opened:
        page.keyboard.press("Enter")
    detail = opened.value
    detail.wait_for_load_state()
    assert re.search(r"/events/fachtag-kassel/$", detail.url)  # registration happens on inklusio, not in the frame
    detail.close()


def test_any_other_parent_is_refused(page, upcoming, parent_site, settings):
    settings.EMBED_ALLOWED_PARENTS = ["https://www.verein.de"]
    page.goto(f"{parent_site}/index.html")
    page.wait_for_load_state("load")
    shown = [frame for frame in page.frames if frame is not page.main_frame]
    assert shown, "the frame element is there"
    for frame in shown:  # Chromium shows its error page instead of the list
        try:
            text = frame.evaluate("document.body ? document.body.innerText : ''")
        except Exception:  # noqa: BLE001 — an error page may not even be scriptable
            text = ""
        assert "Fachtag Kassel" not in text


@pytest.mark.parametrize("path", ["/events/embed/", "/ausbildungsangebote/embed/", "/gute-praxis/embed/"])
def test_the_lists_fit_a_phone_without_a_parent(page, upcoming, axe, path):
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 700})
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        axe(page)
        _shoot(page, f"embed{path.replace('/', '-')}{width}")


def test_staff_get_the_code_with_the_keyboard_only(page, login, lead, upcoming, axe, keyboard):
    login(lead)
    page.goto("/staff/site/")
    keyboard(page, "a[href='/staff/site/embed/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    axe(page)
    keyboard(page, "#id_region")
    page.keyboard.type("Hessen")
    keyboard(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    code = page.locator("pre.embed-code code").first
    expect(code).to_contain_text('<iframe src="')
    assert "/events/embed/?region=DE-HE" in code.inner_text()
    preview = next(frame for frame in page.frames if "/events/embed/" in frame.url)
    expect(preview.locator("h2")).to_have_text("Fachtag Kassel")  # the preview: inklusio may frame its own list
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        axe(page)
        _shoot(page, f"embed-code-{width}")

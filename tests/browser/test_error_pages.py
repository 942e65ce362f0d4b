"""The error pages in a real browser: no axe violations (desktop and 390 px), and the way back by keyboard."""

import os
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("INKLUSIO_SHOTS")  # a folder: also save screenshots of the pages there


def _check(page, axe, name):
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        axe(page)
        if SHOTS:
            page.screenshot(path=str(Path(SHOTS) / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_error_pages_have_no_axe_violations(page, login, make_user, axe, settings):
    settings.ROOT_URLCONF = "tests.browser.error_urls"
    response = page.goto("/gibt-es-nicht/")
    assert response.status == 404 and page.locator("h1").inner_text() == "Seite nicht gefunden"
    _check(page, axe, "404-public-de")
    response = page.goto("/en/staff/nothing-here/")  # anonymous: staff look, the way to the login
    assert response.status == 404 and page.get_by_role("link", name="Log in").is_visible()
    _check(page, axe, "404-staff-en-anonymous")
    response = page.goto("/fail/")
    assert response.status == 500 and page.locator("html").get_attribute("lang") == "de"
    _check(page, axe, "500-public-de")
    login(make_user("project_staff"))
    response = page.goto("/en/staff/users/")
    assert response.status == 403 and page.locator("h1").inner_text() == "Access denied"
    _check(page, axe, "403-staff-en")
    response = page.goto("/en/staff/fail/")
    assert response.status == 500 and page.get_by_role("link", name="Staff overview").is_visible()
    _check(page, axe, "500-staff-en")


def test_the_way_back_by_keyboard(page, keyboard, make_user, login, live_server):
    # an example that does not exist, reached from the list
    page.goto("/gute-praxis/999999/", referer=f"{live_server.url}/gute-praxis/")
    keyboard(page, "main a[href$='/gute-praxis/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/gute-praxis/")

    login(make_user("project_staff"))
    page.goto("/staff/users/")
    keyboard(page, "main a[href='/staff/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/staff/") and page.locator("h1").is_visible()

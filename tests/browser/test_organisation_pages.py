"""The organisation settings page and the public site wearing the organisation's look, in a real browser."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from inklusio.core.demo import DEMO_ASSETS, load_organisation
from inklusio.core.models import OrganisationProfile
from tests.conftest import STAFF_PAGE_PREFIXES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(os.environ.get("INKLUSIO_SCREENSHOTS", "/tmp/inklusio-screenshots"))
URL = "/staff/settings/organisation/"


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.mark.parametrize("prefix", STAFF_PAGE_PREFIXES)
def test_settings_page_keyboard_and_axe(page, login, make_user, keyboard, axe, prefix):
    login(make_user("project_lead"))
    page.goto(f"{prefix}{URL}")
    assert page.locator("html").get_attribute("lang") == (prefix.strip("/") or "de")
    axe(page)
    keyboard(page, "#id_name")
    page.keyboard.type("Verein für Inklusion e. V.")
    keyboard(page, "#id_accent_colour")
    page.keyboard.type("#ffff00")  # too light on white
    with page.expect_navigation():
        page.keyboard.press("Enter")
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()  # waits for the answer
    assert "4,5:1" in summary.inner_text() or "4.5:1" in summary.inner_text()
    axe(page)
    if not prefix:
        shoot(page, "organisation-settings-error")
    keyboard(page, "#id_accent_colour")
    page.keyboard.press("Control+A")
    page.keyboard.type("#8a1538")
    keyboard(page, "#id_logo_alt")
    page.keyboard.type("Logo des Vereins")
    page.set_input_files("#id_logo_file", str(DEMO_ASSETS / "organisation-logo.svg"))  # the file picker itself
    keyboard(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".kern-alert--success").is_visible()
    profile = OrganisationProfile.objects.get(project=None)
    assert profile.accent_colour == "#8a1538" and profile.logo_mime == "image/svg+xml"
    assert page.locator(".site-header__brand").inner_text().strip() == "Verein für Inklusion e. V."
    axe(page)
    if not prefix:
        shoot(page, "organisation-settings")


def test_public_page_wears_the_organisation(page, axe, project):
    load_organisation()
    page.goto("/")
    header = page.locator(".site-header__brand")
    assert "Bundesarbeitsgemeinschaft Inklusionsfirmen" in header.inner_text()
    assert header.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")
    funder = page.locator(".funding-credit img")
    assert funder.get_attribute("alt") == "Aktion Mensch" and funder.evaluate("img => img.naturalWidth > 0")
    accent = page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--inklusio-accent').trim()")
    assert accent == "#005a8c"
    footer = page.locator("footer").inner_text()
    assert "Gefördert von" in footer and "läuft mit inklusio" in footer and "EUPL" not in footer
    axe(page)
    shoot(page, "public-home")

"""The staff overview and the grouped navigation in a real browser: zero axe violations for every role at
desktop and phone width, and the main flows with the keyboard only."""

import os
from pathlib import Path

import pytest

from tests.core.dashboard_world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLES = ["lead", "staff", "coordinator", "reviewer"]
WIDTHS = {"desktop": 1280, "phone": 390}
SHOTS = os.environ.get("INKLUSIO_SHOTS")  # a folder: the overview is also saved there as PNGs to look at


@pytest.fixture
def world(make_user):
    return build_world(make_user)


@pytest.mark.parametrize("prefix", ["", "/en"])
@pytest.mark.parametrize("role", ROLES)
def test_overview_has_no_axe_violations_for_any_role_or_width(page, login, world, axe, role, prefix):
    login(getattr(world, role))
    for name, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        assert page.goto(f"{prefix}/staff/").status == 200
        assert page.locator("h1").count() == 1
        assert page.locator(".dashboard__panel").count() >= 1
        axe(page)
        if SHOTS:
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=f"{SHOTS}/overview-{role}-{name}{prefix.replace('/', '-')}.png", full_page=True)


def test_navigation_is_open_on_desktop_and_collapsed_on_a_phone(page, login, world):
    login(world.lead)
    page.goto("/staff/")
    inquiries = page.locator(".staff-nav").get_by_role("link", name="Kontaktaufnahmen")
    assert inquiries.is_visible()
    page.set_viewport_size({"width": 390, "height": 844})
    assert not inquiries.is_visible()
    menu_bottom = page.locator(".staff-nav").bounding_box()
    assert menu_bottom["y"] + menu_bottom["height"] < 300  # the first screen shows the overview, not the menu
    page.locator(".staff-nav__toggle").click()
    assert page.locator(".staff-nav summary:text-is('Kontakte')").is_visible()
    assert not inquiries.is_visible()  # sections stay closed until chosen


def test_phone_menu_with_the_keyboard_only(page, login, world, keyboard, axe):
    login(world.lead)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/staff/")
    keyboard(page, ".staff-nav__toggle").press("Enter")
    keyboard(page, ".staff-nav__section:has-text('Kontakte') > summary").press("Enter")
    link = keyboard(page, ".staff-nav a:text-is('Kontaktaufnahmen')")
    link.press("Enter")
    page.wait_for_url("**/staff/contacts/inquiries/")
    assert page.locator("h1").inner_text() == "Kontaktaufnahmen"
    # On the page reached, the menu is closed again and, once opened, shows its section open and the page current.
    page.locator(".staff-nav__toggle").focus()
    page.keyboard.press("Enter")
    current = page.locator(".staff-nav a[aria-current=page]")
    assert current.inner_text() == "Kontaktaufnahmen" and current.is_visible()
    axe(page)
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/menu-open-phone.png", full_page=True)


def test_desktop_overview_work_item_with_the_keyboard_only(page, login, world, keyboard):
    login(world.staff)
    page.goto("/staff/")
    overdue = keyboard(page, f"main a[href='/staff/contacts/inquiries/{world.overdue.pk}/']", max_presses=120)
    overdue.press("Enter")
    page.wait_for_url(f"**/staff/contacts/inquiries/{world.overdue.pk}/")
    assert "Frage zur Ausbildung" in page.locator("h1").inner_text()
    assert "Wiedervorlage bis" in page.locator("main").inner_text()

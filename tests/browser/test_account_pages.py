"""Two-factor enrolment and login, re-authentication, users & roles and the audit log in a real browser."""

import time

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from inklusio.core import accounts, audit
from tests.conftest import STAFF_PAGE_PREFIXES, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery"


def type_into(page, keyboard, selector, text):
    keyboard(page, selector)
    page.keyboard.type(text)


def submit(page, key="Enter"):
    with page.expect_navigation():
        page.keyboard.press(key)


def password_login(page, keyboard, username, prefix=""):
    page.goto(f"{prefix}/staff/login/")
    type_into(page, keyboard, "#id_username", username)
    type_into(page, keyboard, "#id_password", PASSWORD)
    submit(page)


def age_the_authentication(page):
    """Make the browser's session look as if the password was given an hour ago."""
    cookie = next(c for c in page.context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME)
    session = SessionStore(session_key=cookie["value"])
    session["inklusio_auth_at"] = int(time.time()) - 3600
    session.save()


@pytest.mark.parametrize("prefix", STAFF_PAGE_PREFIXES)
def test_account_pages_have_no_axe_violations(page, login, make_user, keyboard, axe, prefix):
    lang = prefix.strip("/") or "de"
    # the code step (after a real password login) and its error state
    make_user("project_lead", username="lena")
    password_login(page, keyboard, "lena", prefix)
    assert "/staff/login/code/" in page.url
    axe(page)
    type_into(page, keyboard, "#id_code", "000")
    submit(page)
    expect(page.locator(".error-summary")).to_be_visible()  # waits for the answer
    axe(page)

    # enrolment and the recovery codes, for a lead without a device
    page.context.clear_cookies()
    newcomer = make_user("project_lead", username="nina", two_factor=False)
    password_login(page, keyboard, "nina", prefix)
    assert "/staff/account/two-factor/" in page.url
    assert page.locator("html").get_attribute("lang") == lang
    page.wait_for_function("() => document.querySelector('img.qr-code').complete")
    assert page.locator("img.qr-code").evaluate("img => img.naturalWidth > 0")
    axe(page)
    device = TOTPDevice.objects.get(user=newcomer, confirmed=False)
    type_into(page, keyboard, "#id_code", totp_code(device))
    submit(page)
    assert page.locator(".recovery-codes li").count() == 10
    axe(page)

    # the lead's pages
    page.context.clear_cookies()
    lead = make_user("project_lead", username="lotte")
    other = make_user("read_only", username="rudi")
    audit.record(lead, "users.role_changed", other, user=other.pk, before="", after="read_only")
    invitation = accounts.invitation_url(other).removeprefix(settings.SITE_URL)
    login(lead)
    for path in [
        "/staff/account/",
        "/staff/account/two-factor/",
        "/staff/reauth/?next=/staff/",
        "/staff/users/",
        "/staff/users/new/",
        f"/staff/users/{other.pk}/",
        "/staff/audit/",
        "/staff/audit/?action=users.role_changed&start=2030-01-02&end=2030-01-01",
    ]:
        response = page.goto(prefix + path)
        assert response.status == 200, path
        assert page.locator("h1").count() == 1, path
        axe(page)
    page.context.clear_cookies()
    page.goto(prefix + invitation)
    assert page.locator("#id_new_password1").count() == 1
    axe(page)


def test_keyboard_only_enrolment_then_login_with_a_code(page, make_user, keyboard):
    lead = make_user("project_lead", username="kira", two_factor=False)
    password_login(page, keyboard, "kira")
    assert "/staff/account/two-factor/" in page.url
    secret = page.locator(".otp-secret").inner_text()
    device = TOTPDevice.objects.get(user=lead, confirmed=False)
    assert secret.replace(" ", "") in device.config_url
    type_into(page, keyboard, "#id_code", totp_code(device))
    submit(page)
    assert page.locator(".recovery-codes li").count() == 10
    keyboard(page, "main a.kern-btn")
    submit(page)
    assert page.url.endswith("/staff/")

    keyboard(page, "header form button[type=submit]")  # log out
    submit(page)
    password_login(page, keyboard, "kira")
    assert "/staff/login/code/" in page.url
    device.refresh_from_db()
    type_into(page, keyboard, "#id_code", totp_code(device, steps_ahead=1))  # the current code was used already
    submit(page)
    assert page.url.endswith("/staff/") and page.locator("h1").count() == 1


def test_keyboard_only_role_change_with_reauthentication(page, login, lead, make_user, keyboard):
    other = make_user("read_only", username="rosa")
    login(lead)
    age_the_authentication(page)
    page.goto(f"/staff/users/{other.pk}/")
    assert "/staff/reauth/" in page.url
    type_into(page, keyboard, "#id_password", PASSWORD)
    type_into(page, keyboard, "#id_code", totp_code(TOTPDevice.objects.get(user=lead)))
    submit(page)
    assert page.url.endswith(f"/staff/users/{other.pk}/")
    keyboard(page, "input[name=role]:checked")
    assert page.locator("input[name=role]:focus").get_attribute("value") == "read_only"
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.locator("input[name=role]:checked").get_attribute("value") == "project_staff"
    keyboard(page, "main form button[type=submit]")
    submit(page)
    assert page.locator(".messages").inner_text().strip() != ""
    assert list(other.groups.values_list("name", flat=True)) == ["project_staff"]

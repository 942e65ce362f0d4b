"""The token pages and the API docs in a real browser: a project lead makes a token with the keyboard only (after
re-authenticating), sees it once, then revokes it; axe on the account page, the token list (empty and filled), the
form with errors and the docs page, in German and English. Without the browser: the created token opens the staff
API until it is revoked, then the API answers 401 as problem details. Screenshots at 1280 and 390 px go to
``INKLUSIO_SHOTS`` (default /tmp/inklusio-shots)."""

import os
import re
from pathlib import Path

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from inklusio.api.models import ApiToken
from tests.conftest import STAFF_PAGE_PREFIXES, totp_code

pytestmark = [pytest.mark.django_db(transaction=True)]
browser = pytest.mark.browser

PASSWORD = "correct-horse-battery"
TOKENS = "/staff/account/api-tokens/"
NEW = f"{TOKENS}new/"
SHOTS = Path(os.environ.get("INKLUSIO_SHOTS", "/tmp/inklusio-shots"))
RAW_TOKEN = re.compile(r"ikt_[A-Za-z0-9_\-]+")


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"api-{name}-{width}.png"), full_page=True)
        overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name} at {width} px is {overflow} px wider than the window"
    page.set_viewport_size({"width": 1280, "height": 900})


def submit(page, key="Enter"):
    with page.expect_navigation():
        page.keyboard.press(key)


def age_the_authentication(page):
    """Make the browser's session look as if the password was given an hour ago (see core.access)."""
    import time

    from django.conf import settings
    from django.contrib.sessions.backends.db import SessionStore

    from inklusio.core.access import AUTH_AT_SESSION_KEY

    cookie = next(c for c in page.context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME)
    session = SessionStore(session_key=cookie["value"])
    session[AUTH_AT_SESSION_KEY] = int(time.time()) - 3600
    session.save()


@browser
def test_keyboard_only_token_shown_once_then_revoked(page, login, lead, keyboard, axe):
    login(lead)
    age_the_authentication(page)
    page.goto("/staff/account/")
    keyboard(page, f"main a[href$='{TOKENS}']")
    submit(page)
    assert page.url.endswith(TOKENS)
    keyboard(page, f"main a[href$='{NEW}']")
    submit(page)

    # making a token needs a recent login: the password and the code again, then back to the form
    assert "/staff/reauth/" in page.url
    keyboard(page, "#id_password")
    page.keyboard.type(PASSWORD)
    keyboard(page, "#id_code")
    page.keyboard.type(totp_code(TOTPDevice.objects.get(user=lead)))
    submit(page)
    assert page.url.endswith(NEW)

    keyboard(page, "#id_name")
    page.keyboard.type("CRM-Abgleich")
    keyboard(page, "input[name=scopes][value='contacts:read']")
    page.keyboard.press("Space")
    keyboard(page, "input[name=days]:checked")  # 90 days is preset; the arrow key moves to 180
    page.keyboard.press("ArrowDown")
    assert page.locator("input[name=days]:checked").get_attribute("value") == "180"
    keyboard(page, "main form button[type=submit]")
    submit(page)

    assert page.url.endswith(TOKENS)
    shown = page.locator("#new-token")
    expect(shown).to_have_count(1)
    raw = shown.inner_text().strip()
    assert RAW_TOKEN.fullmatch(raw), raw
    token = ApiToken.objects.get(user=lead)
    assert token.name == "CRM-Abgleich" and token.scopes == ["contacts:read"]
    assert 179 <= (token.expires_at - token.created).days <= 180
    assert raw not in str(token.__dict__.values())  # stored hashed, never as the text
    axe(page)
    shot(page, "token-list-new")

    page.reload()
    expect(page.locator("#new-token")).to_have_count(0)  # shown once only
    assert raw not in page.content()

    keyboard(page, "main form[action$='/revoke/'] button[type=submit]")
    submit(page)
    expect(page.locator(".messages")).to_contain_text("CRM-Abgleich")
    token.refresh_from_db()
    assert token.revoked_at is not None
    expect(page.locator("main form[action$='/revoke/']")).to_have_count(0)
    axe(page)


@browser
@pytest.mark.parametrize("prefix", STAFF_PAGE_PREFIXES)
def test_token_and_docs_pages_have_no_axe_violations(page, login, lead, make_token, axe, prefix):
    login(lead)  # a login counts as a recent authentication
    for path in ("/staff/account/", TOKENS):  # the list still empty
        response = page.goto(prefix + path)
        assert response.status == 200, path
        assert page.locator("h1").count() == 1
        axe(page)
    expect(page.locator("main table")).to_have_count(0)
    if not prefix:
        shot(page, "token-list-empty")

    page.goto(prefix + NEW)
    page.click("main button[type=submit]")  # nothing filled in: name and scopes are missing
    expect(page.locator(".error-summary")).to_be_visible()
    axe(page)
    if not prefix:
        shot(page, "token-form-errors")
    page.fill("#id_name", "x" * 101)  # too long, and still no scope
    page.click("main button[type=submit]")
    expect(page.locator(".error-summary")).to_be_visible()
    axe(page)

    make_token(lead)
    revoked = ApiToken.objects.get(user=lead)
    revoked.revoked_at = revoked.created
    revoked.save()
    make_token(lead, scopes=["contacts:read", "events:read", "events:write", "support:read"], days=365)
    page.goto(prefix + TOKENS)
    expect(page.locator("main tbody tr")).to_have_count(2)
    axe(page)
    if not prefix:
        shot(page, "token-list")

    page.context.clear_cookies()  # the docs are public
    response = page.goto(prefix + "/api/docs/")
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert page.locator("html").get_attribute("lang") == (prefix.strip("/") or "de")
    axe(page)
    if not prefix:
        shot(page, "docs")


def token_from_the_list(client) -> str:
    html = client.get(TOKENS).content.decode()
    match = re.search(r'id="new-token">(ikt_[^<]+)<', html)
    assert match, "the new token is not on the list page"
    return match.group(1)


def test_the_created_token_opens_the_api_until_it_is_revoked(client, lead):
    client.force_login(lead)  # a login counts as a recent authentication
    response = client.post(NEW, {"name": "CRM", "scopes": ["contacts:read"], "days": "30"})
    assert response.status_code == 302, response.content.decode()[:500]
    raw = token_from_the_list(client)
    assert "new-token" not in client.get(TOKENS).content.decode()  # shown once

    api = type(client)()  # no session: the token alone
    bearer = {"Authorization": f"Bearer {raw}"}
    answer = api.get("/api/v1/people", headers=bearer)
    assert answer.status_code == 200, answer.content
    assert "items" in answer.json()

    token = ApiToken.objects.get(user=lead)
    assert client.post(f"{TOKENS}{token.pk}/revoke/").status_code == 302
    answer = api.get("/api/v1/people", headers=bearer)
    assert answer.status_code == 401
    assert answer["Content-Type"].startswith("application/problem+json")
    problem = answer.json()
    assert problem["status"] == 401 and problem["title"]


def test_other_users_tokens_cannot_be_revoked(client, lead, make_user, make_token):
    make_token(lead)
    token = ApiToken.objects.get(user=lead)
    other = make_user("project_lead")
    client.force_login(other)
    assert client.post(f"{TOKENS}{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_every_link_within_the_docs_page_has_its_target(client):
    html = client.get("/api/docs/").content.decode()
    targets = set(re.findall(r'href="#([^"]*)"', html))
    ids = set(re.findall(r'id="([^"]*)"', html))
    assert targets, "the docs page links to none of its sections"
    assert targets <= ids, sorted(targets - ids)
    assert "#model-list of" not in html  # a list type links to its item's model

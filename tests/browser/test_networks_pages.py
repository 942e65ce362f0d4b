"""Every page of the networks area in a real browser: zero axe violations in German and English;
attendance is recorded with the keyboard only; the reply link works without login."""

import pytest
from playwright.sync_api import expect

from inklusio.networks.models import Attendance
from tests.conftest import STAFF_PAGE_PREFIXES
from tests.networks.conftest import world  # noqa: F401 - fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/staff/networks/",
    "/staff/networks/?q=A",
    "/staff/networks/new/",
    "/staff/networks/participants/",
    "/staff/networks/{network}/",
    "/staff/networks/{network}/?start=2020-01-01&end=2030-12-31",
    "/staff/networks/{network}/edit/",
    "/staff/networks/{network}/members/",
    "/staff/networks/{network}/members/?show=all&q=alpha",
    "/staff/networks/{network}/members/add/",
    "/staff/networks/{network}/members/add/?q=outsider",
    "/staff/networks/{network}/members/{membership}/",
    "/staff/networks/{network}/meetings/new/",
    "/staff/networks/meetings/{past}/",
    "/staff/networks/meetings/{future}/",
    "/staff/networks/meetings/{past}/edit/",
    "/staff/networks/meetings/{past}/minutes/",
    "/staff/networks/meetings/{past}/invitations/",
    "/staff/networks/meetings/{past}/attendance/",
]


def _ids(data):
    a = data["a"]
    return {
        "network": a.network.pk,
        "membership": a.network.memberships.first().pk,
        "past": a.past.pk,
        "future": a.future.pk,
    }


@pytest.mark.parametrize("prefix", STAFF_PAGE_PREFIXES)
def test_network_pages_have_no_axe_violations(page, login, lead, world, axe, prefix):  # noqa: F811
    login(lead)
    ids = _ids(world)
    for path in PAGES:
        response = page.goto(prefix + path.format(**ids))
        assert response.status == 200, path
        assert page.locator("h1").count() == 1, path
        assert page.locator("html").get_attribute("lang") == (prefix.strip("/") or "de")
        axe(page)


@pytest.mark.parametrize("prefix", STAFF_PAGE_PREFIXES)
def test_form_error_pages_have_no_axe_violations(page, login, lead, world, axe, prefix, tmp_path):  # noqa: F811
    login(lead)
    ids = _ids(world)
    page.goto(prefix + f"/staff/networks/{ids['network']}/meetings/new/")
    page.fill("#id_title", "Ohne Link")
    page.fill("#id_starts_at", "2030-05-01T14:00")
    page.fill("#id_ends_at", "2030-05-01T16:00")
    page.check("#id_format_1")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    expect(page.locator(".error-summary")).to_be_visible()  # waits for the answer
    axe(page)
    bad = tmp_path / "bad.exe"
    bad.write_bytes(b"MZ")
    page.goto(prefix + f"/staff/networks/meetings/{ids['past']}/")
    page.set_input_files("#id_file", str(bad))
    page.locator("form[enctype] button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()  # waits for the answer
    assert page.locator("h1").count() == 1
    axe(page)
    page.goto(prefix + "/staff/networks/new/")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    expect(page.locator(".error-summary")).to_be_visible()  # waits for the answer
    axe(page)


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_reply_page_without_login(page, world, axe, prefix):  # noqa: F811
    invitation = world["a"].invitation
    page.goto(prefix + f"/networks/reply/{invitation.token}/")
    assert page.locator("h1").count() == 1
    axe(page)
    page.check("#reply-yes")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.locator(".kern-alert--success").is_visible()
    axe(page)
    invitation.refresh_from_db()
    assert invitation.reply == "yes"


def test_record_attendance_with_the_keyboard_only(page, login, world, keyboard, axe):  # noqa: F811
    a = world["a"]
    login(a.coordinator)
    page.goto(f"/staff/networks/meetings/{a.past.pk}/")
    keyboard(page, f"a[href$='/meetings/{a.past.pk}/attendance/']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/meetings/{a.past.pk}/attendance/")
    axe(page)
    # untick the first member, tick the third
    keyboard(page, f"#attended-{a.members[0].pk}")
    page.keyboard.press("Space")
    keyboard(page, f"#attended-{a.members[2].pk}")
    page.keyboard.press("Space")
    keyboard(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/meetings/{a.past.pk}/")
    attended = set(Attendance.objects.filter(meeting=a.past, attended=True).values_list("person_id", flat=True))
    assert attended == {a.members[1].pk, a.members[2].pk}
    assert page.locator(".messages").is_visible()


def test_reply_with_the_keyboard_only(page, world, keyboard):  # noqa: F811
    invitation = world["a"].invitation
    page.goto(f"/networks/reply/{invitation.token}/")
    keyboard(page, "#reply-yes")
    page.keyboard.press("ArrowDown")  # radio group: the arrow moves to and selects "no"
    assert page.locator("#reply-no").is_checked()
    keyboard(page, "main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".kern-alert--success").is_visible()
    invitation.refresh_from_db()
    assert invitation.reply == "no"


def test_network_pages_reflow_at_320_css_pixels(page, login, lead, world):  # noqa: F811
    login(lead)
    page.set_viewport_size({"width": 320, "height": 640})
    ids = _ids(world)
    for path in ["/staff/networks/{network}/", "/staff/networks/meetings/{past}/",
                 "/staff/networks/meetings/{past}/attendance/", "/staff/networks/participants/"]:  # fmt: skip
        page.goto(path.format(**ids))
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
    page.goto(f"/networks/reply/{world['a'].invitation.token}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


@pytest.mark.parametrize("prefix", STAFF_PAGE_PREFIXES)
def test_add_by_address_and_confirm_by_mail_with_the_keyboard_only(
    page,
    login,
    world,  # noqa: F811
    keyboard,
    axe,
    prefix,
    tmp_path,  # noqa: F811
):
    """Issue #14: a coordinator adds an address by keyboard; the person confirms through the mailed link."""
    from django.core import mail

    from inklusio.networks.models import Membership, PendingMembership

    a, hidden = world["a"], world["b"].members[0]
    login(a.coordinator)
    page.goto(prefix + f"/staff/networks/{a.network.pk}/members/add/")
    keyboard(page, "#id_first_name")
    page.keyboard.type("Getippt")
    page.keyboard.press("Tab")
    page.keyboard.type("Name")
    page.keyboard.press("Tab")
    page.keyboard.type(hidden.email)
    keyboard(page, "main form[method=post][novalidate] button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(f"/staff/networks/{a.network.pk}/members/")
    main = page.inner_text("main")
    assert hidden.email in main and "Getippt" in main and hidden.first_name not in main
    axe(page)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(tmp_path / f"members-pending-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})

    pending = PendingMembership.objects.get()
    [message] = [m for m in mail.outbox if m.to == [hidden.email]]
    assert pending.token in message.body
    page.context.clear_cookies()
    page.goto(prefix + f"/networks/join/{pending.token}/")
    assert page.locator("h1").count() == 1
    axe(page)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(tmp_path / f"join-{width}.png"), full_page=True)
    keyboard(page, "main button[value=yes]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".kern-alert--success").is_visible()
    axe(page)
    assert Membership.objects.filter(network=a.network, person=hidden).exists()
    print("screenshots in", tmp_path)

"""Every outreach page in a real browser: zero axe violations in German and English; the editorial
calendar and the follower chart used with the keyboard only."""

import os
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from inklusio.outreach.models import Channel, FollowerSnapshot, OutreachImport, Post, PressClipping, PressRelease
from tests.conftest import STAFF_PAGE_PREFIXES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BERLIN = ZoneInfo("Europe/Berlin")
FIXTURES = Path(__file__).parent.parent / "outreach" / "fixtures"


@pytest.fixture
def outreach_data(project, lead):
    channel = Channel.objects.create(
        platform="instagram", name="bag if Ausbildung", handle="@bagif_ausbildung", url="https://instagram.com/x"
    )
    channel.projects.add(project)
    published = Post.objects.create(
        channel=channel,
        project=project,
        status="published",
        scheduled_at=datetime(2025, 9, 30, 11, 0, tzinfo=BERLIN),
        caption="Danke an alle Teilnehmenden! #InklusiveAusbildung",
        alt_text="Gruppenfoto",
        reach=540,
        likes=40,
        comments=3,
    )
    planned = Post.objects.create(
        channel=channel,
        project=project,
        status="planned",
        scheduled_at=datetime(2025, 10, 7, 11, 0, tzinfo=BERLIN),
        caption="Neues Projekt: Berufliche Bildung",
    )
    snapshots = [
        FollowerSnapshot.objects.create(channel=channel, date=date(2025, month, 28), count=count)
        for month, count in [(7, 512), (8, 529), (9, 547)]
    ]
    release = PressRelease.objects.create(project=project, title="Online-Kongress", sent_on=date(2025, 9, 15))
    clipping = PressClipping.objects.create(
        project=project,
        outlet="kobinet-nachrichten",
        title="Kongress zieht Bilanz",
        published_on=date(2025, 9, 26),
        medium="online",
        url="https://kobinet-nachrichten.org/x",
        estimated_reach=15000,
        release=release,
    )
    failed = OutreachImport.objects.create(channel=channel, uploaded_by=lead, filename="broken.csv", stored_as="b")
    ready = OutreachImport.objects.create(channel=channel, uploaded_by=lead, filename="export.csv", stored_as="r")
    return {
        "channel": channel,
        "published": published,
        "planned": planned,
        "release": release,
        "clipping": clipping,
        "failed": failed,
        "ready": ready,
        "snapshot": snapshots[0],
    }


@pytest.fixture
def stored_uploads(settings, outreach_data):
    folder = Path(settings.UPLOAD_ROOT) / "outreach-imports"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "b").write_bytes((FIXTURES / "instagram_posts_broken_de.csv").read_bytes())
    (folder / "r").write_bytes((FIXTURES / "instagram_posts_de.csv").read_bytes())


PAGES = [
    "/staff/outreach/calendar/",
    "/staff/outreach/calendar/2025/9/",
    "/staff/outreach/calendar/2025/10/?channel={channel}",
    "/staff/outreach/posts/",
    "/staff/outreach/posts/?missing_alt=on",
    "/staff/outreach/posts/new/",
    "/staff/outreach/posts/{published}/",
    "/staff/outreach/posts/{planned}/",
    "/staff/outreach/posts/{planned}/edit/",
    "/staff/outreach/channels/",
    "/staff/outreach/channels/new/",
    "/staff/outreach/channels/{channel}/",
    "/staff/outreach/channels/{channel}/edit/",
    "/staff/outreach/import/",
    "/staff/outreach/import/{failed}/",
    "/staff/outreach/import/{ready}/",
    "/staff/outreach/press/",
    "/staff/outreach/press/clippings/new/",
    "/staff/outreach/press/clippings/{clipping}/edit/",
    "/staff/outreach/press/releases/new/",
    "/staff/outreach/press/releases/{release}/edit/",
    "/staff/outreach/posts/{planned}/delete/",
    "/staff/outreach/press/clippings/{clipping}/delete/",
    "/staff/outreach/press/releases/{release}/delete/",
    "/staff/outreach/channels/{channel}/followers/{snapshot}/delete/",
]


@pytest.mark.parametrize("prefix", STAFF_PAGE_PREFIXES)
def test_outreach_pages_have_no_axe_violations(page, login, lead, outreach_data, stored_uploads, axe, prefix):
    login(lead)
    ids = {key: obj.pk for key, obj in outreach_data.items()}
    for path in PAGES:
        response = page.goto(prefix + path.format(**ids))
        assert response.status == 200, path
        assert page.locator("h1").count() == 1, path
        assert page.locator("html").get_attribute("lang") == (prefix.strip("/") or "de")
        axe(page)


def test_form_errors_are_summarised(page, login, lead, outreach_data, axe):
    login(lead)
    page.goto(f"/staff/outreach/channels/{outreach_data['channel'].pk}/")
    page.fill("#id_count", "-3")
    page.click("main form[method=post] button[type=submit]")
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()  # waits for the answer
    expect(summary).to_be_focused()  # waits for the page's script to move the focus
    axe(page)
    page.goto("/staff/outreach/posts/new/")
    with page.expect_navigation():  # is_visible() does not wait: under load it read the page before the answer
        page.click("main button[type=submit]")
    expect(page.locator(".error-summary")).to_be_visible()  # waits for the answer
    axe(page)


def test_calendar_with_the_keyboard_only(page, login, lead, outreach_data, keyboard):
    login(lead)
    page.goto("/staff/outreach/calendar/2025/9/")
    caption = page.locator("table.outreach-calendar caption")
    assert "September 2025" in caption.inner_text()
    keyboard(page, "a[rel=next]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/calendar/2025/10/")
    assert "Oktober 2025" in page.locator("table.outreach-calendar caption").inner_text()
    cell = page.locator("td:has(time[datetime='2025-10-07'])")
    assert "geplant" in cell.inner_text() and "Alternativtext fehlt" in cell.inner_text()
    # filter by channel with the keyboard: the select, then the filter button
    keyboard(page, "#id_channel")
    page.keyboard.press("ArrowDown")
    keyboard(page, "form[role=search] button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**channel={outreach_data['channel'].pk}**")
    # the post in the calendar cell opens with Enter
    keyboard(page, f"td a[href='/staff/outreach/posts/{outreach_data['planned'].pk}/']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/posts/{outreach_data['planned'].pk}/")
    assert "Neues Projekt" in page.locator("h1").inner_text()
    # and back to the previous month with the link, keeping the filter
    page.goto(f"/staff/outreach/calendar/2025/10/?channel={outreach_data['channel'].pk}")
    keyboard(page, "a[rel=prev]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/calendar/2025/9/?channel=*")


def type_date(page, iso: str):
    """Type a date into the focused date input, whichever order (day or month first) the browser uses."""
    year, month, day = iso.split("-")
    page.keyboard.type(day + month + year)
    if page.evaluate("document.activeElement.value") != iso:
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Shift+Tab")
        page.keyboard.type(month + day + year)
    assert page.evaluate("document.activeElement.value") == iso


def test_follower_chart_with_the_keyboard_only(page, login, lead, outreach_data, keyboard):
    login(lead)
    page.goto(f"/staff/outreach/channels/{outreach_data['channel'].pk}/")
    chart = page.get_by_role("img", name="Follower*innen von bag if Ausbildung")
    assert chart.count() == 1
    assert "547" in page.locator("#follower-chart-desc").text_content()
    assert page.locator("#follower-table tbody tr").count() == 3
    keyboard(page, "#id_start")
    type_date(page, "2025-08-01")
    keyboard(page, "form[aria-label] button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**start=2025-08-01**")
    assert page.locator("#follower-table tbody tr").count() == 2
    table = keyboard(page, "div[role=region][aria-labelledby=followers-caption]")
    assert table.evaluate("el => el === document.activeElement")
    # enter today's count with the keyboard
    keyboard(page, "#id_date")
    type_date(page, "2025-09-30")
    keyboard(page, "#id_count")
    page.keyboard.type("550")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/channels/{outreach_data['channel'].pk}/")
    assert FollowerSnapshot.objects.get(date=date(2025, 9, 30)).count == 550


def test_follower_table_pages_with_the_keyboard_only(page, login, lead, outreach_data, axe, keyboard):
    from datetime import timedelta

    channel = outreach_data["channel"]
    FollowerSnapshot.objects.bulk_create(
        FollowerSnapshot(channel=channel, date=date(2024, 1, 1) + timedelta(days=n), count=200 + n) for n in range(60)
    )
    login(lead)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"/staff/outreach/channels/{channel.pk}/")
        expect(page.locator("nav.pagination")).to_contain_text("Seite 1 von 2")
        axe(page)
        if os.environ.get("INKLUSIO_SHOTS"):  # screenshots to look at
            page.screenshot(path=f"{os.environ['INKLUSIO_SHOTS']}/channel-pages-{width}.png", full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0
    assert page.locator("#follower-table tbody tr").count() == 50
    keyboard(page, "nav.pagination a[rel=next]")
    page.keyboard.press("Enter")
    expect(page.locator("nav.pagination")).to_contain_text("Seite 2 von 2")
    assert page.locator("#follower-table tbody tr").count() == 13  # 63 counts: the demo's three and these 60
    expect(page.locator("#follower-table tbody tr").last).to_contain_text("200")  # the oldest count last


def test_import_preview_and_confirm(page, login, lead, outreach_data, axe):
    login(lead)
    page.goto("/staff/outreach/import/")
    page.select_option("#id_channel", str(outreach_data["channel"].pk))
    page.set_input_files("#id_file", str(FIXTURES / "instagram_posts_en.csv"))
    page.click("main button[type=submit]")
    page.wait_for_url("**/import/*/")
    assert "1,234" in page.locator("main").inner_text() or "Englisch" in page.locator("main").inner_text()
    axe(page)
    page.click("button[name=import]")
    page.wait_for_url("**/staff/imports/*/")  # the worker writes; the job's page links on to the posts
    page.click("main a[href*='/posts/?channel=']")
    page.wait_for_url("**/posts/?channel=*")
    assert Post.objects.filter(external_id="17900000000000104").exists()


def test_outreach_pages_reflow_at_320_css_pixels(page, login, lead, outreach_data):
    login(lead)
    page.set_viewport_size({"width": 320, "height": 640})
    for path in [
        "/staff/outreach/calendar/2025/10/",  # the calendar table scrolls inside its own focusable region
        "/staff/outreach/posts/",
        f"/staff/outreach/channels/{outreach_data['channel'].pk}/",
        "/staff/outreach/press/",
    ]:
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path

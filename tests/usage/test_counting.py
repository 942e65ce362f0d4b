"""Counting page views of the public pages: who counts, who does not, repeats once, nothing on the request path."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from inklusio.usage import buffer, figures
from inklusio.usage.filtering import is_bot, is_prefetch
from inklusio.usage.models import PageViewDay

from .conftest import BROWSER

pytestmark = pytest.mark.django_db
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "UPSERT")


def stored() -> dict[str, int]:
    buffer.flush()
    return {row.page: row.count for row in PageViewDay.objects.all()}


def test_a_browser_view_counts_and_a_repeat_within_the_window_does_not(visitor, project):
    person = visitor()
    for _ in range(3):
        assert person.get("/").status_code == 200
    assert person.get("/ausbildungsangebote/").status_code == 200
    visitor(address="198.51.100.99").get("/")  # someone else at another address
    visitor(agent=BROWSER.replace("131", "130")).get("/")  # another browser behind the same address
    assert stored() == {"/": 3, "/ausbildungsangebote/": 1}
    assert PageViewDay.objects.get(page="/").section == "home"


def test_the_repeat_window_ends(visitor, project, settings):
    settings.USAGE_REPEAT_WINDOW_SECONDS = 1
    from django.core.cache import caches

    person = visitor()
    person.get("/")
    caches["usage"].clear()  # the window has passed: its hashes have expired
    person.get("/")
    assert stored() == {"/": 2}


@pytest.mark.parametrize(
    "agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36",
        "curl/8.5.0",
        "python-requests/2.32.3",
        "Mozilla/5.0 (compatible; GPTBot/1.2; +https://openai.com/gptbot)",
        "",
    ],
)
def test_crawlers_and_scripts_are_not_counted(visitor, project, agent):
    assert visitor(agent=agent).get("/").status_code == 200
    assert stored() == {}
    assert is_bot(agent)


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_PURPOSE": "prefetch"},
        {"HTTP_SEC_PURPOSE": "prefetch;prerender"},
        {"HTTP_PURPOSE": "prefetch"},
        {"HTTP_X_MOZ": "prefetch"},
        {"HTTP_X_PURPOSE": "preview"},
    ],
)
def test_prefetches_are_not_counted(visitor, project, headers):
    assert visitor(**headers).get("/").status_code == 200
    assert stored() == {}
    assert is_prefetch(headers)


def test_ordinary_browsers_are_not_taken_for_bots():
    for agent in [
        BROWSER,
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
        "Version/17.5 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
        "Mozilla/5.0 (Linux; Android 9; CUBOT P30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile",
    ]:
        assert not is_bot(agent), agent
    assert not is_prefetch({"HTTP_SEC_PURPOSE": ""})


def test_head_post_missing_pages_and_uncounted_pages_are_not_counted(visitor, project):
    person = visitor()
    assert person.head("/").status_code == 200
    assert person.get("/ausbildungsangebote/999999/").status_code == 404
    assert person.get("/kontakt/").status_code == 200  # a public page, but not one of the counted ones
    person.post("/kontakt/", {})
    assert stored() == {}


def test_logged_in_staff_are_not_counted(visitor, project, staff):
    person = visitor()
    person.force_login(staff)
    person.get("/")
    assert stored() == {}


def test_query_strings_are_not_stored(visitor, project):
    visitor().get("/ausbildungsangebote/?q=Lager&region=DE-HE")
    assert stored() == {"/ausbildungsangebote/": 1}


def test_counted_areas(visitor, project, public_event):
    person = visitor()
    for path in [
        "/events/",
        f"/events/{public_event.slug}/",
        f"/events/{public_event.slug}/calendar.ics",
        "/events/calendar.ics",
        "/gute-praxis/",
        "/infoletter/archiv/",
        "/leichte-sprache/",
        "/leichte-sprache/events/",
        "/leichte-sprache/ausbildungsangebote/",
        "/en/",
    ]:
        assert person.get(path).status_code == 200, path
    buffer.flush()
    sections = dict(PageViewDay.objects.values_list("page", "section"))
    assert sections == {
        "/events/": "events",
        f"/events/{public_event.slug}/": "events",
        f"/events/{public_event.slug}/calendar.ics": "downloads",
        "/events/calendar.ics": "downloads",
        "/gute-praxis/": "stories",
        "/infoletter/archiv/": "archive",
        "/leichte-sprache/": "easy",
        "/leichte-sprache/events/": "easy",
        "/leichte-sprache/ausbildungsangebote/": "easy",
        "/en/": "home",
    }
    today = PageViewDay.objects.first().day
    assert figures.page_views(project, today, today) == 8
    assert figures.document_downloads(project, today, today) == 2


def test_counting_writes_nothing_to_the_database_on_the_request_path(visitor, project):
    person = visitor()
    person.get("/")  # warm up: the page's own reads
    with CaptureQueriesContext(connection) as queries:
        visitor(address="198.51.100.5").get("/")
    writes = [q["sql"] for q in queries.captured_queries if q["sql"].lstrip().upper().startswith(WRITES)]
    assert writes == [] and not any("usage_" in q["sql"] for q in queries.captured_queries)
    assert len(buffer.pending()) == 1  # the view waits in memory

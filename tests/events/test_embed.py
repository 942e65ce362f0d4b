"""The event list for other websites: the frame page, the bare fragment and the JSON feed show upcoming public
events only, filter by kind, region and project, refuse unknown filters, and may be framed only by the sites
the setting names (every other page stays unframeable)."""

import json
from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from inklusio.core.models import Project
from inklusio.events.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed(make_event, project):
    other = Project.objects.create(title="Folgeprojekt", slug="folge", funder="Aktion Mensch",
                                   start=project.start, end=project.end)  # fmt: skip
    soon = timezone.now() + timedelta(days=3)
    return {
        "kassel": make_event(title="Fachtag Kassel", region="DE-HE", starts_at=soon, ends_at=soon + timedelta(hours=6)),
        "online": make_event(title="Online-Kongress", kind=Event.Kind.ONLINE_CONGRESS, venue=""),
        "bayern": make_event(title="Werkstatt München", kind=Event.Kind.WORKSHOP, region="DE-BY", project=other),
        "draft": make_event(title="Entwurf", visibility=Event.Visibility.DRAFT, region="DE-HE"),
        "past": make_event(
            title="Vorbei", region="DE-HE", starts_at=soon - timedelta(days=30), ends_at=soon - timedelta(days=29)
        ),  # fmt: skip
        "archived": make_event(title="Archiviert", archived_at=timezone.now()),
    }


def _titles(client, url):
    feed = json.loads(client.get(url).content)
    return [item["title"] for item in feed["items"]]


def test_only_upcoming_public_events_soonest_first(client, listed):
    page = client.get("/events/embed/").content.decode()
    assert page.index("Fachtag Kassel") < page.index("Online-Kongress")
    for hidden in ("Entwurf", "Vorbei", "Archiviert"):
        assert hidden not in page
    assert _titles(client, "/events/feed.json") == ["Fachtag Kassel", "Online-Kongress", "Werkstatt München"]


def test_filters_by_kind_region_and_project(client, listed):
    assert _titles(client, "/events/feed.json?region=DE-HE") == ["Fachtag Kassel"]
    assert _titles(client, "/events/feed.json?kind=workshop") == ["Werkstatt München"]
    assert _titles(client, "/events/feed.json?project=folge") == ["Werkstatt München"]
    assert _titles(client, "/events/feed.json?project=folge&region=DE-HE") == []
    fragment = client.get("/events/embed/snippet.html?kind=online_congress").content.decode()
    assert "Online-Kongress" in fragment and "Fachtag Kassel" not in fragment
    assert "<html" not in fragment and 'href="http://' in fragment  # a fragment, with absolute links


@pytest.mark.parametrize("query", ["kind=party", "region=DE-XY", "project=gibt-es-nicht", "project=%3Cscript%3E"])
def test_an_unknown_filter_is_refused_with_a_reason(client, listed, query):
    page = client.get(f"/events/embed/?{query}")
    assert page.status_code == 400
    assert "Diese Liste kann nicht angezeigt werden" in page.content.decode()
    assert "Fachtag Kassel" not in page.content.decode()
    assert client.get(f"/events/feed.json?{query}").status_code == 400


def test_empty_list_says_so_and_links_to_all_events(client, project):
    page = client.get("/events/embed/").content.decode()
    assert "Zurzeit sind keine Veranstaltungen geplant." in page and "/events/" in page


def test_json_feed_is_json_feed_1_1_with_absolute_links(client, listed, settings):
    settings.SITE_URL = "https://inklusio.example.org"
    response = client.get("/en/events/feed.json?region=DE-HE")
    assert response["Content-Type"].startswith("application/feed+json")
    feed = json.loads(response.content)
    assert feed["version"] == "https://jsonfeed.org/version/1.1" and feed["language"] == "en"
    assert feed["feed_url"] == "https://inklusio.example.org/en/events/feed.json?region=DE-HE"
    [item] = feed["items"]
    event = listed["kassel"]
    assert item["url"] == f"https://inklusio.example.org/en/events/{event.slug}/"
    assert item["_inklusio"]["registration_url"] == f"https://inklusio.example.org/en/events/{event.slug}/register/"
    assert item["_inklusio"]["region"] == "DE-HE" and item["_inklusio"]["kind"] == "conference_day"
    assert "room_url" not in json.dumps(feed)  # the video room is never public


def test_no_other_site_may_frame_it_until_the_setting_names_one(client, listed, settings):
    settings.EMBED_ALLOWED_PARENTS = []
    response = client.get("/events/embed/")
    assert response["X-Frame-Options"] == "SAMEORIGIN"  # inklusio's own preview only
    assert "frame-ancestors 'self';" in response["Content-Security-Policy"] + ";"
    assert not response.cookies


def test_the_named_sites_may_frame_the_embed_and_nothing_else(client, listed, settings):
    settings.EMBED_ALLOWED_PARENTS = ["https://www.verein.de", "http://localhost:8080"]
    for url in ("/events/embed/", "/events/embed/snippet.html", "/en/events/embed/?region=DE-HE"):
        response = client.get(url)
        assert "X-Frame-Options" not in response
        policy = response["Content-Security-Policy"]
        assert "frame-ancestors 'self' https://www.verein.de http://localhost:8080" in policy
        assert "script-src 'self'" in policy  # the rest of the policy stays
    for url in ("/events/", f"/events/{listed['kassel'].slug}/", f"/events/{listed['kassel'].slug}/register/"):
        response = client.get(url)
        assert response["X-Frame-Options"] == "DENY", url
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"], url


@pytest.mark.parametrize("bad", ["*", "https://www.verein.de/seite", "verein.de", "https://*.verein.de"])
def test_a_setting_that_is_not_an_origin_stops_the_page(client, listed, settings, bad):
    settings.EMBED_ALLOWED_PARENTS = [bad]
    with pytest.raises(ImproperlyConfigured):
        client.get("/events/embed/")


def test_only_get(client, listed):
    assert client.post("/events/embed/").status_code == 405
    assert client.post("/events/feed.json").status_code == 405

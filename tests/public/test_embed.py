"""Training offers and good-practice stories for other websites: frame page, fragment and JSON feed show only
what the public lists show, with the same filters, and may be framed only by the sites the setting names."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from .conftest import make_offer

pytestmark = pytest.mark.django_db


def _feed(client, url):
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/feed+json")
    return json.loads(response.content)


def test_offers_list_and_feed_show_published_future_offers_with_the_filters(client, company, other_company, offer):
    make_offer(other_company, occupation="koch")
    make_offer(company, occupation="koch", published=False)  # not published
    make_offer(company, occupation="gaertner", start_date=timezone.localdate() - timedelta(days=1))  # started
    feed = _feed(client, "/ausbildungsangebote/feed.json")
    assert len(feed["items"]) == 2 and feed["version"] == "https://jsonfeed.org/version/1.1"
    [hessen] = _feed(client, "/ausbildungsangebote/feed.json?region=DE-HE")["items"]
    assert hessen["_inklusio"]["organisation"] == "Brückenwerk gGmbH" and hessen["_inklusio"]["town"] == "Kassel"
    assert "ausbildung@bw.example" not in json.dumps(hessen)  # contact details stay behind the inquiry form
    page = client.get("/ausbildungsangebote/embed/?occupation=koch").content.decode()
    assert "Horizont Service gGmbH" in page and "Brückenwerk" not in page
    assert client.get("/ausbildungsangebote/embed/?region=Mars").status_code == 400
    assert client.get("/ausbildungsangebote/feed.json?access=evil").status_code == 400


def test_stories_list_and_feed_show_published_stories_only(client, story, draft):
    feed = _feed(client, "/gute-praxis/feed.json")
    assert [item["title"] for item in feed["items"]] == ["Lagerlogistik mit Gebärdensprache"]
    assert feed["items"][0]["summary"] == "Ein gehörloser Auszubildender im Lager."
    assert _feed(client, "/gute-praxis/feed.json?region=DE-BY")["items"] == []
    fragment = client.get("/gute-praxis/embed/snippet.html").content.decode()
    assert "Lagerlogistik mit Gebärdensprache" in fragment and "Geheimer Entwurf" not in fragment
    assert "<html" not in fragment


def test_empty_lists_say_what_there_is(client, db):
    assert "Noch keine Ausbildungsangebote." in client.get("/ausbildungsangebote/embed/").content.decode()
    assert "Es wurden noch keine Beispiele veröffentlicht." in client.get("/gute-praxis/embed/").content.decode()


def test_framing_follows_the_setting(client, offer, story, settings):
    settings.EMBED_ALLOWED_PARENTS = ["https://www.verein.de"]
    for url in ("/ausbildungsangebote/embed/", "/gute-praxis/embed/snippet.html"):
        response = client.get(url)
        assert "X-Frame-Options" not in response
        assert "frame-ancestors 'self' https://www.verein.de" in response["Content-Security-Policy"]
    for url in ("/ausbildungsangebote/", f"/ausbildungsangebote/{offer.pk}/", "/gute-praxis/"):
        assert client.get(url)["X-Frame-Options"] == "DENY"

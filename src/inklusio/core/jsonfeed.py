"""JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) for the public lists: events, training offers and
good-practice stories, for other sites and feed readers. Absolute URLs from SITE_URL; inklusio's own fields
(dates of an event, the region) go into the ``_inklusio`` extension object, as the format asks."""

from django.conf import settings
from django.http import JsonResponse

VERSION = "https://jsonfeed.org/version/1.1"
CONTENT_TYPE = "application/feed+json; charset=utf-8"


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def feed_response(*, title: str, home_path: str, feed_path: str, language: str, items: list[dict]) -> JsonResponse:
    feed = {
        "version": VERSION,
        "title": title,
        "home_page_url": absolute(home_path),
        "feed_url": absolute(feed_path),
        "language": language,
        "items": items,
    }
    response = JsonResponse(feed, content_type=CONTENT_TYPE, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # public, read-only, no cookies: any site may read it
    return response

"""Which imported post and which hand-logged post are the same post (pure Python, no Django).

Staff log a post by hand when it goes out; later the Meta export brings the same post with its platform ID and
figures. Counting both would count the post twice in the report. Two records are the same post when

1. their addresses are the same once normalised (``url_key``: scheme, ``www.``, case of the host, query,
   fragment and trailing slash do not matter; Instagram's ``?igsh=`` share suffix is a query), or
2. neither address tells them apart (at most one of them has one) and they are on the same channel within
   ``window`` of each other, with no other candidate on either side: a hand-logged post is merged only when it
   is the one hand-logged post near the imported one and the imported one is the one imported post near it.
   Anything ambiguous stays as it is (two similar posts on one afternoon are not guessed at).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit


@dataclass(frozen=True)
class PostRef:
    key: object  # a row number of the file or a post's primary key
    channel: object
    when: datetime
    url: str = ""


def url_key(url: str) -> str:
    """The address without what does not identify the post; "" for no address."""
    url = (url or "").strip()
    if not url:
        return ""
    parts = urlsplit(url if "://" in url else f"https://{url}")
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    return f"{host}{path}" if host else url.lower()


def pair_same_posts(imported: list[PostRef], logged: list[PostRef], window: timedelta) -> list[tuple[object, object]]:
    """Pairs (imported key, logged key) of the same post; each record in at most one pair."""
    pairs = []
    logged_by_url: dict[tuple, list[PostRef]] = {}
    for post in logged:
        if url_key(post.url):
            logged_by_url.setdefault((post.channel, url_key(post.url)), []).append(post)
    used_logged: set = set()
    unpaired = []
    for post in imported:
        same = [p for p in logged_by_url.get((post.channel, url_key(post.url)), []) if p.key not in used_logged]
        if url_key(post.url) and same:
            used_logged.add(same[0].key)
            pairs.append((post.key, same[0].key))
        else:
            unpaired.append(post)

    def near(a: PostRef, b: PostRef) -> bool:
        both_have_urls = url_key(a.url) and url_key(b.url)
        return a.channel == b.channel and not both_have_urls and abs(a.when - b.when) <= window

    free_logged = [p for p in logged if p.key not in used_logged]
    for post in unpaired:
        candidates = [p for p in free_logged if near(post, p)]
        if len(candidates) != 1:
            continue
        rivals = [other for other in unpaired if near(other, candidates[0])]
        if len(rivals) == 1:
            pairs.append((post.key, candidates[0].key))
    return pairs

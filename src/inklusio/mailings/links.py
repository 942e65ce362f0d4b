"""Clicks on the links of a mailing, counted without an open redirect and without knowing who clicked.

In the HTML that is sent, every http(s) link of the mailing's own text points at ``/infoletter/link/<mailing>/<key>/``
instead, ``key`` a digest of the link; that address counts the click (``usage.services``) and redirects to the
link of *that mailing's text* with that digest, and to nothing else: an address of another site, another
mailing's link or a made-up key gets 404. The personal links (web view, preferences, unsubscribe) are never
rewritten, so no token passes through it; the plain-text part keeps its links as written. Mails sent before
this existed hold the links themselves and keep working as they are.
"""

import html
import re
from functools import lru_cache
from urllib.parse import urlsplit

from django.urls import reverse
from django.utils import translation

from inklusio.core import markdown
from inklusio.usage.services import link_key

from . import conf

HREF = re.compile(r'(<a\b[^>]*?\bhref=")([^"]*)(")', re.IGNORECASE)


def _counted(url: str) -> bool:
    return urlsplit(url).scheme.lower() in {"http", "https"}


@lru_cache(maxsize=128)
def _links_of(body: str) -> dict[str, str]:
    found = {}
    for match in HREF.finditer(markdown.render(body, markdown.MAILING)):
        url = html.unescape(match.group(2))
        if _counted(url):
            found[link_key(url)] = url
    return found


def links_of(mailing) -> dict[str, str]:
    """The mailing's own links, by key."""
    return dict(_links_of(mailing.body))


def target(mailing, key: str) -> str | None:
    """Where ``key`` leads in this mailing, or None when it names none of its links."""
    return _links_of(mailing.body).get(key)


def click_url(mailing, url: str) -> str:
    with translation.override(mailing.language):
        path = reverse("mailings_public:link", args=[mailing.pk, link_key(url)])
    return conf.site_url() + path


def with_counted_links(body_html: str, mailing) -> str:
    """The mailing's rendered text with each of its http(s) links going through the counting redirect."""

    def replace(match):
        url = html.unescape(match.group(2))
        if not _counted(url):
            return match.group(0)
        return f"{match.group(1)}{html.escape(click_url(mailing, url))}{match.group(3)}"

    return HREF.sub(replace, body_html)

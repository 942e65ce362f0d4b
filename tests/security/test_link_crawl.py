"""Every link a page shows can be followed by whoever sees the page: no 4xx, no 5xx.

Each role (project lead, project staff, network coordinator, reviewer, company contact, and an anonymous
visitor of the public site) starts at its home pages, German and English, and follows every same-site
``<a href>`` it is shown (GET only: forms are not sent), breadth first. Redirects are followed; what counts is
where the link ends. Each request runs in a savepoint that is rolled back.

Pages with many ids (300 contacts, 40 events) are sampled: at most ``PER_ROUTE`` URLs per URL name and
query-parameter set (``LINK_CRAWL_PER_ROUTE=5`` for a deeper look), so the crawl covers every kind of page in
about a minute. Logout is a form, never a link. Files (PDF, CSV, spreadsheets, images) are requested and their
status checked but not parsed; a link marked ``download`` is requested once per URL name. Static files and
media are left out (the web server serves them). Runs on SQLite only (``rendering``, no browser): which links a
page shows does not depend on the database, and the authorization matrix requests every URL as every role on
PostgreSQL too.
"""

import os
from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import Resolver404, resolve
from django.utils import translation

from ..conftest import Client
from .conftest import clean_client

pytestmark = pytest.mark.rendering

PER_ROUTE = int(os.environ.get("LINK_CRAWL_PER_ROUTE", "2"))  # more for a deeper look
PER_DOWNLOAD_ROUTE = 1
MAX_REQUESTS_PER_ROLE = 900
MAX_REDIRECTS = 5
# Not pages of the site: static files and uploaded media are served by the web server, not by Django.
SKIP_PREFIXES = ("/static/", "/media/")
STARTS = {
    "anonymous": ["/", "/en/", "/leichte-sprache/"],
    "lead": ["/staff/", "/en/staff/"],
    "staff": ["/staff/", "/en/staff/"],
    "coordinator": ["/staff/", "/en/staff/"],
    "reviewer": ["/staff/", "/en/staff/"],
    "company": ["/staff/", "/en/staff/", "/"],  # a company contact: their offers, and the public site
}


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, bool]] = []  # (href, is a download)

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            attributes = dict(attrs)
            if attributes.get("href"):
                self.links.append((attributes["href"], "download" in attributes))


def links_on(html: str, page: str) -> list[tuple[str, bool]]:
    """The same-site links of ``html`` (shown at ``page``) as paths with query, without fragment."""
    parser = _Links()
    parser.feed(html)
    found = []
    for href, download in parser.links:
        parts = urlsplit(urljoin("http://testserver" + page, href))
        if parts.scheme in ("http", "https") and parts.netloc == "testserver":
            found.append((parts.path + (f"?{parts.query}" if parts.query else ""), download))
    return found


def route_of(url: str) -> str | None:
    """The URL name and the names of its query parameters: pages that differ only by ids share a route."""
    parts = urlsplit(url)
    try:
        with translation.override("en" if parts.path.startswith("/en/") else "de"):
            match = resolve(parts.path)
    except Resolver404:
        return None
    return f"{match.view_name}?{','.join(sorted({key for key, _ in parse_qsl(parts.query)}))}"


@dataclass
class Crawl:
    role: str
    session: str | None
    pages: int = 0
    requests: int = 0
    bad: list[str] = field(default_factory=list)
    unvisited: int = 0  # links left in the queue when the request budget ran out

    def client(self) -> Client:
        client = clean_client()
        if self.session:
            client.cookies[settings.SESSION_COOKIE_NAME] = self.session
        return client

    def fetch(self, url: str):
        """GET ``url`` and the redirects after it, each in a savepoint that is rolled back."""
        client = self.client()
        for _hop in range(MAX_REDIRECTS + 1):
            self.requests += 1
            with transaction.atomic():
                response = client.get(url)
                if response.streaming:
                    b"".join(response.streaming_content)
                transaction.set_rollback(True)
            if response.status_code not in (301, 302, 303, 307, 308):
                return url, response
            url = urljoin(url, response["Location"])
            parts = urlsplit(url)
            if parts.netloc not in ("", "testserver"):
                return url, response
            url = parts.path + (f"?{parts.query}" if parts.query else "")
        return url, response


def crawl(role: str, session: str | None) -> Crawl:
    run = Crawl(role, session)
    queue = deque((start, "(start)", False) for start in STARTS[role])
    seen = {start for start in STARTS[role]}
    per_route: Counter = Counter()
    while queue and run.requests < MAX_REQUESTS_PER_ROLE:
        url, shown_on, download = queue.popleft()
        route = route_of(url)
        if route is None:
            run.bad.append(f"{role}: {shown_on} links to {url}, which matches no URL pattern")
            continue
        limit = PER_DOWNLOAD_ROUTE if download else PER_ROUTE
        if shown_on != "(start)" and per_route[route] >= limit:
            continue
        per_route[route] += 1
        landed, response = run.fetch(url)
        if response.status_code >= 400:
            run.bad.append(f"{role}: {shown_on} links to {url} -> {response.status_code} (at {landed})")
            continue
        content_type = response.get("Content-Type", "")
        if download or response.streaming or not content_type.startswith("text/html"):
            continue
        run.pages += 1
        for link, is_download in links_on(response.content.decode(), landed):
            if link not in seen and not link.startswith(SKIP_PREFIXES):
                seen.add(link)
                queue.append((link, url, is_download))
    run.unvisited = len(queue)
    return run


@pytest.mark.parametrize("role", list(STARTS))
def test_every_link_a_role_is_shown_can_be_followed(world, role):
    run = crawl(role, world.sessions[role])
    print(f"{role}: {run.pages} pages, {run.requests} requests")
    assert run.pages >= (5 if role == "anonymous" else 10), f"the crawl reached too little: {run.pages} pages"
    assert run.unvisited == 0, f"the request budget ran out with {run.unvisited} links unchecked"
    assert not run.bad, f"{len(run.bad)} links end in an error:\n" + "\n".join(run.bad)

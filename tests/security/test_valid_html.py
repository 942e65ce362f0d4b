"""Every HTML page passes the W3C Nu Html Checker (vnu) with zero errors.

The test loads the demo, crawls the site from its start pages (anonymous, and as the demo project lead with the
second login step passed), follows links within the site and adds every named GET view that needs no argument,
then validates all collected pages with ONE vnu run (one JVM start). vnu comes from npm (``vnu-jar``, pinned in
scripts/test.sh, installed into ``.vendor-node/``) and needs a Java runtime; without both the test is skipped
unless ``INKLUSIO_REQUIRE_VNU`` is set (CI sets it, so CI cannot skip it silently).
"""

import json
import os
import shutil
import subprocess
import time
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import OperationalError, connection
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.utils import translation

from inklusio.core.demo import DEMO_USERNAME, demo_authenticator, ensure_demo_login
from inklusio.core.views_errors import server_error
from tests.conftest import Client
from tests.core.dashboard_world import build_world
from tests.demo_snapshot import load_demo_fast

pytestmark = [pytest.mark.django_db, pytest.mark.rendering]

TOP = Path(__file__).resolve().parents[2]
VNU_JAR = Path(os.environ.get("VNU_JAR", TOP / ".vendor-node/node_modules/vnu-jar/build/dist/vnu.jar"))
START_PAGES = ["/", "/en/", "/leichte-sprache/"]
STAFF_START_PAGES = ["/staff/", "/en/staff/"]
PER_ROUTE = 2  # pages per URL pattern and language: breadth over depth (not all 300 contact pages)
MAX_PAGES = 400
SKIP_PREFIXES = ("/static/", "/media/", "/staff/logout/", "/en/staff/logout/")
# HTML fragments for other sites' pages, not documents: tests/public/test_embed_valid_html.py checks them wrapped.
SKIP_SUFFIXES = ("/embed/snippet.html",)


def vnu_command() -> list[str] | None:
    java = shutil.which("java")
    if java is None or not VNU_JAR.exists():
        return None
    return [java, "-Xss8m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)


def links_of(html: str, base: str) -> list[str]:
    parser = LinkParser()
    parser.feed(html)
    found = []
    for href in parser.links:
        parts = urlsplit(urljoin("http://testserver" + base, href))
        if parts.netloc == "testserver" and parts.scheme in ("http", "https"):
            found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def named_urls_without_arguments() -> list[str]:
    """Paths of every named view that takes no argument (German, and English under /en/)."""
    paths = []

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern) and pattern.name and not pattern.pattern.regex.groupindex:
                route = prefix + str(pattern.pattern)
                if "<" not in route and "(" not in route and "^" not in route:
                    paths.append("/" + route)

    walk(get_resolver().url_patterns, "")
    paths = [p.replace("/de/", "/", 1) if p.startswith("/de/") else p for p in paths]
    return paths + ["/en" + p for p in paths if p != "/healthz"]


def route_key(path: str) -> str | None:
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    language = "en" if path.startswith("/en/") else "de"
    return f"{language}:{match.route}:{bool(urlsplit(path).query)}"


def crawl(client, starts: list[str], pages: dict[str, str], extra: list[str]) -> None:
    queue = list(starts) + list(extra)
    seen = set(queue)
    per_route: Counter = Counter()
    while queue and len(pages) < MAX_PAGES:
        path = queue.pop(0)
        if path.startswith(SKIP_PREFIXES) or path.split("?")[0].endswith(SKIP_SUFFIXES):
            continue
        key = route_key(path)
        if key is None:
            continue
        if path not in starts and path not in extra and per_route[key] >= PER_ROUTE:
            continue
        per_route[key] += 1
        response = client.get(path)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        if getattr(response, "streaming", False):
            continue
        html = response.content.decode()
        pages.setdefault(path, html)
        for link in links_of(html, path):
            if link not in seen:
                seen.add(link)
                queue.append(link)


def error_pages(logged_in) -> dict[str, str]:
    """The error pages (404, 403, 400, CSRF failure, 500), public and staff, German and English."""
    found = {}
    anonymous, strict, staff = Client(), Client(enforce_csrf_checks=True), Client()
    member = get_user_model().objects.create_user("html-check-staff")
    member.groups.set([Group.objects.get(name="project_staff")])
    staff.force_login(member)
    too_many = "&".join(f"f{i}=1" for i in range(1100))
    requests = [
        ("404 public de", anonymous, "/gibt-es-nicht/", 404),
        ("404 public en", anonymous, "/en/nothing-here/", 404),
        ("404 staff de", logged_in, "/staff/contacts/people/999999/", 404),
        ("404 staff en anonymous", anonymous, "/en/staff/nothing-here/", 404),
        ("400 public de", anonymous, f"/gute-praxis/?{too_many}", 400),
        ("403 staff en", staff, "/en/staff/users/", 403),
        ("403 staff de", staff, "/staff/users/", 403),
    ]
    for name, client, path, status in requests:
        response = client.get(path)
        assert response.status_code == status, (name, response.status_code)
        found[f"({name}) {path[:40]}"] = response.content.decode()
    for name, path in (("csrf public de", "/kontakt/"), ("csrf staff en", "/en/staff/login/")):
        response = strict.post(path, {})
        assert response.status_code == 403, (name, response.status_code)
        found[f"({name}) {path}"] = response.content.decode()

    def no_database(*args):
        raise OperationalError("the database is down")

    with connection.execute_wrapper(no_database):
        response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500
    found["(500 public de) /"] = response.content.decode()
    with translation.override("en"):
        found["(500 staff en) /en/staff/"] = server_error(RequestFactory().get("/en/staff/")).content.decode()
    return found


def removal_pages() -> list[str]:
    """Confirmation pages of removals and the tag pages: reached only from detail pages deep in the crawl."""
    from django.urls import reverse

    from inklusio.contacts.models import Organisation, Tag
    from inklusio.events.models import Event
    from inklusio.mailings.models import Mailing

    event = Event.objects.filter(registrations__isnull=False).first()
    return [
        reverse("events:event_remove", args=[event.pk]),
        reverse("events:item_remove", args=[event.pk, event.programme.first().pk]),
        reverse("mailings:mailing_remove", args=[Mailing.objects.filter(status="draft").first().pk]),
        reverse("contacts:organisation_remove", args=[Organisation.objects.first().pk]),
        reverse("contacts:tag_list"),
        reverse("contacts:tag_edit", args=[Tag.objects.first().pk]),
        reverse("contacts:tag_remove", args=[Tag.objects.first().pk]),
    ]


def vnu_errors(command, pages: dict[str, str], tmp_path) -> list[str]:
    """Validate the pages (path: HTML) with one vnu run; ``"path:line: message"`` for each error."""
    folder = tmp_path / "pages"  # not tmp_path itself: the media files of the demo live there too
    folder.mkdir()
    names = {}
    for index, (path, html) in enumerate(sorted(pages.items())):
        name = f"page-{index:04d}.html"
        (folder / name).write_text(html)
        names[name] = path

    started = time.monotonic()
    result = subprocess.run([*command, str(folder)], capture_output=True, text=True, timeout=600)
    elapsed = time.monotonic() - started
    # vnu writes its JSON report to stderr; a crash leaves no JSON there.
    report = json.loads(result.stderr)
    errors = [
        f"{names.get(Path(unquote(urlsplit(m.get('url', '')).path)).name, m.get('url'))}:{m.get('lastLine')}: "
        f"{m.get('message')}"
        for m in report["messages"]
        if m.get("type") in ("error", "non-document-error")
    ]
    print(f"vnu checked {len(pages)} pages in {elapsed:.1f} s")
    if dump := os.environ.get("INKLUSIO_VNU_DUMP"):  # keep the pages and the full list for debugging
        shutil.copytree(folder, dump, dirs_exist_ok=True)
        Path(dump, "errors.txt").write_text("\n".join(errors))
    return errors


def vnu_or_skip() -> list[str]:
    command = vnu_command()
    if command is None:
        if os.environ.get("INKLUSIO_REQUIRE_VNU"):
            pytest.fail(f"vnu is required but missing: java and {VNU_JAR} (scripts/test.sh installs both)")
        pytest.skip("vnu.jar or java missing (scripts/test.sh installs them)")
    return command


def test_every_crawled_page_passes_the_nu_html_checker(tmp_path):
    command = vnu_or_skip()
    load_demo_fast()
    ensure_demo_login()
    demo_authenticator()  # the lead role requires the second login step; force_login passes it
    pages: dict[str, str] = {}
    named = named_urls_without_arguments()
    crawl(Client(), START_PAGES, pages, [p for p in named if not p.startswith(("/staff", "/en/staff"))])
    lead = Client()
    lead.force_login(get_user_model().objects.get(username=DEMO_USERNAME))
    staff_pages = [p for p in named if p.startswith(("/staff", "/en/staff"))] + removal_pages()
    crawl(lead, STAFF_START_PAGES, pages, staff_pages)

    assert set(removal_pages()) <= set(pages)
    pages.update(error_pages(lead))
    assert len(pages) >= 60, sorted(pages)  # the crawl reached the site, not just a login page
    assert any(p.startswith("/staff/impact/") for p in pages)
    assert any(p.startswith("/staff/worldcafe/") for p in pages)
    errors = vnu_errors(command, pages, tmp_path)
    # Show each distinct error once per page, and at most 300 lines, so a systematic error stays readable.
    shown = list(dict.fromkeys(errors))
    assert not errors, f"{len(errors)} vnu errors in {len(pages)} pages:\n" + "\n".join(shown[:300])


def test_the_overview_of_every_role_passes_the_nu_html_checker(tmp_path, make_user):
    """The demo has no open work to show; this world has every panel filled, flags and all."""
    command = vnu_or_skip()
    world = build_world(make_user)
    pages = {}
    for role in ("lead", "staff", "coordinator", "reviewer"):
        client = Client()
        client.force_login(getattr(world, role))
        for path in ("/staff/", "/en/staff/"):
            pages[f"{path}?role={role}"] = client.get(path).content.decode()
    lead = Client()
    lead.force_login(world.lead)
    for path in (
        f"/staff/contacts/inquiries/{world.overdue.pk}/",
        f"/staff/contacts/inquiries/{world.overdue.pk}/edit/",
    ):
        pages[path] = lead.get(path).content.decode()
    errors = vnu_errors(command, pages, tmp_path)
    assert not errors, "\n".join(dict.fromkeys(errors))

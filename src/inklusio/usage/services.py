"""Counting the use of the public pages, documents and Infoletter links: what other areas call.

A use is counted when the request is a person's (``filtering``), the visitor has not used the same thing within
the repeat window (``visitors``), and then only as one increment in this process's buffer (``buffer``); the
database sees it later, in a batch. Logged-in staff are not counted: the figures are about the public.
"""

import hashlib

from django.utils import timezone

from . import buffer, filtering, store, visitors
from .models import Section

# The public pages counted, by URL name, with the area each belongs to. Pages with personal tokens (registrations,
# subscriptions, the personal web view of a mailing) are never counted: their addresses must not be stored.
PAGES = {
    "public:home": Section.HOME,
    "events_public:list": Section.EVENTS,
    "events_public:detail": Section.EVENTS,
    "events_public:programme": Section.EVENTS,
    "public:offer_list": Section.OFFERS,
    "public:offer_detail": Section.OFFERS,
    "public:story_list": Section.STORIES,
    "public:goodpractice_detail": Section.STORIES,
    "mailings_public:archive": Section.ARCHIVE,
    "mailings_public:archive_detail": Section.ARCHIVE,
    "public_easy:home": Section.EASY,
    "public_easy:story_list": Section.EASY,
    "public_easy:story_detail": Section.EASY,
    "public_easy:offer_list": Section.EASY,
    "public_easy:offer_detail": Section.EASY,
    "events_easy:list": Section.EASY,
    "events_easy:detail": Section.EASY,
    "events_public:feed": Section.DOWNLOADS,
    "events_public:calendar": Section.DOWNLOADS,
}
PAGE_MAX_LENGTH = 300


def _is_staff(request) -> bool:
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


def section_of(request) -> str | None:
    match = getattr(request, "resolver_match", None)
    return PAGES.get(match.view_name) if match is not None else None


def count_page_view(request, response) -> bool:
    """Count the response to ``request`` if it is a person's view of a counted public page; True if counted."""
    if request.method != "GET" or response.status_code != 200:
        return False
    section = section_of(request)
    if section is None or not filtering.counts(request.method, response.status_code, request.META):
        return False
    if _is_staff(request):
        return False
    page = request.path[:PAGE_MAX_LENGTH]
    day = timezone.localdate()
    if not visitors.first_in_window(request, page, day):
        return False
    buffer.record(store.page_key(day, section, page))
    return True


def link_key(url: str) -> str:
    """The short, stable name of a link in a redirect address."""
    return hashlib.sha256(url.encode()).hexdigest()[:32]


def count_link_click(request, *, mailing_id: int, url: str) -> bool:
    """Count a person's click on ``url`` in mailing ``mailing_id`` (already checked to be one of its links)."""
    if not filtering.counts(request.method, 200, request.META) or _is_staff(request):
        return False
    key = link_key(url)
    day = timezone.localdate()
    if not visitors.first_in_window(request, f"click:{mailing_id}:{key}", day):
        return False
    buffer.record(store.click_key(day, mailing_id, key, url))
    return True

"""Demo data of the use of the digital offers: plausible daily counts for 2022 to 2025, made up deterministically.

Interest grows over the years (about a fifth more per half year, with a summer dip, quiet weekends and busy
weeks before the events), so the reference report's sentence on growing interest in the digital offers is
borne out by the figures. Written with one bulk insert per table; it draws from its own seeded generator so
the other areas' demo data stay as they are.
"""

import math
import random
import re
from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone, translation

from .models import LinkClickDay, PageViewDay, Section
from .services import link_key

FIRST_DAY, LAST_DAY = date(2022, 1, 1), date(2025, 12, 31)
DAILY_AT_START = 24.0  # views a day in January 2022
GROWTH_PER_YEAR = 0.42  # exponential: about 1.5 times a year
WEEKDAY = [1.15, 1.2, 1.15, 1.1, 0.95, 0.55, 0.5]
MONTH = [1.0, 1.05, 1.05, 1.0, 1.0, 0.95, 0.8, 0.75, 1.0, 1.05, 1.1, 0.85]
# (URL name, kwargs, area, share of the day's views)
FIXED_PAGES = [
    ("public:home", {}, Section.HOME, 0.26),
    ("events_public:list", {}, Section.EVENTS, 0.1),
    ("public:offer_list", {}, Section.OFFERS, 0.16),
    ("public:story_list", {}, Section.STORIES, 0.09),
    ("mailings_public:archive", {}, Section.ARCHIVE, 0.035),
    ("public_easy:home", {}, Section.EASY, 0.03),
    ("public_easy:story_list", {}, Section.EASY, 0.012),
    ("events_easy:list", {}, Section.EASY, 0.01),
    ("events_public:feed", {}, Section.DOWNLOADS, 0.012),
]
LINK = re.compile(r"\]\((https?://[^)\s]+)\)")


def _path(name, **kwargs) -> str:
    with translation.override("de"):
        return reverse(name, kwargs=kwargs)


def _expected(day: date) -> float:
    years = (day - FIRST_DAY).days / 365.25
    return DAILY_AT_START * math.exp(GROWTH_PER_YEAR * years) * WEEKDAY[day.weekday()] * MONTH[day.month - 1]


def _noisy(rng, value: float) -> int:
    return max(0, round(value * rng.uniform(0.75, 1.25)))


def _days():
    day = FIRST_DAY
    while day <= LAST_DAY:
        yield day
        day += timedelta(days=1)


def _event_pages(context) -> list[tuple[str, str, date]]:
    pages = []
    for event in context.get("events", []):
        when = timezone.localdate(event.starts_at)
        pages.append((_path("events_public:detail", slug=event.slug), Section.EVENTS, when))
        pages.append((_path("events_public:calendar", slug=event.slug), Section.DOWNLOADS, when))
    return pages


def _story_pages(context) -> list[tuple[str, date]]:
    return [
        (_path("public:goodpractice_detail", pk=story.pk), story.published_on)
        for story in context.get("good_practices", [])
        if story.status == "published" and story.published_on
    ]


def page_rows(context, rng) -> list[PageViewDay]:
    events, stories = _event_pages(context), _story_pages(context)
    fixed = [(_path(name, **kwargs), section, share) for name, kwargs, section, share in FIXED_PAGES]
    rows = []
    for day in _days():
        expected = _expected(day)
        counts: dict[tuple[str, str], int] = {}
        for page, section, share in fixed:
            counts[(page, section)] = _noisy(rng, expected * share)
        for page, published in stories:
            if day >= published:
                counts[(page, Section.STORIES)] = _noisy(rng, expected * 0.025)
        for page, section, when in events:
            before = (when - day).days
            if 0 <= before <= 42:  # the weeks before an event: its page is busy, the more the closer
                share = (0.12 if section == Section.EVENTS else 0.02) * (1.5 - before / 42)
                counts[(page, section)] = _noisy(rng, expected * share)
        rows.extend(
            PageViewDay(day=day, section=section, page=page, count=count)
            for (page, section), count in counts.items()
            if count
        )
    return rows


def click_rows(context, rng) -> list[LinkClickDay]:
    rows = []
    for mailing in context.get("infoletter_mailings", []):
        if mailing.finished_at is None:
            continue
        sent = timezone.localdate(mailing.finished_at)
        for url in dict.fromkeys(LINK.findall(mailing.body)):
            for offset in range(21):  # most clicks on the day and the day after, a few for three weeks
                count = _noisy(rng, 38 * math.exp(-offset / 2.5))
                if count:
                    rows.append(
                        LinkClickDay(
                            day=sent + timedelta(days=offset),
                            mailing=mailing,
                            url=url,
                            url_key=link_key(url),
                            count=count,
                        )
                    )
    return rows


def load(context: dict) -> None:
    rng = random.Random(19)  # its own generator: the other areas' demo data do not depend on this one
    PageViewDay.objects.bulk_create(page_rows(context, rng), batch_size=5000)
    LinkClickDay.objects.bulk_create(click_rows(context, rng), batch_size=5000)

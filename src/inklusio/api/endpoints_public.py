"""The public, read-only part: what the public pages show, for the association's own website and apps."""

from datetime import datetime

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_noop  # marked for the docs page; the schema stays English
from ninja import Field as F
from ninja import Query, Router, Schema

from inklusio.events import queries as events
from inklusio.public import queries as public

from . import cursors, schemas

router = Router(tags=["public"])


class Listing(Schema):
    cursor: str | None = None
    limit: int = F(50, ge=1, le=200)


class Changes(Listing):
    modified_since: datetime | None = F(
        None, description=gettext_noop("Only rows changed at or after this time (ISO 8601).")
    )


class EventFilter(Listing):
    kind: str = ""
    region: str = ""
    project: str = F("", description=gettext_noop("A project's short name."))


@router.get(
    "/events",
    response=schemas.PublicEventPage,
    url_name="public_events",
    summary=gettext_noop("Upcoming public events"),
)
def public_events(request, filters: Query[EventFilter]):
    rows = events.upcoming_public_events(kind=filters.kind, region=filters.region, project=filters.project)
    return cursors.answer(rows.select_related("project"), filters, field="starts_at")


@router.get(
    "/events/{slug}", response=schemas.PublicEvent, url_name="public_event", summary=gettext_noop("One public event")
)
def public_event(request, slug: str):
    return get_object_or_404(events.public_events().select_related("project"), slug=slug)


@router.get(
    "/events/{slug}/programme",
    response=list[schemas.ProgrammeEntry],
    url_name="public_programme",
    summary=gettext_noop("A public event's programme"),
)
def public_programme(request, slug: str):
    event = get_object_or_404(events.public_events(), slug=slug)
    return list(events.programme_items(event))


@router.get(
    "/offers", response=schemas.PublicOfferPage, url_name="public_offers", summary=gettext_noop("Training offers")
)
def public_offers(request, filters: Query[Changes]):
    return cursors.answer(public.public_offers(), filters)


@router.get(
    "/stories",
    response=schemas.PublicStoryPage,
    url_name="public_stories",
    summary=gettext_noop("Good-practice stories"),
)
def public_stories(request, filters: Query[Changes]):
    return cursors.answer(public.published_stories(), filters)

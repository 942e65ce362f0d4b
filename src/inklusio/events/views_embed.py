"""The event list for other websites: a page to show in a frame, the same list as a bare HTML fragment (for a
server-side include, no JavaScript anywhere), and a JSON feed. Public data only; filtered by kind, region and
project; registration opens on inklusio."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from inklusio.core import jsonfeed
from inklusio.core.embedding import embeddable

from . import queries
from .forms import EmbedFilterForm

LIMIT = 50


def _filtered(request):
    """``(form, events)``: the upcoming public events the query string asks for; no events for a bad filter."""
    form = EmbedFilterForm(request.GET)
    if not form.is_valid():
        return form, []
    data = form.cleaned_data
    events = queries.upcoming_public_events(kind=data["kind"], region=data["region"], project=data["project"])
    return form, list(events.select_related("project")[:LIMIT])


def _list(request, template):
    form, events = _filtered(request)
    status = 200 if form.is_valid() else 400
    context = {"form": form, "events": events, "site_url": settings.SITE_URL}
    return render(request, template, context, status=status)


@require_GET
@embeddable
def embed(request):
    return _list(request, "events/embed/page.html")


@require_GET
@embeddable
def snippet(request):
    return _list(request, "events/embed/snippet.html")


@require_GET
def feed(request):
    form, events = _filtered(request)
    if not form.is_valid():
        return HttpResponse(" ".join(e for errors in form.errors.values() for e in errors), status=400)
    items = [
        {
            "id": jsonfeed.absolute(event.get_public_url()),
            "url": jsonfeed.absolute(event.get_public_url()),
            "title": event.title,
            "content_text": event.description,
            "date_published": timezone.localtime(event.created).isoformat(),
            "_inklusio": {
                "starts_at": timezone.localtime(event.starts_at).isoformat(),
                "ends_at": timezone.localtime(event.ends_at).isoformat(),
                "kind": event.kind,
                "region": event.region,
                "venue": event.venue if event.has_venue else "",
                "online": event.is_online,
                "cancelled": event.cancelled,
                "project": event.project.slug,
                "registration_url": jsonfeed.absolute(reverse("events_public:register", args=[event.slug])),
            },
        }
        for event in events
    ]
    return jsonfeed.feed_response(
        title=_("Events"),
        home_path=reverse("events_public:list"),
        feed_path=request.get_full_path(),
        language=get_language() or "de",
        items=items,
    )

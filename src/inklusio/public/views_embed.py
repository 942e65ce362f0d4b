"""Training offers and good-practice stories for other websites, like the event list (events/views_embed.py): a
page to show in a frame, a bare HTML fragment, and a JSON feed; filtered with the public lists' own filters."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from inklusio.core import jsonfeed
from inklusio.core.embedding import embeddable

from .forms import OfferFilterForm, StoryFilterForm
from .queries import filter_offers, public_offers, published_stories, search_stories

LIMIT = 50


def _offers(request):
    form = OfferFilterForm(request.GET)
    if not form.is_valid():
        return form, []
    offers = filter_offers(public_offers(), form.cleaned_data, form.fields["occupation"].choices)
    return form, list(offers.order_by("start_date", "pk")[:LIMIT])


def _stories(request):
    form = StoryFilterForm(request.GET)
    if not form.is_valid():
        return form, []
    stories = search_stories(published_stories(), form.cleaned_data["q"])
    if form.cleaned_data["region"]:
        stories = stories.filter(region=form.cleaned_data["region"])
    if form.cleaned_data["tag"]:
        stories = stories.filter(tags=form.cleaned_data["tag"])
    return form, list(stories.order_by("-published_on", "-pk")[:LIMIT])


LISTS = {"offers": _offers, "stories": _stories}


def _render(request, kind, template):
    form, items = LISTS[kind](request)
    context = {"form": form, "items": items, "kind": kind, "site_url": settings.SITE_URL}
    return render(request, template, context, status=200 if form.is_valid() else 400)


@require_GET
@embeddable
def embed(request, kind):
    return _render(request, kind, "public/embed/page.html")


@require_GET
@embeddable
def snippet(request, kind):
    return _render(request, kind, "public/embed/snippet.html")


def _bad_filter(form):
    return HttpResponse(" ".join(e for errors in form.errors.values() for e in errors), status=400)


@require_GET
def offers_feed(request):
    form, offers = _offers(request)
    if not form.is_valid():
        return _bad_filter(form)
    items = [
        {
            "id": jsonfeed.absolute(offer.get_absolute_url()),
            "url": jsonfeed.absolute(offer.get_absolute_url()),
            "title": f"{offer.occupation_name} – {offer.organisation.name}",
            "content_text": offer.description,
            "date_published": offer.created.isoformat(),
            "date_modified": offer.updated.isoformat(),
            "_inklusio": {
                "occupation": offer.occupation_name,
                "organisation": offer.organisation.name,
                "region": offer.region,
                "town": offer.city,
                "start_date": offer.start_date.isoformat(),
                "form": offer.form,
                "places": offer.places,
            },
        }
        for offer in offers
    ]
    return jsonfeed.feed_response(
        title=_("Training places in inclusion companies"),
        home_path=reverse("public:offer_list"),
        feed_path=request.get_full_path(),
        language=get_language() or "de",
        items=items,
    )


@require_GET
def stories_feed(request):
    form, stories = _stories(request)
    if not form.is_valid():
        return _bad_filter(form)
    items = [
        {
            "id": jsonfeed.absolute(story.get_absolute_url()),
            "url": jsonfeed.absolute(story.get_absolute_url()),
            "title": story.title,
            "summary": story.teaser,
            "content_text": story.body,
            "date_published": (story.published_on or story.created.date()).isoformat(),
            "date_modified": story.updated.isoformat(),
            "_inklusio": {
                "region": story.region,
                "organisation": story.organisation.name if story.organisation else "",
            },
        }
        for story in stories
    ]
    return jsonfeed.feed_response(
        title=_("Good practice"),
        home_path=reverse("public:story_list"),
        feed_path=request.get_full_path(),
        language=get_language() or "de",
        items=items,
    )

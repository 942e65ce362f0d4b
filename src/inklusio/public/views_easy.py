"""Leichte Sprache pages: German (Leichte Sprache is a form of German), each links to its standard page.

The home page and the good-practice stories are rendered in German as a whole. The pages with forms and
searches keep the visitor's language for the frame (under /en/ the frame says in English that the page is
German) and put their German content in ``lang="de"`` (public/easy/base_easy.html).
"""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import translation

from inklusio.contacts.services import InquiryKind

from .forms_easy import EasyBarrierFeedbackForm, EasyContactForm, EasyOfferFilterForm
from .models import SitePage
from .queries import current_project, filter_offers, public_offers, published_stories, site_page
from .views import PAGE_SIZE, barrier_topic, inquiry_form_view

# The subject of an inquiry sent from a Leichte Sprache page starts with this, so the staff answer in kind.
EASY_TOPIC_PREFIX = "[Leichte Sprache] "


def _render(request, template, context):
    with translation.override("de"):
        response = render(request, template, {**context, "easy_language": True})
    response["Content-Language"] = "de"
    return response


def _easy(request, template, context=None, status=200):
    return render(request, template, {**(context or {}), "easy_language": True}, status=status)


def home(request):
    project = current_project()
    return _render(
        request, "public/easy/home.html", {"project": project, "page": site_page(project, SitePage.Kind.HOME_EASY)}
    )


def story_list(request):
    return _render(request, "public/easy/story_list.html", {"stories": published_stories()})


def story_detail(request, pk):
    story = get_object_or_404(published_stories().prefetch_related("images"), pk=pk)
    return _render(request, "public/easy/story_detail.html", {"story": story})


# --- training offers ----------------------------------------------------------------------------------------


def offer_list(request):
    form = EasyOfferFilterForm(request.GET or None)
    offers = public_offers()
    if form.is_valid():
        offers = filter_offers(offers, form.cleaned_data, form.fields["occupation"].choices)
    page_obj = Paginator(offers, PAGE_SIZE).get_page(request.GET.get("page"))
    return _easy(request, "public/easy/offer_list.html", {"form": form, "page_obj": page_obj})


def offer_detail(request, pk):
    offer = get_object_or_404(public_offers(), pk=pk)
    return _easy(request, "public/easy/offer_detail.html", {"offer": offer})


# --- contact, accessibility, privacy ------------------------------------------------------------------------


def contact(request):
    return inquiry_form_view(
        request,
        EasyContactForm,
        InquiryKind.GENERAL,
        "public/easy/contact.html",
        "public_easy:contact_sent",
        lambda data: EASY_TOPIC_PREFIX + data["topic"],
        {"easy_language": True},
        easy_language=True,
    )


def contact_sent(request):
    return _easy(request, "public/easy/sent.html", {"kind": "contact"})


def accessibility(request):
    project = current_project()
    return inquiry_form_view(
        request,
        EasyBarrierFeedbackForm,
        InquiryKind.ACCESSIBILITY,  # the same inbox as the standard statement's feedback
        "public/easy/accessibility.html",
        "public_easy:accessibility_sent",
        lambda data: EASY_TOPIC_PREFIX + barrier_topic(data),
        {"easy_language": True, "page": site_page(project, SitePage.Kind.ACCESSIBILITY)},
        easy_language=True,
    )


def accessibility_sent(request):
    return _easy(request, "public/easy/sent.html", {"kind": "accessibility"})


def privacy(request):
    return _easy(request, "public/easy/privacy.html")

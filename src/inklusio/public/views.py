"""The public pages: thin views that parse input, call queries or services, and render."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from inklusio.contacts.services import InquiryKind

from . import extensions, images, services, sitemaps
from .forms import BarrierFeedbackForm, ContactForm, OfferFilterForm, OfferInquiryForm, StoryFilterForm
from .models import SitePage
from .queries import current_project, filter_offers, public_offers, search_stories, site_page, stories_for_user

PAGE_SIZE = 20


def home(request):
    project = current_project()
    context = {
        "project": project,
        "page": site_page(project, SitePage.Kind.HOME),
        "home_blocks": extensions.home_blocks(),
    }
    context.update(extensions.home_context(request, project))
    return render(request, "public/home.html", context)


# --- training offers ----------------------------------------------------------------------------------------


def offer_list(request):
    form = OfferFilterForm(request.GET or None)
    offers = public_offers()
    if form.is_valid():
        offers = filter_offers(offers, form.cleaned_data, form.fields["occupation"].choices)
    page_obj = Paginator(offers, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "public/offer_list.html", {"form": form, "page_obj": page_obj, "filtered": bool(request.GET)}
    )


def offer_detail(request, pk):
    offer = get_object_or_404(public_offers(), pk=pk)
    project = current_project()
    form = OfferInquiryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if not form.silently_rejected:
                services.submit_inquiry(
                    project=project,
                    kind=InquiryKind.TRAINING_OFFER,
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                    topic=_("Training place: %(occupation)s, %(company)s")
                    % {"occupation": offer.occupation_name, "company": offer.organisation.name},
                    message=form.cleaned_data["message"],
                    offer=offer,
                )
        except ValidationError as error:  # e.g. no project set up yet: a message, not a server error
            form.add_error(None, error)
        else:
            return redirect("public:offer_inquiry_sent", pk=offer.pk)
    return render(request, "public/offer_detail.html", {"offer": offer, "form": form, "project": project})


def offer_inquiry_sent(request, pk):
    offer = get_object_or_404(public_offers(), pk=pk)
    return render(request, "public/sent.html", {"kind": "offer", "offer": offer, "back": offer.get_absolute_url()})


# --- good practice ------------------------------------------------------------------------------------------


def story_list(request):
    form = StoryFilterForm(request.GET or None)
    stories = stories_for_user(request.user).prefetch_related("tags", "images")
    if form.is_valid():
        data = form.cleaned_data
        stories = search_stories(stories, data["q"])
        if data["region"]:
            stories = stories.filter(region=data["region"])
        if data["tag"]:
            stories = stories.filter(tags=data["tag"])
    page_obj = Paginator(stories, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "public/story_list.html", {"form": form, "page_obj": page_obj, "filtered": bool(request.GET)}
    )


def story_detail(request, pk):
    story = get_object_or_404(stories_for_user(request.user).prefetch_related("tags", "images"), pk=pk)
    return render(request, "public/story_detail.html", {"story": story})


@require_GET
def story_image(request, pk, image_pk):
    story = get_object_or_404(stories_for_user(request.user), pk=pk)
    image = get_object_or_404(story.images, pk=image_pk)
    try:
        handle = image.image.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=image.content_type)
    response["Cache-Control"] = "public, max-age=86400"
    response["Content-Security-Policy"] = "default-src 'none'"
    return response


@require_GET
def funder_logo(request, pk):
    page = get_object_or_404(SitePage, pk=pk, kind=SitePage.Kind.HOME)
    if not page.funder_logo:
        raise Http404
    try:
        handle = page.funder_logo.open("rb")
    except FileNotFoundError:
        raise Http404 from None

    try:
        content_type = images.check(handle, 10 * 1024 * 1024)
    except Exception:
        raise Http404 from None
    response = FileResponse(handle, content_type=content_type)
    response["Content-Security-Policy"] = "default-src 'none'"
    return response


# --- contact, statements ------------------------------------------------------------------------------------


def inquiry_form_view(request, form_class, kind, template, sent_url, topic, extra=None, easy_language=False):
    """A public form that becomes an inquiry (contact, barrier feedback; also in Leichte Sprache: views_easy)."""
    project = current_project()
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if not form.silently_rejected:
                services.submit_inquiry(
                    project=project,
                    kind=kind,
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                    topic=topic(form.cleaned_data),
                    message=form.cleaned_data["message"],
                    easy_language=easy_language,
                )
        except ValidationError as error:  # e.g. no project set up yet: a message, not a server error
            form.add_error(None, error)
        else:
            return redirect(sent_url)
    return render(request, template, {"form": form, "project": project, **(extra or {})})


def contact(request):
    return inquiry_form_view(
        request,
        ContactForm,
        InquiryKind.GENERAL,
        "public/contact.html",
        "public:contact_sent",
        lambda data: data["topic"],
    )


def contact_sent(request):
    return render(request, "public/sent.html", {"kind": "contact", "back": reverse("public:home")})


def barrier_topic(data) -> str:
    """The subject of a barrier report, for the staff's inbox (in the language of the page it came from)."""
    page = data.get("page") or ""
    return (_("Barrier reported: %(page)s") % {"page": page}) if page else _("Barrier reported")


def accessibility(request):
    project = current_project()

    return inquiry_form_view(
        request,
        BarrierFeedbackForm,
        InquiryKind.ACCESSIBILITY,
        "public/accessibility.html",
        "public:accessibility_sent",
        barrier_topic,
        {"page": site_page(project, SitePage.Kind.ACCESSIBILITY)},
    )


def accessibility_sent(request):
    return render(request, "public/sent.html", {"kind": "accessibility", "back": reverse("public:accessibility")})


def _statement(request, kind, fallback_title, extra=None):
    project = current_project()
    page = site_page(project, kind)
    return render(request, "public/statement.html", {"page": page, "fallback_title": fallback_title, **(extra or {})})


def imprint(request):
    return _statement(request, SitePage.Kind.IMPRINT, _("Imprint"))


def privacy(request):
    easy = {"easy_url": reverse("public_easy:privacy"), "easy_text": "Daten-Schutz in Leichter Sprache"}
    return _statement(request, SitePage.Kind.PRIVACY, _("Privacy policy"), easy)


def sitemap_page(request):
    return render(request, "public/sitemap.html", {"stories": stories_for_user(request.user)[:100]})


@require_GET
def sitemap_xml(request):
    return HttpResponse(sitemaps.render(request.build_absolute_uri("/").rstrip("/")), content_type="application/xml")


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /staff/",
        "Disallow: /en/staff/",
        f"Sitemap: {request.build_absolute_uri(reverse('public:sitemap_xml'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")

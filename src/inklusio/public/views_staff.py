"""Staff pages of the public site: pages, training offers, good practice, company-contact logins."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from inklusio.core import audit
from inklusio.core.access import staff_permission_required
from inklusio.core.models import Project
from inklusio.events import queries as event_queries

from . import embedcode, services
from .forms import CompanyContactForm, EmbedCodeForm, GoodPracticeForm, ImageForm, SitePageForm, TrainingOfferForm
from .models import CompanyContact, GoodPractice, SitePage
from .queries import can_manage_all_offers, companies_for_user, offers_for_user


@login_required
@staff_permission_required("public.view_sitepage")
def index(request):
    projects = Project.objects.prefetch_related("site_pages")
    rows = [
        (
            project,
            [(kind, label, project.site_pages.filter(kind=kind).first()) for kind, label in SitePage.Kind.choices],
        )
        for project in projects
    ]
    return render(request, "public/staff/index.html", {"rows": rows})


@login_required
@staff_permission_required("public.change_sitepage")
def page_edit(request, project, kind):
    project = get_object_or_404(Project, slug=project)
    if kind not in SitePage.Kind.values:
        raise Http404
    page = SitePage.objects.filter(project=project, kind=kind).first() or SitePage(
        project=project, kind=kind, title_de=SitePage.Kind(kind).label
    )
    form = SitePageForm(request.POST or None, request.FILES or None, instance=page)
    if request.method == "POST" and form.is_valid():
        form.save()
        audit.record(request.user, "public.page_changed", page, kind=kind, project=project.slug)
        messages.success(request, _("The page was saved."))
        return redirect("public:staff_index")
    return render(request, "public/staff/page_form.html", {"form": form, "page": page})


# --- training offers: staff see all, a company contact only their own organisation's -----------------------


def _offer_or_404(user, pk):
    return get_object_or_404(offers_for_user(user), pk=pk)


@login_required
def offer_list(request):
    offers = offers_for_user(request.user).order_by("-start_date", "id")
    if not offers.exists() and not companies_for_user(request.user).exists():
        raise PermissionDenied
    page_obj = Paginator(offers, 50).get_page(request.GET.get("page"))
    # Who may add offers may edit and delete every offer listed (all, or their own company's); a reviewer only reads.
    can_change = companies_for_user(request.user).exists()
    context = {"page_obj": page_obj, "can_add": can_change, "can_change": can_change}
    return render(request, "public/staff/offer_list.html", context)


def _offer_form(request, offer):
    companies = companies_for_user(request.user)
    if not companies.exists():
        raise PermissionDenied
    form = TrainingOfferForm(
        request.POST or None, instance=offer, companies=companies, search=can_manage_all_offers(request.user)
    )
    if request.method == "POST" and form.is_valid():
        services.save_offer(request.user, form.instance)
        messages.success(request, _("The training offer was saved."))
        return redirect("public:staff_offer_list")
    return render(request, "public/staff/offer_form.html", {"form": form, "offer": offer})


@login_required
def offer_create(request):
    return _offer_form(request, None)


@login_required
def offer_edit(request, pk):
    return _offer_form(request, _offer_or_404(request.user, pk))


@login_required
def offer_delete(request, pk):
    offer = _offer_or_404(request.user, pk)
    if not companies_for_user(request.user).filter(pk=offer.organisation_id).exists():
        raise PermissionDenied
    if request.method == "POST":
        services.delete_offer(request.user, offer)
        messages.success(request, _("The training offer was deleted."))
        return redirect("public:staff_offer_list")
    return render(request, "public/staff/offer_delete.html", {"offer": offer})


# --- good practice ------------------------------------------------------------------------------------------


@login_required
@staff_permission_required("public.view_goodpractice")
def story_list(request):
    stories = GoodPractice.objects.select_related("organisation").order_by("-updated")
    page_obj = Paginator(stories, 50).get_page(request.GET.get("page"))
    return render(request, "public/staff/story_list.html", {"page_obj": page_obj})


def _story_form(request, story):
    form = GoodPracticeForm(request.POST or None, instance=story)
    if request.method == "POST" and form.is_valid():
        story = form.save()
        audit.record(request.user, "public.story_saved", story, story_id=story.pk)
        messages.success(request, _("The good-practice example was saved."))
        return redirect("public:staff_story_images", pk=story.pk)
    return render(request, "public/staff/story_form.html", {"form": form, "story": story})


@login_required
@staff_permission_required("public.add_goodpractice")
def story_create(request):
    return _story_form(request, None)


@login_required
@staff_permission_required("public.change_goodpractice")
def story_edit(request, pk):
    return _story_form(request, get_object_or_404(GoodPractice, pk=pk))


@login_required
@staff_permission_required("public.change_goodpractice")
def story_images(request, pk):
    story = get_object_or_404(GoodPractice, pk=pk)
    form = ImageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and "delete" in request.POST:
        story.images.filter(pk=request.POST.get("delete")).delete()
        return redirect("public:staff_story_images", pk=story.pk)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_image(
                story, form.cleaned_data["image"], form.cleaned_data["alt_text"], form.cleaned_data["caption"]
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, _("The image was added."))
            return redirect("public:staff_story_images", pk=story.pk)
    return render(request, "public/staff/story_images.html", {"form": form, "story": story})


# --- company-contact logins ---------------------------------------------------------------------------------


@login_required
def company_contacts(request):
    if not (request.user.has_perm("auth.add_user") or can_manage_all_offers(request.user)):
        raise PermissionDenied
    form = CompanyContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        link = form.save()
        audit.record(request.user, "public.company_contact_created", link, organisation=link.organisation_id)
        messages.success(request, _("The login was created."))
        return redirect("public:staff_company_contacts")
    links = CompanyContact.objects.select_related("user", "organisation").order_by(
        "organisation__name_key", "organisation__name"
    )
    return render(request, "public/staff/company_contacts.html", {"form": form, "links": links})


@staff_permission_required("public.view_sitepage")
def embed_code(request):
    """The code for showing the lists on the association's own website, with a preview (nothing is stored)."""
    form = EmbedCodeForm(request.GET or None, event_kinds=event_queries.event_kinds(), projects=Project.objects.all())
    code = None
    if form.is_valid():
        data = form.cleaned_data
        title = dict(form.fields["what"].choices)[data["what"]]
        code = embedcode.embed_code(data["what"], data["language"], form.filters(), title)
    return render(
        request,
        "public/staff/embed_code.html",
        {"form": form, "code": code, "parents": settings.EMBED_ALLOWED_PARENTS},
    )

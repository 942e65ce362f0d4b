"""The organisation's settings page, and its images and accent colour as files for the public pages."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from . import audit, colour
from .access import staff_permission_required
from .branding import IMAGE_FIELDS, branding_for
from .forms import OrganisationProfileForm
from .models import OrganisationProfile, Project


@staff_permission_required("core.change_organisationprofile")
def organisation_settings(request, slug=None):
    project = get_object_or_404(Project, slug=slug) if slug else None
    profile = OrganisationProfile.objects.filter(project=project).first() or OrganisationProfile(project=project)
    form = OrganisationProfileForm(request.POST or None, request.FILES or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        profile = form.save()
        audit.record(
            request.user, "core.organisation_settings_changed", profile, project=project.pk if project else None
        )
        messages.success(request, _("The organisation settings were saved."))
        url = (
            reverse("core:organisation_settings_project", args=[slug])
            if slug
            else reverse("core:organisation_settings")
        )
        return redirect(url)
    return render(
        request,
        "core/organisation_settings.html",
        {
            "form": form,
            "project": project,
            "profile": profile,
            "projects": Project.objects.all(),
            "preview": branding_for(project),
        },
    )


@require_GET
@cache_control(public=True, max_age=86400)
def branding_image(request, pk, kind):
    if kind not in IMAGE_FIELDS:
        raise Http404
    profile = get_object_or_404(OrganisationProfile, pk=pk)
    data = getattr(profile, kind)
    if not data:
        raise Http404
    response = HttpResponse(bytes(data), content_type=getattr(profile, f"{kind}_mime"))
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
@cache_control(public=True, max_age=3600)
def branding_css(request):
    """The accent colour as a CSS custom property: a stylesheet from our own origin, so no inline style is needed."""
    accent = colour.normalise(branding_for().accent_colour)
    css = f":root {{ --inklusio-accent: {accent}; }}\n"
    return HttpResponse(css, content_type="text/css; charset=utf-8")

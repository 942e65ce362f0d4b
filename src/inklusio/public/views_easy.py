"""Leichte Sprache pages: always German (Leichte Sprache is a form of German), each links to its standard page."""

from django.shortcuts import get_object_or_404, render
from django.utils import translation

from .models import SitePage
from .queries import current_project, published_stories, site_page


def _render(request, template, context):
    with translation.override("de"):
        response = render(request, template, {**context, "easy_language": True})
    response["Content-Language"] = "de"
    return response


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

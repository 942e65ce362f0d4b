from django.conf import settings
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from .branding import branding_for
from .extensions import nav_sections_for


def navigation(request):
    """``staff_nav``: the sections the user may open, each with its links; the page's own link is current."""
    user = getattr(request, "user", None)
    sections = []
    if user is not None and user.is_authenticated:
        for key, label, items in nav_sections_for(user):
            links = [{"label": item.label, "url": reverse(item.url_name), "current": False} for item in items]
            sections.append({"key": key, "label": label, "links": links, "current": False})
        _mark_current(sections, request.path)
    return {"staff_nav": sections, "LANGUAGE_CHOICES": settings.LANGUAGES}


def _mark_current(sections, path):
    """The link with the longest URL that starts the path (organisations under contacts are not contacts)."""
    candidates = [(section, link) for section in sections for link in section["links"] if path.startswith(link["url"])]
    if candidates:
        section, link = max(candidates, key=lambda pair: len(pair[1]["url"]))
        section["current"] = link["current"] = True


def branding(request):
    """``branding``: the organisation's name, logos, contacts and accent colour (read once per request, lazily)."""
    return {"branding": SimpleLazyObject(branding_for)}

from django.conf import settings
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from .branding import branding_for
from .extensions import nav_items_for


def navigation(request):
    user = getattr(request, "user", None)
    items = []
    if user is not None and user.is_authenticated:
        path = request.path
        for item in nav_items_for(user):
            url = reverse(item.url_name)
            items.append({"label": item.label, "url": url, "current": path.startswith(url)})
    return {"staff_nav": items, "LANGUAGE_CHOICES": settings.LANGUAGES}


def branding(request):
    """``branding``: the organisation's name, logos, contacts and accent colour (read once per request, lazily)."""
    return {"branding": SimpleLazyObject(branding_for)}

"""Pages that the association's own website may show in a frame (the embeddable lists of events, training offers
and good-practice stories).

Every other page answers ``X-Frame-Options: DENY`` and ``frame-ancestors 'none'``. An embeddable page may be
framed by inklusio itself (the staff page's preview) and by the sites of the setting ``EMBED_ALLOWED_PARENTS``,
named in its ``frame-ancestors`` (browsers then ignore X-Frame-Options); nobody else. Links inside open on
inklusio in a new window, so registration never happens inside someone else's page.
"""

import re
from functools import wraps

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

SELF = "'self'"

ORIGIN = re.compile(r"^https?://[a-z0-9.-]+(:\d{1,5})?$", re.I)


def allowed_parents() -> list[str]:
    """The configured parent sites, each checked to be a bare origin (a typo must not open every page)."""
    parents = list(settings.EMBED_ALLOWED_PARENTS)
    for origin in parents:
        if not ORIGIN.match(origin):
            raise ImproperlyConfigured(
                f"EMBED_ALLOWED_PARENTS: {origin!r} is not an origin like https://www.example.org (no path, no *)."
            )
    return parents


def embeddable(view):
    """Let the configured parent sites frame the view's page; nobody else."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        parents = allowed_parents()
        response._csp_replace = {"frame-ancestors": [SELF, *parents]}
        if parents:
            response.xframe_options_exempt = True
        else:
            response["X-Frame-Options"] = "SAMEORIGIN"
        return response

    return wrapped

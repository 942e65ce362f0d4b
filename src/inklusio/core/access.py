"""The rules for staff views: anonymous visitors go to the login, staff without the permission get 403,
and sensitive actions need a recent authentication (password, plus the code if the user has a device)."""

import time
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

AUTH_AT_SESSION_KEY = "inklusio_auth_at"


def staff_permission_required(perm):
    def decorator(view):
        return login_required(permission_required(perm, raise_exception=True)(view))

    return decorator


def mark_authenticated(request) -> None:
    """Note in the session that the user has just proved who they are (login or re-authentication)."""
    request.session[AUTH_AT_SESSION_KEY] = int(time.time())


def authenticated_recently(request, max_age: int | None = None) -> bool:
    max_age = settings.REAUTH_MAX_AGE if max_age is None else max_age
    at = request.session.get(AUTH_AT_SESSION_KEY)
    return isinstance(at, int) and time.time() - at <= max_age


def reauth_redirect(request):
    """Send the user to the re-authentication page, which returns to this URL afterwards.

    A GET comes back with its query string intact; a POST cannot be replayed safely, so the user returns to
    the page (GET) and submits the form again.
    """
    if request.method == "POST":
        messages.info(request, _("Please confirm it is you, then submit the form again."))
    target = request.get_full_path() if request.method == "GET" else request.path
    return redirect(f"{reverse('core:reauth')}?{urlencode({'next': target})}")


def recent_auth_required(max_age: int | None = None, when=None):
    """Decorator for sensitive views: ask for the password (and code) if the last authentication is too old.

    ``max_age`` in seconds defaults to ``settings.REAUTH_MAX_AGE``; ``when(request)`` limits the check to some
    requests (e.g. only exports that include support needs). Put it inside the permission decorator, so only
    permitted users are asked::

        @staff_permission_required("privacy.erase_person")
        @recent_auth_required()
        def erase(request, pk): ...
    """

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if (when is None or when(request)) and not authenticated_recently(request, max_age):
                return reauth_redirect(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class RecentAuthRequiredMixin:
    """The class-based form of :func:`recent_auth_required`; put it after the permission mixin."""

    reauth_max_age: int | None = None

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not authenticated_recently(request, self.reauth_max_age):
            return reauth_redirect(request)
        return super().dispatch(request, *args, **kwargs)

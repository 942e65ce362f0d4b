"""Session rules for staff: end a session after inactivity, and hold a login at the second step until it is done."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import get_language_from_path, ngettext

from . import twofactor

LAST_SEEN_SESSION_KEY = "inklusio_last_seen"
LOGIN_AT_SESSION_KEY = "inklusio_login_at"  # set by every login (core.apps), never moved by activity
# The only views a session may reach between the password and the second step (the code, or the enrolment a role
# requires). They find the user in ``request.unverified_user``; for every other view the session is anonymous.
SECOND_STEP_VIEWS = {
    "core:login",
    "core:logout",
    "core:login_code",
    "core:two_factor_setup",
    "core:two_factor_qr",
}


def _staff_path(path: str) -> bool:
    language = get_language_from_path(path)
    if language and path.startswith(f"/{language}/"):
        path = path[len(language) + 1 :]
    return path.startswith("/staff/")


def _to(request, url: str):
    if getattr(request, "htmx", False):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


class SessionIdleTimeoutMiddleware:
    """Log out a user whose previous request is longer ago than ``SESSION_IDLE_TIMEOUT`` seconds, or whose login
    is longer ago than ``SESSION_COOKIE_AGE`` seconds however active the session was (the absolute limit)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_SESSION_KEY)
            login_at = request.session.get(LOGIN_AT_SESSION_KEY)
            if isinstance(login_at, int) and now - login_at > settings.SESSION_COOKIE_AGE:
                hours = max(1, settings.SESSION_COOKIE_AGE // 3600)
                message = ngettext(
                    "Your session ended %(hours)s hour after you logged in. Please log in again.",
                    "Your session ended %(hours)s hours after you logged in. Please log in again.",
                    hours,
                ) % {"hours": hours}
                return self._end(request, message) or self.get_response(request)
            if isinstance(last_seen, int) and now - last_seen > settings.SESSION_IDLE_TIMEOUT:
                minutes = max(1, settings.SESSION_IDLE_TIMEOUT // 60)
                message = ngettext(
                    "Your session ended after %(minutes)s minute without activity. Please log in again.",
                    "Your session ended after %(minutes)s minutes without activity. Please log in again.",
                    minutes,
                ) % {"minutes": minutes}
                return self._end(request, message) or self.get_response(request)
            if not isinstance(last_seen, int) or now - last_seen >= _refresh_interval():
                # Written at most once a minute: a session saved on every request would make every staff
                # request wait for SQLite's write lock while the worker writes (e.g. moving an import in).
                request.session[LAST_SEEN_SESSION_KEY] = now
        return self.get_response(request)

    @staticmethod
    def _end(request, message):
        """Log out with ``message``; a staff page redirects to the login (None: the page is shown anonymously)."""
        logout(request)
        messages.info(request, message)
        if _staff_path(request.path_info):
            query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
            return _to(request, f"{reverse('core:login')}?{query}" if query else reverse("core:login"))
        return None


def _refresh_interval() -> int:
    """How stale "last seen" may get: a minute, or a tenth of a short idle timeout."""
    return max(1, min(60, settings.SESSION_IDLE_TIMEOUT // 10))


class TwoFactorMiddleware:
    """Two factors mean two factors: until a session has passed the second step, its user is anonymous.

    For a user who must give a code (a confirmed device) or must enrol first (``TWO_FACTOR_REQUIRED_ROLES``) and
    has not yet done so in this session, ``request.user`` becomes ``AnonymousUser`` for the whole site: every
    permission check, every query that takes the user, every template sees a visitor. The user is kept in
    ``request.unverified_user`` for the second-step views only (:data:`SECOND_STEP_VIEWS`). A staff URL sends the
    session on to the code step (or enrolment), keeping the target; a public URL answers as to any visitor.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        request.unverified_user = None
        if user.is_authenticated and twofactor.needs_verification(user):
            request.unverified_user = user
            request.user = AnonymousUser()

            async def auser():
                return request.user

            request.auser = auser
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.unverified_user
        if user is None or not _staff_path(request.path_info):
            return None
        if request.resolver_match and request.resolver_match.view_name in SECOND_STEP_VIEWS:
            return None
        target = "core:login_code" if twofactor.has_device(user) else "core:two_factor_setup"
        query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
        url = reverse(target)
        return _to(request, f"{url}?{query}" if query else url)

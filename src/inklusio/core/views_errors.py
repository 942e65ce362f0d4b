"""Error pages (400, 403, 404, 500, CSRF failure) in the site's look and the visitor's language, with a way back.

Under ``/staff/`` the staff frame, everywhere else the public one. LocaleMiddleware has already chosen the
language from the path (German at ``/``, English under ``/en/``). The 500 page is a plain template rendered
without the request: no context processors, no branding, no database (the database may be why it is shown).
"""

import logging

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.template import loader
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

STAFF_PREFIX = "staff/"

TEXTS = {
    400: (_("Bad request"), _("The request could not be understood. Perhaps a link or a form was incomplete.")),
    403: (_("Access denied"), _("You may not open this page.")),
    404: (
        _("Page not found"),
        _("There is no page at this address. It may have been moved or deleted, or the address has a typo."),
    ),
    500: (
        _("Something went wrong"),
        _("The server could not complete your request. The error has been recorded. Please try again later."),
    ),
    "csrf": (
        _("The form could not be sent"),
        _(
            "For your security, a form can only be sent from a page that is still valid. The page may have been "
            "open for a long time, or your browser blocks cookies. Open the page again and send the form anew."
        ),
    ),
}
STAFF_403 = _("Your account may not open this page. If you need it for your work, ask a project lead for the role.")


def is_staff_path(path: str) -> bool:
    """``/staff/…`` and ``/en/staff/…`` (after any language prefix but the default language's)."""
    first, _slash, rest = path.lstrip("/").partition("/")
    prefixes = {code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE}
    inner = rest if first in prefixes else path.lstrip("/")
    return inner == STAFF_PREFIX.rstrip("/") or inner.startswith(STAFF_PREFIX)


def _url(name: str, fallback: str) -> str:
    try:
        return reverse(name)
    except NoReverseMatch:
        return fallback


def _home(fallback_only: bool = False) -> str:
    language_home = "/" if get_language() == settings.LANGUAGE_CODE else f"/{get_language()}/"
    return language_home if fallback_only else _url("public:home", language_home)


def _back_url(request) -> str | None:
    """The page the visitor came from, if it is a page of this site; after a POST also this one (the form)."""
    referer = request.META.get("HTTP_REFERER", "")
    try:
        allowed = url_has_allowed_host_and_scheme(
            referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    except Exception:  # noqa: BLE001 - a disallowed Host header (a 400 of its own) means: no way back offered
        return None
    if not allowed or not referer or (request.method == "GET" and referer.endswith(request.get_full_path())):
        return None
    return referer


def ways_back(request, *, staff: bool, form: bool = False) -> list[dict]:
    links = []
    if back := _back_url(request):
        links.append({"url": back, "label": _("Open the form again") if form else _("Back to the previous page")})
    user = getattr(request, "user", None)
    if staff and user is not None and user.is_authenticated:
        links.append({"url": _url("core:dashboard", "/staff/"), "label": _("Staff overview")})
    elif staff:
        links.append({"url": _url("core:login", "/staff/login/"), "label": _("Log in")})
    links.append({"url": _home(), "label": _("Home page")})
    if not staff:
        links.append({"url": _url("public:sitemap", _home()), "label": _("Sitemap")})
    return links


def error_page(request, status: int, kind=None) -> HttpResponse:
    """The error page for ``status`` in the frame of the path's side; the plain page if the frame fails."""
    staff = is_staff_path(request.path)
    title, message = TEXTS[kind or status]
    if status == 403 and kind is None and staff:
        message = STAFF_403
    template = "errors/staff.html" if staff else "errors/public.html"
    try:
        links = ways_back(request, staff=staff, form=kind == "csrf")  # reads the user: the database
        context = {"status": status, "title": title, "message": message, "links": links}
        body = loader.render_to_string(template, context, request)
    except Exception:  # the frame needs the database and the Host header; an error page must not fail
        logger.exception("error page %s could not be rendered in the site's frame", status)
        body = _plain(request, status, title, message)
    return HttpResponse(body, status=status)


def _plain(request, status: int, title, message) -> str:
    """The page without the site's frame: fixed links, no lookup of branding, user or URL names."""
    links = [{"url": back, "label": _("Back to the previous page")}] if (back := _back_url(request)) else []
    home = _home(fallback_only=True)
    if is_staff_path(request.path):
        links.append({"url": f"{home}{STAFF_PREFIX}", "label": _("Staff overview")})
    links.append({"url": home, "label": _("Home page")})
    context = {"status": status, "title": title, "message": message, "links": links}
    return loader.render_to_string("errors/plain.html", context)


def bad_request(request, exception=None):
    if isinstance(exception, DisallowedHost):  # the frame's absolute links need the host: answer plainly
        title, message = TEXTS[400]
        return HttpResponse(_plain(request, 400, title, message), status=400)
    return error_page(request, 400)


def permission_denied(request, exception=None):
    return error_page(request, 403)


def page_not_found(request, exception=None):
    return error_page(request, 404)


def csrf_failure(request, reason=""):
    logger.warning("CSRF failure at %s: %s", request.path, reason)
    return error_page(request, 403, kind="csrf")


def server_error(request):
    """The 500 page: a plain template, rendered without the request (no context processors, no queries)."""
    title, message = TEXTS[500]
    return HttpResponse(_plain(request, 500, title, message), status=500)

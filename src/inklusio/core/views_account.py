"""The second login step, two-factor enrolment and recovery codes, re-authentication, and invitations."""

from functools import wraps
from urllib.parse import urlencode

import django_otp
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_static.models import StaticDevice

from . import audit, twofactor
from .access import authenticated_recently, mark_authenticated, reauth_redirect, recent_auth_required
from .extensions import account_links_for
from .forms_account import CodeForm, EnrolForm, ReauthForm

RECOVERY_CODES_SESSION_KEY = "inklusio_recovery_codes"
ENROLMENT_SESSION_KEY = "inklusio_enrolment_device"


def _next_url(request, default="core:dashboard") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse(default)


def _with_next(url_name: str, next_url: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


def second_step(view):
    """For the views between password and code: ``view(request, user)`` with the user behind the session, verified
    or not (``TwoFactorMiddleware`` shows every other view an anonymous user until the second step is done)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        user = getattr(request, "unverified_user", None) or request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, user, *args, **kwargs)

    return wrapped


def _verified(request, user, device) -> None:
    """Mark the session as passed the second step (as django-otp does) under a fresh session key."""
    request.session.cycle_key()
    request.user = user  # django_otp.login accepts only a device of request.user
    request.unverified_user = None
    django_otp.login(request, device)
    mark_authenticated(request)


@never_cache
@second_step
def login_code(request, user):
    if not twofactor.needs_verification(user):
        return redirect(_next_url(request))
    if not twofactor.has_device(user):
        return redirect(_with_next("core:two_factor_setup", _next_url(request)))
    form = CodeForm(request.POST or None, user=user, request=request)
    if request.method == "POST":
        if form.is_valid():
            _verified(request, user, form.device)
            recovery = isinstance(form.device, StaticDevice)
            audit.record(user, "auth.two_factor_verified", user, user=user.pk, recovery_code=recovery)
            if recovery:
                messages.warning(
                    request,
                    ngettext(
                        "You used a recovery code; %(count)s is left. Set up your authenticator again if it is lost.",
                        "You used a recovery code; %(count)s are left. Set up your authenticator again if it is lost.",
                        left := twofactor.remaining_recovery_codes(user),
                    )
                    % {"count": left},
                )
            return redirect(_next_url(request))
        audit.record(user, "auth.two_factor_failed", user, user=user.pk)
    return render(request, "core/login_code.html", {"form": form, "next": _next_url(request)})


@never_cache
@second_step
def two_factor_setup(request, user):
    """Enrolment: a new secret for each visit (GET), kept for this session's confirming POST and QR image."""
    if not twofactor.may_see_enrolment(user):
        return redirect(reverse("core:login_code"))
    if not authenticated_recently(request):
        # a verified session confirms with password and code; a half-logged-in one starts again at the login
        return reauth_redirect(request) if request.user.is_authenticated else redirect_to_login(request.path)
    device = None
    if request.method == "POST":
        device = twofactor.enrolment_device(user, request.session.get(ENROLMENT_SESSION_KEY))
    if device is None:
        device = twofactor.start_enrolment(user)
        request.session[ENROLMENT_SESSION_KEY] = device.pk
        form = EnrolForm()
        if request.method == "POST":
            form = EnrolForm(request.POST)
            form.is_valid()
            form.add_error("code", _("This setup has expired. Add the new key below to your app and try again."))
    elif (form := EnrolForm(request.POST)).is_valid():
        codes = twofactor.confirm(request, device, form.cleaned_data["code"])
        if codes is not None:
            request.session.pop(ENROLMENT_SESSION_KEY, None)
            request.session.cycle_key()
            mark_authenticated(request)
            request.session[RECOVERY_CODES_SESSION_KEY] = codes
            messages.success(request, _("Two-factor login is set up."))
            return redirect(_with_next("core:recovery_codes", _next_url(request)))
        form.add_error("code", _("This code is not valid. Check the time on your device and try the current code."))
    context = {
        "form": form,
        "secret": twofactor.secret_text(device),
        "uri": device.config_url,
        "required": twofactor.is_required_for(user),
        "replacing": twofactor.has_device(user),
        "next": _next_url(request),
    }
    return render(request, "core/two_factor_setup.html", context)


@never_cache
@second_step
def two_factor_qr(request, user):
    """The QR image of this session's enrolment; nothing before the second step for a user who has a device."""
    if not twofactor.may_see_enrolment(user):
        raise Http404
    device = twofactor.enrolment_device(user, request.session.get(ENROLMENT_SESSION_KEY))
    if device is None:
        raise Http404
    return HttpResponse(twofactor.qr_svg(device), content_type="image/svg+xml")


@never_cache
@login_required
def recovery_codes(request):
    codes = request.session.pop(RECOVERY_CODES_SESSION_KEY, None)
    if not codes:
        return redirect("core:account")
    return render(request, "core/recovery_codes.html", {"codes": codes, "next": _next_url(request)})


@login_required
def account(request):
    user = request.user
    context = {
        "has_device": twofactor.has_device(user),
        "required": twofactor.is_required_for(user),
        "remaining": twofactor.remaining_recovery_codes(user),
        "links": account_links_for(user),
    }
    return render(request, "core/account.html", context)


@require_POST
@recent_auth_required()
def recovery_codes_new(request):
    if not twofactor.has_device(request.user):
        return redirect("core:account")
    request.session[RECOVERY_CODES_SESSION_KEY] = twofactor.new_recovery_codes(request.user)
    audit.record(request.user, "auth.recovery_codes_renewed", request.user, user=request.user.pk)
    return redirect("core:recovery_codes")


@require_POST
@recent_auth_required()
def two_factor_disable(request):
    if twofactor.is_required_for(request.user):
        messages.error(request, _("Your role requires two-factor login; you can set it up again instead."))
        return redirect("core:account")
    twofactor.disable(request.user, actor=request.user)
    messages.success(request, _("Two-factor login is turned off."))
    return redirect("core:account")


@never_cache
@login_required
def reauth(request):
    user = request.user
    form = ReauthForm(request.POST or None, user=user, request=request)
    if request.method == "POST":
        if form.is_valid():
            if form.device is not None:
                _verified(request, user, form.device)
            mark_authenticated(request)
            audit.record(user, "auth.reauthenticated", user, user=user.pk)
            return redirect(_next_url(request))
        audit.record(user, "auth.reauthentication_failed", user, user=user.pk)
    return render(request, "core/reauth.html", {"form": form, "next": _next_url(request)})


class InvitationView(auth_views.PasswordResetConfirmView):
    """The link in an invitation mail: the new user chooses a password (Django's reset-token check)."""

    template_name = "core/invitation.html"
    success_url = reverse_lazy("core:login")
    post_reset_login = False

    def form_valid(self, form):
        response = super().form_valid(form)
        audit.record(None, "users.password_set", form.user, user=form.user.pk)
        messages.success(self.request, gettext_lazy("Your password is set. Please log in."))
        return response

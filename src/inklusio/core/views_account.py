"""The second login step, two-factor enrolment and recovery codes, re-authentication, and invitations."""

from urllib.parse import urlencode

import django_otp
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit, twofactor
from .access import mark_authenticated, recent_auth_required
from .forms_account import CodeForm, EnrolForm, ReauthForm

RECOVERY_CODES_SESSION_KEY = "inklusio_recovery_codes"


def _next_url(request, default="core:dashboard") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse(default)


def _with_next(url_name: str, next_url: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


def _verified(request, device) -> None:
    """Mark the session as passed the second step (as django-otp does) under a fresh session key."""
    request.session.cycle_key()
    django_otp.login(request, device)
    mark_authenticated(request)


@never_cache
@login_required
def login_code(request):
    user = request.user
    if user.is_verified():
        return redirect(_next_url(request))
    if not twofactor.has_device(user):
        return redirect(_with_next("core:two_factor_setup", _next_url(request)))
    form = CodeForm(request.POST or None, user=user, request=request)
    if request.method == "POST":
        if form.is_valid():
            _verified(request, form.device)
            recovery = isinstance(form.device, StaticDevice)
            audit.record(user, "auth.two_factor_verified", user, user=user.pk, recovery_code=recovery)
            if recovery:
                messages.warning(
                    request,
                    _("You used a recovery code; %(count)s are left. Set up your authenticator again if it is lost.")
                    % {"count": twofactor.remaining_recovery_codes(user)},
                )
            return redirect(_next_url(request))
        audit.record(user, "auth.two_factor_failed", user, user=user.pk)
    return render(request, "core/login_code.html", {"form": form, "next": _next_url(request)})


@never_cache
@recent_auth_required()
def two_factor_setup(request):
    user = request.user
    if twofactor.has_device(user) and not user.is_verified():
        return redirect(reverse("core:login_code"))
    device = twofactor.pending_device(user)
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = twofactor.confirm(request, device, form.cleaned_data["code"])
        if codes is not None:
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
@login_required
def two_factor_qr(request):
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).order_by("-pk").first()
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
                _verified(request, form.device)
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

"""Forms of the second login step, two-factor enrolment, re-authentication and the users & roles page."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from . import throttle, twofactor
from .roles import ROLE_LABELS


def _code_field(label=None):
    return forms.CharField(
        label=label or _("Code"),
        max_length=20,
        help_text=_("The six-digit code from your authenticator app, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}),
    )


def _otp_key(user) -> str:
    return f"otp:{user.get_username()}"


class CodeForm(forms.Form):
    """Checks a code against the user's devices, with both throttles: django-otp's per device and the login one."""

    code = _code_field()

    error_messages = {
        "wrong": _("This code is not valid. Please check it and try again."),
        "locked": ngettext_lazy(
            "Too many wrong codes. Please wait %(minutes)s minute and try again.",
            "Too many wrong codes. Please wait %(minutes)s minutes and try again.",
            "minutes",
        ),
        "wait": _("Too many wrong codes. Please wait until %(time)s and try again."),
    }

    def __init__(self, *args, user, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.request, self.device = user, request, None

    def clean(self):
        cleaned = super().clean()
        code = cleaned.get("code")
        if not code:
            return cleaned
        self.check_code(code)
        return cleaned

    def check_code(self, code):
        until = twofactor.locked_until(self.user)
        if until:
            time = formats.time_format(timezone.localtime(until), "H:i:s")
            raise forms.ValidationError(self.error_messages["wait"], code="wait", params={"time": time})
        attempt = throttle.begin(_otp_key(self.user), throttle.client_address(self.request))
        if attempt is None:
            raise forms.ValidationError(
                self.error_messages["locked"], code="locked", params={"minutes": settings.LOGIN_FAILURE_WINDOW_MINUTES}
            )
        self.device = twofactor.verify(self.user, code)
        if self.device is None:
            raise forms.ValidationError(self.error_messages["wrong"], code="wrong")  # the attempt stays a failure
        throttle.succeeded(attempt)


class EnrolForm(forms.Form):
    code = forms.CharField(
        label=_("Code shown by the app"),
        max_length=10,
        help_text=_("Enter the six-digit code your authenticator app shows now, to confirm it is set up."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}),
    )


class ReauthForm(CodeForm):
    """The password, and the code if the user has a device."""

    password = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    code = _code_field()

    field_order = ["password", "code"]

    def __init__(self, *args, user, request, **kwargs):
        super().__init__(*args, user=user, request=request, **kwargs)
        if not twofactor.has_device(user):
            del self.fields["code"]

    def clean(self):
        cleaned = forms.Form.clean(self)
        password = cleaned.get("password")
        if password is not None:
            attempt = throttle.begin(self.user.get_username(), throttle.client_address(self.request))
            if attempt is None:
                raise forms.ValidationError(
                    ngettext_lazy(
                        "Too many failed attempts. Please wait %(minutes)s minute and try again.",
                        "Too many failed attempts. Please wait %(minutes)s minutes and try again.",
                        "minutes",
                    ),
                    code="locked",
                    params={"minutes": settings.LOGIN_FAILURE_WINDOW_MINUTES},
                )
            if not self.user.check_password(password):
                raise forms.ValidationError(_("The password is not correct."), code="wrong_password")
            throttle.succeeded(attempt)
        if "code" in self.fields and cleaned.get("code"):
            self.check_code(cleaned["code"])
        return cleaned


ROLE_CHOICES = [(role, label) for role, label in ROLE_LABELS.items()]


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES, widget=forms.RadioSelect)


class UserCreateForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150, help_text=_("Letters, digits and @ . + - _ only."))
    email = forms.EmailField(label=_("Email address"), help_text=_("The invitation to set a password goes here."))
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES, widget=forms.RadioSelect)

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        UnicodeUsernameValidator()(username)
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This user name is taken."))
        return username

"""Two-factor login with django-otp: one TOTP device per user plus single-use recovery codes (a static device).

A session counts as verified the way django-otp keeps it: ``django_otp.login`` stores the device's
persistent id in the session and ``OTPMiddleware`` turns it into ``request.user.otp_device``.
"""

import io
from base64 import b32encode
from binascii import unhexlify

import django_otp
import segno
from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit
from .roles import role_of

RECOVERY_CODE_COUNT = 10
DEVICE_NAME = "authenticator"
RECOVERY_NAME = "recovery codes"


def is_required_for(user) -> bool:
    return role_of(user) in settings.TWO_FACTOR_REQUIRED_ROLES


def has_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def needs_verification(user) -> bool:
    """Whether this authenticated user must still give a code (or enrol) before using staff pages."""
    if user.is_verified():
        return False
    return is_required_for(user) or has_device(user)


def start_enrolment(user) -> TOTPDevice:
    """A new unconfirmed device with a new secret; any earlier unconfirmed one (and its secret) is deleted.

    Every enrolment gets its own secret, so a key seen once (e.g. by someone who knew only the password of a user
    without a device yet) is worthless to the enrolment the user later completes.
    """
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        return TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def enrolment_device(user, pk) -> TOTPDevice | None:
    """The unconfirmed device ``pk`` of ``user`` (the one this session's enrolment started), or None."""
    if not isinstance(pk, int):
        return None
    return TOTPDevice.objects.filter(pk=pk, user=user, confirmed=False).first()


def may_see_enrolment(user) -> bool:
    """Whether this session may see a new secret: after the second step, or when the user has no device yet."""
    return user.is_verified() or not has_device(user)


def secret_text(device: TOTPDevice) -> str:
    """The base32 key in groups of four, as authenticator apps accept it when typed."""
    key = b32encode(unhexlify(device.key)).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_svg(device: TOTPDevice) -> str:
    out = io.BytesIO()
    segno.make(device.config_url, error="m").save(out, kind="svg", scale=5, border=4, dark="#000", light="#fff")
    return out.getvalue().decode()


def terminal_qr(device: TOTPDevice) -> str:
    out = io.StringIO()
    segno.make(device.config_url, error="l").terminal(out=out, compact=True, border=2)
    return out.getvalue()


@transaction.atomic
def confirm(request, device: TOTPDevice, token: str) -> list[str] | None:
    """Check the first code of a new device; on success it replaces any old device and new recovery codes are made.

    Returns the recovery codes (to show once), or None if the code was wrong.
    """
    if not device.verify_token(token):
        return None
    user = device.user
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = new_recovery_codes(user)
    request.user = user  # the session passes the second step now (it may have been anonymous until here)
    request.unverified_user = None
    django_otp.login(request, device)
    audit.record(user, "auth.two_factor_enrolled", user, user=user.pk)
    return codes


def new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=static, token=code) for code in codes)
    return codes


def remaining_recovery_codes(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def disable(user, actor) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit.record(actor, "auth.two_factor_disabled", user, user=user.pk)


def verify(user, token: str):
    """The confirmed device (authenticator or recovery code) that accepts ``token``, or None.

    Each device throttles wrong codes itself (django-otp's ThrottlingMixin: 1, 2, 4, ... seconds).
    """
    token = "".join(token.split())
    if not token:
        return None
    return django_otp.match_token(user, token)


def locked_until(user):
    """When the user's authenticator accepts codes again after wrong ones, or None if it does now."""
    for device in TOTPDevice.objects.filter(user=user, confirmed=True):
        allowed, info = device.verify_is_allowed()
        if not allowed and info and "locked_until" in info:
            return info["locked_until"]
    return None

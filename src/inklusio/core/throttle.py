"""Login throttling: too many failures for a username or an address lock it for a while."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .models import LoginFailure


def _window_start():
    return timezone.now() - timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)


def is_locked(username: str, address: str) -> bool:
    recent = LoginFailure.objects.filter(at__gte=_window_start())
    by_user = recent.filter(username=username.lower()).count()
    by_address = recent.filter(address=address).count()
    # An address may try a few more names than one name may be tried, to spare shared offices.
    return by_user >= settings.LOGIN_FAILURE_LIMIT or by_address >= settings.LOGIN_FAILURE_LIMIT * 4


def record_failure(username: str, address: str) -> None:
    LoginFailure.objects.create(username=username.lower()[:150], address=address[:64])
    LoginFailure.objects.filter(at__lt=_window_start()).delete()


def clear(username: str, address: str) -> None:
    LoginFailure.objects.filter(Q(username=username.lower()) | Q(address=address)).delete()

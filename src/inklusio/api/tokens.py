"""API tokens: made, checked, limited and revoked here; the views and the API's authentication call these."""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from inklusio.core import audit

from . import conf
from .models import ApiToken
from .scopes import BY_CODE, user_may

TOKEN_PREFIX = "ikt_"  # noqa: S105 — the visible start of every token, not a secret


class TokenError(ValueError):
    pass


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def create_token(user, *, name: str, scopes: list[str], days: int, now=None) -> tuple[ApiToken, str]:
    """A new token for ``user``; returns the row and the token text, which is never stored and shown once."""
    now = now or timezone.now()
    unknown = [code for code in scopes if code not in BY_CODE]
    if unknown or not scopes:
        raise TokenError("unknown or no scopes")
    if not all(user_may(user, code) for code in scopes):
        raise TokenError("a scope beyond the user's permissions")
    if not 1 <= days <= conf.max_token_days():
        raise TokenError("expiry out of range")
    prefix = secrets.token_hex(4)
    raw = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name.strip()[:100],
            prefix=prefix,
            digest=_digest(raw),
            scopes=sorted(set(scopes)),
            expires_at=now + timedelta(days=days),
        )
        audit.record(user, "api.token_created", token, scopes=token.scopes, days=days)
    return token, raw


def revoke(token: ApiToken, actor, now=None) -> bool:
    now = now or timezone.now()
    with transaction.atomic():
        done = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=now)
        if done:
            audit.record(actor, "api.token_revoked", token)
    return bool(done)


def authenticate(raw: str, now=None) -> ApiToken | None:
    """The valid token for this text, or None: unknown, wrong secret, expired, revoked or inactive user."""
    now = now or timezone.now()
    if not raw.startswith(TOKEN_PREFIX):
        return None
    prefix, _sep, _secret = raw[len(TOKEN_PREFIX) :].partition("_")
    token = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.digest, _digest(raw)):
        return None
    if token.revoked_at or token.expires_at <= now or not token.user.is_active:
        return None
    return token


def take_request(token: ApiToken, now=None) -> int:
    """Count one request in the token's current minute; returns 0 if allowed, else the seconds to wait.

    One conditional UPDATE per request decides, so concurrent requests can never exceed the limit: the count
    grows only while below it within the minute, and a new minute starts the count again.
    """
    now = now or timezone.now()
    window = now.replace(second=0, microsecond=0)
    limit = conf.rate_limit_per_minute()
    rows = ApiToken.objects.filter(pk=token.pk)
    counted = rows.filter(window_start=window, window_count__lt=limit)
    if counted.update(window_count=F("window_count") + 1, last_used_at=now):
        return 0
    if rows.exclude(window_start=window).update(window_start=window, window_count=1, last_used_at=now):
        return 0
    # Another request may have started the minute between the two statements: count in it once more.
    if counted.update(window_count=F("window_count") + 1, last_used_at=now):
        return 0
    return 60 - now.second


def tokens_of(user):
    return ApiToken.objects.filter(user=user)


def has_scope(token: ApiToken, code: str) -> bool:
    """The token carries the scope and its user (still) holds the permission behind it."""
    return code in token.scopes and user_may(token.user, code)

"""The suppression list: addresses erased on request, kept only as a keyed hash so no path adds them back.

Imports and other automatic paths skip a suppressed address; only the person's own double opt-in confirmation
lifts the entry. Erasure (``privacy.erasure``) and the Infoletter's retention put addresses on it; the contact
form, the contact and subscriber imports and the network member form check it. The hash is keyed with
``SECRET_KEY`` (and checked against ``SECRET_KEY_FALLBACKS``), so the list alone does not reveal whether an
address is on it.
"""

import unicodedata

from django.conf import settings
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from .models import SuppressionEntry

_SALT = "inklusio.privacy.suppression"  # the module's old home; the salt must never change, or no entry matches
SUPPRESSED_MESSAGE = _(
    "This address was erased on request and is not added again by hand or by import. It comes back only when the "
    "person signs up for the Infoletter themselves and confirms."
)


def normalise_email(email: str) -> str:
    return unicodedata.normalize("NFKC", (email or "").strip()).casefold()


def _digest(email: str, secret) -> str:
    return salted_hmac(_SALT, normalise_email(email), secret=secret, algorithm="sha256").hexdigest()


def digest(email: str) -> str:
    return _digest(email, settings.SECRET_KEY)


def _all_digests(email: str) -> list[str]:
    return [_digest(email, secret) for secret in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]]


def suppress(email: str, reason: str) -> bool:
    """Add the address; True when it was not yet on the list."""
    if not normalise_email(email):
        return False
    if is_suppressed(email):
        return False
    SuppressionEntry.objects.create(digest=digest(email), reason=reason[:60])
    return True


def is_suppressed(email: str) -> bool:
    return bool(normalise_email(email)) and SuppressionEntry.objects.filter(digest__in=_all_digests(email)).exists()


def suppressed_among(emails) -> set[str]:
    """The addresses of ``emails`` on the list (for imports: the list is read once, hashes compared in memory)."""
    listed = set(SuppressionEntry.objects.values_list("digest", flat=True))
    if not listed:
        return set()
    return {email for email in set(emails) if normalise_email(email) and listed.intersection(_all_digests(email))}


def lift(email: str) -> int:
    """The person subscribed again themselves (double opt-in confirmed): remove the entry."""
    if not normalise_email(email):
        return 0
    deleted, _per_model = SuppressionEntry.objects.filter(digest__in=_all_digests(email)).delete()
    return deleted

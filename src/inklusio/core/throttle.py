"""Login throttling: failures are counted per user name and per client address, and an attempt is checked and
recorded in one step, so parallel attempts cannot get more password checks than the limit.

The rule (``docs/security.md``, "Login throttling and trusted proxies"), with ``L = LOGIN_FAILURE_LIMIT``,
``A = LOGIN_FAILURE_ADDRESS_LIMIT`` and the window ``LOGIN_FAILURE_WINDOW_MINUTES``:

* A user name with ``L`` failures in the window is locked, from every address: no password is checked for it.
* A client address with ``A`` failures in the window (on any names) is locked for every name that has already
  failed from that address in the window. A name with no failure from there is still checked once, so failures
  on made-up names never keep a real user's correct password out; an attacker at a locked address gets one try
  per name, and never more than ``L`` per name in all.
* A success clears the failures of that user name only (not of its address, not of other names).

Every attempt is written as a failure *before* the password is checked (:func:`begin`), in a transaction that
first takes a lock per user name and per address (PostgreSQL: transaction-level advisory locks; SQLite: the
database write lock, which ``BEGIN IMMEDIATE`` and the first write take), then counts. A correct password removes
the name's rows (:func:`succeeded`); a wrong one, or a process that dies in between, leaves the failure counted.

Whether a name exists plays no part in the rule, so a lock answers the same for known and unknown names.
"""

import ipaddress
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from .models import LoginFailure

# Namespace (first key) of inklusio's advisory locks on PostgreSQL, so they meet no other application's.
_ADVISORY_LOCK_CLASS = 0x1A7_17


@dataclass(frozen=True)
class Attempt:
    """One admitted attempt, already counted as a failure until :func:`succeeded` says otherwise."""

    username: str
    address: str
    failure_id: int


def _window_start():
    return timezone.now() - timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)


def _normal(username: str) -> str:
    return username.strip().lower()[:150]


def _lock(*keys: str) -> None:
    """Serialise the attempts that share a key until the end of the transaction (always in the given order)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for key in keys:
                cursor.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))", [_ADVISORY_LOCK_CLASS, key])
    # SQLite: the INSERT in begin() comes first and takes the database write lock, which serialises the rest.


def _refused(username: str, address: str, *, counting_own: bool) -> bool:
    recent = LoginFailure.objects.filter(at__gte=_window_start())
    extra = 1 if counting_own else 0  # begin() has written this attempt's row already
    if recent.filter(username=username).count() - extra >= settings.LOGIN_FAILURE_LIMIT:
        return True
    if recent.filter(address=address).count() - extra >= settings.LOGIN_FAILURE_ADDRESS_LIMIT:
        return recent.filter(username=username, address=address).count() - extra >= 1
    return False


def begin(username: str, address: str) -> Attempt | None:
    """Admit one attempt and count it as a failure, or return None if the name or address is locked.

    Call it right before checking the password; then :func:`succeeded` if the password was right.
    """
    username, address = _normal(username), address[:64]
    with transaction.atomic():
        failure = LoginFailure.objects.create(username=username, address=address)
        _lock(f"name:{username}", f"address:{address}")
        if _refused(username, address, counting_own=True):
            failure.delete()
            return None
        LoginFailure.objects.filter(at__lt=_window_start()).delete()
    return Attempt(username, address, failure.pk)


def succeeded(attempt: Attempt) -> None:
    """The password was right: forget the failures of this user name (only of this name)."""
    LoginFailure.objects.filter(username=attempt.username).delete()


# --- the client's address ----------------------------------------------------------------------------------


def _networks(values) -> list:
    return [ipaddress.ip_network(value.strip(), strict=False) for value in values if value.strip()]


def _parse(value: str):
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def client_address(request) -> str:
    """The client's address: ``REMOTE_ADDR``, or behind a proxy named in ``TRUSTED_PROXIES`` the address that
    proxy saw, taken from ``X-Forwarded-For``.

    The header is read from the right (the end the proxies append to), skipping trusted proxies; the first
    address that is not a trusted proxy is the client. Entries further left were written by the client and are
    never believed. From any peer not in ``TRUSTED_PROXIES`` the header is ignored.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = _networks(settings.TRUSTED_PROXIES)
    peer = _parse(remote)
    if peer is None or not any(peer in network for network in trusted):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for entry in reversed([part for part in forwarded.split(",") if part.strip()]):
        hop = _parse(entry)
        if hop is None:
            break  # a trusted proxy passed on something that is no address: stop at the last good hop
        peer = hop
        if not any(hop in network for network in trusted):
            return str(hop)
    return str(peer)

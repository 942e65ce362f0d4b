"""Which URLs a webhook may be sent to (SSRF): http(s) only; no private, loopback or link-local addresses unless
DEBUG or the setting WEBHOOK_ALLOW_PRIVATE allows them. Checked when a subscription is saved and before every
attempt (the name may point elsewhere by then)."""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _


class AddressRefused(ValueError):
    pass


def private_allowed() -> bool:
    return bool(settings.DEBUG or getattr(settings, "WEBHOOK_ALLOW_PRIVATE", False))


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if getattr(ip, "ipv4_mapped", None):
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def check(url: str, resolve=socket.getaddrinfo) -> None:
    """Raise :class:`AddressRefused` (with a sentence for the form) if ``url`` may not receive webhooks."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise AddressRefused(_("Only http and https addresses can receive webhooks."))
    if parts.username or parts.password:
        raise AddressRefused(_("The address must not contain a user name or password."))
    if private_allowed():
        return
    try:
        found = resolve(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80), type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise AddressRefused(_("The host name cannot be resolved.")) from error
    if not found or not all(_is_public(info[4][0]) for info in found):
        raise AddressRefused(_("Private, loopback and local network addresses cannot receive webhooks."))

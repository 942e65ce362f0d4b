"""What an API token may be given: read or write per area, each backed by the user's own permission.

A token never does more than its user: every endpoint needs the token's scope *and* the user's permission,
and the rows come from the same query functions that decide what the user sees in the staff pages.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Scope:
    code: str
    label: str
    permission: str  # the user's permission the scope stands on


SCOPES = [
    Scope("contacts:read", _("Read contacts, organisations and inquiries"), "contacts.view_person"),
    Scope("events:read", _("Read events, registrations and attendance"), "events.view_registration"),
    Scope("events:write", _("Register people for events and cancel registrations"), "events.add_registration"),
    Scope(
        "support:read",
        _("Read support needs of registrations (health data)"),
        "events.view_supportneed",
    ),
    Scope("subscribers:read", _("Read Infoletter subscribers"), "mailings.view_subscriber"),
    Scope("indicators:read", _("Read the impact indicators"), "impact.view_reportsection"),
]
BY_CODE = {scope.code: scope for scope in SCOPES}

# contacts:read also opens the lists a network coordinator sees without the base permission (their network's
# members): the query functions narrow the rows, so the scope only needs one of these.
ALTERNATIVE_PERMISSIONS = {"contacts:read": ("contacts.view_person", "networks.view_network")}


def scopes_for(user) -> list[Scope]:
    """The scopes this user could give a token: those whose permission the user holds."""
    return [scope for scope in SCOPES if user_may(user, scope.code)]


def user_may(user, code: str) -> bool:
    permissions = ALTERNATIVE_PERMISSIONS.get(code, (BY_CODE[code].permission,))
    return any(user.has_perm(permission) for permission in permissions)

"""Staff roles as Django groups, with their permissions given as patterns.

A pattern is matched (fnmatch) against ``"app_label.codename"`` of every
permission of inklusio's own apps. An app may widen a role through its
``AppConfig.role_permissions`` (``{"role": ["pattern", ...]}``); the
exclusions below always win, so sensitive permissions stay explicit.
"""

from fnmatch import fnmatch

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_lazy as _

PROJECT_LEAD = "project_lead"
PROJECT_STAFF = "project_staff"
NETWORK_COORDINATOR = "network_coordinator"
READ_ONLY = "read_only"
COMPANY_CONTACT = "company_contact"
FINANCE = "finance"

ROLE_LABELS = {
    PROJECT_LEAD: _("Project lead"),
    PROJECT_STAFF: _("Project staff"),
    NETWORK_COORDINATOR: _("Network coordinator"),
    READ_ONLY: _("Read-only (e.g. funder's reviewer)"),
    COMPANY_CONTACT: _("Company contact (own organisation's training offers only)"),
    FINANCE: _("Finance (plan, receipts, payment requests, statement)"),
}

# Permissions that only the roles naming them explicitly get.
# Erasure (GDPR Art. 17) is the lead's decision; staff may export (Art. 15) but not erase.
SENSITIVE = [
    "*.view_support*",
    "*.change_support*",
    "core.view_auditevent",
    "core.*_project",
    "core.manage_users",
    "privacy.erase_person",
]

READ_ONLY_HIDDEN_FINANCE = [
    "finance.view_plan*",
    "finance.view_costcategory",
    "finance.view_financingsource",
    "finance.view_paymentrequest",
]

ROLE_PATTERNS: dict[str, dict[str, list[str]]] = {
    PROJECT_LEAD: {"include": ["*"], "exclude": []},
    PROJECT_STAFF: {
        "include": ["*", "*.view_support*", "*.change_support*", "core.view_project"],
        "exclude": [
            "core.view_auditevent",
            "core.add_project",
            "core.change_project",
            "core.delete_project",
            "core.add_organisationprofile",
            "core.change_organisationprofile",
            "core.delete_organisationprofile",
            "privacy.add_retentionperiod",
            "privacy.change_retentionperiod",
            "privacy.delete_retentionperiod",
            "webhooks.*",  # where personal data leaves inklusio: the project lead decides
            "finance.*",  # staff see nothing of finance: the finance role and the lead keep the books
        ],
    },
    NETWORK_COORDINATOR: {"include": ["core.view_project"], "exclude": []},
    # The funder's reviewer sees the statement and the receipt list of finance, not the plan's workings.
    READ_ONLY: {
        "include": ["*.view_*"],
        "exclude": [*SENSITIVE[:3], "webhooks.*", *READ_ONLY_HIDDEN_FINANCE],
    },
    # No model permissions: public.queries.offers_for_user scopes them to their own organisation.
    COMPANY_CONTACT: {"include": [], "exclude": []},
    # Keeps the books; approving the plan and submitting a statement is the project lead's.
    FINANCE: {"include": ["finance.*", "core.view_project"], "exclude": ["finance.approve_plan"]},
}

OWN_APP_PREFIX = "inklusio."


def _own_permissions():
    own_labels = [c.label for c in apps.get_app_configs() if c.name.startswith(OWN_APP_PREFIX)]
    return Permission.objects.filter(content_type__app_label__in=own_labels).select_related("content_type")


def _patterns(role: str) -> tuple[list[str], list[str]]:
    include = list(ROLE_PATTERNS[role]["include"])
    exclude = list(ROLE_PATTERNS[role]["exclude"])
    for config in apps.get_app_configs():
        include.extend(getattr(config, "role_permissions", {}).get(role, []))
    return include, exclude


def permissions_for(role: str, permissions) -> list[Permission]:
    include, exclude = _patterns(role)
    chosen = []
    for perm in permissions:
        name = f"{perm.content_type.app_label}.{perm.codename}"
        if any(fnmatch(name, p) for p in exclude):
            continue
        explicit = any(p == name or (p != "*" and fnmatch(name, p)) for p in include)
        sensitive = any(fnmatch(name, p) for p in SENSITIVE)
        if explicit or ("*" in include and not sensitive) or (role == PROJECT_LEAD):
            chosen.append(perm)
    return chosen


def ensure_roles(sender=None, using="default", **kwargs):
    """Create the role groups and (re)assign their permissions; runs after every migrate."""
    for config in apps.get_app_configs():
        create_permissions(config, verbosity=0, using=using)
    permissions = list(_own_permissions())
    for role in ROLE_PATTERNS:
        group, _created = Group.objects.using(using).get_or_create(name=role)
        group.permissions.set(permissions_for(role, permissions))


def role_of(user) -> str | None:
    names = set(user.groups.values_list("name", flat=True))
    for role in ROLE_PATTERNS:
        if role in names:
            return role
    return None

"""Staff users and their roles: every change is audited, and the project never loses its last active lead."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit, branding
from .roles import PROJECT_LEAD, ROLE_PATTERNS, role_of


def staff_users():
    """Every user with a role or a login, with their role names and whether they have a confirmed device."""
    User = get_user_model()
    with_device = set(TOTPDevice.objects.filter(confirmed=True).values_list("user_id", flat=True))
    users = list(User.objects.order_by("-is_active", "username").prefetch_related("groups"))
    for user in users:
        names = {group.name for group in user.groups.all()}
        user.role = next((role for role in ROLE_PATTERNS if role in names), None)
        user.has_two_factor = user.pk in with_device
    return users


def active_users_with_permission(permission: str, *, keep=None):
    """Active users holding ``"app_label.codename"`` through their role, directly, or as superuser, by name.

    ``keep``: the id of a user who stays in the list whatever their state (the one already chosen on a record).
    """
    app_label, codename = permission.split(".", 1)
    granted = Q(content_type__app_label=app_label, codename=codename)
    holders = (
        Q(is_superuser=True)
        | Q(groups__permissions__in=Permission.objects.filter(granted))
        | Q(user_permissions__in=Permission.objects.filter(granted))
    )
    User = get_user_model()
    ids = User.objects.filter(holders).values("pk")
    return User.objects.filter(Q(is_active=True, pk__in=ids) | Q(pk=keep)).order_by(
        "first_name", "last_name", "username"
    )


def _active_leads():
    return get_user_model().objects.filter(is_active=True, groups__name=PROJECT_LEAD)


def _keep_a_lead(user):
    if role_of(user) == PROJECT_LEAD and user.is_active and not _active_leads().exclude(pk=user.pk).exists():
        raise ValidationError(_("The project needs at least one active project lead."))


@transaction.atomic
def set_role(user, role: str, *, actor) -> bool:
    """Give ``user`` exactly one role; returns False if it already had it."""
    if role not in ROLE_PATTERNS:
        raise ValidationError(_("Unknown role."))
    before = role_of(user)
    if before == role:
        return False
    if before == PROJECT_LEAD:
        _keep_a_lead(user)
    user.groups.remove(*Group.objects.filter(name__in=ROLE_PATTERNS))
    user.groups.add(Group.objects.get(name=role))
    audit.record(actor, "users.role_changed", user, user=user.pk, before=before or "", after=role)
    return True


@transaction.atomic
def deactivation_refusal(user, actor) -> str:
    """Why ``actor`` may not deactivate ``user`` (empty if they may): never oneself, never the last lead."""
    if user.pk == getattr(actor, "pk", None):
        return _("You cannot deactivate your own account. Ask another project lead.")
    if not user.is_active:
        return _("This account is deactivated already.")
    try:
        _keep_a_lead(user)
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


def set_active(user, active: bool, *, actor) -> None:
    if user.is_active == active:
        return
    if not active and (refusal := deactivation_refusal(user, actor)):
        raise ValidationError(refusal)
    user.is_active = active
    user.save(update_fields=["is_active"])
    audit.record(actor, "users.reactivated" if active else "users.deactivated", user, user=user.pk)


def invitation_url(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return settings.SITE_URL + reverse("core:invitation", args=[uid, token])


@transaction.atomic
def invite(username: str, email: str, role: str, *, actor):
    """Create a user without a usable password and mail them a link to choose one (valid PASSWORD_RESET_TIMEOUT).

    The mail is sent inside the transaction: if the mail server refuses it, no user is created (OSError).
    """
    user = get_user_model().objects.create_user(username=username, email=email)
    user.set_unusable_password()
    user.save()
    user.groups.add(Group.objects.get(name=role))
    audit.record(actor, "users.created", user, user=user.pk, role=role)
    context = {"user": user, "url": invitation_url(user), "inviter": actor.get_username()}
    send_mail(
        _("Your inklusio account"),
        render_to_string("core/mail/invitation.txt", context),
        branding.mail_sender(),
        [email],
    )
    return user

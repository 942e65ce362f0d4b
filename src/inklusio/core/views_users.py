"""Users & roles for the project lead: list, change a role, deactivate, invite. Every change is re-authenticated."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from . import accounts, twofactor
from .access import recent_auth_required, staff_permission_required
from .forms_account import RoleForm, UserCreateForm
from .removal import DEACTIVATE, RemovalPlan, confirm_removal
from .roles import ROLE_LABELS, role_of

PERMISSION = "core.manage_users"


@staff_permission_required(PERMISSION)
def user_list(request):
    users = accounts.staff_users()
    for user in users:
        user.role_label = ROLE_LABELS.get(user.role, _("No role"))
    return render(request, "core/user_list.html", {"users": users})


@staff_permission_required(PERMISSION)
@recent_auth_required()
def user_detail(request, pk):
    subject = get_object_or_404(get_user_model(), pk=pk)
    role = role_of(subject)
    form = RoleForm(request.POST if request.POST.get("action") == "role" else None, initial={"role": role})
    problem = ""
    if request.method == "POST":
        try:
            if request.POST.get("action") == "role" and form.is_valid():
                if accounts.set_role(subject, form.cleaned_data["role"], actor=request.user):
                    messages.success(request, _("The role was changed."))
                return redirect("core:user_detail", pk=subject.pk)
            if request.POST.get("action") == "reactivate":  # deactivating has its confirmation page
                accounts.set_active(subject, True, actor=request.user)
                messages.success(request, _("The account was saved."))
                return redirect("core:user_detail", pk=subject.pk)
        except ValidationError as error:
            problem = " ".join(error.messages)
    context = {
        "subject": subject,
        "form": form,
        "problem": problem,
        "role_label": ROLE_LABELS.get(role, _("No role")),
        "has_two_factor": twofactor.has_device(subject),
    }
    return render(request, "core/user_detail.html", context)


@staff_permission_required(PERMISSION)
@recent_auth_required()
def user_deactivate(request, pk):
    subject = get_object_or_404(get_user_model(), pk=pk)
    lines = [_("Their role and two-factor device stay, so the account can be reactivated as it was.")]
    plan = RemovalPlan(subject, DEACTIVATE, lines, refusal=accounts.deactivation_refusal(subject, request.user))
    return confirm_removal(
        request,
        plan=plan,
        carry_out=lambda plan: accounts.set_active(plan.subject, False, actor=request.user),
        back_url=reverse("core:user_detail", args=[subject.pk]),
        done_url=reverse("core:user_detail", args=[subject.pk]),
        audit_action=None,  # set_active writes "users.deactivated"
    )


@staff_permission_required(PERMISSION)
@recent_auth_required()
def user_create(request):
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = accounts.invite(data["username"], data["email"], data["role"], actor=request.user)
        except OSError:
            form.add_error(None, _("The invitation could not be sent; no account was created. Please try again."))
        else:
            messages.success(request, _("The account was created and the invitation sent."))
            return redirect("core:user_detail", pk=user.pk)
    return render(request, "core/user_form.html", {"form": form})

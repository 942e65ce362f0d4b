"""Taking things out of the working lists: delete, archive or deactivate, always after a confirmation page.

Each app decides *what* happens in its own ``removal.py`` (a ``plan_*`` function that returns a
:class:`RemovalPlan`, and a carry-out function). The rule everywhere: what a past report figure counts is
archived (``archived_at`` set, gone from the working lists, still counted), everything else is deleted.
:func:`confirm_removal` is the one view behind every confirmation page: a GET only shows the plan, a POST
carries it out (unless the plan refuses) and writes one audit entry.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import audit

DELETE = "delete"
ARCHIVE = "archive"
DEACTIVATE = "deactivate"
BUTTON_LABELS = {
    DELETE: gettext_lazy("Delete now"),
    ARCHIVE: gettext_lazy("Archive now"),
    DEACTIVATE: gettext_lazy("Deactivate now"),
}
ACTION_LABELS = {
    DELETE: gettext_lazy("Delete"),
    ARCHIVE: gettext_lazy("Archive"),
    DEACTIVATE: gettext_lazy("Deactivate"),
}


class RemovalRefused(Exception):
    """Raised by a carry-out function when the state changed since the plan was made (e.g. a mailing started)."""


@dataclass
class RemovalPlan:
    """What removing ``subject`` would do: ``action``, the consequences (one sentence each, with its count),
    the figures that go into the audit entry, and ``refusal`` if it may not be done at all."""

    subject: object
    action: str
    consequences: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    refusal: str = ""

    @property
    def allowed(self) -> bool:
        return not self.refusal

    @property
    def label(self):
        return ACTION_LABELS[self.action]

    @property
    def button_label(self):
        return BUTTON_LABELS[self.action]


def archive(obj) -> None:
    """Set ``archived_at`` (the model's field) to now; nothing else changes, so every figure keeps counting it."""
    obj.archived_at = timezone.now()
    obj.save(update_fields=["archived_at"])


def show_archived(request) -> bool:
    """Whether a working list should show the archived entries (``?archived=1``) instead of the current ones."""
    return request.GET.get("archived") == "1"


def confirm_removal(
    request,
    *,
    plan: RemovalPlan,
    carry_out: Callable[[RemovalPlan], None],
    back_url: str,
    done_url: str,
    audit_action: str | None,
):
    """The confirmation page (GET) and the removal itself (POST): the one place every app's removal goes through.

    The audit entry is ``"<audit_action>.<plan.action>"`` with the plan's counts; ``audit_action=None`` only for
    a carry-out that writes its own entry (deactivating a user goes through ``accounts.set_active``).
    """
    if request.method == "POST" and plan.allowed:
        subject_ref = audit.reference(plan.subject)
        try:
            carry_out(plan)
        except RemovalRefused as refused:
            plan.refusal = str(refused)
            return render(request, "core/removal_confirm.html", {"plan": plan, "back_url": back_url}, status=409)
        if audit_action:
            audit.record(request.user, f"{audit_action}.{plan.action}", subject_ref, **plan.counts)
        done = {
            DELETE: _("“%(name)s” has been deleted."),
            ARCHIVE: _("“%(name)s” has been archived."),
            DEACTIVATE: _("“%(name)s” has been deactivated."),
        }[plan.action]
        messages.success(request, done % {"name": plan.subject})
        return redirect(done_url)
    status = 409 if request.method == "POST" else 200
    return render(request, "core/removal_confirm.html", {"plan": plan, "back_url": back_url}, status=status)

"""Removing mailings (see ``core/removal.py`` for the rule).

A draft has reached nobody: it is deleted. A mailing that went out (sent, cancelled or stopped midway) is counted
by the report (mailings sent, recipients): it is archived, and stays in the public archive if it was there.
A mailing that is scheduled or sending must first be taken off the schedule or cancelled.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inklusio.core.removal import ARCHIVE, DELETE, RemovalPlan, RemovalRefused, archive

from .models import Mailing

BUSY = (Mailing.Status.SCHEDULED, Mailing.Status.SENDING, Mailing.Status.PAUSED)


def _busy_refusal(status: str) -> str:
    if status == Mailing.Status.SCHEDULED:
        return _("It is scheduled. Take it off the schedule first; then it is a draft again and can be deleted.")
    return _("It is being sent. Cancel the sending first.")


def plan_mailing(mailing: Mailing) -> RemovalPlan:
    counts = {"deliveries": mailing.deliveries.count()}
    if mailing.archived_at:
        return RemovalPlan(mailing, ARCHIVE, counts=counts, refusal=_("This is archived already."))
    if mailing.status in BUSY:
        return RemovalPlan(mailing, DELETE, counts=counts, refusal=_busy_refusal(mailing.status))
    if mailing.status == Mailing.Status.DRAFT or not counts["deliveries"]:
        return RemovalPlan(mailing, DELETE, [_("Nobody has received it.")], counts)
    lines = [
        ngettext(
            "Its %(count)s delivery stays counted.", "Its %(count)s deliveries stay counted.", counts["deliveries"]
        )
        % {"count": counts["deliveries"]}
    ]
    if mailing.in_archive:
        lines.append(_("It stays in the public Infoletter archive."))
    return RemovalPlan(mailing, ARCHIVE, lines, counts)


def remove_mailing(plan: RemovalPlan) -> None:
    """Carry out the plan, unless sending started meanwhile (the row lock orders us with ``start_sending``)."""
    with transaction.atomic():
        mailing = Mailing.objects.select_for_update().get(pk=plan.subject.pk)
        if plan.action == DELETE:
            if mailing.status in BUSY or (mailing.status != Mailing.Status.DRAFT and mailing.deliveries.exists()):
                raise RemovalRefused(_busy_refusal(mailing.status))
            mailing.delete()
        else:
            archive(mailing)

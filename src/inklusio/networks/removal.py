"""Removing networks and meetings (see ``core/removal.py`` for the rule).

A network founded before today, or with members or meetings, is counted by the report (networks founded and
active, members, meetings, participants): it is archived. A meeting that has begun or has attendance is counted
(meetings held, active participants): it is archived. Everything else is deleted, a meeting with its
invitations and documents.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inklusio.core.removal import ARCHIVE, DELETE, RemovalPlan, archive

from . import services
from .models import Meeting, Network


def _already_archived(subject, counts) -> RemovalPlan:
    return RemovalPlan(subject, ARCHIVE, counts=counts, refusal=_("This is archived already."))


def plan_network(network: Network) -> RemovalPlan:
    counts = {"memberships": network.memberships.count(), "meetings": network.meetings.count()}
    if network.archived_at:
        return _already_archived(network, counts)
    if not any(counts.values()) and network.founded_on >= timezone.localdate():
        return RemovalPlan(
            network, DELETE, [_("It has no members and no meetings, and no report counts it yet.")], counts
        )
    lines = [
        ngettext("%(count)s membership stays counted.", "%(count)s memberships stay counted.", counts["memberships"])
        % {"count": counts["memberships"]},
        ngettext("%(count)s meeting stays counted.", "%(count)s meetings stay counted.", counts["meetings"])
        % {"count": counts["meetings"]},
    ]
    return RemovalPlan(network, ARCHIVE, lines, counts)


def plan_meeting(meeting: Meeting) -> RemovalPlan:
    counts = {
        "attendances": meeting.attendances.filter(attended=True).count(),
        "invitations": meeting.invitations.count(),
        "documents": meeting.documents.count(),
    }
    if meeting.archived_at:
        return _already_archived(meeting, counts)
    if meeting.has_started or counts["attendances"]:
        lines = [
            ngettext(
                "%(count)s attendance stays counted.", "%(count)s attendances stay counted.", counts["attendances"]
            )
            % {"count": counts["attendances"]}
        ]
        return RemovalPlan(meeting, ARCHIVE, lines, counts)
    lines = [
        ngettext(
            "%(count)s invitation is deleted with it.",
            "%(count)s invitations are deleted with it.",
            counts["invitations"],
        )
        % {"count": counts["invitations"]},
        ngettext(
            "%(count)s document is deleted with it.", "%(count)s documents are deleted with it.", counts["documents"]
        )
        % {"count": counts["documents"]},
    ]
    if counts["invitations"]:
        lines.append(_("Invited members are not told; let them know yourself if the meeting does not take place."))
    return RemovalPlan(meeting, DELETE, lines, counts)


def remove(plan: RemovalPlan, actor=None) -> None:
    subject = plan.subject
    if plan.action == ARCHIVE:
        archive(subject)
        return
    with transaction.atomic():
        if isinstance(subject, Meeting):
            for document in subject.documents.all():
                services.delete_document(document, actor)
        subject.delete()

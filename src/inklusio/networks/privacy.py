"""The regional networks' part of the data-subject rights."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inklusio.core.personal_data import plain_record
from inklusio.core.scrub import replace_in, text_pattern

from .models import Attendance, Invitation, Meeting, Membership, PendingMembership, new_token


def personal_data(person) -> dict:
    return {
        _("Network memberships"): [
            plain_record(m) for m in Membership.objects.filter(person=person).select_related("network", "organisation")
        ],
        _("Meeting invitations"): [
            plain_record(i, exclude=["person"])
            for i in Invitation.objects.filter(person=person).select_related("meeting")
        ],
        _("Meeting attendance"): [
            plain_record(a, exclude=["person"])
            for a in Attendance.objects.filter(person=person).select_related("meeting")
        ],
        _("Network memberships waiting for confirmation"): [
            plain_record(p, exclude=["token", "requested_by"]) for p in _pending_for(person).select_related("network")
        ],
    }


def _pending_for(person):
    if not person.email:
        return PendingMembership.objects.none()
    return PendingMembership.objects.filter(email=person.email.strip().lower())


def erase_person(person, actor=None):
    """Memberships, invitations and attendance stay (participation figures count them); invitation links are
    renewed, requests still waiting for their confirmation are deleted, and the person's name is cut out of the
    agenda and minutes of their networks' meetings."""
    _pending_for(person).delete()
    for pk in Invitation.objects.filter(person=person).values_list("pk", flat=True):
        Invitation.objects.filter(pk=pk).update(token=new_token())
    pattern = text_pattern([person.full_name, f"{person.first_name} {person.last_name}", person.email])
    if pattern is None:
        return []
    meetings = Meeting.objects.filter(
        Q(network__memberships__person=person) | Q(invitations__person=person) | Q(attendances__person=person)
    ).distinct()
    for meeting in meetings:
        changed = {name: replace_in(getattr(meeting, name), pattern) for name in ("agenda", "minutes", "topics")}
        if any(changed[name] != getattr(meeting, name) for name in changed):
            Meeting.objects.filter(pk=meeting.pk).update(**changed)
    return []

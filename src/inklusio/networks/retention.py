"""The networks' retention category (see inklusio.privacy.retention): documents of past meetings."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inklusio.core import uploads
from inklusio.core.extensions import DELETE, RetentionCategory

from . import conf, services
from .models import Attendance, Invitation, MeetingDocument, Membership


def _documents_due(cutoff):
    return MeetingDocument.objects.filter(meeting__starts_at__lt=cutoff).select_related("meeting__network")


def documents_due(cutoff) -> list:
    """Documents of meetings held before the cutoff, then stray files in the upload directory older than it."""
    owned = MeetingDocument.objects.values_list("stored_as", flat=True)
    return [
        *_documents_due(cutoff).order_by("meeting__starts_at", "id"),
        *uploads.files_older_than(conf.upload_dir(), cutoff, owned),
    ]


def delete_documents(cutoff) -> int:
    items = documents_due(cutoff)
    for item in items:
        if isinstance(item, MeetingDocument):
            services.delete_document(item)
        else:
            item.unlink(missing_ok=True)
    return len(items)


def _describe(item) -> str:
    if isinstance(item, MeetingDocument):
        return f"{item.meeting.network}, {item.meeting.starts_at:%Y-%m-%d}: {item.title}"
    return item.name


def active_person_ids(since) -> list:
    """Querysets of person ids: current members, and people invited to or attending meetings since the date."""
    return [
        Membership.objects.not_left_before(timezone.localdate(since)).values("person_id"),
        Attendance.objects.filter(meeting__starts_at__gte=since).values("person_id"),
        Invitation.objects.filter(Q(meeting__starts_at__gte=since) | Q(sent_at__gte=since)).values("person_id"),
    ]


CATEGORIES = [
    RetentionCategory(
        key="networks.documents",
        label=_("Documents of network meetings"),
        data=_("Minutes, attendance lists and other files uploaded to a meeting (may name participants)"),
        data_subjects=_("Members and guests of the regional networks"),
        purpose=_("Documenting the networks' meetings for their members and the project's reports"),
        legal_basis=_("Legitimate interest in documenting the networks' work (GDPR Art. 6(1)(f))"),
        recipients=_("Network coordinators and project staff; members the coordinator shares them with"),
        default_days=1826,
        find=documents_due,
        apply=lambda cutoff, now: delete_documents(cutoff),
        action=DELETE,
        describe=_describe,
        minimum_days=365,
        minimum_reason=_(
            "Minutes are the record of the networks' work for the project's yearly reports. Check the grant "
            "agreement: funders often require documents to be kept for several years after the project."
        ),
        measures=_("Stored outside the web root; downloads only for coordinators of the network and staff."),
        after=_("the meeting"),
    ),
]

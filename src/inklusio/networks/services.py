"""Operations that change network data, with their rules."""

import logging
import smtplib
import uuid
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from inklusio.contacts.queries import people_with_ids
from inklusio.contacts.services import PersonError, find_or_create_person
from inklusio.core import audit
from inklusio.core.branding import mail_sender
from inklusio.core.uploads import safe_filename, save_upload

from . import conf, ics
from .models import Attendance, Invitation, Meeting, MeetingDocument, Membership, PendingMembership
from .tasks import send_meeting_invitations, send_membership_request

logger = logging.getLogger(__name__)

# --- members -----------------------------------------------------------------------------------------------


def add_member(network, person, *, role=Membership.Role.MEMBER, joined_on=None, organisation=None, actor=None):
    joined_on = joined_on or timezone.localdate()
    if Membership.objects.filter(network=network, person=person).current(joined_on).exists():
        raise ValidationError(_("This person is already a member of the network."))
    membership = Membership(network=network, person=person, role=role, joined_on=joined_on, organisation=organisation)
    membership.full_clean()
    membership.save()
    audit.record(actor, "networks.member_added", membership, network=network.pk, person=person.pk)
    return membership


def add_member_by_address(
    network,
    *,
    email: str,
    first_name: str = "",
    last_name: str = "",
    role=Membership.Role.MEMBER,
    joined_on=None,
    actor=None,
):
    """Add the person with this address, or ask them by mail: returns a Membership or a PendingMembership.

    A contact the actor may see is added at once (staff and lead see every contact, so for them an unknown
    address makes a new contact, as before). For anyone else (a coordinator) the address is not a key: a
    known contact outside their scope and an unknown address are treated alike, as a membership waiting for
    the person's confirmation by mail, which holds only what was typed. The answer never says which it was.
    Raises ValidationError (e.g. already a member, or an erased address typed by staff).
    """
    joined_on = joined_on or timezone.localdate()
    try:
        person = find_or_create_person(
            email=email, user=actor, first_name=first_name, last_name=last_name, create=False
        )
        if person is None and (not email or actor is None or actor.has_perm("contacts.view_person")):
            person = find_or_create_person(email=email, user=actor, first_name=first_name, last_name=last_name)
    except PersonError as error:
        raise ValidationError(error.message) from error
    if person is not None:
        return add_member(
            network, person, role=role, joined_on=joined_on, organisation=person.organisations.first(), actor=actor
        )
    return request_membership(
        network, email=email, first_name=first_name, last_name=last_name, role=role, joined_on=joined_on, actor=actor
    )


def request_membership(network, *, email, first_name, last_name, role, joined_on, actor=None) -> PendingMembership:
    """Store what was typed and mail the address a confirmation link (once per network and address)."""
    email = email.strip().lower()
    with transaction.atomic():
        pending, _created = PendingMembership.objects.select_for_update().get_or_create(
            network=network, email=email, defaults={"joined_on": joined_on}
        )
        pending.first_name, pending.last_name = first_name.strip()[:100], last_name.strip()[:100]
        pending.role, pending.joined_on = role, joined_on
        pending.requested_by = actor if getattr(actor, "is_authenticated", False) else None
        pending.requested_at = timezone.now()
        pending.save()
        audit.record(actor, "networks.member_requested", network, network=network.pk, request=pending.pk)
        transaction.on_commit(lambda: send_membership_request.enqueue(pending.pk))
    return pending


def pending_memberships(network):
    """Requests of a network still waiting for confirmation (expired ones are not shown)."""
    return PendingMembership.objects.filter(network=network, requested_at__gte=_pending_cutoff())


def _pending_cutoff():
    return timezone.now() - timedelta(days=conf.membership_request_days())


def pending_membership_for_token(token: str) -> PendingMembership | None:
    if not token or len(token) > 64:
        return None
    return (
        PendingMembership.objects.select_related("network")
        .filter(token=token, requested_at__gte=_pending_cutoff())
        .first()
    )


def membership_request_message(pending: PendingMembership) -> EmailMultiAlternatives:
    with translation.override(settings.LANGUAGE_CODE):
        url = settings.SITE_URL + pending.get_confirm_url()
        context = {
            "pending": pending,
            "network": pending.network,
            "role": pending.get_role_display(),
            "url": url,
            "days": conf.membership_request_days(),
        }
        subject = _("Please confirm: membership in %(network)s") % {"network": pending.network.name}
        body = render_to_string("networks/email/membership_request.txt", context)
    return EmailMultiAlternatives(subject=subject, body=body, from_email=mail_sender(), to=[pending.email])


def send_membership_request_mail(pending_id: int) -> bool:
    pending = PendingMembership.objects.select_related("network").filter(pk=pending_id).first()
    if pending is None:
        return False
    membership_request_message(pending).send()
    PendingMembership.objects.filter(pk=pending.pk).update(sent_at=timezone.now())
    return True


def confirm_membership(pending: PendingMembership) -> Membership | None:
    """The person confirmed by the mailed link: the contact (found or created) becomes a member.

    Their existing data is not changed; what the coordinator typed is used only for a new contact.
    """
    with transaction.atomic():
        locked = PendingMembership.objects.select_for_update().filter(pk=pending.pk).first()
        if locked is None:
            return None
        person = find_or_create_person(
            email=locked.email, user=None, first_name=locked.first_name, last_name=locked.last_name or locked.email
        )
        try:
            membership = add_member(
                locked.network,
                person,
                role=locked.role,
                joined_on=locked.joined_on,
                organisation=person.organisations.first(),
            )
        except ValidationError:  # already a member (e.g. added by staff meanwhile): nothing more to do
            membership = None
        audit.record(None, "networks.member_confirmed", locked.network, network=locked.network_id, person=person.pk)
        locked.delete()
    return membership


def decline_membership(pending: PendingMembership) -> None:
    PendingMembership.objects.filter(pk=pending.pk).delete()


def delete_expired_requests() -> int:
    """Periodic job: unconfirmed requests are deleted after their period (what was typed goes with them)."""
    deleted, _per_model = PendingMembership.objects.filter(requested_at__lt=_pending_cutoff()).delete()
    return deleted


def current_members(network, on=None):
    return Membership.objects.filter(network=network).current(on).select_related("person", "organisation")


# --- meeting documents -------------------------------------------------------------------------------------


def check_document(upload) -> tuple[str, str]:
    """Validate an uploaded file by size, extension and leading bytes; returns (extension, content type)."""
    name = Path(upload.name or "").name
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in conf.DOCUMENT_TYPES:
        allowed = ", ".join(sorted(conf.DOCUMENT_TYPES))
        raise ValidationError(
            _("This file type is not allowed. Allowed: %(types)s.") % {"types": allowed}, code="file_type"
        )
    if upload.size > conf.document_max_bytes():
        raise ValidationError(
            _("The file is too large (at most %(mb)s MB).") % {"mb": conf.document_max_bytes() // (1024 * 1024)},
            code="file_size",
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="file_empty")
    content_type, signatures = conf.DOCUMENT_TYPES[extension]
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if signatures and not any(head.startswith(sig) for sig in signatures):
        raise ValidationError(_("The file's content does not match its type."), code="file_content")
    if not signatures:
        sample = upload.read(64 * 1024)
        upload.seek(0)
        if b"\x00" in sample:
            raise ValidationError(_("The file's content does not match its type."), code="file_content")
    return extension, content_type


def store_document(meeting, upload, title: str, actor=None) -> MeetingDocument:
    extension, content_type = check_document(upload)
    stored_as = f"{uuid.uuid4().hex}.{extension}"
    target = save_upload(upload, conf.upload_dir() / stored_as)
    try:
        document = MeetingDocument.objects.create(
            meeting=meeting,
            title=title or safe_filename(upload.name),
            original_name=safe_filename(upload.name),
            stored_as=stored_as,
            content_type=content_type,
            size=upload.size,
            uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
    except Exception:
        target.unlink(missing_ok=True)
        raise
    audit.record(actor, "networks.document_uploaded", document, meeting=meeting.pk)
    return document


def document_path(document) -> Path:
    path = (conf.upload_dir() / document.stored_as).resolve()
    if path.parent != conf.upload_dir().resolve():
        raise ValidationError("Bad stored path")
    return path


def delete_document(document, actor=None):
    path = document_path(document)
    audit.record(actor, "networks.document_deleted", document, meeting=document.meeting_id)
    document.delete()
    transaction.on_commit(lambda: path.unlink(missing_ok=True))


# --- invitations -------------------------------------------------------------------------------------------


def invite_members(meeting, actor=None) -> int:
    """Create an invitation for every current member without one and queue the emails; returns how many new."""
    if meeting.has_started:
        raise ValidationError(_("The meeting has already started; invitations can no longer be sent."))
    on = timezone.localtime(meeting.starts_at).date()
    members = Membership.objects.filter(network=meeting.network).current(min(on, timezone.localdate()))
    person_ids = set(members.values_list("person_id", flat=True))
    existing = set(meeting.invitations.values_list("person_id", flat=True))
    new = [Invitation(meeting=meeting, person_id=pid) for pid in sorted(person_ids - existing)]
    Invitation.objects.bulk_create(new)
    Meeting.objects.filter(pk=meeting.pk).update(invitations_sent_at=timezone.now())
    audit.record(actor, "networks.invitations_sent", meeting, new=len(new))

    transaction.on_commit(lambda: send_meeting_invitations.enqueue(meeting.pk))
    return len(new)


def reply_url(invitation) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return settings.SITE_URL + invitation.get_reply_url()


def invitation_message(invitation) -> EmailMultiAlternatives:
    meeting = invitation.meeting
    url = reply_url(invitation)
    with translation.override(settings.LANGUAGE_CODE):
        context = {"invitation": invitation, "meeting": meeting, "person": invitation.person, "reply_url": url}
        subject = _("Invitation: %(network)s – %(title)s") % {"network": meeting.network.name, "title": meeting.title}
        body = render_to_string("networks/email/invitation.txt", context)
    message = EmailMultiAlternatives(subject=subject, body=body, from_email=mail_sender(), to=[invitation.person.email])
    message.attach("einladung.ics", ics.meeting_calendar(meeting, reply_url=url), "text/calendar; method=PUBLISH")
    return message


def send_pending_invitations(meeting_id: int) -> int:
    """Send every not yet sent invitation of a meeting over one connection; each is marked sent right after
    its message was accepted. A refused message stays unsent and is tried again by ``retry_invitations``."""
    sent = 0
    pending = Invitation.objects.filter(meeting_id=meeting_id, sent_at__isnull=True).exclude(person__email="")
    with get_connection() as connection:
        for invitation in pending.select_related("meeting__network", "person"):
            message = invitation_message(invitation)
            message.connection = connection
            try:
                message.send()
            except (smtplib.SMTPException, OSError):
                logger.warning("Invitation %s to %s was not accepted; will retry", invitation.pk, invitation.person_id)
                continue
            Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())
            sent += 1
    return sent


def retry_pending_invitations() -> int:
    """Periodic job: send invitations that could not be delivered yet, for meetings still ahead."""
    meetings = (
        Invitation.objects.filter(sent_at__isnull=True, meeting__starts_at__gt=timezone.now())
        .exclude(person__email="")
        .values_list("meeting_id", flat=True)
        .distinct()
    )
    return sum(send_pending_invitations(meeting_id) for meeting_id in list(meetings))


def record_reply(invitation, answer: str) -> Invitation:
    if answer not in (Invitation.Reply.YES, Invitation.Reply.NO):
        raise ValidationError(_("Choose yes or no."))
    if invitation.meeting.ends_at <= timezone.now():
        raise ValidationError(_("This meeting is over; replies are closed."))
    invitation.reply = answer
    invitation.replied_at = timezone.now()
    invitation.save(update_fields=["reply", "replied_at"])
    return invitation


# --- attendance --------------------------------------------------------------------------------------------


def attendance_candidates(meeting):
    """Who can be ticked: everyone invited plus everyone who was a member on the meeting day, plus recorded ones."""
    on = timezone.localtime(meeting.starts_at).date()
    ids = set(meeting.invitations.values_list("person_id", flat=True))
    ids |= set(Membership.objects.filter(network=meeting.network).current(on).values_list("person_id", flat=True))
    ids |= set(meeting.attendances.values_list("person_id", flat=True))
    return people_with_ids(ids)


def record_attendance(meeting, attended_ids, actor=None) -> int:
    """Store who attended (everyone else of the candidates as not attended); returns the number who attended."""
    if not meeting.has_started:
        raise ValidationError(_("Attendance can be recorded once the meeting has started."))
    candidates = set(attendance_candidates(meeting).values_list("pk", flat=True))
    attended = {int(pk) for pk in attended_ids}
    if not attended <= candidates:
        raise ValidationError(_("Only invited people and members can be recorded."))
    with transaction.atomic():
        existing = {a.person_id: a for a in meeting.attendances.select_for_update()}
        for person_id in candidates:
            value = person_id in attended
            row = existing.get(person_id)
            if row is None:
                Attendance.objects.create(meeting=meeting, person_id=person_id, attended=value)
            elif row.attended != value:
                row.attended = value
                row.save(update_fields=["attended", "recorded_at"])
    audit.record(actor, "networks.attendance_recorded", meeting, attended=len(attended), of=len(candidates))
    return len(attended)


def meeting_participants(meeting) -> list[int]:
    """Person ids of the people who attended the meeting, or (before it) who said yes, else all invited.

    This is the hook for the World Café planner: it can seat a meeting's participants at its tables.
    """
    attended = list(meeting.attendances.filter(attended=True).values_list("person_id", flat=True))
    if attended:
        return sorted(attended)
    yes = list(meeting.invitations.filter(reply=Invitation.Reply.YES).values_list("person_id", flat=True))
    if yes:
        return sorted(yes)
    return sorted(meeting.invitations.exclude(reply=Invitation.Reply.NO).values_list("person_id", flat=True))

"""The operations that change events data, with their rules.

The seat invariant (never more confirmed registrations than seats) is kept by one function, :func:`register`,
together with :func:`cancel` and :func:`promote_waitlist`: each locks the event row (``select_for_update``) inside
one transaction, so on PostgreSQL concurrent sign-ups queue on that row; on SQLite the IMMEDIATE transactions of
the settings serialise writers.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, Q
from django.utils import timezone

from inklusio.contacts.services import find_or_create_person
from inklusio.core import audit, happenings
from inklusio.mailings.services import request_subscription
from inklusio.surveys import services as survey_services

from . import bookings, conf, tasks
from .models import (
    Answer,
    Attendance,
    Contribution,
    Event,
    FeedbackReceipt,
    FeedbackResponse,
    ProgrammeItem,
    Registration,
    SupportKind,
    SupportNeed,
    SupportNeedCount,
    new_token,
)


class RegistrationError(Exception):
    """Registration is not possible; ``code`` says why (closed, not_open, cancelled, draft, past)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@dataclass
class RegistrationData:
    email: str
    first_name: str
    last_name: str
    organisation_name: str = ""
    stakeholder_type_id: int | None = None
    privacy_notice_version: str = ""
    photo_consent: bool = False
    answers: dict[int, str] = field(default_factory=dict)  # question id -> value
    support_needs: dict[str, str] = field(default_factory=dict)  # kind -> detail
    support_consent: bool = False
    language: str = "de"


def request_newsletter(event: Event, data: RegistrationData) -> None:
    """The registration form's separate, unticked newsletter box: the Infoletter's own double opt-in."""
    request_subscription(
        email=data.email,
        name=f"{data.first_name} {data.last_name}".strip(),
        source=f"event:{event.slug}",
        language=data.language,
    )


def _confirmed_count(event: Event) -> int:
    return event.registrations.filter(status=Registration.Status.CONFIRMED).count()


def _has_seat(event: Event) -> bool:
    return event.capacity is None or _confirmed_count(event) < event.capacity


def _enqueue_after_commit(task, *args):
    transaction.on_commit(lambda: task.enqueue(*args))


def _announce_registration(kind: str, registration: Registration) -> None:
    """Tell listeners (webhooks) after commit: ids and the status only, never support needs."""
    happenings.announce(
        kind,
        registration_id=registration.pk,
        event_id=registration.event_id,
        person_id=registration.person_id,
        status=registration.status,
    )


def _announce_attendance(registration: Registration, day) -> None:
    happenings.announce(
        happenings.ATTENDANCE_RECORDED,
        registration_id=registration.pk,
        event_id=registration.event_id,
        person_id=registration.person_id,
        day=day.isoformat(),
    )


def _save_support_needs(registration: Registration, needs: dict[str, str], consent: bool) -> None:
    registration.support_needs.all().delete()
    if not consent or not needs:
        return
    now = timezone.now()
    valid = set(SupportKind.values)
    SupportNeed.objects.bulk_create(
        [
            SupportNeed(registration=registration, kind=kind, detail=(detail or "")[:500], consent_at=now)
            for kind, detail in needs.items()
            if kind in valid
        ]
    )


def _save_answers(registration: Registration, answers: dict[int, str]) -> None:
    registration.answers.all().delete()
    Answer.objects.bulk_create(
        [Answer(registration=registration, question_id=qid, value=value) for qid, value in answers.items() if value]
    )


def register(event_id: int, data: RegistrationData, now=None, _retry: bool = True) -> tuple[Registration, bool]:
    """Register a person for an event: confirmed while seats are free, else waitlisted.

    Returns ``(registration, created)``. A second submission with the same email returns the existing
    registration unchanged (``created`` False) and mails its personal link to the address on file; the caller
    answers both cases alike and never shows the registration (an address is not a key to someone's data).
    Raises :class:`RegistrationError` when registration is not open.

    The seat count is read and the registration written while the event row is locked (``select_for_update``),
    so concurrent sign-ups queue there; the person is looked up before the lock to keep the locked part short.
    """
    now = now or timezone.now()
    try:
        with transaction.atomic():
            person = find_or_create_person(
                email=data.email,
                user=None,  # the address's owner: the answer goes only to that address, by mail
                first_name=data.first_name,
                last_name=data.last_name,
                stakeholder_type_id=data.stakeholder_type_id,
            )
            registration = Registration.objects.filter(event_id=event_id, person=person).first()
            if registration and registration.status != Registration.Status.CANCELLED:
                _enqueue_after_commit(tasks.send_personal_link_mail, registration.pk)
                return registration, False
            event = Event.objects.select_for_update().get(pk=event_id)  # the seat lock
            state = event.registration_state(now)
            if state != "open":
                raise RegistrationError(state)
            seat = _has_seat(event)
            values = {
                "status": Registration.Status.CONFIRMED if seat else Registration.Status.WAITLISTED,
                "organisation_name": data.organisation_name.strip(),
                "stakeholder_type_id": data.stakeholder_type_id,
                "privacy_notice_version": data.privacy_notice_version or conf.privacy_notice_version(),
                "photo_consent": data.photo_consent,
                "language": data.language,
                "confirmed_at": now if seat else None,
                "was_waitlisted": not seat,
                "cancelled_at": None,
                "created": now,
            }
            if registration:  # re-registration after a cancellation: same row, back in the queue
                for key, value in values.items():
                    setattr(registration, key, value)
                registration.save()
                registration.answers.all().delete()
            else:
                registration = Registration.objects.create(event=event, person=person, **values)
            if data.answers:
                _save_answers(registration, data.answers)
            if data.support_consent and data.support_needs:
                _save_support_needs(registration, data.support_needs, True)
            _enqueue_after_commit(tasks.send_registration_mail, registration.pk)
            _announce_registration(happenings.REGISTRATION_CREATED, registration)
    except IntegrityError:
        # The same email registered at the same moment in another request: the person or the registration
        # now exists, so the second attempt finds it.
        if not _retry:
            raise
        return register(event_id, data, now, _retry=False)
    return registration, True


def update_registration(registration: Registration, data: RegistrationData) -> Registration:
    """Change what a registrant may change on the personal page."""
    with transaction.atomic():
        registration.organisation_name = data.organisation_name.strip()
        registration.photo_consent = data.photo_consent
        registration.save(update_fields=["organisation_name", "photo_consent"])
        _save_answers(registration, data.answers)
        _save_support_needs(registration, data.support_needs, data.support_consent)
    return registration


def promote_waitlist(event: Event, now=None) -> list[Registration]:
    """Confirm waitlisted registrations in order while seats are free. Call with the event row locked."""
    now = now or timezone.now()
    if event.cancelled:
        return []
    free = None if event.capacity is None else event.capacity - _confirmed_count(event)
    queue = event.registrations.filter(status=Registration.Status.WAITLISTED).order_by("created", "id")
    if free is not None:
        queue = queue[: max(free, 0)]
    promoted = list(queue)
    for registration in promoted:
        registration.status = Registration.Status.CONFIRMED
        registration.confirmed_at = now
        registration.save(update_fields=["status", "confirmed_at"])
        _enqueue_after_commit(tasks.send_promotion_mail, registration.pk)
        _announce_registration(happenings.REGISTRATION_PROMOTED, registration)
    return promoted


def cancel(registration_id: int, now=None, notify: bool = False) -> Registration | None:
    """Cancel a registration; a freed seat goes to the next person on the waiting list.

    ``notify`` mails the person a confirmation of the cancellation (the personal page does: whoever holds the
    link, the person learns of it).
    """
    now = now or timezone.now()
    with transaction.atomic():
        event_id = Registration.objects.values_list("event_id", flat=True).get(pk=registration_id)
        event = Event.objects.select_for_update().get(pk=event_id)
        registration = Registration.objects.get(pk=registration_id)
        if registration.status == Registration.Status.CANCELLED:
            return None
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        registration.support_needs.all().delete()
        bookings.unlink_registration(registration)
        _announce_registration(happenings.REGISTRATION_CANCELLED, registration)
        promote_waitlist(event, now)
        if notify:
            _enqueue_after_commit(tasks.send_cancellation_confirmation, registration.pk)
    return registration


def change_capacity(event: Event, capacity: int | None) -> list[Registration]:
    """Set the seats; more seats promote people from the waiting list."""
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        locked.capacity = capacity
        locked.save(update_fields=["capacity"])
        return promote_waitlist(locked)


def save_event(event: Event) -> Event:
    """Save an event edited by staff; added seats move the waiting list up; cancelling tells everyone registered."""
    with transaction.atomic():
        was_cancelled = False
        if event.pk:
            before = Event.objects.select_for_update().filter(pk=event.pk).values_list("cancelled", flat=True)
            was_cancelled = bool(before and before[0])
        event.save()
        promote_waitlist(event)
        if event.cancelled and not was_cancelled:
            _enqueue_after_commit(tasks.send_cancellation_notices, event.pk)
    return event


def register_by_staff(event: Event, person, *, actor=None, now=None) -> Registration:
    """Staff register a person themselves (source "staff"): confirmed while seats are free, else waitlisted.

    Raises :class:`RegistrationError` for a cancelled or past event ("cancelled", "past") and for a person who is
    already registered ("already_registered"). The person gets the usual mail with the personal link.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)  # the seat lock
        if locked.cancelled:
            raise RegistrationError("cancelled")
        if locked.ends_at < now:
            raise RegistrationError("past")
        registration = Registration.objects.filter(event=locked, person=person).first()
        if registration and registration.status != Registration.Status.CANCELLED:
            raise RegistrationError("already_registered")
        seat = _has_seat(locked)
        registration = _staff_registration(locked, person, registration, seat, Registration.Source.STAFF, now)
        if person.email:
            _enqueue_after_commit(tasks.send_registration_mail, registration.pk)
        _announce_registration(happenings.REGISTRATION_CREATED, registration)
    return registration


def register_walk_in(event: Event, person, day, *, actor=None, now=None) -> tuple[Registration, bool]:
    """Someone comes to the door without a (confirmed) registration: registered and checked in at once.

    A walk-in is confirmed even when the seats are taken: the person is in the room. Returns
    ``(registration, walk_in)``; ``walk_in`` is False when the person already had a confirmed registration (then
    they are only checked in). Refused like :func:`check_in` while check-in is not open.
    """
    now = now or timezone.now()
    refusal = check_in_refusal(event, day, now)
    if refusal:
        raise RegistrationError(refusal)
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        registration = Registration.objects.filter(event=locked, person=person).first()
        walk_in = not (registration and registration.status == Registration.Status.CONFIRMED)
        if walk_in:
            registration = _staff_registration(locked, person, registration, True, Registration.Source.WALK_IN, now)
            _announce_registration(happenings.REGISTRATION_CREATED, registration)
        _attendance, recorded = Attendance.objects.get_or_create(registration=registration, day=day)
        if recorded:
            _announce_attendance(registration, day)
    return registration, walk_in


def _staff_registration(event, person, registration, seat: bool, source: str, now) -> Registration:
    values = {
        "status": Registration.Status.CONFIRMED if seat else Registration.Status.WAITLISTED,
        "source": source,
        "confirmed_at": now if seat else None,
        "was_waitlisted": not seat,
        "cancelled_at": None,
        "created": now,
        "privacy_notice_version": "",  # entered by staff: the person has not seen the form's notice
    }
    if registration:  # a cancelled registration comes back
        for key, value in values.items():
            setattr(registration, key, value)
        registration.save()
        return registration
    return Registration.objects.create(event=event, person=person, **values)


def set_published(event: Event, published: bool, actor=None) -> Event:
    """Publish an event (its public page and registration form appear) or take it back to draft."""
    event.visibility = Event.Visibility.PUBLIC if published else Event.Visibility.DRAFT
    event.save(update_fields=["visibility"])
    audit.record(actor, "events.publish" if published else "events.unpublish", event)
    return event


# --- programme ---------------------------------------------------------------------------------------------


def add_contribution(*, item: ProgrammeItem, person, role: str, perspective: str = "") -> Contribution:
    """Add a person to a programme item in a role; the database holds one role per person and item."""
    try:
        with transaction.atomic():
            return Contribution.objects.create(item=item, person=person, role=role, perspective=perspective)
    except IntegrityError as error:
        raise RegistrationError("already_contributing") from error


# --- check-in ----------------------------------------------------------------------------------------------


def check_in_opens_at(event: Event):
    """When check-in opens: midnight of the first day, or ``EVENTS_CHECK_IN_OPENS_HOURS`` before the start."""
    hours = conf.check_in_opens_hours()
    if hours is None:
        start = timezone.localtime(event.starts_at)
        return start.replace(hour=0, minute=0, second=0, microsecond=0)
    return event.starts_at - timedelta(hours=hours)


def check_in_refusal(event: Event, day=None, now=None) -> str:
    """Why nobody can be checked in (for ``day``) now: "cancelled", "not_open_yet", "future_day", "not_an_event_day",
    or "" when check-in is possible. After the event it stays possible (a printed list is entered later)."""
    now = now or timezone.now()
    if event.cancelled:
        return "cancelled"
    if now < check_in_opens_at(event):
        return "not_open_yet"
    if day is not None:
        if day not in event.days():
            return "not_an_event_day"
        if day > timezone.localdate(now):
            return "future_day"
    return ""


def check_in(registration: Registration, day, actor=None, now=None) -> tuple[Attendance, bool]:
    if registration.status != Registration.Status.CONFIRMED:
        raise RegistrationError("not_confirmed")
    refusal = check_in_refusal(registration.event, day, now)
    if refusal:
        raise RegistrationError(refusal)
    attendance, recorded = Attendance.objects.get_or_create(registration=registration, day=day)
    if recorded:
        _announce_attendance(registration, day)
    return attendance, recorded


def undo_check_in(registration: Registration, day) -> bool:
    deleted, _ = Attendance.objects.filter(registration=registration, day=day).delete()
    return bool(deleted)


# --- feedback ----------------------------------------------------------------------------------------------


def feedback_refusal(registration: Registration) -> str:
    """Why the registration may not give feedback ("already_answered", "not_attended"), or "" if it may."""
    if hasattr(registration, "feedback_receipt"):
        return "already_answered"
    if registration.status != Registration.Status.CONFIRMED or not registration.attendances.exists():
        return "not_attended"
    return ""


def submit_feedback(registration: Registration, *, overall: int, content: int, accessibility: int, comment: str):
    """Store one anonymous answer per registration: the answer row does not name the registration."""
    refusal = feedback_refusal(registration)
    if refusal:
        raise RegistrationError(refusal)
    try:
        with transaction.atomic():
            FeedbackReceipt.objects.create(registration=registration)
            return FeedbackResponse.objects.create(
                event_id=registration.event_id,
                overall=overall,
                content=content,
                accessibility=accessibility,
                comment=comment.strip(),
            )
    except IntegrityError as error:
        raise RegistrationError("already_answered") from error


def submit_survey_feedback(registration: Registration, survey, answers: dict, *, lang: str, consent: bool = False):
    """Feedback through the survey attached to the event: once per registration (the receipt), the answer stored
    by the surveys area without any reference to the registration (the person only with consent, if asked)."""
    refusal = feedback_refusal(registration) or ("feedback_closed" if survey.archived_at else "")
    if refusal:
        raise RegistrationError(refusal)
    try:
        with transaction.atomic():
            FeedbackReceipt.objects.create(registration=registration)
            person = registration.person if consent else None
            return survey_services.record_response(survey, answers, lang=lang, person=person)
    except IntegrityError as error:
        raise RegistrationError("already_answered") from error


def feedback_summary(event: Event) -> dict:
    responses = event.feedback.all()
    summary = responses.aggregate(
        count=Count("id"), overall=Avg("overall"), content=Avg("content"), accessibility=Avg("accessibility")
    )
    distribution = {}
    for name in ("overall", "content", "accessibility"):
        counts = dict(responses.values_list(name).annotate(n=Count("id")).values_list(name, "n"))
        distribution[name] = [(value, counts.get(value, 0)) for value in range(1, 6)]
    summary["distribution"] = distribution
    summary["comments"] = list(responses.exclude(comment="").order_by("?").values_list("comment", flat=True))
    summary["invited"] = event.registrations.filter(feedback_invited_at__isnull=False).count()
    return summary


# --- support needs: aggregate and deletion -----------------------------------------------------------------


def support_need_totals(event: Event) -> list[tuple[str, str, int]]:
    """(kind, label, count) for every kind: live counts of confirmed and waitlisted people, or stored counts."""
    labels = dict(SupportKind.choices)
    if event.support_needs_purged_at:
        counts = dict(event.support_need_counts.values_list("kind", "count"))
    else:
        counts = Counter(
            SupportNeed.objects.filter(registration__event=event)
            .exclude(registration__status=Registration.Status.CANCELLED)
            .values_list("kind", flat=True)
        )
    return [(kind, labels[kind], counts.get(kind, 0)) for kind in SupportKind.values]


def support_needs_due(ended_before):
    """Events that ended before the cutoff and still hold their support needs."""
    return Event.objects.filter(ends_at__lt=ended_before, support_needs_purged_at__isnull=True)


def purge_support_needs(now=None, retention_days: int | None = None, ended_before=None) -> int:
    """Delete the support needs of events that ended more than the retention period ago; keep counts per kind."""
    now = now or timezone.now()
    if ended_before is None:
        days = conf.support_needs_retention_days() if retention_days is None else retention_days
        ended_before = now - timedelta(days=days)
    due = support_needs_due(ended_before).values_list("pk", flat=True)
    return sum(purge_event_support_needs(event_id, now) for event_id in due)


def purge_event_support_needs(event_id: int, now=None) -> int:
    """Delete one event's support needs and the links of its support bookings, keeping counts per kind and the
    number of people each booking served. Returns the support needs deleted (what the retention schedule's list
    counts; the bookings' links go with them), 0 if another run got there first."""
    now = now or timezone.now()
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event_id)
        if event.support_needs_purged_at:
            return 0  # another run got here first
        needs = SupportNeed.objects.filter(registration__event=event)
        kept = needs.exclude(registration__status=Registration.Status.CANCELLED)
        counts = Counter(kept.values_list("kind", flat=True))
        for kind, count in counts.items():
            SupportNeedCount.objects.update_or_create(event=event, kind=kind, defaults={"count": count})
        deleted, _ = needs.delete()
        bookings.keep_counts_and_unlink(event)
        event.support_needs_purged_at = now
        event.save(update_fields=["support_needs_purged_at"])
    return deleted


# --- registrations of past events: details deleted after the retention period --------------------------------

ANONYMISED_TOKEN_PREFIX = "anonymised-"  # noqa: S105 (a marker, not a secret)


def past_registrations_due(ended_before):
    """Registrations of events that ended before the cutoff and still carry their registrants' details."""
    return (
        Registration.objects.filter(event__ends_at__lt=ended_before)
        .exclude(token__startswith=ANONYMISED_TOKEN_PREFIX)
        .exclude(person__anonymised=True)  # erasure has already removed these details
    )


def anonymise_past_registrations(ended_before) -> int:
    """Delete the answers and the typed-in organisation, and void the personal and join links; the rows stay for
    the figures.

    The link to the contact stays while the contact exists: erasing a contact (on request or after inactivity)
    anonymises the person the row points at.
    """
    due = list(past_registrations_due(ended_before).only("pk"))
    Answer.objects.filter(registration__in=due).delete()
    for registration in due:
        registration.organisation_name = ""
        registration.token = ANONYMISED_TOKEN_PREFIX + new_token()
        registration.join_token = new_token()
    Registration.objects.bulk_update(due, ["organisation_name", "token", "join_token"], batch_size=500)
    return len(due)


# --- figures for the dashboard and the impact report ------------------------------------------------------


def registration_counts(event: Event) -> dict:
    counts = dict(event.registrations.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    confirmed = counts.get(Registration.Status.CONFIRMED, 0)
    return {
        "confirmed": confirmed,
        "waitlisted": counts.get(Registration.Status.WAITLISTED, 0),
        "cancelled": counts.get(Registration.Status.CANCELLED, 0),
        "free": None if event.capacity is None else max(event.capacity - confirmed, 0),
        "attended": attended_registrations(event).count(),
        "walk_ins": event.registrations.filter(source=Registration.Source.WALK_IN).count(),
    }


def attended_registrations(event: Event, now=None):
    """Registrations checked in at least once, counted only once the event has started (check-ins recorded
    before it, from days when the window was not enforced, are not attendance)."""
    now = now or timezone.now()
    if event.starts_at > now:
        return Registration.objects.none()
    return event.registrations.filter(attendances__day__lte=timezone.localdate(now)).distinct()


def registrations_over_time(event: Event) -> list[dict]:
    """Per day: new registrations, of those waitlisted at the time, and cancellations."""
    days: dict = {}
    rows = event.registrations.values_list("created", "was_waitlisted", "cancelled_at")
    for created, was_waitlisted, cancelled_at in rows:
        day = timezone.localtime(created).date()
        row = days.setdefault(day, {"day": day, "registered": 0, "waitlisted": 0, "cancelled": 0})
        row["registered"] += 1
        if was_waitlisted:
            row["waitlisted"] += 1
        if cancelled_at:
            cday = timezone.localtime(cancelled_at).date()
            crow = days.setdefault(cday, {"day": cday, "registered": 0, "waitlisted": 0, "cancelled": 0})
            crow["cancelled"] += 1
    return [days[d] for d in sorted(days)]


def speaker_figures(events) -> dict:
    """Distinct speakers (any role) and how many of them bring an apprentice's perspective."""
    contributions = Contribution.objects.filter(item__event__in=events)
    return {
        "speakers": contributions.values("person").distinct().count(),
        "apprentices": contributions.filter(
            Q(perspective=Contribution.Perspective.APPRENTICE_WITH_DISABILITY)
            | Q(perspective=Contribution.Perspective.APPRENTICE_WITHOUT_DISABILITY)
        )
        .values("person")
        .distinct()
        .count(),
    }


def mark_reminded(registration_ids, now=None) -> int:
    """A reminder has gone out to these registrations (the participant messages' automatic reminder): the online
    events' reminder (``tasks.send_reminders``) does not go to them again. Returns how many were marked."""
    return Registration.objects.filter(pk__in=list(registration_ids), reminder_sent_at__isnull=True).update(
        reminder_sent_at=now or timezone.now()
    )

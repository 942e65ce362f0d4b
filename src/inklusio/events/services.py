"""The operations that change events data, with their rules.

The seat invariant (never more confirmed registrations than seats) rests on one counter, ``Event.seats_taken``
(the confirmed registrations), changed only here and always in the same transaction as the registration's status:

- :func:`register` writes everything else first (person, registration row as waitlisted, answers, support needs,
  the mail task) and then takes a seat with one conditional statement, ``UPDATE event SET seats_taken =
  seats_taken + 1 WHERE <open> AND seats_taken < capacity`` (:func:`_take_seat`), which on PostgreSQL also
  confirms the registration and reads the event's state in the same round trip. On PostgreSQL a seat taken
  holds the event row from that statement to the commit (:func:`_seat_section` marks that part); a concurrent
  UPDATE waits there and re-checks the condition against the committed counter, so two requests never take the
  last seat. A registration that gets no seat locks nothing. On SQLite the IMMEDIATE transactions of the settings
  serialise writers.
- :func:`cancel` gives a confirmed seat back through the same counter, and :func:`promote_waitlist` hands freed
  seats to the waiting list; they, :func:`change_capacity`, :func:`register_by_staff` and
  :func:`register_walk_in` lock the event row (``FOR NO KEY UPDATE``, which does not wait for transactions that
  merely insert registrations referencing the event) and move the counter by the seats they take or free.
- A waitlisted registration and a cancellation that run at the same moment may not see each other's rows;
  both call :func:`_settle_waitlist` after their commit, so the later one promotes if a seat is free.
"""

from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial

from django.db import IntegrityError, connection, transaction
from django.db.models import Avg, Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.db.models.sql import UpdateQuery
from django.utils import timezone

from inklusio.contacts.services import find_or_create_owner
from inklusio.core import audit, happenings
from inklusio.core.compiled import CompiledStatement
from inklusio.core.queue_clause import is_database_queue
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
from .new_registration import insert_for_owner
from .queries import REGISTRATION_STATE_FIELDS


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
    easy_language: bool = False  # registered in Leichte Sprache: its mails are in Leichte Sprache


def request_newsletter(event: Event, data: RegistrationData) -> None:
    """The registration form's separate, unticked newsletter box: the Infoletter's own double opt-in."""
    request_subscription(
        email=data.email,
        name=f"{data.first_name} {data.last_name}".strip(),
        source=f"event:{event.slug}",
        language=data.language,
    )


def _lock_event(event_id: int) -> Event:
    """The event row, locked until the transaction ends (PostgreSQL; a no-op on SQLite, whose writers queue)."""
    return Event.objects.select_for_update(no_key=True).get(pk=event_id)


def _change_seats(event_id: int, delta: int) -> None:
    if delta:
        Event.objects.filter(pk=event_id).update(seats_taken=F("seats_taken") + delta)


def _seat_free_clause() -> Q:
    return Q(capacity__isnull=True) | Q(seats_taken__lt=F("capacity"))


def _open_clause(now) -> Q:
    """The events open for registration at ``now`` (as :meth:`Event.registration_state` says "open")."""
    return (
        Q(cancelled=False, visibility=Event.Visibility.PUBLIC, ends_at__gte=now)
        & (Q(registration_opens__isnull=True) | Q(registration_opens__lte=now))
        & (Q(registration_closes__isnull=True) | Q(registration_closes__gte=now))
    )


def _take_seat(event_id: int, now, registration_id: int | None = None) -> bool:
    """Take one seat of an open event if one is free: True if taken, False for the waiting list.

    One conditional UPDATE; when it takes a seat, the event row stays locked until the commit (PostgreSQL), and a
    concurrent UPDATE waits and then re-checks its condition against the committed counter. When it takes none,
    nothing is locked: the event's state tells "full" from "not open" (raises :class:`RegistrationError`), and a
    waitlisted registration books nothing. (A cancellation that could not yet see this waitlisted row is settled
    after the commit, see :func:`_settle_waitlist`.)

    With ``registration_id``, a seat taken also confirms that (waitlisted) registration. On PostgreSQL the seat
    UPDATE, the registration's UPDATE and the read of the event's state are one statement (one round trip while
    the row is locked); elsewhere they are two.
    """
    if connection.vendor == "postgresql":
        taken, event = _take_seat_in_one_statement(event_id, now, registration_id)
        if taken:
            return True
        if event.registration_state(now) == "open" and (event.capacity is None or event.seats_taken < event.capacity):
            # The row changed while the UPDATE waited for it (the statement's own read is older): look again.
            event = None
    elif Event.objects.filter(_open_clause(now), _seat_free_clause(), pk=event_id).update(
        seats_taken=F("seats_taken") + 1
    ):
        if registration_id is not None:
            _confirm(Registration.objects.filter(pk=registration_id), now)
        return True
    else:
        event = None
    if event is None:
        event = Event.objects.only(*STATE_FIELDS).get(pk=event_id)
    state = event.registration_state(now)
    if state != "open":
        raise RegistrationError(state)
    return False


def _confirm(registrations, now) -> int:
    return registrations.update(
        status=Registration.Status.CONFIRMED, confirmed_at=now, was_waitlisted=False, updated=now
    )


def _update_sql(queryset, values: dict) -> tuple[str, tuple]:
    """The SQL of ``queryset.update(**values)``, as Django writes it (for a statement that combines several)."""
    query = queryset.query.chain(UpdateQuery)
    query.add_update_values(values)
    return query.get_compiler(queryset.db).as_sql()


def _seat_statement(now, event_id: int, registration_id: int | None) -> tuple[str, list]:
    """PostgreSQL: the seat UPDATE and, with ``registration_id``, the registration's confirmation in
    data-modifying WITH clauses, and the event's state (as the statement found it) in the same answer."""
    seats = Event.objects.filter(_open_clause(now), _seat_free_clause(), pk=event_id)
    seat_sql, seat_params = _update_sql(seats, {"seats_taken": F("seats_taken") + 1})
    if registration_id is None:
        confirm_sql, confirm_params = "SELECT 1 FROM seat", ()
    else:
        sql, confirm_params = _update_sql(
            Registration.objects.filter(pk=registration_id),
            {"status": Registration.Status.CONFIRMED, "confirmed_at": now, "was_waitlisted": False, "updated": now},
        )
        confirm_sql = f"{sql} AND EXISTS (SELECT 1 FROM seat) RETURNING 1"  # noqa: S608 - Django's SQL
    columns = ", ".join(f'"{Event._meta.get_field(name).column}"' for name in (*STATE_FIELDS, "capacity"))
    return (
        f"WITH seat AS ({seat_sql} RETURNING 1), confirmed AS ({confirm_sql}) "  # noqa: S608 - Django's SQL
        f'SELECT (SELECT count(*) FROM confirmed), "seats_taken", {columns} '
        f'FROM "{Event._meta.db_table}" WHERE "id" = %s',
        [*seat_params, *confirm_params, event_id],
    )


# Every registration runs it: compiled once per process.
_SEAT_AND_CONFIRMATION = CompiledStatement(_seat_statement, now=datetime, event_id=int, registration_id=int)
_SEAT_ONLY = CompiledStatement(partial(_seat_statement, registration_id=None), now=datetime, event_id=int)


def _take_seat_in_one_statement(event_id: int, now, registration_id: int | None) -> tuple[bool, Event]:
    if registration_id is None:
        taken, seats_taken, *values = _SEAT_ONLY.fetchone(now=now, event_id=event_id)
    else:
        row = _SEAT_AND_CONFIRMATION.fetchone(now=now, event_id=event_id, registration_id=registration_id)
        taken, seats_taken, *values = row
    event = Event(pk=event_id, seats_taken=seats_taken, **dict(zip((*STATE_FIELDS, "capacity"), values, strict=True)))
    return bool(taken), event


def _waiting_while_seats_free(event_id: int):
    waiting = Registration.objects.filter(event=OuterRef("pk"), status=Registration.Status.WAITLISTED)
    return Event.objects.filter(_seat_free_clause(), Exists(waiting), pk=event_id, cancelled=False).values("pk")[:1]


_WAITING_WHILE_SEATS_FREE = CompiledStatement(_waiting_while_seats_free, event_id=int)  # after every waitlisting


def _settle_waitlist(event_id: int) -> list[Registration]:
    """After a commit that added someone to the waiting list or freed seats: promote if seats are free while
    people wait (one query when not).

    A registration's waitlisted row and a cancellation's promotion may miss each other while neither has
    committed; both call this after their own commit, so the later one sees the other's and hands the seat on.
    """
    if _WAITING_WHILE_SEATS_FREE.fetchone(event_id=event_id) is None:
        return []
    with transaction.atomic():
        return promote_waitlist(_lock_event(event_id))


def _enqueue_with_transaction(task, *args) -> None:
    """Queue a task as part of the current transaction when the task queue is a table in this database (the
    worker sees it only once the transaction commits, one commit for both); otherwise after the commit."""
    if is_database_queue(task):
        task.enqueue(*args)
    else:
        _enqueue_after_commit(task, *args)


def recount_seats(events=None) -> int:
    """Set the seat counter of the events (all without ``events``) to their confirmed registrations: for code that
    writes registrations in bulk (demo data). Returns the number of events updated."""
    confirmed = (
        Registration.objects.filter(event=OuterRef("pk"), status=Registration.Status.CONFIRMED)
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    queryset = Event.objects.all() if events is None else Event.objects.filter(pk__in=[e.pk for e in events])
    return queryset.update(seats_taken=Coalesce(Subquery(confirmed), 0))


@contextmanager
def _seat_section():
    """Marks the part of :func:`register` that holds the event row lock on PostgreSQL (from the seat statement to
    the commit). Nothing happens here; tests replace it to count the queries inside."""
    yield


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


def _write_for_owner(
    event_id: int, data: RegistrationData, registration: Registration, values: dict
) -> tuple[Registration, bool]:
    """:func:`register`'s usual way: find or create the address's owner. Their registration that is not cancelled
    comes back unchanged (``False``; its personal link is mailed again); a cancelled one is back in the queue with
    ``values``; otherwise ``registration`` (unsaved) is written for them."""
    # the address's owner: the answer goes only to that address, by mail
    person_id, new_person = find_or_create_owner(
        email=data.email,
        first_name=data.first_name,
        last_name=data.last_name,
        stakeholder_type_id=data.stakeholder_type_id,
    )
    existing = None if new_person else Registration.objects.filter(event_id=event_id, person_id=person_id).first()
    if existing and existing.status != Registration.Status.CANCELLED:
        _enqueue_after_commit(tasks.send_personal_link_mail, existing.pk)
        return existing, False
    if existing:  # re-registration after a cancellation: same row, back in the queue
        for key, value in values.items():
            setattr(existing, key, value)
        existing.save()
        existing.answers.all().delete()
        return existing, True
    registration.person_id = person_id
    registration.save(force_insert=True)
    return registration, True


def register(event_id: int, data: RegistrationData, now=None, _retry: bool = True) -> tuple[Registration, bool]:
    """Register a person for an event: confirmed while seats are free, else waitlisted.

    Returns ``(registration, created)``. A second submission with the same email returns the existing
    registration unchanged (``created`` False) and mails its personal link to the address on file; the caller
    answers both cases alike and never shows the registration (an address is not a key to someone's data).
    Raises :class:`RegistrationError` when registration is not open.

    One transaction: the person, the registration row (as waitlisted), its answers and support needs and the mail
    task are written first, without any lock on the event (on PostgreSQL the owner, found or new, the registration
    and, with the database task queue, its mail task in one statement, :mod:`.new_registration`); then
    :func:`_take_seat` decides the seat with one conditional UPDATE of the counter (which also checks that
    registration is open), and a seat turns the row to confirmed (on PostgreSQL in the same statement). Only that
    last part holds the event row until the commit. A person created here has no registration yet, so none is looked
    for; a concurrent request with the same address makes the transaction fail with :class:`IntegrityError`, and it
    runs once more and finds theirs (on PostgreSQL the one statement waits for the other transaction instead, then
    goes the usual way and finds it).
    """
    now = now or timezone.now()
    try:
        with transaction.atomic():
            values = {
                "status": Registration.Status.WAITLISTED,  # until a seat is taken below
                "organisation_name": data.organisation_name.strip(),
                "stakeholder_type_id": data.stakeholder_type_id,
                "privacy_notice_version": data.privacy_notice_version or conf.privacy_notice_version(),
                "photo_consent": data.photo_consent,
                "language": data.language,
                "easy_language": data.easy_language,
                "confirmed_at": None,
                "was_waitlisted": True,
                "cancelled_at": None,
                "created": now,
            }
            registration = Registration(event_id=event_id, **values)
            mail, mail_in_statement = tasks.send_registration_mail, is_database_queue(tasks.send_registration_mail)
            written = connection.vendor == "postgresql" and insert_for_owner(
                registration,
                email=data.email,
                first_name=data.first_name,
                last_name=data.last_name,
                mail=mail if mail_in_statement else None,
            )
            if not written:
                registration, created = _write_for_owner(event_id, data, registration, values)
                if not created:
                    return registration, False
            if not (written and mail_in_statement):
                _enqueue_with_transaction(mail, registration.pk)
            if data.answers:
                _save_answers(registration, data.answers)
            if data.support_consent and data.support_needs:
                _save_support_needs(registration, data.support_needs, True)
            with _seat_section():  # a seat taken holds the event row from here to the commit
                seat = _take_seat(event_id, now, registration.pk)  # confirms the registration with the seat
                if seat:
                    registration.status = Registration.Status.CONFIRMED
                    registration.confirmed_at, registration.was_waitlisted = now, False
            _announce_registration(happenings.REGISTRATION_CREATED, registration)
        if not seat:
            _settle_waitlist(event_id)
    except IntegrityError:
        # The same email registered at the same moment in another request: the person or the registration
        # now exists, so the second attempt finds it.
        if not _retry:
            raise
        return register(event_id, data, now, _retry=False)
    return registration, True


STATE_FIELDS = REGISTRATION_STATE_FIELDS  # the fields that decide whether registration is open


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
    """Confirm waitlisted registrations in order while seats are free. Call with the event row locked.

    The free seats come from the counter as stored (``event`` may be an edited copy); the promoted take them
    through the same counter."""
    now = now or timezone.now()
    if event.cancelled:
        return []
    taken = Event.objects.filter(pk=event.pk).values_list("seats_taken", flat=True).get()
    free = None if event.capacity is None else event.capacity - taken
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
    _change_seats(event.pk, len(promoted))
    return promoted


def cancel(registration_id: int, now=None, notify: bool = False) -> Registration | None:
    """Cancel a registration; a freed seat goes to the next person on the waiting list.

    ``notify`` mails the person a confirmation of the cancellation (the personal page does: whoever holds the
    link, the person learns of it).
    """
    now = now or timezone.now()
    with transaction.atomic():
        event_id = Registration.objects.values_list("event_id", flat=True).get(pk=registration_id)
        event = _lock_event(event_id)
        registration = Registration.objects.get(pk=registration_id)
        if registration.status == Registration.Status.CANCELLED:
            return None
        if registration.status == Registration.Status.CONFIRMED:
            _change_seats(event_id, -1)  # the seat goes back
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        registration.support_needs.all().delete()
        bookings.unlink_registration(registration)
        _announce_registration(happenings.REGISTRATION_CANCELLED, registration)
        promote_waitlist(event, now)
        if notify:
            _enqueue_after_commit(tasks.send_cancellation_confirmation, registration.pk)
    _settle_waitlist(event_id)
    return registration


def change_capacity(event: Event, capacity: int | None) -> list[Registration]:
    """Set the seats; more seats promote people from the waiting list."""
    with transaction.atomic():
        locked = _lock_event(event.pk)
        locked.capacity = capacity
        locked.save(update_fields=["capacity"])
        promoted = promote_waitlist(locked)
    return promoted + _settle_waitlist(event.pk)


def save_event(event: Event) -> Event:
    """Save an event edited by staff; added seats move the waiting list up; cancelling tells everyone registered."""
    with transaction.atomic():
        was_cancelled = False
        if event.pk:
            before = (
                Event.objects.select_for_update(no_key=True).filter(pk=event.pk).values_list("cancelled", flat=True)
            )
            was_cancelled = bool(before and before[0])
        event.save()
        promote_waitlist(event)
        if event.cancelled and not was_cancelled:
            _enqueue_after_commit(tasks.send_cancellation_notices, event.pk)
    _settle_waitlist(event.pk)
    return event


def register_by_staff(event: Event, person, *, actor=None, now=None) -> Registration:
    """Staff register a person themselves (source "staff"): confirmed while seats are free, else waitlisted.

    Raises :class:`RegistrationError` for a cancelled or past event ("cancelled", "past") and for a person who is
    already registered ("already_registered"). The person gets the usual mail with the personal link.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock_event(event.pk)  # the seat lock
        if locked.cancelled:
            raise RegistrationError("cancelled")
        if locked.ends_at < now:
            raise RegistrationError("past")
        registration = Registration.objects.filter(event=locked, person=person).first()
        if registration and registration.status != Registration.Status.CANCELLED:
            raise RegistrationError("already_registered")
        seat = locked.capacity is None or locked.seats_taken < locked.capacity
        _change_seats(locked.pk, int(seat))
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
        locked = _lock_event(event.pk)
        registration = Registration.objects.filter(event=locked, person=person).first()
        walk_in = not (registration and registration.status == Registration.Status.CONFIRMED)
        if walk_in:
            _change_seats(locked.pk, 1)  # in the room: a seat, even beyond the capacity
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

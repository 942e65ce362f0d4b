"""The seat counter (issue #22): a seat is taken by one conditional UPDATE of ``Event.seats_taken`` in a short
locked section, and every change of a registration to or from "confirmed" moves the counter with it."""

from contextlib import contextmanager

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from inklusio.contacts.models import Person
from inklusio.contacts.services import merge_people
from inklusio.events import services
from inklusio.events.models import Event, Question, Registration

from .conftest import start_event

pytestmark = pytest.mark.django_db

MAX_LOCKED_QUERIES = 6


def _counter(event) -> int:
    return Event.objects.values_list("seats_taken", flat=True).get(pk=event.pk)


def _confirmed(event) -> int:
    return Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED).count()


@pytest.fixture
def seat_section(monkeypatch):
    """Every query run inside :func:`services._seat_section`, per registration."""
    sections = []

    @contextmanager
    def counting():
        with CaptureQueriesContext(connection) as captured:
            yield
        sections.append([q["sql"] for q in captured.captured_queries])

    monkeypatch.setattr(services, "_seat_section", counting)
    return sections


def test_the_locked_section_holds_at_most_six_queries_and_only_the_seat_decision(event, reg_data, seat_section):
    question = Question.objects.create(event=event, text="Essen", kind=Question.Kind.TEXT)
    for n in range(4):  # two seats: two confirmed, then the waiting list's path (UPDATE, lock, look again)
        data = reg_data(n, answers={question.pk: "vegan"}, support_needs={"sign_language": ""}, support_consent=True)
        services.register(event.pk, data)
    assert len(seat_section) == 4
    for queries in seat_section:
        assert 1 <= len(queries) <= MAX_LOCKED_QUERIES, queries
        assert "seats_taken" in queries[0]  # the section starts with the seat statement itself
        text = " ".join(queries).lower()
        for outside in ("contacts_person", "events_answer", "events_supportneed", "django_tasks"):
            assert outside not in text, f"{outside} inside the locked section: {queries}"
    # the seat UPDATE and the registration's status: one statement on PostgreSQL, two on SQLite
    assert [len(q) for q in seat_section][:2] == ([1, 1] if connection.vendor == "postgresql" else [2, 2])
    assert _counter(event) == _confirmed(event) == 2


def test_the_query_count_test_can_fail(event, reg_data, seat_section, monkeypatch):
    """The seam really sees the section: a seat decision that counts registrations one by one is caught."""
    real = services._take_seat

    def slow_take_seat(event_id, now, registration_id=None):
        for _ in range(MAX_LOCKED_QUERIES):
            Registration.objects.filter(event_id=event_id).count()
        return real(event_id, now, registration_id)

    monkeypatch.setattr(services, "_take_seat", slow_take_seat)
    services.register(event.pk, reg_data(1))
    assert len(seat_section[0]) > MAX_LOCKED_QUERIES


def test_cancellation_frees_exactly_one_seat(make_event, reg_data):
    event = make_event(capacity=3)
    regs = [services.register(event.pk, reg_data(n))[0] for n in range(3)]
    assert _counter(event) == 3
    services.cancel(regs[0].pk)
    assert _counter(event) == _confirmed(event) == 2
    assert services.cancel(regs[0].pk) is None  # twice: nothing more is freed
    assert _counter(event) == 2
    again, created = services.register(event.pk, reg_data(9))
    assert created and again.status == "confirmed"
    assert _counter(event) == _confirmed(event) == 3
    assert services.register(event.pk, reg_data(10))[0].status == "waitlisted"


def test_cancellation_hands_the_seat_to_the_waiting_list_through_the_counter(event, reg_data):
    regs = [services.register(event.pk, reg_data(n))[0] for n in range(5)]
    assert [r.status for r in regs] == ["confirmed", "confirmed", "waitlisted", "waitlisted", "waitlisted"]
    services.cancel(regs[3].pk)  # a waitlisted one: no seat moves
    assert _counter(event) == 2
    services.cancel(regs[1].pk)
    assert Registration.objects.get(pk=regs[2].pk).status == "confirmed"
    assert Registration.objects.get(pk=regs[4].pk).status == "waitlisted"
    assert _counter(event) == _confirmed(event) == 2


def test_more_seats_staff_registration_and_walk_ins_move_the_counter(event, reg_data, make_user):
    regs = [services.register(event.pk, reg_data(n))[0] for n in range(4)]
    promoted = services.change_capacity(event, 3)
    assert [r.pk for r in promoted] == [regs[2].pk]
    assert _counter(event) == 3
    person = Person.objects.create(first_name="Kim", last_name="Staff", email="kim@example.org")
    event.refresh_from_db()
    assert services.register_by_staff(event, person).status == "waitlisted"  # full
    services.change_capacity(event, 10)  # both waitlisted ones move up
    assert _counter(event) == _confirmed(event) == 5
    start_event(event)
    event.refresh_from_db()
    door = Person.objects.create(first_name="Tür", last_name="Gast")
    services.change_capacity(event, 5)
    registration, walk_in = services.register_walk_in(event, door, timezone.localdate())
    assert walk_in and registration.status == "confirmed"
    assert _counter(event) == _confirmed(event) == 6  # in the room, beyond the seats


def test_a_stale_event_copy_does_not_overwrite_the_counter(event, reg_data):
    stale = Event.objects.get(pk=event.pk)
    services.register(event.pk, reg_data(1))
    stale.title = "Neuer Titel"
    services.save_event(stale)  # the staff form's copy still says 0 seats taken
    assert _counter(event) == 1
    stale.save()
    assert _counter(event) == 1
    assert Event.objects.get(pk=event.pk).title == "Neuer Titel"


def test_merging_people_gives_a_dropped_seat_back(event, reg_data):
    first = services.register(event.pk, reg_data(1))[0]
    second = services.register(event.pk, reg_data(2))[0]
    waiting = services.register(event.pk, reg_data(3))[0]
    merge_people(first.person, second.person)
    assert Registration.objects.get(pk=waiting.pk).status == "confirmed"
    assert _counter(event) == _confirmed(event) == 2


@pytest.mark.parametrize(
    ("changes", "code"),
    [({"cancelled": True}, "cancelled"), ({"visibility": Event.Visibility.DRAFT}, "draft")],
)
def test_a_seat_is_not_taken_once_the_event_closed(make_event, changes, code):
    """The state read before the section may be stale: the seat statement and the locked look again refuse."""
    event = make_event(capacity=5)
    Event.objects.filter(pk=event.pk).update(**changes)
    with pytest.raises(services.RegistrationError) as refused:
        services._take_seat(event.pk, timezone.now())
    assert refused.value.code == code
    assert _counter(event) == 0


def test_recount_sets_the_counter_from_the_registrations(event, reg_data):
    services.register(event.pk, reg_data(1))
    Event.objects.filter(pk=event.pk).update(seats_taken=0)
    assert services.recount_seats([event]) == 1
    assert _counter(event) == 1


def test_unlimited_events_count_seats_too(make_event, reg_data):
    event = make_event(capacity=None)
    assert {services.register(event.pk, reg_data(n))[0].status for n in range(5)} == {"confirmed"}
    assert _counter(event) == 5


def test_a_seat_freed_unseen_by_a_waitlisted_registration_is_settled_afterwards(event, reg_data):
    """The race the settle step closes: a cancellation freed a seat but promoted nobody (the waitlisted row was not
    committed yet). The waitlisted registration's own settle step, after its commit, hands the seat on."""
    first, second = (services.register(event.pk, reg_data(n))[0] for n in range(2))
    Registration.objects.filter(pk=first.pk).update(status="cancelled")  # as a cancellation that saw no waitlist
    Event.objects.filter(pk=event.pk).update(seats_taken=1)
    late = Registration.objects.create(
        event=event, person=Person.objects.create(last_name="Spät"), status="waitlisted", was_waitlisted=True
    )
    assert services._settle_waitlist(event.pk) == [late]
    assert Registration.objects.get(pk=late.pk).status == "confirmed"
    assert _counter(event) == _confirmed(event) == 2
    assert services._settle_waitlist(event.pk) == []  # nothing free: one query, no promotion
    assert Registration.objects.get(pk=second.pk).status == "confirmed"


def test_the_registration_mail_is_queued_in_the_registration_transaction(event, reg_data, settings):
    """With the database task queue the mail task commits with the registration (no second commit)."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]}}
    with pytest.raises(services.RegistrationError):
        Event.objects.filter(pk=event.pk).update(cancelled=True)
        services.register(event.pk, reg_data(1))
    assert not DBTaskResult.objects.exists()  # refused: the task went with the rolled-back transaction
    Event.objects.filter(pk=event.pk).update(cancelled=False)
    registration, _ = services.register(event.pk, reg_data(2))
    assert DBTaskResult.objects.filter(task_path="inklusio.events.tasks.send_registration_mail").count() == 1


def test_the_same_address_at_the_same_moment_runs_the_registration_once_more(event, reg_data, monkeypatch):
    """The person is created without a savepoint: when another request added the address first (here: the
    lookup misses the person, as if their insert had not committed yet), the unique index fails the transaction
    and the registration runs once more and finds them."""
    from inklusio.contacts import services as contact_services

    someone = Person.objects.create(first_name="Vorname1", last_name="Nachname1", email="person1@example.org")
    real, misses = contact_services._OWNER_OF_ADDRESS, []

    class NotYet:
        def fetchone(self, email):
            if not misses:
                misses.append(email)
                return None
            return real.fetchone(email=email)

    monkeypatch.setattr(contact_services, "_OWNER_OF_ADDRESS", NotYet())
    # the usual way: SQLite's, and PostgreSQL's when the one statement wrote nothing (test_new_registration.py
    # races the one statement itself)
    monkeypatch.setattr(services, "insert_for_owner", lambda *args, **kwargs: False)
    registration, created = services.register(event.pk, reg_data(1))
    assert misses == ["person1@example.org"] and created
    assert registration.person_id == someone.pk and registration.status == "confirmed"
    assert Person.objects.filter(email="person1@example.org").count() == 1
    assert _counter(event) == _confirmed(event) == 1

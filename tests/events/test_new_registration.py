"""The owner, found or new, and the registration in one statement (PostgreSQL, issue #22), and the usual way that
a registered owner, every SQLite database and every race with the same address go."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from inklusio.contacts.models import Person
from inklusio.events import services
from inklusio.events.models import Question, Registration
from inklusio.events.new_registration import insert_for_owner
from tests.databases import only_postgres

pytestmark = pytest.mark.django_db

ONE_STATEMENT = 'WITH found ("id") AS (SELECT "id" FROM "contacts_person"'
one_statement_only = only_postgres(
    "the one statement is PostgreSQL's (data-modifying WITH); SQLite goes the usual way, which the tests "
    "without this mark run on both databases, and CI's PostgreSQL run has these",
)


def _saved_the_usual_way(**values) -> Person:
    person = Person(**values)
    person.save()
    return person


def test_a_new_address_gets_the_person_and_registration_that_save_would_write(event, reg_data):
    with CaptureQueriesContext(connection) as captured:
        registration, created = services.register(
            event.pk, reg_data(email="  Neu.Person@Example.ORG ", first_name=" Jürgen ", last_name="Özdemir")
        )
    assert created
    person = Person.objects.get(pk=registration.person_id)
    usual = _saved_the_usual_way(email="vergleich@example.org", first_name="Jürgen", last_name="Özdemir")
    assert person.email == "neu.person@example.org"
    assert (person.first_name, person.last_name) == ("Jürgen", "Özdemir")
    assert (person.name_key, person.sort_key) == (usual.name_key, usual.sort_key)
    assert person.created and person.updated and person.created <= person.updated
    stored = Registration.objects.get(pk=registration.pk)
    assert stored.person_id == person.pk and stored.event_id == event.pk
    assert stored.status == Registration.Status.CONFIRMED == registration.status
    assert stored.token == registration.token and len(stored.token) >= 32
    assert stored.join_token == registration.join_token != stored.token
    assert stored.updated is not None
    one_statement = [q["sql"] for q in captured.captured_queries if q["sql"].startswith(ONE_STATEMENT)]
    assert len(one_statement) == (1 if connection.vendor == "postgresql" else 0)
    looked_up = any('LOWER("contacts_person"."email")' in q["sql"] for q in captured.captured_queries)
    assert looked_up == (connection.vendor != "postgresql")  # the one statement needs no lookup first


def test_a_known_address_in_other_letters_is_its_owner_and_gets_no_second_person(event, reg_data):
    owner = _saved_the_usual_way(email="mira@example.org", first_name="Mira", last_name="Alt")
    registration, created = services.register(event.pk, reg_data(email="MIRA@Example.org", first_name="Andere"))
    assert created and registration.person_id == owner.pk
    assert Person.objects.filter(email__iexact="mira@example.org").count() == 1
    owner.refresh_from_db()
    assert owner.first_name == "Mira"  # nothing of the owner is overwritten


def _statements(captured) -> list[str]:
    """The statements run, without their values (the SQL up to its first literal)."""
    statements = (q["sql"].split("'")[0] for q in captured.captured_queries)
    return [statement for statement in statements if "SAVEPOINT" not in statement]  # the test's own, numbered


def test_a_known_address_and_a_new_one_run_the_same_statements(event, reg_data):
    _saved_the_usual_way(email="bekannt@example.org", first_name="Mira", last_name="Alt")
    runs = []
    for address in ("bekannt@example.org", "unbekannt@example.org"):
        with CaptureQueriesContext(connection) as captured:
            services.register(event.pk, reg_data(email=address))
        runs.append(_statements(captured))
    if connection.vendor == "postgresql":  # so the answer's time does not tell whether inklusio knows an address
        assert runs[0] == runs[1]
        assert sum(statement.startswith(ONE_STATEMENT) for statement in runs[0]) == 1
    assert Person.objects.filter(email__in=["bekannt@example.org", "unbekannt@example.org"]).count() == 2
    assert Registration.objects.filter(event=event).count() == 2


@one_statement_only
def test_the_one_statement_registers_a_known_owner_without_changing_them(event):
    owner = _saved_the_usual_way(email="mira@example.org", first_name="Mira", last_name="Alt")
    registration = Registration(event_id=event.pk, status=Registration.Status.WAITLISTED, privacy_notice_version="1")
    with transaction.atomic():
        written = insert_for_owner(registration, email=" Mira@EXAMPLE.org", first_name="X", last_name="Y")
    assert written is True and registration.person_id == owner.pk and registration.pk
    assert Person.objects.count() == 1
    assert Person.objects.values_list("first_name", "last_name").get() == ("Mira", "Alt")


@one_statement_only
def test_the_one_statement_writes_nothing_when_the_owner_is_registered_already(event, reg_data):
    first, _ = services.register(event.pk, reg_data(3))
    registration = Registration(event_id=event.pk, status=Registration.Status.WAITLISTED, privacy_notice_version="1")
    with transaction.atomic():
        written = insert_for_owner(registration, email="PERSON3@example.org", first_name="X", last_name="Y")
    assert written is False and registration.pk is None
    assert list(Registration.objects.values_list("pk", flat=True)) == [first.pk]
    assert Person.objects.count() == 1


@one_statement_only
def test_the_one_statement_refuses_an_empty_address(event):
    registration = Registration(event_id=event.pk, status=Registration.Status.WAITLISTED, privacy_notice_version="1")
    with pytest.raises(ValueError):
        insert_for_owner(registration, email="  ", first_name="X", last_name="Y")
    assert not Person.objects.exists()


def test_answers_support_needs_and_the_mail_belong_to_the_new_registration(
    event, reg_data, mailoutbox, django_capture_on_commit_callbacks
):
    question = Question.objects.create(event=event, text="Essen", kind=Question.Kind.TEXT)
    with django_capture_on_commit_callbacks(execute=True):
        registration, _ = services.register(
            event.pk,
            reg_data(answers={question.pk: "vegan"}, support_needs={"sign_language": "DGS"}, support_consent=True),
        )
    assert list(registration.answers.values_list("value", flat=True)) == ["vegan"]
    assert list(registration.support_needs.values_list("kind", "detail")) == [("sign_language", "DGS")]
    (message,) = mailoutbox
    assert message.to == ["person1@example.org"] and registration.token in message.body


def test_a_second_registration_of_a_new_address_is_the_first_one(event, reg_data):
    first, created = services.register(event.pk, reg_data(7))
    again, created_again = services.register(event.pk, reg_data(7, email="PERSON7@example.org"))
    assert created and not created_again and again.pk == first.pk
    assert Person.objects.count() == 1 and Registration.objects.count() == 1


@one_statement_only
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_same_new_address_at_the_same_moment_is_one_person_with_one_registration(make_event, reg_data):
    events = [make_event(capacity=5, slug="gleichzeitig-1"), make_event(capacity=5, slug="gleichzeitig-2")]
    clients = 8
    barrier = threading.Barrier(clients)

    def register(n):
        try:
            barrier.wait(timeout=30)
            event = events[n % 2]
            registration, created = services.register(event.pk, reg_data(email="zugleich@example.org"))
            return event.pk, registration.pk, created
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=clients) as pool:
        results = list(pool.map(register, range(clients)))
    assert Person.objects.filter(email="zugleich@example.org").count() == 1
    for event in events:
        ids = {registration for event_id, registration, _ in results if event_id == event.pk}
        assert len(ids) == 1  # every request for this event got its one registration
        assert Registration.objects.filter(event=event).count() == 1
        assert sum(created for event_id, _, created in results if event_id == event.pk) == 1


@one_statement_only
def test_with_the_database_queue_the_one_statement_queues_the_mail_and_a_worker_sends_it(
    event, reg_data, settings, mailoutbox, django_capture_on_commit_callbacks
):
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]}}
    with CaptureQueriesContext(connection) as captured:
        registration, created = services.register(event.pk, reg_data(4))
    assert created
    statements = [q["sql"] for q in captured.captured_queries]
    assert sum(sql.startswith(ONE_STATEMENT) for sql in statements) == 1
    assert not any(sql.startswith('INSERT INTO "django_tasks_database_dbtaskresult"') for sql in statements)
    queued = DBTaskResult.objects.get()  # with the registration, in its statement
    assert queued.task_path == "inklusio.events.tasks.send_registration_mail" and queued.queue_name == "mail"
    assert queued.args_kwargs == {"args": [registration.pk], "kwargs": {}} and queued.status == "READY"

    queued.claim("test-worker")
    worker = Worker(
        queue_names=["mail"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    worker.run_task(queued)
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    (message,) = mailoutbox
    assert message.to == ["person4@example.org"] and registration.token in message.body

    with django_capture_on_commit_callbacks(execute=True):  # the usual way: the personal link, after the commit
        again, created_again = services.register(event.pk, reg_data(4))
    assert not created_again and again.pk == registration.pk
    assert sorted(DBTaskResult.objects.values_list("task_path", flat=True)) == [
        "inklusio.events.tasks.send_personal_link_mail",
        "inklusio.events.tasks.send_registration_mail",
    ]

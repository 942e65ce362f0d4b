"""A task queued by a clause of a larger statement (inklusio.core.queue_clause): the row that django-tasks'
``enqueue`` writes, for the one row of the clause it reads, and none without a row. (That a worker runs it:
tests/events/test_new_registration.py, with the registration mail.)"""

import uuid

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from inklusio.core.queue_clause import is_database_queue, queue_clause
from inklusio.events.tasks import send_registration_mail
from tests.databases import only_postgres

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]}}
clause_only = only_postgres(
    "the clause is PostgreSQL's (a data-modifying WITH); the one statement that uses it runs only there, "
    "and CI's PostgreSQL run has these",
)


@pytest.fixture
def database_queue(settings):
    settings.TASKS = DATABASE_QUEUE


def _queue_for(task, ids: list[int]) -> int:
    """Run the clause over rows with these ids; the number of tasks it queued."""
    clause, params = queue_clause(task, name="queued", row="source")
    rows = " UNION ALL ".join(['SELECT %s::bigint AS "id"'] * len(ids)) or 'SELECT 1::bigint AS "id" WHERE false'
    with connection.cursor() as cursor:
        cursor.execute(f"WITH source AS ({rows}), {clause} SELECT count(*) FROM queued", [*ids, *params])
        return cursor.fetchone()[0]


@clause_only
def test_the_row_is_the_one_enqueue_writes(database_queue):
    from django_tasks_db.models import DBTaskResult

    task = send_registration_mail.using(priority=7)
    enqueued = DBTaskResult.objects.get(pk=task.enqueue(41).id)
    before = timezone.now()
    assert _queue_for(task, [41]) == 1
    queued = DBTaskResult.objects.exclude(pk=enqueued.pk).get()

    def stored(row):
        return {f.attname: getattr(row, f.attname) for f in DBTaskResult._meta.concrete_fields if f.name != "id"}

    written, expected = stored(queued), stored(enqueued)
    assert before <= written.pop("enqueued_at") <= timezone.now()
    expected.pop("enqueued_at")
    assert written == expected
    assert expected["args_kwargs"] == {"args": [41], "kwargs": {}} and expected["priority"] == 7
    assert isinstance(queued.pk, uuid.UUID) and queued.pk != enqueued.pk
    assert queued.task_result.args == [41] and queued.task.func is send_registration_mail.func


@clause_only
def test_nothing_is_queued_without_a_row_and_two_rows_are_refused(database_queue):
    from django_tasks_db.models import DBTaskResult

    assert _queue_for(send_registration_mail, []) == 0
    assert not DBTaskResult.objects.exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        _queue_for(send_registration_mail, [3, 5])  # one task id for the clause: never two tasks with it
    assert not DBTaskResult.objects.exists()
    assert _queue_for(send_registration_mail, [8]) == 1
    assert DBTaskResult.objects.get().args_kwargs == {"args": [8], "kwargs": {}}


def test_only_the_database_backend_is_a_queue_in_this_database(settings):
    settings.TASKS = DATABASE_QUEUE
    assert is_database_queue(send_registration_mail)
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default", "mail"]}
    }
    assert not is_database_queue(send_registration_mail)

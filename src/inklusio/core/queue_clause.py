"""A task queued by a clause of a larger statement, in the same round trip as the row the task is about.

django-tasks' database backend queues a task in ``enqueue`` with ``DBTaskResult.objects.create``: a statement of
its own, and an ORM insert compiled each time. A statement that writes a row and queues a task for it
(:mod:`inklusio.events.new_registration`) writes the same task row in one of its ``WITH`` clauses instead, with the
row's id as the task's one argument. The values are those ``enqueue`` writes (``tests/core/test_queue_clause.py``
holds them equal, so a new django-tasks release that writes others fails there). django-tasks' ``task_enqueued``
signal is not sent: its one receiver logs at debug level.
"""

from functools import cache

from django_tasks_db.models import DBTaskResult

from .compiled import insert_columns, insert_params

_FIELDS = insert_columns(DBTaskResult, exclude=("args_kwargs",))


def is_database_queue(task) -> bool:
    """Whether ``task`` is queued as a row of this database (django-tasks' database backend): it then commits with
    the transaction that queued it."""
    return type(task.get_backend()).__module__.startswith("django_tasks_db")


def queue_clause(task, *, name: str, row: str) -> tuple[str, list]:
    """``(sql, params)`` of the PostgreSQL clause ``name AS (INSERT … RETURNING 1)``: ``task`` queued for the row of
    the clause ``row``, with its ``"id"`` as the task's argument, and nothing queued when that clause has no row.
    The task's id is made here, as ``enqueue`` makes it, so ``row`` has at most one row (a second would repeat the
    id, and the statement fails). Only for a task of the database queue (:func:`is_database_queue`); a
    data-modifying ``WITH`` clause runs whether the statement reads it or not."""
    backend = task.get_backend()
    backend.validate_task(task)
    result = DBTaskResult(  # as DatabaseBackend._task_to_db_task makes it
        id=backend._get_id(),
        priority=task.priority,
        task_path=task.module_path,
        queue_name=task.queue_name,
        run_after=task.run_after,
        backend_name=backend.alias,
    )
    return _clause_sql(name, row), insert_params(result, _FIELDS)


@cache
def _clause_sql(name: str, row: str) -> str:
    table = DBTaskResult._meta.db_table
    columns = ", ".join(f'"{field.column}"' for field in _FIELDS)
    placeholders = ", ".join(["%s"] * len(_FIELDS))
    arguments = f"jsonb_build_object('args', jsonb_build_array({row}.\"id\"), 'kwargs', '{{}}'::jsonb)"
    return (
        f'{name} AS (INSERT INTO "{table}" ({columns}, "args_kwargs") '  # noqa: S608 - names from the models
        f"SELECT {placeholders}, {arguments} FROM {row} RETURNING 1)"
    )

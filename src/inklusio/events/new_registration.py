"""PostgreSQL: the address's owner (found or new), their registration and its confirmation mail in one statement.

:func:`services.register` would otherwise look the address up, insert the person when it is new, insert the
registration and queue the mail: four round trips and ORM inserts compiled to SQL again each time. Here one
statement does it all, from SQL written once per process: ``WITH`` clauses find or insert the owner
(:func:`inklusio.contacts.services.owner_clauses`), write the registration for them, and, with the database task
queue, queue the mail task for it (:func:`inklusio.core.queue_clause.queue_clause`; the worker sees it when the
transaction commits, as with ``enqueue``). The values are those ``save()`` would write:
:func:`inklusio.core.compiled.insert_params` asks each field, as Django does. A new address and a known one take the
same statement, so the answer's time does not tell whether inklusio knows an address.

When the owner has a registration for the event already (or another transaction adds the address at the same
moment), the statement writes nothing, and the caller goes the usual way, which finds what is there.
"""

from functools import cache

from django.db import connection

from inklusio.contacts.services import owner_clauses
from inklusio.core.compiled import insert_columns, insert_params
from inklusio.core.queue_clause import queue_clause

from .models import Registration

_FIELDS = insert_columns(Registration, exclude=("person",))


@cache
def _registration_sql() -> str:
    table, pk = Registration._meta.db_table, Registration._meta.pk.column
    event, person = (Registration._meta.get_field(name).column for name in ("event", "person"))
    columns = ", ".join(f'"{field.column}"' for field in _FIELDS)
    placeholders = ", ".join(["%s"] * len(_FIELDS))
    # the conflict target is registration_once_per_person (Registration.Meta)
    return (
        f'INSERT INTO "{table}" ("{person}", {columns}) '  # noqa: S608 - names from the model
        f'SELECT owner."id", {placeholders} FROM owner '
        f'ON CONFLICT ("{event}", "{person}") DO NOTHING RETURNING "{person}", "{pk}"'
    )


_READ_REGISTERED = 'SELECT "person_id", "id" FROM registered'


def insert_for_owner(registration: Registration, *, email: str, first_name: str, last_name: str, mail=None) -> bool:
    """Insert ``registration`` (unsaved, without a person) for the owner of ``email``, found or new, in one
    statement; with ``mail``, a task of the database queue (:func:`inklusio.core.queue_clause.is_database_queue`),
    the same statement queues it for the registration.

    True when it was written (``registration`` then has its id and the person's); False when nothing was written
    (nor queued): the owner has a registration for this event already, or another transaction added the address at
    the same moment (it is waited for). Run it inside the caller's transaction.
    """
    owner_sql, params = owner_clauses(
        email=email,
        first_name=first_name,
        last_name=last_name,
        stakeholder_type_id=registration.stakeholder_type_id,
    )
    clauses = [owner_sql, f"registered AS ({_registration_sql()})"]
    params += insert_params(registration, _FIELDS)
    if mail is not None:
        mail_sql, mail_params = queue_clause(mail, name="mail", row="registered")
        clauses.append(mail_sql)
        params += mail_params
    with connection.cursor() as cursor:
        cursor.execute(f"WITH {', '.join(clauses)} {_READ_REGISTERED}", params)
        row = cursor.fetchone()
    if row is None:
        return False
    registration.person_id, registration.pk = row
    registration._state.adding, registration._state.db = False, connection.alias
    return True

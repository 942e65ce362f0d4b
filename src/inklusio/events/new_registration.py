"""PostgreSQL: a new address's person and their registration written in one statement.

Most public registrations come from an address inklusio does not know yet. For them :func:`services.register`
would look the address up, insert the person and insert the registration: three round trips and two ORM inserts,
each compiled to SQL again. Here one statement does all three (a ``WITH`` clause inserts the person, the outer
INSERT the registration with the person's new id), from SQL written once per process. The values are those
``save()`` would write: :func:`inklusio.core.compiled.insert_params` asks each field, as Django does.

When the address has an owner already, the statement writes nothing, and the caller goes the usual way
(:func:`inklusio.contacts.services.find_or_create_owner`), which finds them and their registrations.
"""

from functools import cache

from django.db import connection

from inklusio.contacts.services import owner_insert
from inklusio.core.compiled import insert_columns, insert_params

from .models import Registration

_FIELDS = insert_columns(Registration, exclude=("person",))


@cache
def _registration_sql() -> str:
    table, pk = Registration._meta.db_table, Registration._meta.pk.column
    person = Registration._meta.get_field("person").column
    columns = ", ".join(f'"{field.column}"' for field in _FIELDS)
    placeholders = ", ".join(["%s"] * len(_FIELDS))
    return (
        f'INSERT INTO "{table}" ("{person}", {columns}) '  # noqa: S608 - names from the model
        f'SELECT person."id", {placeholders} FROM person RETURNING "{person}", "{pk}"'
    )


def insert_with_new_owner(registration: Registration, *, email: str, first_name: str, last_name: str) -> bool:
    """Insert a new owner of ``email`` and ``registration`` (unsaved, without a person) for them in one statement.

    True when both were written (``registration`` then has its id and the person's); False when the address has
    an owner already, and nothing was written. Run it inside the caller's transaction: a concurrent insert of the
    same address is waited for, then counts as an owner already.
    """
    owner_sql, owner_params = owner_insert(
        email=email,
        first_name=first_name,
        last_name=last_name,
        stakeholder_type_id=registration.stakeholder_type_id,
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f'WITH person ("id") AS ({owner_sql}) {_registration_sql()}',
            [*owner_params, *insert_params(registration, _FIELDS)],
        )
        row = cursor.fetchone()
    if row is None:
        return False
    registration.person_id, registration.pk = row
    registration._state.adding, registration._state.db = False, connection.alias
    return True

"""Plain records for the Art. 15 export, so every app's ``personal_data`` hook looks alike."""

from datetime import date, datetime
from decimal import Decimal

# Secrets that give access (personal links) are not part of the information the person receives.
NEVER_EXPORTED = {"token", "password", "name_key", "sort_key", "search_text"}


def _plain(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if value is None or isinstance(value, bool | int | float | str | list | dict):
        return value
    return str(value)


def plain_record(obj, exclude=(), **extra) -> dict:
    """The concrete fields of ``obj`` by name: choices as their label, relations as their text."""
    record = {}
    for field in obj._meta.concrete_fields:
        if field.name in NEVER_EXPORTED or field.name in exclude:
            continue
        if field.is_relation:
            related = getattr(obj, field.name)
            record[field.name] = str(related) if related is not None else None
        elif field.choices:
            record[field.name] = str(getattr(obj, f"get_{field.name}_display")())
        else:
            record[field.name] = _plain(getattr(obj, field.attname))
    record.update({key: _plain(value) for key, value in extra.items()})
    return record

"""Erasure (GDPR Art. 17): anonymise a person in every area in one transaction, keeping the report's figures.

Each area anonymises its own rows through its ``erase_person`` hook (see core/extensions.py); then the core's
audit log and task queue are scrubbed of every string the areas removed, the person's addresses go on the
suppression list, and the erasure itself is recorded without the name.
"""

from django.db import transaction

from inklusio.contacts import suppression
from inklusio.core import audit
from inklusio.core.extensions import erasure_hooks
from inklusio.core.scrub import scrub_audit_log, scrub_tasks

ACTION = "privacy.erasure"


class ErasureError(ValueError):
    pass


def identifying_strings(person) -> set[str]:
    first_last = f"{person.first_name} {person.last_name}".strip()
    return {value for value in (person.full_name, first_last, person.email) if value}


def erase_person(person, *, actor=None, reason: str) -> dict:
    """Anonymise ``person`` everywhere; returns what was done (counts only, no personal data)."""
    if not reason:
        raise ErasureError("An erasure needs a reason (e.g. 'request' or a retention category).")
    model = type(person)
    with transaction.atomic():
        person = model.objects.select_for_update().get(pk=person.pk)
        if person.anonymised:
            raise ErasureError(f"Person {person.pk} is already anonymised.")
        removed = identifying_strings(person)
        areas = []
        for label, hook in erasure_hooks():
            removed.update(value for value in (hook(person, actor) or ()) if value)
            areas.append(label)
        addresses = {value for value in removed if "@" in value and not value.endswith(".invalid")}
        suppressed = sum(suppression.suppress(address, reason) for address in addresses)
        result = {
            "areas": areas,
            "audit_events_scrubbed": scrub_audit_log(removed),
            "tasks_scrubbed": scrub_tasks(removed),
            "addresses_suppressed": suppressed,
        }
        audit.record(actor, ACTION, f"person {person.pk}", reason=reason, **result)
    return result

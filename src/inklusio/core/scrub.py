"""Remove an erased person's name and address from what the core keeps: audit events and background tasks.

The audit log stays append-only for everything else; erasure (GDPR Art. 17) is the one reason to rewrite an
event's text, and then only the words that identify the person, never the action, time or actor.
"""

import re

from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .audit import scrubbing
from .models import AuditEvent

ERASED = "[erased]"
# Shorter strings (a bare first name, initials) would blank out unrelated words.
MIN_NEEDLE_LENGTH = 5


def usable_needles(needles) -> list[str]:
    return sorted({n.strip() for n in needles if n and len(n.strip()) >= MIN_NEEDLE_LENGTH}, key=len, reverse=True)


def _pattern(needles):
    return re.compile("|".join(re.escape(n) for n in needles), re.IGNORECASE)


def text_pattern(needles):
    """A pattern matching any of the usable ``needles``, or None when none is long enough."""
    needles = usable_needles(needles)
    return _pattern(needles) if needles else None


def replace_in(value, pattern):
    """``value`` (str, list, dict, nested) with every match replaced; other values unchanged."""
    if isinstance(value, str):
        return pattern.sub(ERASED, value)
    if isinstance(value, list):
        return [replace_in(item, pattern) for item in value]
    if isinstance(value, dict):
        return {replace_in(key, pattern): replace_in(item, pattern) for key, item in value.items()}
    return value


def scrub_audit_log(needles) -> int:
    """Rewrite the audit events whose subject or detail names the person; returns how many changed."""
    needles = usable_needles(needles)
    if not needles:
        return 0
    pattern = _pattern(needles)
    changes = {}
    for pk, subject, detail in AuditEvent.objects.values_list("pk", "subject", "detail").iterator():
        new_subject, new_detail = replace_in(subject, pattern), replace_in(detail, pattern)
        if new_subject != subject or new_detail != detail:
            changes[pk] = (new_subject, new_detail)
    with scrubbing():  # the database refuses other changes to the log (a trigger on PostgreSQL)
        for pk, (new_subject, new_detail) in changes.items():
            # A queryset update: AuditEvent.save() refuses changes on purpose.
            AuditEvent.objects.filter(pk=pk).update(subject=new_subject, detail=new_detail)
    return len(changes)


def scrub_tasks(needles) -> int:
    """Background tasks naming the person: waiting ones are dropped, finished ones have the text replaced."""
    needles = usable_needles(needles)
    if not needles:
        return 0
    pattern = _pattern(needles)
    changed = 0
    fields = ("pk", "status", "args_kwargs", "return_value", "traceback", "exception_class_path")
    for pk, status, *values in DBTaskResult.objects.values_list(*fields).iterator():
        new_values = [replace_in(value, pattern) for value in values]
        if new_values == values:
            continue
        changed += 1
        if status == TaskResultStatus.READY:
            DBTaskResult.objects.filter(pk=pk).delete()
        else:
            DBTaskResult.objects.filter(pk=pk).update(**dict(zip(fields[2:], new_values, strict=True)))
    return changed

"""The audit log: one append-only row per sensitive action.

Entries hold no personal data, so erasing a person never has to rewrite them: the actor is a user id, a
model instance given as subject is stored as ``"app_label.model:pk"`` (never its ``str()``), and callers put
ids, counts and flags into ``detail`` (``person=pk``, ``rows=n``), not names, addresses or free text.
The table rejects UPDATE and DELETE (model methods here; a trigger on PostgreSQL, see migration 0002).
"""

from contextlib import contextmanager

from django.db import connection, models, transaction

from .models import AuditEvent


def reference(obj) -> str:
    """``"app_label.model:pk"`` for a saved model instance; plain strings pass through."""
    if isinstance(obj, models.Model):
        return f"{obj._meta.label_lower}:{obj.pk}"
    return str(obj)


def record(actor, action: str, subject="", **detail) -> AuditEvent:
    """Write one audit event. ``actor`` may be None for system jobs."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(actor=user, action=action, subject=reference(subject)[:200], detail=detail)


@contextmanager
def scrubbing():
    """Allow rewriting ``subject``/``detail`` of existing entries (never who, what or when) inside this block.

    Only for removing personal data that an older entry holds; PostgreSQL's trigger checks the
    transaction-local setting ``inklusio.audit_scrub``. Use ``AuditEvent.objects.filter(...).update(...)``.
    """
    postgresql = connection.vendor == "postgresql"
    with transaction.atomic():
        if postgresql:
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('inklusio.audit_scrub', 'on', true)")
        try:
            yield
        finally:
            if postgresql:  # the setting lasts until the outer transaction ends: switch it off again now
                with connection.cursor() as cursor:
                    cursor.execute("SELECT set_config('inklusio.audit_scrub', 'off', true)")

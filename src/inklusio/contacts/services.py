"""Operations that change contacts, with their rules."""

from pathlib import Path

from django.db import IntegrityError, transaction

from inklusio.core import audit

from . import importing
from .models import ContactImport, Person

_MERGE_FILLABLE = (
    "salutation",
    "pronouns",
    "academic_title",
    "first_name",
    "email",
    "phone",
    "stakeholder_type",
    "region",
    "city",
)


class MergeError(ValueError):
    pass


@transaction.atomic
def merge_people(survivor: Person, duplicate: Person, actor=None) -> Person:
    """Move everything that points at ``duplicate`` to ``survivor``, fill the survivor's empty fields, delete
    the duplicate. A relation the survivor already has (same event, same organisation) is kept once."""
    if survivor.pk == duplicate.pk:
        raise MergeError("A person cannot be merged with themselves.")
    survivor = Person.objects.select_for_update().get(pk=survivor.pk)
    duplicate = Person.objects.select_for_update().get(pk=duplicate.pk)

    for relation in Person._meta.related_objects:
        model, field_name = relation.related_model, relation.field.name
        if relation.many_to_many:
            # e.g. another app's M2M to Person
            for obj in model.objects.filter(**{field_name: duplicate}):
                getattr(obj, field_name).add(survivor)
                getattr(obj, field_name).remove(duplicate)
            continue
        for obj in model.objects.filter(**{field_name: duplicate}):
            setattr(obj, field_name, survivor)
            try:
                with transaction.atomic():
                    obj.save(update_fields=[field_name])
            except IntegrityError:
                obj.delete()  # the survivor already holds the same relation
    for field in Person._meta.many_to_many:
        if field.remote_field.through._meta.auto_created:
            getattr(survivor, field.name).add(*getattr(duplicate, field.name).all())

    for name in _MERGE_FILLABLE:
        if not getattr(survivor, name) and getattr(duplicate, name):
            setattr(survivor, name, getattr(duplicate, name))
    if duplicate.notes:
        survivor.notes = "\n\n".join(n for n in (survivor.notes, duplicate.notes) if n)
    duplicate_email = duplicate.email
    duplicate_pk = duplicate.pk
    duplicate.delete()
    if duplicate_email and not survivor.email:
        survivor.email = duplicate_email
    survivor.save()
    audit.record(actor, "contacts.merge", survivor, merged=duplicate_pk, person=survivor.pk)
    return survivor


# --- imports -----------------------------------------------------------------------------------------------


def import_path(record: ContactImport) -> Path:
    """Where the uploaded file of a pending import waits for its review."""
    return importing.import_dir() / record.stored_as


def save_import_mapping(record: ContactImport, mapping: dict[str, str]) -> None:
    """Remember the column mapping chosen in the review, for the next look at the same upload."""
    record.mapping = mapping
    record.save(update_fields=["mapping"])


def discard_import(record: ContactImport) -> None:
    """Delete the uploaded file and mark the import discarded; nothing is written."""
    import_path(record).unlink(missing_ok=True)
    record.status = ContactImport.Status.DISCARDED
    record.save(update_fields=["status"])


def finish_import(*, record: ContactImport, plan: importing.ImportPlan, actor) -> importing.ImportSummary:
    """Write a checked plan, mark the upload imported, delete its file and record the import in the audit log."""
    summary = importing.execute_import(plan)
    record.status, record.created_count, record.skipped_count = (
        ContactImport.Status.IMPORTED,
        summary.people,
        summary.skipped,
    )
    record.save(update_fields=["status", "created_count", "skipped_count"])
    import_path(record).unlink(missing_ok=True)
    audit.record(
        actor,
        "contacts.import",
        record.filename,
        people=summary.people,
        organisations=summary.organisations,
        skipped=summary.skipped,
        suppressed=summary.suppressed,
    )
    return summary

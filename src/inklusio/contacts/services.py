"""Operations that change contacts, with their rules.

:func:`find_or_create_person` is the one place that looks a person up by email address (DESIGN.md: an address
is never a key to someone's data); every app goes through it.
"""

from dataclasses import dataclass
from datetime import date
from functools import cache

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inklusio.core import audit, happenings, importjobs
from inklusio.core.compiled import CompiledStatement, insert_columns, insert_params
from inklusio.core.extensions import merge_hooks

from . import importing
from .models import ContactImport, DuplicatePair, Inquiry, NotDuplicatePair, Organisation, Person
from .queries import people_for_user
from .suppression import SUPPRESSED_MESSAGE, is_suppressed

# The kinds and channels of an inquiry, for the callers of :func:`create_inquiry` (other apps name these, never
# the model).
InquiryKind = Inquiry.Kind
InquiryChannel = Inquiry.Channel

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


class PersonError(ValueError):
    """A person cannot be created as asked; ``message`` can be shown to the (staff) user who asked."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def find_or_create_person(
    *,
    email: str,
    user,
    first_name: str = "",
    last_name: str = "",
    stakeholder_type_id: int | None = None,
    create: bool = True,
) -> Person | None:
    """The person with this email address (case-insensitive), or a new one; the only lookup of people by address.

    ``user`` says on whose behalf the lookup runs:

    - ``None``: the owner of the address, through a public form or a link mailed to that address. The person is
      returned so that the calling *service* can attach a record to them; it must never show, link to or change
      that person's data in its answer to the browser, and sends what belongs to them only to the address by
      mail. A suppressed address may be used here: the request is the person's own.
    - a user who may see every contact (``contacts.view_person``): the existing person, or a new one; a
      suppressed address raises :class:`PersonError` (it comes back only through the person's own opt-in).
    - any other user (e.g. a network coordinator): only a person they may already see (``people_for_user``).
      Everything else, an unknown, a suppressed address or someone outside their scope, is ``None``, and
      nothing is created, so the answer never tells them whether an address is known. (Without an address there
      is nothing to look up: a new person is created.)

    Existing data is never overwritten with what was typed. ``create=False`` only looks up.
    """
    return _find_or_create(
        email=email,
        user=user,
        first_name=first_name,
        last_name=last_name,
        stakeholder_type_id=stakeholder_type_id,
        create=create,
    )[0]


def find_or_create_owner(
    *, email: str, first_name: str = "", last_name: str = "", stakeholder_type_id: int | None = None
) -> tuple[int, bool]:
    """:func:`find_or_create_person` for the owner of the address (``user=None``), for a service that runs it
    inside its own transaction and retries that whole transaction on :class:`IntegrityError`: returns
    ``(person_id, created)`` (the lookup reads the id only) and creates without a savepoint of its own, so the
    same address added at the same moment by another request raises :class:`IntegrityError` to the caller (whose
    transaction can no longer go on) instead of being looked up again here. The same rules hold: the caller must
    never show, link to or change the person's data in its answer, and existing data is never overwritten."""
    email = (email or "").strip().lower()
    if not email:
        raise ValueError("find_or_create_owner needs an address")
    existing = _OWNER_OF_ADDRESS.fetchone(email=email)
    if existing is not None:
        return existing[0], False
    # the caller's transaction, no savepoint: a concurrent insert of the address fails it, the caller retries
    return Person.objects.create(**_new_person(email, first_name, last_name, stakeholder_type_id)).pk, True


def owner_clauses(*, email: str, first_name: str = "", last_name: str = "", stakeholder_type_id: int | None = None):
    """PostgreSQL: :func:`find_or_create_owner` as ``WITH`` clauses that a caller puts into a larger statement
    (``events.new_registration`` writes the owner's registration in the same one).

    Returns ``(sql, params)`` of clauses ending in ``owner ("id")``: the person with the address, or a new one
    inserted for it. A known address and a new one take the same statement, so its time does not tell them
    apart. ``owner`` has no row when another transaction added the address at the same moment (``ON CONFLICT``
    on the unique index of the lower-case address waits for it): the caller then goes the usual way,
    :func:`find_or_create_owner`, which finds them. The same rules hold: an existing person is never changed.
    """
    email = (email or "").strip().lower()
    if not email:
        raise ValueError("owner_clauses needs an address")
    person = Person(**_new_person(email, first_name, last_name, stakeholder_type_id))
    person.derive_fields()
    return _owner_clauses_sql(), [email, *insert_params(person, _PERSON_INSERT_FIELDS)]


_PERSON_INSERT_FIELDS = insert_columns(Person)


@cache
def _owner_clauses_sql() -> str:
    table, pk = Person._meta.db_table, Person._meta.pk.column
    columns = ", ".join(f'"{field.column}"' for field in _PERSON_INSERT_FIELDS)
    placeholders = ", ".join(["%s"] * len(_PERSON_INSERT_FIELDS))
    # both use person_email_unique_ci (Person.Meta): LOWER(email) where the address is not empty
    address = 'NOT ("email" = \'\') AND LOWER("email") = %s'
    return (
        f'found ("id") AS (SELECT "{pk}" FROM "{table}" WHERE {address}), '  # noqa: S608 - names from the model
        f'added ("id") AS (INSERT INTO "{table}" ({columns}) SELECT {placeholders} '
        f"WHERE NOT EXISTS (SELECT 1 FROM found) "
        f'ON CONFLICT (LOWER("email")) WHERE NOT ("email" = \'\') DO NOTHING RETURNING "{pk}"), '
        f'owner ("id") AS (SELECT "id" FROM found UNION ALL SELECT "id" FROM added)'
    )


def _find_or_create(*, email, user, first_name, last_name, stakeholder_type_id, create) -> tuple[Person | None, bool]:
    email = (email or "").strip().lower()
    restricted = user is not None and not user.has_perm("contacts.view_person")
    if email:
        existing = _by_address(email).first()
        if existing is not None:
            if restricted and not people_for_user(user).filter(pk=existing.pk).exists():
                return None, False
            return existing, False
    if not create or (restricted and email):
        return None, False
    if email and user is not None and is_suppressed(email):
        raise PersonError(SUPPRESSED_MESSAGE)
    values = _new_person(email, first_name, last_name, stakeholder_type_id)
    try:
        with transaction.atomic():
            return Person.objects.create(**values), True
    except IntegrityError:  # the same address was added at the same moment by another request
        if not email:
            raise
        return _by_address(email).get(), False


def _new_person(email, first_name, last_name, stakeholder_type_id) -> dict:
    return {
        "email": email,
        "first_name": (first_name or "").strip()[:100],
        "last_name": (last_name or "").strip()[:100],
        "stakeholder_type_id": stakeholder_type_id,
    }


def _by_address(email: str):
    """The person with this (lower-case) address, through the unique index on lower(email); a plain ``email =``
    would read every person."""
    return Person.objects.alias(email_ci=Lower("email")).filter(~Q(email=""), email_ci=email)


# find_or_create_owner's lookup runs on every public registration: compiled once (the first of them, as ``first``)
_OWNER_OF_ADDRESS = CompiledStatement(lambda email: _by_address(email).values_list("pk", flat=True)[:1], email=str)


class InquiryError(ValueError):
    """An inquiry cannot be recorded as asked (a kind or channel that does not exist)."""


def create_inquiry(
    *,
    project,
    kind: str,
    channel: str,
    topic: str,
    message: str = "",
    person: Person | None = None,
    organisation: Organisation | None = None,
    received_on: date | None = None,
) -> Inquiry:
    """Record an inquiry ("Kontaktaufnahme") received today (or on ``received_on``); the topic is cut to 200 chars."""
    if kind not in InquiryKind.values:
        raise InquiryError(f"unknown inquiry kind: {kind!r}")
    if channel not in InquiryChannel.values:
        raise InquiryError(f"unknown inquiry channel: {channel!r}")
    inquiry = Inquiry.objects.create(
        project=project,
        received_on=received_on or timezone.localdate(),
        channel=channel,
        kind=kind,
        topic=topic[:200],
        message=message,
        person=person,
        organisation=organisation,
    )
    happenings.announce(
        happenings.INQUIRY_CREATED,
        inquiry_id=inquiry.pk,
        project_id=inquiry.project_id,
        person_id=inquiry.person_id,
        organisation_id=inquiry.organisation_id,
        kind=kind,
        channel=channel,
    )
    return inquiry


@transaction.atomic
def merge_people(survivor: Person, duplicate: Person, actor=None) -> Person:
    """Move everything that points at ``duplicate`` to ``survivor``, fill the survivor's empty fields, delete
    the duplicate. A relation the survivor already has (same event, same organisation) is kept once.

    Each app's ``merge_person`` hook first moves its own rows with its rules (events: one registration per
    event, a freed seat to the waiting list); whatever still points at the duplicate then moves generically."""
    if survivor.pk == duplicate.pk:
        raise MergeError("A person cannot be merged with themselves.")
    survivor = Person.objects.select_for_update().get(pk=survivor.pk)
    duplicate = Person.objects.select_for_update().get(pk=duplicate.pk)
    if survivor.anonymised or duplicate.anonymised:
        raise MergeError("An anonymised person cannot be merged.")
    notes = []
    for _label, hook in merge_hooks():
        notes.extend(hook(survivor, duplicate, actor) or [])

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
    extra = {"notes": notes} if notes else {}  # what the hooks resolved, by id (e.g. a registration folded)
    audit.record(actor, "contacts.merge", survivor, merged=duplicate_pk, person=survivor.pk, **extra)
    return survivor


def dismiss_duplicate_pair(first: Person, second: Person, *, actor=None) -> NotDuplicatePair:
    """Remember that the two are different people; the likely-duplicates list leaves the pair out."""
    if first.pk == second.pk:
        raise MergeError("A person is always the same as themselves.")
    low, high = sorted((first.pk, second.pk))
    pair, _created = NotDuplicatePair.objects.get_or_create(low_id=low, high_id=high, defaults={"dismissed_by": actor})
    DuplicatePair.objects.filter(low_id=low, high_id=high).delete()  # off the stored list at once
    audit.record(actor, "contacts.not_duplicate", pair, low=low, high=high)
    return pair


# --- imports -----------------------------------------------------------------------------------------------


def requeue_import(record: ContactImport, mapping: dict[str, str]) -> None:
    """Remember the column mapping chosen in the review; the worker checks the stored table again with it."""
    record.mapping, record.stage = mapping, ContactImport.Stage.QUEUED
    record.save(update_fields=["mapping", "stage"])


def discard_import(record: ContactImport) -> None:
    """Delete the upload and the table read from it, and mark the import discarded; nothing is written."""
    importing.remove_files(record)
    record.status = ContactImport.Status.DISCARDED
    record.save(update_fields=["status"])


IMPORT_KIND = "contacts"


def queue_import(*, record: ContactImport, mapping: dict[str, str], actor):
    """Queue the write of a reviewed contact import for the worker (``core.importjobs``); returns the job, whose
    page shows the progress and then the result. A second click while the job runs returns the same job.
    ``None`` when the review found errors with this very mapping (the review page shows them again)."""
    if not record.review.get("ok") and mapping == record.review.get("mapping"):
        return None
    job = importjobs.open_job(record, IMPORT_KIND)
    if job is not None:
        return job
    return importjobs.queue(
        kind=IMPORT_KIND,
        record=record,
        owner=actor,
        rows_total=record.review.get("new", 0),
        params={"mapping": mapping},
    )


@dataclass
class PreparedImport:
    """A contact import checked and staged by the worker, before its transaction (``write_import.prepare``)."""

    plan: importing.ImportPlan
    staging: importing.Staging

    def close(self) -> None:
        self.staging.drop()


def prepare_import(job, progress) -> PreparedImport:
    """The worker's first part of a contact import, outside the transaction: check the stored table once more
    against the contact base as it is now and write the rows to the staging tables (invisible to everyone else,
    and without the database's write lock on SQLite). When the check finds errors, nothing is written and the
    review page shows them (:class:`NeedsReview`)."""
    record = ContactImport.objects.get(pk=job.import_id, status=ContactImport.Status.PENDING)
    mapping = job.params.get("mapping") or record.mapping
    plan = importing.plan_table(importing.load_table(record), mapping)
    if not plan.ok:

        def store():
            record.mapping, record.review = mapping, importing.review_of(plan)
            record.save(update_fields=["mapping", "review"])

        raise importjobs.NeedsReview(reverse("contacts:import_review", args=[record.pk]), store)
    progress(0, len(plan.rows))
    staged = 0

    def rows_staged(count):
        nonlocal staged
        staged += count
        progress(staged)

    return PreparedImport(plan, importing.stage(plan, progress=rows_staged))


def write_import(job, progress, prepared: PreparedImport | None = None) -> dict:
    """The worker's write of a contact import (``ContactsConfig.import_writers``), in the job's transaction:
    move the staged rows into the contact base all or nothing (rows whose person was added since the check are
    skipped), mark the upload imported, record the import in the audit log; the files go once the transaction
    commits."""
    if prepared is None:  # called on its own: check and stage here, inside the caller's transaction
        prepared = prepare_import(job, progress)
        try:
            return write_import(job, progress, prepared)
        finally:
            prepared.close()
    record = ContactImport.objects.get(pk=job.import_id, status=ContactImport.Status.PENDING)
    summary = importing.execute_import(prepared.plan, staging=prepared.staging)
    progress(summary.people)
    record.status, record.created_count, record.skipped_count = (
        ContactImport.Status.IMPORTED,
        summary.people,
        summary.skipped,
    )
    record.save(update_fields=["status", "created_count", "skipped_count"])
    transaction.on_commit(lambda: importing.remove_files(record))
    audit.record(
        job.owner,
        "contacts.import",
        record.filename,
        people=summary.people,
        organisations=summary.organisations,
        skipped=summary.skipped,
        suppressed=summary.suppressed,
    )
    return {
        "lines": summary_lines(summary),
        "next": reverse("contacts:person_list"),
        "next_label": _("Go to the contacts"),
    }


def summary_lines(summary: importing.ImportSummary) -> list[str]:
    """What an import did, one sentence a line, in the active language."""
    lines = [
        ngettext("%(count)d person imported.", "%(count)d people imported.", summary.people)
        % {"count": summary.people},
        ngettext("%(count)d organisation imported.", "%(count)d organisations imported.", summary.organisations)
        % {"count": summary.organisations},
        ngettext(
            "%(count)d row was already in the contact base.",
            "%(count)d rows were already in the contact base.",
            summary.skipped,
        )
        % {"count": summary.skipped},
    ]
    if summary.suppressed:
        lines.append(
            ngettext(
                "%(count)d row was not imported because its address was erased on request.",
                "%(count)d rows were not imported because their addresses were erased on request.",
                summary.suppressed,
            )
            % {"count": summary.suppressed}
        )
    return lines


write_import.prepare = prepare_import

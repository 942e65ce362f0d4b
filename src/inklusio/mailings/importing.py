"""Import subscribers from another newsletter tool's export: validate every row, then write all or nothing.

A row with a confirmation time keeps its consent proof (as imported text plus the times) and is confirmed;
a row without one becomes a pending sign-up and gets a re-confirmation request instead of mailings.
"""

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inklusio.contacts.services import find_or_create_person
from inklusio.contacts.suppression import suppressed_among
from inklusio.core import audit, importjobs, imports
from inklusio.core.imports import read_upload
from inklusio.core.tabular import Table, TableError, looks_like_formula

from .models import CONFIRMATION_MAIL_VERSION, Subscriber, SubscriberImport, Topic
from .services import _enqueue_confirmation, current_consent_text

COLUMNS = {
    "email": {"email", "e-mail", "email address", "e-mail address", "e-mail-adresse", "emailadresse", "mail"},
    "name": {"name", "full name", "vollständiger name"},
    "first_name": {"first name", "firstname", "fname", "vorname"},
    "last_name": {"last name", "lastname", "lname", "nachname"},
    "language": {"language", "sprache", "lang"},
    "topics": {"topics", "themen", "interests", "groups", "gruppen"},
    "signed_up": {
        "optin_time",
        "opt-in time",
        "optin time",
        "signed up",
        "signup",
        "subscribed",
        "anmeldung",
        "angemeldet",
        "created",
    },
    "confirmed": {
        "confirm_time",
        "confirm time",
        "confirmed",
        "confirmed at",
        "bestätigt",
        "bestaetigt",
        "doi",
        "double opt-in",
    },
    "source": {"source", "quelle"},
    "consent": {"consent", "einwilligung", "consent text"},
}
DATE_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
]


@dataclass
class RowIssue:
    row: int
    message: str

    def __str__(self):
        return f"row {self.row}: {self.message}"


@dataclass
class ImportRow:
    row: int
    email: str
    name: str
    language: str
    topics: list
    signed_up: datetime | None
    confirmed: datetime | None
    source: str
    consent: str


@dataclass
class ImportPlan:
    rows: list[ImportRow] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)
    suppressed: list[int] = field(default_factory=list)  # rows whose address was erased on request
    errors: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors

    @property
    def with_proof(self):
        return [r for r in self.rows if r.confirmed]

    @property
    def to_reconfirm(self):
        return [r for r in self.rows if not r.confirmed]


def import_dir() -> Path:
    """Where uploaded subscriber lists wait for their review (outside the web root)."""
    return Path(settings.UPLOAD_ROOT) / "subscriber-imports"


def upload_path(record) -> Path:
    return imports.upload_path(record, directory=import_dir())


def table_path(record) -> Path:
    return imports.table_path(record, directory=import_dir())


def remove_files(record) -> None:
    imports.remove_files(record, directory=import_dir())


def load_table(record) -> Table:
    return imports.load_table(record, directory=import_dir())


def prepare(record) -> None:
    """Read the upload once and check it (see :func:`inklusio.core.imports.read_once`). Runs in the worker."""
    imports.read_once(
        record, directory=import_dir(), check=lambda table: review_of(plan_table(table, source=record.tool))
    )


SHOWN_ERRORS = 200


def review_of(plan: "ImportPlan") -> dict:
    """What the review page needs from a plan, small enough to keep in the import's row."""
    return {
        "ok": plan.ok,
        "with_proof": len(plan.with_proof),
        "to_reconfirm": len(plan.to_reconfirm),
        "existing": len(plan.existing),
        "suppressed": plan.suppressed[:SHOWN_ERRORS],
        "suppressed_count": len(plan.suppressed),
        "errors": [str(error) for error in plan.errors[:SHOWN_ERRORS]],
        "error_count": len(plan.errors),
        "more_errors": max(0, len(plan.errors) - SHOWN_ERRORS),
    }


def _parse_date(text: str):
    text = text.strip()
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        value = None
        for fmt in DATE_FORMATS:
            try:
                value = datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
        if value is None:
            raise ValueError(text) from None
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def _topic_lookup():
    lookup = {}
    for topic in Topic.objects.all():
        for key in (topic.code, topic.name_de, topic.name_en):
            lookup[key.strip().casefold()] = topic
    return lookup


def plan_import(data: bytes, *, max_bytes: int | None = None, source: str = "Import") -> ImportPlan:
    """Read and validate a file; writes nothing. A file that cannot be read gives one error in English."""
    try:
        table = read_upload(data, **({"max_bytes": max_bytes} if max_bytes else {}))
    except TableError as error:
        plan = ImportPlan()
        plan.errors.append(str(error))
        return plan
    return plan_table(table, source=source)


def plan_table(table: Table, *, source: str = "Import") -> ImportPlan:
    """Validate a table read before (see :func:`inklusio.core.imports.read_upload`); writes nothing."""
    plan = ImportPlan()
    index = {}
    for position, title in enumerate(table.header):
        key = title.strip().casefold()
        for column, aliases in COLUMNS.items():
            if key in aliases and column not in index:
                index[column] = position
    if "email" not in index:
        plan.errors.append("No column holds the email address (e.g. 'Email' or 'E-Mail-Adresse').")
        return plan
    topics = _topic_lookup()
    known = {e.lower() for e in Subscriber.objects.values_list("email", flat=True)}
    seen = {}
    for record in table.rows:
        number = record.number

        def cell(column, record=record):
            position = index.get(column)
            return record[position].strip() if position is not None and position < len(record) else ""

        problems = []
        for column in index:
            if looks_like_formula(cell(column)):
                problems.append(f"the {column} cell looks like a spreadsheet formula")
        email = cell("email").lower()
        try:
            validate_email(email)
        except ValidationError:
            problems.append(f"'{email}' is not a valid email address")
        if email in seen:
            problems.append(f"{email} is already in row {seen[email]}")
        seen.setdefault(email, number)
        name = cell("name") or " ".join(p for p in (cell("first_name"), cell("last_name")) if p)
        language = (cell("language") or "de").lower()[:2]
        if language not in ("de", "en"):
            problems.append(f"language '{cell('language')}' is neither German nor English")
        chosen = []
        for part in cell("topics").replace("|", ",").replace(";", ",").split(","):
            if part.strip():
                topic = topics.get(part.strip().casefold())
                if topic is None:
                    problems.append(f"unknown topic '{part.strip()}'")
                else:
                    chosen.append(topic)
        dates = {}
        for column in ("signed_up", "confirmed"):
            try:
                dates[column] = _parse_date(cell(column))
            except ValueError:
                problems.append(f"'{cell(column)}' in the {column.replace('_', ' ')} column is not a date")
                dates[column] = None
        if dates["confirmed"] and dates["signed_up"] and dates["confirmed"] < dates["signed_up"]:
            problems.append("confirmed before signed up")
        if dates["confirmed"] and dates["confirmed"] > timezone.now():
            problems.append("the confirmation time lies in the future")
        if problems:
            plan.errors.extend(RowIssue(number, p) for p in problems)
            continue
        if email in known:
            plan.existing.append(email)
            continue
        plan.rows.append(
            ImportRow(
                row=number,
                email=email,
                name=name[:200],
                language=language,
                topics=chosen,
                signed_up=dates["signed_up"],
                confirmed=dates["confirmed"],
                source=(cell("source") or source)[:100],
                consent=cell("consent"),
            )
        )
    _skip_suppressed(plan)
    return plan


def _skip_suppressed(plan: ImportPlan) -> None:
    """An address erased on request comes back only through the person's own double opt-in, never by import."""
    suppressed = suppressed_among(row.email for row in plan.rows)
    if suppressed:
        plan.suppressed = [row.row for row in plan.rows if row.email in suppressed]
        plan.rows = [row for row in plan.rows if row.email not in suppressed]


def execute_import(plan: ImportPlan, *, tool: str = "Import", actor=None, progress=None) -> dict:
    """Write every row in one transaction; send re-confirmation requests after it committed. ``progress(rows)``
    is told how many rows are written so far."""
    if not plan.ok:
        raise ValueError("The import plan has errors; nothing is written.")
    now = timezone.now()
    consent = current_consent_text()
    pending_ids = []
    written = 0
    with transaction.atomic():
        for row in plan.rows:
            proof = ""
            if row.confirmed:
                signed_up = row.signed_up.isoformat() if row.signed_up else "unknown"
                proof = (
                    f"Imported from {tool} on {now:%Y-%m-%d}: signed up {signed_up}, "
                    f"confirmed {row.confirmed.isoformat()}, source {row.source}"
                    + (f", consent: {row.consent}" if row.consent else "")
                )
            subscriber = Subscriber.objects.create(
                email=row.email,
                name=row.name,
                language=row.language,
                status=Subscriber.Status.CONFIRMED if row.confirmed else Subscriber.Status.PENDING,
                consent_text=None if row.confirmed else consent,
                source=f"import:{tool}"[:100] if not row.confirmed else row.source,
                signed_up_at=row.signed_up or row.confirmed or now,
                confirmed_at=row.confirmed,
                imported_proof=proof,
                person=find_or_create_person(email=row.email, user=actor, create=False),
            )
            subscriber.topics.set(row.topics)
            if not row.confirmed:
                pending_ids.append(subscriber.pk)
            written += 1
            if progress is not None and written % 100 == 0:
                progress(written)
        audit.record(
            actor,
            "mailings.import",
            tool,
            confirmed=len(plan.with_proof),
            reconfirm=len(plan.to_reconfirm),
            existing=len(plan.existing),
            suppressed=len(plan.suppressed),
        )
        for pk in pending_ids:
            transaction.on_commit(lambda pk=pk: _enqueue_confirmation(pk))
    return {
        "confirmed": len(plan.with_proof),
        "reconfirm": len(pending_ids),
        "existing": len(plan.existing),
        "suppressed": len(plan.suppressed),
    }


def write_import(job, progress) -> dict:
    """The worker's write of a reviewed subscriber import (``MailingsConfig.import_writers``, see
    ``core.importjobs``): check the stored table again against the subscribers as they are now, then write all or
    nothing; the files go once the transaction commits."""
    record = SubscriberImport.objects.get(pk=job.import_id, status=SubscriberImport.Status.PENDING)
    plan = plan_table(load_table(record), source=record.tool)  # the base may have changed since the review
    if not plan.ok:

        def store():
            record.review = review_of(plan)
            record.save(update_fields=["review"])

        raise importjobs.NeedsReview(reverse("mailings:subscriber_import_review", args=[record.pk]), store)
    progress(0, len(plan.rows))
    summary = execute_import(plan, tool=record.tool, actor=job.owner, progress=progress)
    record.status = SubscriberImport.Status.IMPORTED
    record.save(update_fields=["status"])
    transaction.on_commit(lambda: remove_files(record))
    lines = [
        ngettext(
            "%(count)s subscriber imported with consent proof.",
            "%(count)s subscribers imported with consent proof.",
            summary["confirmed"],
        )
        % {"count": summary["confirmed"]},
        ngettext(
            "%(count)s subscriber asked to confirm again.",
            "%(count)s subscribers asked to confirm again.",
            summary["reconfirm"],
        )
        % {"count": summary["reconfirm"]},
    ]
    if summary["suppressed"]:
        lines.append(
            ngettext(
                "%(suppressed)s address was not imported because it was erased on request.",
                "%(suppressed)s addresses were not imported because they were erased on request.",
                summary["suppressed"],
            )
            % summary
        )
    return {"lines": lines, "next": reverse("mailings:subscriber_list"), "next_label": _("Go to the subscribers")}


__all__ = ["CONFIRMATION_MAIL_VERSION", "ImportPlan", "execute_import", "plan_import", "write_import"]

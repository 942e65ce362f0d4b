"""Attendance from a video platform's report: read, match to the event's registrations, review, then write.

The upload is read in the request through the bounded reader (``core.imports.read_upload``, with tab-separated
UTF-16 allowed for Teams and a row limit of its own: a report has a few rows per participant), parsed and matched
by the pure :mod:`.attendance_reports`, and kept as an :class:`AttendanceImport` whose ``review`` holds what the
review page shows. Nothing else is written until :func:`confirm`, which writes every counted attendance or none,
in one transaction:

- a registration that already has an attendance on that day (a check-in, a join link, an earlier report) gets its
  minutes set, never a second row; a new one is recorded ``via`` the platform report;
- a person below the event's minimum minutes is shown and not counted;
- the same file (by its SHA-256) is imported once per event; importing another report of the same day sets the
  minutes again instead of adding them, so nothing is ever doubled.

The registrations may change between review and confirmation; the matching is then done again and shown
before anything is written.
"""

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from inklusio.core import audit, importjobs
from inklusio.core.imports import read_upload, table_error_message
from inklusio.core.tabular import TableError

from . import attendance_reports as reports
from . import services
from .models import Attendance, AttendanceImport, AttendanceSource, Event, Registration

MAX_BYTES = 4 * 1_048_576
MAX_ROWS = 20_000

LAYOUT_NAMES = {
    reports.ZOOM: gettext_lazy("Zoom participant report"),
    reports.TEAMS: gettext_lazy("Microsoft Teams attendance report"),
    reports.BIGBLUEBUTTON: gettext_lazy("BigBlueButton learning analytics"),
    reports.GENERIC: gettext_lazy("table with name, email and minutes"),
}
REPORT_ERRORS = {
    "no_participant_list": gettext_lazy(
        "No participant list was found in the file: it needs columns for the name and the time attended. Upload "
        "the participant report from Zoom, the attendance report from Microsoft Teams, the learning-analytics CSV "
        "from BigBlueButton, or a table with the columns Name, Email and Minutes."
    ),
    "no_participants": gettext_lazy("The participant list in the file is empty."),
}
ENCODING_ERROR = gettext_lazy(
    "The file's encoding is not supported. Upload the report as the platform exported it (UTF-8, Windows-1252, "
    "or UTF-16 as Microsoft Teams writes it), or save it as 'CSV UTF-8'."
)


class AttendanceImportError(Exception):
    """Why a report cannot be taken or imported, translated; nothing was written."""


@dataclass
class Summary:
    created: int
    updated: int
    below: int
    skipped: int  # unknown people and ambiguous rows staff left unassigned


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_report(data: bytes) -> reports.Report:
    """The report in ``data``, read within the limits; raises :class:`AttendanceImportError`."""
    try:
        table = read_upload(data, utf16=True, max_bytes=MAX_BYTES, max_rows=MAX_ROWS)
    except TableError as error:
        raise AttendanceImportError(
            str(ENCODING_ERROR) if error.code == "encoding" else table_error_message(error)
        ) from error
    records = [(1, table.header), *((row.number, row) for row in table.rows)]
    try:
        return reports.parse_report(records)
    except reports.ReportError as error:
        raise AttendanceImportError(str(REPORT_ERRORS.get(error.code, error))) from error


def candidates(event: Event) -> list[reports.Candidate]:
    """The registrations a report can be matched to: the confirmed ones."""
    rows = event.registrations.filter(status=Registration.Status.CONFIRMED).select_related("person")
    return [reports.Candidate(r.pk, f"{r.person.first_name} {r.person.last_name}", r.person.email) for r in rows]


def _matches(event: Event, participants: list[dict]) -> list[dict]:
    people = [reports.Participant(p["name"], p["email"], p["minutes"], None, None) for p in participants]
    return [{"status": m.status, "keys": list(m.keys), "via": m.via} for m in reports.match(people, candidates(event))]


def _iso(value: datetime | None) -> str:
    return value.isoformat() if value else ""


def import_refusal(event: Event, day: date) -> str:
    """Why attendance cannot be recorded for ``day`` now (the check-in's reasons), or ""."""
    return services.check_in_refusal(event, day)


def start(*, event: Event, day: date, filename: str, data: bytes, actor, language: str = "") -> AttendanceImport:
    """Read and match an uploaded report; keep what the review shows. Raises :class:`AttendanceImportError`."""
    if import_refusal(event, day):
        raise AttendanceImportError(_("Attendance cannot be recorded for this day."))
    digest = digest_of(data)
    earlier = AttendanceImport.objects.filter(
        event=event, digest=digest, status=AttendanceImport.Status.IMPORTED
    ).first()
    if earlier:
        raise AttendanceImportError(
            _("This report was imported already (%(file)s). Importing it again would change nothing.")
            % {"file": earlier.filename}
        )
    report = read_report(data)
    participants = [
        {
            "name": p.name,
            "email": p.email,
            "minutes": p.minutes,
            "joined": _iso(p.joined),
            "left": _iso(p.left),
            "rows": p.rows[:20],
        }
        for p in report.participants
    ]
    review = {
        "layout": report.layout,
        "min_minutes": event.attendance_min_minutes,
        "sessions": report.sessions,
        "issues": [{"row": issue.row, "value": issue.value} for issue in report.issues[:200]],
        "issue_count": len(report.issues),
        "participants": participants,
        "matches": _matches(event, participants),
    }
    return AttendanceImport.objects.create(
        event=event,
        day=day,
        digest=digest,
        uploaded_by=actor,
        filename=filename[:255],
        stored_as="",
        stage=AttendanceImport.Stage.READY,
        rows_read=report.sessions + len(report.issues),
        review=review,
        language=language,
    )


def outcome(review: dict) -> list[dict]:
    """The review's rows with what will happen to each: ``registration`` (one key or None), ``counted``."""
    totals: dict[int, int] = defaultdict(int)
    for participant, found in zip(review["participants"], review["matches"], strict=True):
        if found["status"] == reports.MATCHED:
            totals[found["keys"][0]] += participant["minutes"]
    rows = []
    for index, (participant, found) in enumerate(zip(review["participants"], review["matches"], strict=True)):
        key = found["keys"][0] if found["status"] == reports.MATCHED else None
        total = totals[key] if key else participant["minutes"]
        rows.append(
            {
                "index": index,
                **participant,
                **found,
                "registration": key,
                "total": total,
                "counted": total >= review["min_minutes"],
            }
        )
    return rows


def confirm(*, record: AttendanceImport, choices: dict[int, int | None], actor) -> Summary | None:
    """Write the reviewed report: every counted attendance or none. ``choices`` maps the index of an ambiguous row
    to the registration staff chose (or None: not imported). Returns None, writing only the new matching, when
    the registrations changed since the review; raises :class:`AttendanceImportError` when the import cannot be
    done (already done, check-in refused, rows with errors)."""
    with transaction.atomic():
        record = AttendanceImport.objects.select_for_update().select_related("event").get(pk=record.pk)
        if record.status != AttendanceImport.Status.PENDING:
            raise AttendanceImportError(_("This report was imported or discarded already."))
        event, review = record.event, record.review
        if import_refusal(event, record.day):
            raise AttendanceImportError(_("Attendance cannot be recorded for this day."))
        if review["issue_count"]:
            raise AttendanceImportError(_("The report has rows that cannot be read; nothing was imported."))
        fresh = _matches(event, review["participants"])
        if fresh != review["matches"]:
            review["matches"] = fresh
            record.review = review
            record.save(update_fields=["review"])
            return None
        minutes: dict[int, int] = defaultdict(int)
        joined: dict[int, str] = {}
        skipped = 0
        for index, (participant, found) in enumerate(zip(review["participants"], fresh, strict=True)):
            key = found["keys"][0] if found["status"] == reports.MATCHED else None
            if found["status"] == reports.AMBIGUOUS:
                key = choices.get(index)
                if key is not None and key not in found["keys"]:
                    raise AttendanceImportError(_("Choose one of the registrations offered for each row."))
            if key is None:
                skipped += 1
                continue
            minutes[key] += participant["minutes"]
            if participant["joined"]:
                joined[key] = min(joined.get(key, participant["joined"]), participant["joined"])
        counted = {key: total for key, total in minutes.items() if total >= review["min_minutes"]}
        created, updated = _write(event, record.day, counted, joined)
        record.status, record.created_count, record.updated_count = AttendanceImport.Status.IMPORTED, created, updated
        record.review = {"layout": review["layout"], "counted": len(counted)}  # the names go; the counts stay
        record.save(update_fields=["status", "created_count", "updated_count", "review"])
        summary = Summary(created, updated, len(minutes) - len(counted), skipped)
        audit.record(
            actor,
            "events.attendance_import",
            event,
            day=record.day.isoformat(),
            layout=review["layout"],
            created=created,
            updated=updated,
            below_minimum=summary.below,
            not_imported=skipped,
        )
    return summary


def rematch(record: AttendanceImport) -> None:
    """Store the matching as the registrations are now, for the review page (after the worker found them changed)."""
    record = AttendanceImport.objects.select_related("event").get(pk=record.pk)
    review = record.review
    review["matches"] = _matches(record.event, review["participants"])
    record.review = review
    record.save(update_fields=["review"])


def write_import(job, progress) -> dict:
    """The worker's write of a reviewed attendance report (``EventsConfig.import_writers``, ``core.importjobs``),
    in the job's transaction, with the choices made on the review page; see :func:`confirm`."""
    record = AttendanceImport.objects.select_related("event").get(pk=job.import_id)
    choices = {int(index): key for index, key in job.params.get("choices", {}).items()}
    progress(0, len(record.review.get("participants", [])))
    try:
        summary = confirm(record=record, choices=choices, actor=job.owner)
    except AttendanceImportError as error:
        raise importjobs.Refused(str(error)) from error
    url = reverse("events:attendance_report_review", args=[record.event_id, record.pk])
    if summary is None:
        raise importjobs.NeedsReview(url, lambda: rematch(record))
    return {
        "lines": summary_lines(summary),
        "next": reverse("events:participants", args=[record.event_id]),
        "next_label": _("Go to the participants"),
    }


def summary_lines(summary: Summary) -> list[str]:
    lines = [
        ngettext("%(count)d attendance recorded.", "%(count)d attendances recorded.", summary.created)
        % {"count": summary.created},
        ngettext(
            "%(count)d existing attendance got its minutes.",
            "%(count)d existing attendances got their minutes.",
            summary.updated,
        )
        % {"count": summary.updated},
    ]
    if summary.below:
        lines.append(
            ngettext(
                "%(count)d person stayed below the minimum and was not counted.",
                "%(count)d people stayed below the minimum and were not counted.",
                summary.below,
            )
            % {"count": summary.below}
        )
    return lines


def _write(event: Event, day: date, counted: dict[int, int], joined: dict[int, str]) -> tuple[int, int]:
    existing = {
        a.registration_id: a
        for a in Attendance.objects.select_for_update().filter(registration_id__in=counted, day=day)
    }
    for key, attendance in existing.items():
        attendance.minutes = counted[key]
    Attendance.objects.bulk_update(existing.values(), ["minutes"])
    start = timezone.localtime(event.starts_at)
    fallback = timezone.make_aware(datetime.combine(day, start.time().replace(tzinfo=None)))
    new = [
        Attendance(
            registration_id=key,
            day=day,
            via=AttendanceSource.PLATFORM_REPORT,
            minutes=total,
            checked_in_at=_joined_at(joined.get(key), day) or fallback,
        )
        for key, total in counted.items()
        if key not in existing
    ]
    Attendance.objects.bulk_create(new)
    return len(new), len(existing)


def _joined_at(value: str | None, day: date) -> datetime | None:
    """The platform's (local, naive) join time, if it is on ``day``."""
    if not value:
        return None
    moment = datetime.fromisoformat(value)
    return timezone.make_aware(moment) if moment.date() == day else None


def discard(record: AttendanceImport) -> None:
    """Drop a pending report: nothing imported, and the names it held are gone."""
    record.status, record.review = AttendanceImport.Status.DISCARDED, {}
    record.save(update_fields=["status", "review"])


def pending_imports_due(cutoff):
    """Pending reports uploaded before ``cutoff`` (for the retention schedule)."""
    return AttendanceImport.objects.filter(status=AttendanceImport.Status.PENDING, created__lt=cutoff).order_by(
        "created", "pk"
    )


def discard_abandoned(cutoff) -> int:
    due = list(pending_imports_due(cutoff))
    for record in due:
        discard(record)
    return len(due)

"""Staff pages for attendance from a video platform's report: upload, review (matched, ambiguous, unknown), confirm."""

from datetime import date

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from inklusio.core import importjobs
from inklusio.core.access import staff_permission_required

from . import attendance_import, attendance_reports, queries
from .forms import AmbiguousChoiceForm, AttendanceReportForm
from .models import AttendanceImport, Registration

REFUSALS = {
    "cancelled": gettext_lazy("The event is cancelled; no attendance can be recorded."),
    "not_open_yet": gettext_lazy("The event has not begun yet; import the report after the event."),
    "future_day": gettext_lazy("This day has not come yet; import the report after the event."),
}


def _event(request, pk):
    return get_object_or_404(queries.events_for_user(request.user), pk=pk)


def _pending(request, event, import_pk):
    return get_object_or_404(
        AttendanceImport, pk=import_pk, event=event, uploaded_by=request.user, status=AttendanceImport.Status.PENDING
    )


@staff_permission_required("events.change_registration")
def report_upload(request, pk):
    event = _event(request, pk)
    form = AttendanceReportForm(request.POST or None, request.FILES or None, event=event)
    if request.method == "POST" and form.is_valid():
        day, upload = form.cleaned_data["day"], form.cleaned_data["file"]
        refusal = attendance_import.import_refusal(event, day)
        if refusal:
            form.add_error("day", str(REFUSALS.get(refusal, _("No attendance can be recorded for this day."))))
        else:
            try:
                record = attendance_import.start(
                    event=event,
                    day=day,
                    filename=upload.name,
                    data=upload.read(),
                    actor=request.user,
                    language=translation.get_language() or "",
                )
            except attendance_import.AttendanceImportError as error:
                form.add_error("file", str(error))
            else:
                return redirect("events:attendance_report_review", pk=event.pk, import_pk=record.pk)
    return render(
        request,
        "events/staff/attendance_report_upload.html",
        {"event": event, "form": form, "min_minutes": event.attendance_min_minutes},
        status=400 if form.errors else 200,
    )


def _names(event, rows) -> dict[int, str]:
    keys = {key for row in rows for key in row["keys"]}
    registrations = Registration.objects.filter(event=event, pk__in=keys).select_related("person")
    return {
        r.pk: f"{r.person.first_name} {r.person.last_name}" + (f" ({r.person.email})" if r.person.email else "")
        for r in registrations
    }


@staff_permission_required("events.change_registration")
def report_review(request, pk, import_pk):
    event = _event(request, pk)
    record = _pending(request, event, import_pk)
    review = record.review
    rows = attendance_import.outcome(review)
    ambiguous = [row for row in rows if row["status"] == attendance_reports.AMBIGUOUS]
    names = _names(event, rows)
    form = AmbiguousChoiceForm(request.POST or None, rows=ambiguous, names=names)
    if request.method == "POST" and form.is_valid():
        kind = "events.attendance"
        job = importjobs.open_job(record, kind) or importjobs.queue(
            kind=kind,
            record=record,
            owner=request.user,
            rows_total=len(review.get("participants", [])),
            params={"choices": {str(index): key for index, key in form.choices().items()}},
        )
        return redirect(job.get_absolute_url())
    matched = [row for row in rows if row["status"] == attendance_reports.MATCHED]
    for row in matched:
        row["registration_name"] = names.get(row["registration"], "")
    context = {
        "event": event,
        "record": record,
        "review": review,
        "layout": attendance_import.LAYOUT_NAMES.get(review["layout"], review["layout"]),
        "matched": matched,
        "ambiguous": ambiguous,
        "unknown": [row for row in rows if row["status"] == attendance_reports.UNKNOWN],
        "counted": len({row["registration"] for row in matched if row["counted"]}),
        "below": len({row["registration"] for row in matched if not row["counted"]}),
        "form": form,
        "other_days": _other_days(rows, record.day),
    }
    return render(request, "events/staff/attendance_report_review.html", context, status=400 if form.errors else 200)


def _other_days(rows, day) -> str:
    """The days other than ``day`` on which the report's people joined, for a note on the review page."""
    days = {date.fromisoformat(row["joined"][:10]) for row in rows if row["joined"]} - {day}
    return ", ".join(formats.date_format(d, "SHORT_DATE_FORMAT") for d in sorted(days))


@require_POST
@staff_permission_required("events.change_registration")
def report_discard(request, pk, import_pk):
    event = _event(request, pk)
    attendance_import.discard(_pending(request, event, import_pk))
    messages.info(request, _("The report was discarded; nothing was imported."))
    return redirect("events:attendance_report_upload", pk=event.pk)

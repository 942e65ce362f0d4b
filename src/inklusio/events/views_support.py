"""Staff pages for support bookings: the booking list of an event, a new booking from the open requests, editing.

Only roles that may see support needs open them (a booking says who needs what); names appear only on the pages
that need them, after a recent authentication, and every opening is in the audit log.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from inklusio.core import audit
from inklusio.core.access import recent_auth_required, staff_permission_required

from . import bookings, queries
from .forms import SupportBookingForm, SupportKindForm
from .models import SupportBooking, SupportKind
from .views import _event

VIEW = queries.SUPPORT_PERMISSION
CHANGE = "events.change_supportneed"

MESSAGES = {
    "kind": gettext_lazy("Please choose a kind of support."),
    "ends_before_start": gettext_lazy("The end must not be before the start."),
    "status": gettext_lazy("Please choose a status."),
    "transition": gettext_lazy("The booking cannot move from its current status to this one."),
    "reason_missing": gettext_lazy("Please give the reason why the support is not possible."),
    "provider_missing": gettext_lazy("Please name the provider before marking the support as booked or provided."),
    "not_started": gettext_lazy("Support can only be marked as provided once the event has begun."),
    "cost_invalid": gettext_lazy("Please enter the cost as an amount in euros, e.g. 480,00."),
    "cost_negative": gettext_lazy("The cost must not be negative."),
    "cost_too_high": gettext_lazy("The cost is too high for a booking; please check it."),
    "purged": gettext_lazy(
        "The support needs of this event have been deleted, so the people served can no longer change."
    ),
    "not_a_request": gettext_lazy(
        "Someone chosen did not ask for this support, has cancelled or belongs to another event. Please choose again."
    ),
}
FIELD_OF_ERROR = {
    "ends_before_start": "ends_at",
    "status": "status",
    "transition": "status",
    "reason_missing": "reason",
    "provider_missing": "provider",
    "not_started": "status",
    "cost_invalid": "cost",
    "cost_negative": "cost",
    "cost_too_high": "cost",
    "not_a_request": "registrations",
}


def _wants_details(request) -> bool:
    return request.GET.get("details") == "1"


@staff_permission_required(VIEW)
@recent_auth_required(when=_wants_details)
@require_GET
def booking_list(request, pk):
    event = _event(request, pk)
    with_details = _wants_details(request) and not event.support_needs_purged_at
    audit.record(request.user, "events.view_support_bookings", event, details=with_details)
    return render(
        request,
        "events/staff/support_bookings.html",
        {
            "event": event,
            "coverage": bookings.request_coverage(event),
            "bookings": queries.support_bookings_for_user(request.user, event),
            "unserved": queries.unserved_requests_for_user(request.user, event) if with_details else None,
            "may_manage": queries.may_manage_support_bookings(request.user),
        },
    )


def _form(request, event, booking, kind):
    purged = bool(event.support_needs_purged_at)
    requests = queries.booking_requests_for_user(request.user, event, kind)
    initial = {}
    if booking is None:
        served = bookings.served_by_covering_booking(event, kind)
        initial = {
            "status": SupportBooking.Status.REQUESTED,
            "starts_at": event.starts_at,
            "ends_at": event.ends_at,
            "registrations": list(requests.exclude(pk__in=served).values_list("pk", flat=True)),
        }
    else:
        initial = {
            "status": booking.status,
            "reason": booking.reason,
            "provider": booking.provider,
            "starts_at": booking.starts_at,
            "ends_at": booking.ends_at,
            "cost": booking.cost,
            "registrations": list(booking.served.values_list("registration_id", flat=True)),
        }
    return SupportBookingForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        requests=requests,
        statuses=bookings.allowed_statuses(booking),
        purged=purged,
    )


def _save(request, event, booking, form):
    data = form.cleaned_data
    chosen = data.get("registrations")
    values = bookings.BookingData(
        provider=data["provider"],
        starts_at=data["starts_at"],
        ends_at=data["ends_at"],
        cost=data["cost"],
        status=data["status"],
        reason=data.get("reason", ""),
        registration_ids=None if chosen is None else [r.pk for r in chosen],
    )
    try:
        return bookings.save_booking(booking, values, actor=request.user)
    except bookings.SupportBookingError as error:
        form.add_error(FIELD_OF_ERROR.get(error.code), str(MESSAGES.get(error.code, error.code)))
        return None


def _hints(form) -> dict:
    field = form.fields.get("registrations")
    return {"no_requests": field is not None and not field.queryset.exists()}


@staff_permission_required(CHANGE)
@recent_auth_required()
def booking_create(request, pk):
    event = _event(request, pk)
    kind = request.GET.get("kind", "")
    if kind not in SupportKind.values:
        kind_form = SupportKindForm(request.GET if "kind" in request.GET else None)
        kind_form.is_valid()  # shows the error of a kind that does not exist
        return render(request, "events/staff/support_booking_kind.html", {"event": event, "form": kind_form})
    form = _form(request, event, None, kind)
    if request.method == "POST" and form.is_valid():
        booking = _save(request, event, SupportBooking(event=event, kind=kind), form)
        if booking:
            messages.success(request, _("The booking has been saved."))
            return redirect("events:support_bookings", pk=event.pk)
    audit.record(request.user, "events.view_support_booking_form", event, kind=kind)
    return render(
        request,
        "events/staff/support_booking_form.html",
        {"event": event, "form": form, "kind_label": SupportKind(kind).label, "booking": None, **_hints(form)},
    )


@staff_permission_required(CHANGE)
@recent_auth_required()
def booking_edit(request, pk, booking_pk):
    event = _event(request, pk)
    booking = get_object_or_404(queries.support_bookings_for_user(request.user, event), pk=booking_pk)
    if not queries.may_manage_support_bookings(request.user):
        raise Http404
    form = _form(request, event, booking, booking.kind)
    if request.method == "POST" and form.is_valid() and _save(request, event, booking, form):
        messages.success(request, _("The booking has been saved."))
        return redirect("events:support_bookings", pk=event.pk)
    audit.record(request.user, "events.view_support_booking_form", booking)
    return render(
        request,
        "events/staff/support_booking_form.html",
        {"event": event, "form": form, "kind_label": booking.get_kind_display(), "booking": booking, **_hints(form)},
    )

"""Support that is booked and provided: the operations on :class:`SupportBooking`, with their rules.

A booking arranges one kind of support (interpreting, induction loop, easy-language material, assistance ...) at an
event and serves the registrations that asked for it. Its status moves along ``TRANSITIONS``: requested → booked →
provided, or not possible (with a reason); a booking that fell through goes back to requested. Every registration
a booking serves has asked for that kind of support (a :class:`SupportNeed`), belongs to the event and is not
cancelled.

Whoever a booked booking serves is told once (``SupportBookingServed.told_at`` is claimed by a conditional update
in :func:`tasks.send_support_booked`), so saving the status twice, or adding people later, never mails anyone twice.

The report counts provisions: a provided booking × the registrations it serves (``provisions_by_kind``). The links
are health-related data and are deleted with the support needs after the event; ``served_count`` keeps the number.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from inklusio.core import audit

from . import tasks
from .models import Registration, SupportBooking, SupportBookingServed, SupportKind, SupportNeed
from .queries import COVERING

Status = SupportBooking.Status

TRANSITIONS = {
    Status.REQUESTED: {Status.BOOKED, Status.NOT_POSSIBLE},
    Status.BOOKED: {Status.PROVIDED, Status.NOT_POSSIBLE, Status.REQUESTED},
    Status.PROVIDED: set(),
    Status.NOT_POSSIBLE: {Status.REQUESTED},
}
MAX_COST = Decimal("9999999.99")


class SupportBookingError(Exception):
    """The booking cannot be saved like this; ``code`` says why (see ``MESSAGES`` in the views)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@dataclass
class BookingData:
    provider: str = ""
    starts_at: object = None
    ends_at: object = None
    cost: Decimal | None = None
    status: str = Status.REQUESTED
    reason: str = ""
    registration_ids: list[int] | None = None  # None: leave the people served as they are


def allowed_statuses(booking: SupportBooking | None) -> list[str]:
    """The statuses a booking may be given now (its own first); a new booking starts as requested or booked."""
    if booking is None or booking.pk is None:
        return [Status.REQUESTED, Status.BOOKED]
    current = Status(booking.status)
    return [current, *[s for s in Status if s in TRANSITIONS[current]]]


def requests_of_kind(event, kind: str):
    """Registrations of the event (not cancelled) that asked for this kind of support."""
    return Registration.objects.filter(
        event=event,
        support_needs__kind=kind,
        status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITLISTED],
    )


def served_by_covering_booking(event, kind: str, exclude_booking=None):
    """Registration ids already served by a booked or provided booking of this kind."""
    served = SupportBookingServed.objects.filter(booking__event=event, booking__kind=kind, booking__status__in=COVERING)
    if exclude_booking is not None and exclude_booking.pk:
        served = served.exclude(booking=exclude_booking)
    return served.values("registration_id")


def open_requests(event, kind: str):
    """Requests of this kind that no booked or provided booking serves yet."""
    return requests_of_kind(event, kind).exclude(pk__in=served_by_covering_booking(event, kind))


def request_coverage(event) -> list[dict]:
    """Per kind with requests or bookings: people who asked, people served by a booked/provided booking, still open.

    Counts only, no names. After the support needs were deleted only the bookings remain: the requests are then
    the stored counts and nothing is open any more.
    """
    labels = dict(SupportKind.choices)
    if event.support_needs_purged_at:
        requested = dict(event.support_need_counts.values_list("kind", "count"))
    else:
        requested = dict(
            SupportNeed.objects.filter(registration__event=event)
            .exclude(registration__status=Registration.Status.CANCELLED)
            .values_list("kind")
            .annotate(n=Count("id"))
            .values_list("kind", "n")
        )
    bookings = dict(event.support_bookings.values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))
    rows = []
    for kind in SupportKind.values:
        if not requested.get(kind) and not bookings.get(kind):
            continue
        open_ = 0 if event.support_needs_purged_at else open_requests(event, kind).distinct().count()
        asked = requested.get(kind, 0)
        rows.append(
            {
                "kind": kind,
                "label": labels[kind],
                "requested": asked,
                "covered": max(asked - open_, 0),
                "open": open_,
                "bookings": bookings.get(kind, 0),
            }
        )
    return rows


def _clean_cost(cost) -> Decimal | None:
    if cost in (None, ""):
        return None
    try:
        value = Decimal(str(cost)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError) as error:
        raise SupportBookingError("cost_invalid") from error
    if not value.is_finite():
        raise SupportBookingError("cost_invalid")
    if value < 0:
        raise SupportBookingError("cost_negative")
    if value > MAX_COST:
        raise SupportBookingError("cost_too_high")
    return value


def _check(booking: SupportBooking, data: BookingData, now) -> None:
    if booking.kind not in SupportKind.values:
        raise SupportBookingError("kind")
    if data.starts_at and data.ends_at and data.ends_at < data.starts_at:
        raise SupportBookingError("ends_before_start")
    if data.status not in Status.values:
        raise SupportBookingError("status")
    if data.status != booking.status and data.status not in allowed_statuses(booking):
        raise SupportBookingError("transition")
    if data.status == Status.NOT_POSSIBLE and not data.reason.strip():
        raise SupportBookingError("reason_missing")
    if data.status in (Status.BOOKED, Status.PROVIDED) and not data.provider.strip():
        raise SupportBookingError("provider_missing")
    if data.status == Status.PROVIDED and booking.event.starts_at > now:
        raise SupportBookingError("not_started")


def _set_registrations(booking: SupportBooking, ids: list[int]) -> None:
    wanted = set(ids)
    current = set(booking.served.values_list("registration_id", flat=True))
    if wanted == current:
        return
    if booking.event.support_needs_purged_at:
        raise SupportBookingError("purged")
    valid = set(requests_of_kind(booking.event, booking.kind).filter(pk__in=wanted).values_list("pk", flat=True))
    if wanted - valid:
        raise SupportBookingError("not_a_request")
    booking.served.filter(registration_id__in=current - wanted).delete()
    SupportBookingServed.objects.bulk_create(
        [SupportBookingServed(booking=booking, registration_id=pk) for pk in sorted(wanted - current)]
    )


def save_booking(booking: SupportBooking, data: BookingData, *, actor=None, now=None) -> SupportBooking:
    """Create (``booking.pk`` None, with ``event`` and ``kind`` set) or change a booking; raises
    :class:`SupportBookingError`. A booking in status booked tells the people it serves (once each)."""
    now = now or timezone.now()
    provider = (data.provider or "").strip()
    reason = (data.reason or "").strip() if data.status == Status.NOT_POSSIBLE else ""
    data = BookingData(
        provider=provider,
        starts_at=data.starts_at,
        ends_at=data.ends_at,
        cost=_clean_cost(data.cost),
        status=data.status,
        reason=reason,
        registration_ids=data.registration_ids,
    )
    with transaction.atomic():
        if booking.pk:
            booking = SupportBooking.objects.select_for_update().select_related("event").get(pk=booking.pk)
        _check(booking, data, now)
        before = booking.status if booking.pk else None
        booking.provider = data.provider
        booking.starts_at = data.starts_at
        booking.ends_at = data.ends_at
        booking.cost = data.cost
        booking.status = data.status
        booking.reason = data.reason
        booking.save()
        if data.registration_ids is not None:
            _set_registrations(booking, data.registration_ids)
        audit.record(
            actor,
            "events.support_booking_create" if before is None else "events.support_booking_change",
            booking,
            status=booking.status,
            status_before=before,
        )
        if booking.status == Status.BOOKED:
            pk = booking.pk
            transaction.on_commit(lambda: tasks.send_support_booked.enqueue(pk))
    return booking


def unlink_registration(registration) -> None:
    """A cancelled registration no longer needs support: its links go (they say what the person needed)."""
    SupportBookingServed.objects.filter(registration=registration).delete()


def keep_counts_and_unlink(event) -> int:
    """With the event's support needs: store how many people each booking served, then delete the links."""
    bookings = list(event.support_bookings.annotate(n=Count("served")))
    for booking in bookings:
        booking.served_count = booking.n
    SupportBooking.objects.bulk_update(bookings, ["served_count"])
    deleted, _ = SupportBookingServed.objects.filter(booking__event=event).delete()
    return deleted


def provisions_by_kind(events) -> dict[str, int]:
    """Provided support per kind: each provided booking counts the registrations it served (live links while the
    event still holds them, the stored number after they were deleted)."""
    provided = SupportBooking.objects.filter(event__in=events, status=Status.PROVIDED)
    live = (
        provided.filter(event__support_needs_purged_at__isnull=True)
        .values("kind")
        .annotate(n=Count("served", filter=~Q(served__registration__status=Registration.Status.CANCELLED)))
    )
    purged = provided.filter(event__support_needs_purged_at__isnull=False)
    stored = purged.values("kind").annotate(n=Sum("served_count"))
    counts: dict[str, int] = {}
    for row in [*live, *stored]:
        counts[row["kind"]] = counts.get(row["kind"], 0) + (row["n"] or 0)
    return counts

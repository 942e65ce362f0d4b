"""The finance worker tasks."""

from django_tasks import task

from .models import BookingImport


@task()
def prepare_booking_import(import_id: int) -> None:
    """Read an uploaded booking export once; the review page shows what was read (see bookings_import)."""
    from . import bookings_import  # noqa: PLC0415 — keeps the task module light

    record = BookingImport.objects.filter(pk=import_id, status=BookingImport.Status.PENDING).first()
    if record is not None:
        bookings_import.prepare(record)

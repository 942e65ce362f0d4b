"""Finance's retention categories (see inklusio.privacy.retention): receipts, with the payee's name and the scan;
booking exports uploaded for an import and never imported.

Receipts are kept for the period the tax law and the funder require, counted from the end of the year of the
receipt (default ten years); then the receipt and its scan are deleted.
"""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from inklusio.core import uploads
from inklusio.core.extensions import DELETE, RetentionCategory

from .bookings_import import import_dir
from .models import BookingImport, Receipt
from .receipts import scan_path

TEN_YEARS = 3653
EIGHT_YEARS = 2922


def receipts_due(cutoff):
    """Receipts whose year ended before the cutoff: the period counts from the end of the receipt's year."""
    return (
        Receipt.objects.filter(receipt_date__lt=date(cutoff.year, 1, 1))
        .select_related("project")
        .order_by("receipt_date", "id")
    )


def delete_receipts(cutoff) -> int:
    due = list(receipts_due(cutoff))
    paths = [p for p in (scan_path(r) for r in due) if p is not None]
    with transaction.atomic():
        Receipt.objects.filter(pk__in=[r.pk for r in due]).delete()
        transaction.on_commit(lambda: [p.unlink(missing_ok=True) for p in paths])
    return len(due)


CATEGORIES = [
    RetentionCategory(
        key="finance.receipts",
        label=_("Receipts"),
        data=_("Receipts with their payee (a private person's name where a person was paid) and the scanned receipt"),
        data_subjects=_("Private persons paid by a project, e.g. fees and travel costs"),
        purpose=_("Accounting for the project's costs to the funder and keeping the books"),
        legal_basis=_("Legal obligation to keep booking receipts (GDPR Art. 6(1)(c), § 147 AO) and the funder's terms"),
        recipients=_("The finance staff, the project lead, the funder's reviewer"),
        default_days=TEN_YEARS,
        find=receipts_due,
        apply=lambda cutoff, now: delete_receipts(cutoff),
        action=DELETE,
        describe=lambda receipt: f"{receipt.project.slug} {receipt.number}: {receipt.receipt_date:%Y-%m-%d}",
        minimum_days=EIGHT_YEARS,
        minimum_reason=_("Booking receipts must be kept for at least eight years (§ 147 AO)."),
        measures=_("Scans stored outside the web root; only the finance role, the lead and the reviewer see them."),
        after=_("the end of the year of the receipt"),
    ),
    uploads.abandoned_uploads_category(
        model=BookingImport,
        directory=import_dir,
        key="finance.import_files",
        label=_("Uploaded booking exports"),
        data=_("Booking exports of the accounting (dates, amounts, accounts, booking texts that may name payees)"),
        data_subjects=_("Private persons paid by a project, named in a booking text"),
        legal_basis=_("Legal obligation to keep the books (GDPR Art. 6(1)(c))"),
        recipients=_("The finance staff and the project lead who import bookings"),
    ),
]

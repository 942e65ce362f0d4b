"""Receipts (Belege) of a project: the numbering, saving and deleting with their scans, the list's filters and
sum. Every change is audited; the scan is stored under ``UPLOAD_ROOT`` by a generated name (core.uploads)."""

import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.utils.crypto import get_random_string
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from inklusio.core import audit
from inklusio.core.uploads import save_upload

from . import money, queries
from .models import NEGATIVE_KINDS, CategoryKind, Receipt

# extension -> (content type, leading bytes the file must start with)
SCAN_TYPES = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
}
PAGE_SIZE = 50
SCAN_DIR = "finance/receipts"  # under UPLOAD_ROOT; Receipt.scan_path holds "finance/receipts/<random>.<ext>"


class ReceiptError(Exception):
    """A receipt cannot be saved; ``field`` names the form field the message belongs to."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def scan_max_bytes() -> int:
    return int(getattr(settings, "FINANCE_SCAN_MAX_BYTES", 10 * 1024 * 1024))


def scan_dir() -> Path:
    return Path(settings.UPLOAD_ROOT) / SCAN_DIR


def scan_path(receipt: Receipt) -> Path | None:
    """Where the receipt's scan is stored (``UPLOAD_ROOT / scan_path``); None without a scan, or for a stored
    path that leaves the scan directory."""
    if not receipt.scan_path:
        return None
    path = (Path(settings.UPLOAD_ROOT) / receipt.scan_path).resolve()
    return path if path.parent == scan_dir().resolve() else None


def signed(kind: str, amount):
    """Credit notes and refunds are negative: the amount as typed (either sign) gets the kind's sign."""
    if amount is None:
        return None
    amount = abs(money.cents(amount))
    return -amount if kind in NEGATIVE_KINDS else amount


def next_number(project) -> str:
    """A suggestion for the next receipt number: the one after the last receipt entered (its prefix, e.g. the
    year, kept: B-2025-0151 -> B-2025-0152), skipping numbers already taken."""
    numbers = Receipt.objects.filter(project=project).order_by("-pk").values_list("number", flat=True)
    last = next((number for number in numbers[:50] if re.search(r"\d$", number)), None)
    if last is None:
        return "1"
    taken = set(
        Receipt.objects.filter(project=project, number__startswith=last.rstrip("0123456789")).values_list(
            "number", flat=True
        )
    )
    candidate = following(last)
    while candidate in taken:
        candidate = following(candidate)
    return candidate


def following(number: str) -> str:
    """The number after ``number``: its trailing digits plus one, keeping prefix and width (R-009 -> R-010)."""
    found = re.match(r"^(.*?)(\d+)$", number)
    if not found:
        return f"{number}-1"
    prefix, digits = found.groups()
    return f"{prefix}{str(int(digits) + 1).zfill(len(digits))}"


def _store_scan(upload, extension: str) -> tuple[str, str]:
    stored = f"{SCAN_DIR}/{get_random_string(32)}.{extension}"
    save_upload(upload, Path(settings.UPLOAD_ROOT) / stored)
    return stored, SCAN_TYPES[extension][0]


# What a submitted statement was made of: these fields of a receipt in its period stay as they were (GoBD:
# booked entries are corrected by a counter-entry, not changed). Scan, description and links may still change.
LOCKED_FIELDS = ("kind", "receipt_date", "paid_on", "gross", "vat", "category_id", "number")


def counted_on(receipt: Receipt):
    return receipt.paid_on or receipt.receipt_date


def submitted_lock(receipt: Receipt) -> str:
    """Why the receipt's booked figures may not change or go, or "" if they may."""
    statement = queries.submitted_statement_covering(receipt.project_id, counted_on(receipt))
    if statement is None:
        return ""
    return _(
        "Receipt %(number)s counts in the statement submitted on %(date)s. Its amount, dates, type and category "
        "stay as submitted: book a correction (a credit note or a refund) instead, and make a new version of the "
        "statement if it should show it."
    ) % {"number": receipt.number, "date": date_format(localtime(statement.submitted_at), "SHORT_DATE_FORMAT")}


def save_receipt(receipt: Receipt, actor, *, scan=None, scan_extension: str = "", remove_scan: bool = False):
    """Create or change a receipt (``receipt`` unsaved or changed in memory); the sign follows the kind.

    A new scan replaces the old one (deleted after the commit); raises :class:`ReceiptError` on a duplicate
    number, leaving nothing stored."""
    created = receipt.pk is None
    if receipt.category.kind == CategoryKind.FLAT_RATE:
        raise ReceiptError(
            _("A flat rate is computed from the other costs; book the receipt to a cost category."), "category"
        )
    receipt.gross = signed(receipt.kind, receipt.gross)
    receipt.vat = signed(receipt.kind, receipt.vat)
    old_path = None
    if not created:
        old = Receipt.objects.get(pk=receipt.pk)
        changed = [name for name in LOCKED_FIELDS if getattr(old, name) != getattr(receipt, name)]
        if changed and (reason := submitted_lock(old)):
            raise ReceiptError(reason)
        old_path = scan_path(old)
    new_path = None
    if scan is not None:
        receipt.scan_path, receipt.scan_type = _store_scan(scan, scan_extension)
        receipt.scan_name = scan.name
        new_path = Path(settings.UPLOAD_ROOT) / receipt.scan_path
    elif remove_scan:
        receipt.scan_path = receipt.scan_name = receipt.scan_type = ""
    if created:
        receipt.created_by = actor if getattr(actor, "is_authenticated", False) else None
    try:
        with transaction.atomic():
            receipt.save()
            audit.record(
                actor,
                "finance.receipt_created" if created else "finance.receipt_changed",
                receipt,
                project=receipt.project_id,
                scan=bool(receipt.scan_path),
            )
    except IntegrityError:
        if new_path:
            new_path.unlink(missing_ok=True)
        if not created:
            receipt.refresh_from_db()
        if Receipt.objects.filter(project=receipt.project_id, number=receipt.number).exclude(pk=receipt.pk).exists():
            raise ReceiptError(_("This project already has a receipt with this number."), "number") from None
        raise ReceiptError(_("The receipt could not be saved: its amount does not fit its type.")) from None
    if old_path and (scan is not None or remove_scan):
        transaction.on_commit(lambda: old_path.unlink(missing_ok=True))
    return receipt


def delete_receipt(receipt: Receipt, actor) -> None:
    if reason := submitted_lock(receipt):
        raise ReceiptError(reason)
    path = scan_path(receipt)
    with transaction.atomic():
        audit.record(actor, "finance.receipt_deleted", receipt, project=receipt.project_id)
        receipt.delete()
        if path:
            transaction.on_commit(lambda: path.unlink(missing_ok=True))


@dataclass
class ReceiptFilter:
    category: int | None = None
    year: int | None = None
    kind: str = ""
    without_scan: bool = False
    search: str = ""


def receipts_of(user, project, chosen: ReceiptFilter | None = None):
    """The project's receipts ``user`` may see, filtered, in the list's order (by date, then number)."""
    chosen = chosen or ReceiptFilter()
    receipts = queries.receipts_for_user(user).filter(project=project)
    if chosen.category:
        receipts = receipts.filter(category_id=chosen.category)
    if chosen.year:  # the year the receipt counts in, as in the statement: paid, else dated
        receipts = receipts.alias(counted_on=queries.COUNTED_ON).filter(counted_on__year=chosen.year)
    if chosen.kind:
        receipts = receipts.filter(kind=chosen.kind)
    if chosen.without_scan:
        receipts = receipts.filter(scan_path="")
    if chosen.search:
        text = chosen.search
        receipts = receipts.filter(
            Q(number__icontains=text) | Q(payee__icontains=text) | Q(description__icontains=text)
        )
    return receipts.select_related("category").order_by("-receipt_date", "-number", "-id")


def counted_sum(receipts):
    """What the receipts add up to: net of VAT where given, else gross (one aggregate query)."""
    return money.total([receipts.aggregate(amount=Sum(queries.COUNTED))["amount"] or money.ZERO])


def years_of(project) -> list[int]:
    """The years the project's receipts count in (paid, else dated), newest first."""
    dated = Receipt.objects.filter(project=project).dates("receipt_date", "year", order="DESC")
    paid = Receipt.objects.filter(project=project, paid_on__isnull=False).dates("paid_on", "year", order="DESC")
    return sorted({d.year for d in dated} | {d.year for d in paid}, reverse=True)

"""The import of the accounting's booking export into a project's receipts: upload, read once by the worker,
map columns and accounts, preview, then write all or nothing in the worker (core.imports, core.importjobs).

The preview and the write use the same plan (finance.bookings.plan) against the receipts as they are then: a
booking already imported (same date, amount and text), or entered by hand with the same date and amount, is
skipped; a row that cannot be read, or an account without a cost category, stops the import with nothing written.
"""

from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inklusio.core import audit, importjobs, imports

from . import bookings, receipts
from .models import AccountMapping, BookingImport, CategoryKind, CostCategory, Receipt, ReceiptKind

KIND = "finance.bookings"
SHOWN = 200  # problems and duplicates listed on the preview, at most


def import_dir() -> Path:
    return Path(settings.UPLOAD_ROOT) / "booking-imports"


def upload_path(record) -> Path:
    return imports.upload_path(record, directory=import_dir())


def remove_files(record) -> None:
    imports.remove_files(record, directory=import_dir())


def load_table(record):
    return imports.load_table(record, directory=import_dir())


def prepare(record) -> None:
    """Read the upload once (in the worker); the review keeps the header and the guessed columns."""
    imports.read_once(
        record,
        directory=import_dir(),
        check=lambda table: {
            "header": table.header,
            "rows": len(table.rows),
            "columns": bookings.guess_columns(table.header),
        },
    )


def remembered(funder: str) -> dict[str, int]:
    """The account -> cost category id mappings remembered for the funder."""
    return dict(AccountMapping.objects.filter(funder=funder).values_list("account", "category_id"))


def categories_for(project):
    """The categories a booking may go to: not archived, and no flat rate (computed, never booked)."""
    usable = CostCategory.objects.filter(funder=project.funder, archived_at__isnull=True)
    return usable.exclude(kind=CategoryKind.FLAT_RATE).order_by("position", "id")


def _existing(project):
    imported = set(
        Receipt.objects.filter(project=project).exclude(booking_key="").values_list("booking_key", flat=True)
    )
    entered = set(Receipt.objects.filter(project=project, booking_key="").values_list("receipt_date", "gross"))
    return imported, entered


def make_plan(record, columns: dict, accounts: dict[str, int]) -> bookings.Plan:
    """The plan for the stored table with these columns and account mappings (``accounts``: account -> id)."""
    table = load_table(record)
    valid = set(categories_for(record.project).values_list("pk", flat=True))
    mapped = {account for account, pk in accounts.items() if pk in valid}
    imported, entered = _existing(record.project)
    return bookings.plan(table.rows, columns, mapped=mapped, imported_keys=imported, entered=entered)


PROBLEMS = {
    "date": lambda p: _("the date “%(value)s” is not a date (e.g. 31.12.2025)") % {"value": p.value},
    "amount": lambda p: _("the amount “%(value)s” is not an amount in euros") % {"value": p.value},
    "zero": lambda p: _("the amount is zero"),
    "account": lambda p: _("the account is missing or longer than 40 characters"),
    "text": lambda p: _("the booking text is missing"),
    "unmapped": lambda p: _("the account %(value)s has no cost category: choose one above") % {"value": p.value},
}
WHY = {
    "imported": lambda: _("imported before"),
    "entered": lambda: _("a receipt with the same date and amount was entered by hand"),
    "file": lambda: _("twice in this file"),
}


def review_of(plan: bookings.Plan, columns: dict, accounts: dict[str, int]) -> dict:
    """What the preview shows, small enough to keep in the import's row (in the uploader's language)."""

    def booking(b):
        amount = number_format(b.amount, 2, force_grouping=True)
        return {"row": b.row, "date": b.on.strftime("%d.%m.%Y"), "amount": amount, "text": b.text}

    return {
        "columns": columns,
        "accounts": accounts,
        "checked": True,
        "ok": plan.ok and bool(plan.new),
        "new": len(plan.new),
        "new_sample": [booking(b) for b in plan.new[:20]],
        "duplicates": [{**booking(b), "why": str(WHY[why]())} for b, why in plan.duplicates[:SHOWN]],
        "duplicate_count": len(plan.duplicates),
        "problems": [imports.RowIssue(p.row, "", str(PROBLEMS[p.code](p))).__str__() for p in plan.problems[:SHOWN]],
        "problem_count": len(plan.problems),
    }


def write_import(job, progress) -> dict:
    """The worker's write of a reviewed booking import (``FinanceConfig.import_writers``): plan again against the
    receipts as they are now; the same plan as reviewed is written all or nothing, with the account mappings."""
    record = BookingImport.objects.select_related("project").get(pk=job.import_id, status=BookingImport.Status.PENDING)
    project = record.project
    columns = record.review.get("columns") or {}
    accounts = {a: int(pk) for a, pk in (record.review.get("accounts") or {}).items()}
    plan = make_plan(record, columns, accounts)
    review_url = reverse("finance:receipt_import_review", args=[project.slug, record.pk])
    if not plan.ok or len(plan.new) != record.review.get("new"):

        def store():
            record.review = {**record.review, **review_of(plan, columns, accounts)}
            record.save(update_fields=["review"])

        raise importjobs.NeedsReview(review_url, store)
    categories = {c.pk: c for c in categories_for(project)}
    for account, pk in accounts.items():
        if pk in categories:
            AccountMapping.objects.update_or_create(
                funder=project.funder, account=account, defaults={"category": categories[pk]}
            )
    total = len(plan.new)
    progress(0, total)
    number = receipts.next_number(project)
    taken = set(Receipt.objects.filter(project=project).values_list("number", flat=True))
    batch = []
    for booking in plan.new:
        while number in taken:
            number = receipts.following(number)
        taken.add(number)
        batch.append(
            Receipt(
                project=project,
                number=number,
                kind=ReceiptKind.INVOICE if booking.amount > 0 else ReceiptKind.REFUND,
                receipt_date=booking.on,
                paid_on=booking.on,
                payee=booking.text[:200],
                description=booking.text,
                gross=booking.amount,
                category=categories[accounts[booking.account]],
                booking_key=booking.key,
                created_by=job.owner,
            )
        )
        if len(batch) >= 500:
            Receipt.objects.bulk_create(batch)
            progress(len(taken), total)
            batch = []
    Receipt.objects.bulk_create(batch)
    audit.record(job.owner, "finance.receipt_import", project, rows=total, skipped=len(plan.duplicates), file=record.pk)
    record.status = BookingImport.Status.IMPORTED
    record.save(update_fields=["status"])
    transaction.on_commit(lambda: remove_files(record))
    lines = [
        ngettext("%(count)s receipt imported.", "%(count)s receipts imported.", total) % {"count": total},
    ]
    if plan.duplicates:
        lines.append(
            ngettext(
                "%(count)s booking skipped as already entered.",
                "%(count)s bookings skipped as already entered.",
                len(plan.duplicates),
            )
            % {"count": len(plan.duplicates)}
        )
    return {
        "lines": lines,
        "next": reverse("finance:receipt_list", args=[project.slug]),
        "next_label": _("Go to the receipts"),
    }

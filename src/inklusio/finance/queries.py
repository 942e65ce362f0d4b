"""Who may see which finance records, and the sums the plan and the statement are made of (one place decides)."""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.db.models import Count, DecimalField, F, Q, Sum, Value
from django.db.models.functions import Coalesce, ExtractYear

from inklusio.core.models import Project

from .models import CategoryKind, CostCategory, FinancingSource, PaymentRequest, Plan, PlanLine, Receipt, Statement

ZERO = Value(Decimal("0.00"), output_field=DecimalField(max_digits=14, decimal_places=2))
# The amount that counts: net of input VAT where it is deducted, else gross (Receipt.net, in SQL).
COUNTED = F("gross") - Coalesce(F("vat"), ZERO)
# Costs count when they were paid; a receipt not yet paid counts on its receipt date.
COUNTED_ON = Coalesce(F("paid_on"), F("receipt_date"))


def _may(user, permission: str) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.has_perm(permission))


def plans_for_user(user):
    return Plan.objects.select_related("project") if _may(user, "finance.view_plan") else Plan.objects.none()


def projects_for_user(user):
    """The projects whose finance the user may see (the plan's permission decides; every project alike)."""
    return Project.objects.all() if _may(user, "finance.view_plan") else Project.objects.none()


def overview_projects_for_user(user):
    """The projects on the finance overview: for everyone who may read a statement (the reviewer too, who sees
    the statements and receipts but not the plan pages)."""
    return Project.objects.all() if _may(user, "finance.view_statement") else Project.objects.none()


def receipts_for_user(user):
    return Receipt.objects.all() if _may(user, "finance.view_receipt") else Receipt.objects.none()


def statements_for_user(user):
    return Statement.objects.all() if _may(user, "finance.view_statement") else Statement.objects.none()


def payment_requests_for_user(user):
    if _may(user, "finance.view_paymentrequest"):
        return PaymentRequest.objects.all()
    return PaymentRequest.objects.none()


def categories_for_user(user):
    return CostCategory.objects.all() if _may(user, "finance.view_costcategory") else CostCategory.objects.none()


def categories_of(funder: str):
    """The funder's cost categories in their order, archived ones included (old receipts may use them)."""
    return list(CostCategory.objects.filter(funder=funder).order_by("position", "id"))


def receipts_in(project, start: date, end: date):
    """The project's receipts that count in the period (by payment date, else receipt date), both inclusive."""
    return Receipt.objects.filter(project=project).alias(counted_on=COUNTED_ON).filter(counted_on__range=(start, end))


def actual_amounts(project, start: date, end: date) -> dict[tuple[str, int], Decimal]:
    """What the receipts add up to per (category key, year) in the period: one grouped query."""
    rows = (
        receipts_in(project, start, end)
        .annotate(year=ExtractYear(COUNTED_ON))
        .values("category__key", "year")
        .annotate(amount=Sum(COUNTED))
    )
    return {(row["category__key"], row["year"]): row["amount"] for row in rows}


def planned_amounts(plan, years) -> dict[tuple[str, int], Decimal]:
    """The plan's lines per (category key, year) for the given years: one grouped query."""
    rows = (
        PlanLine.objects.filter(plan=plan, year__in=list(years))
        .values("category__key", "year")
        .annotate(amount=Sum("amount"))
    )
    return {(row["category__key"], row["year"]): row["amount"] for row in rows}


def financing_amounts(plan, years) -> dict[tuple[str, str], Decimal]:
    """The plan's financing per (kind, name), summed over the given years, in the plan's order."""
    totals: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for source in FinancingSource.objects.filter(plan=plan, year__in=list(years)).order_by("kind", "name", "id"):
        totals[(source.kind, source.name)] += source.amount
    return dict(totals)


def flat_rate_categories(categories):
    return [c for c in categories if c.kind == CategoryKind.FLAT_RATE and c.flat_rate_percent is not None]


# -- the receipt list (Belegliste): sorted by category and date, with totals per category ----------------------

RECEIPT_LIST_ORDER = ("category__position", "category_id", "receipt_date", "number", "id")


def receipt_list(project, start: date | None = None, end: date | None = None):
    """The project's receipts in the receipt list's order (category, date, number), optionally of a period."""
    receipts = receipts_in(project, start, end) if start and end else Receipt.objects.filter(project=project)
    return receipts.select_related("category").order_by(*RECEIPT_LIST_ORDER)


def receipt_list_rows(project, page: int = 1, per_page: int = 50, start: date | None = None, end: date | None = None):
    """One page of the receipt list (1-based; a page past the end is empty): one query, whatever the count."""
    page, per_page = max(int(page), 1), max(int(per_page), 1)
    first = (page - 1) * per_page
    return list(receipt_list(project, start, end)[first : first + per_page])


def category_totals(project, start: date | None = None, end: date | None = None) -> list[dict]:
    """Per category of the receipts, in the list's order: ``key``, ``name``, ``receipts``, ``gross``, ``amount``
    (what counts: net where VAT is deducted) and ``without_scan``; one grouped query."""
    receipts = receipts_in(project, start, end) if start and end else Receipt.objects.filter(project=project)
    rows = (
        receipts.values("category__position", "category_id", "category__key", "category__name")
        .annotate(
            receipts=Count("id"),
            gross_total=Sum("gross"),  # not "gross": COUNTED reads the field of that name
            amount=Sum(COUNTED),
            without_scan=Count("id", filter=Q(scan_path="")),
        )
        .order_by("category__position", "category_id")
    )
    return [
        {
            "key": row["category__key"],
            "name": row["category__name"],
            "receipts": row["receipts"],
            "gross": row["gross_total"],
            "amount": row["amount"],
            "without_scan": row["without_scan"],
        }
        for row in rows
    ]


def submitted_statement_covering(project_id, day: date):
    """The earliest submitted statement of the project whose period holds ``day``, or None: a receipt that counts
    on that day is part of what was submitted."""
    return (
        Statement.objects.filter(
            project_id=project_id, submitted_at__isnull=False, period_start__lte=day, period_end__gte=day
        )
        .order_by("submitted_at")
        .first()
    )

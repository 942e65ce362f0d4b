"""Who may see which finance records, and the sums the plan and the statement are made of (one place decides)."""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.db.models import DecimalField, F, Sum, Value
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

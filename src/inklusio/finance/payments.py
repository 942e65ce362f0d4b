"""Payment requests (Mittelabrufe): numbering, saving with audit, and the grant's cash position from the records."""

from datetime import date

from django.db import transaction
from django.db.models import Max, Sum

from inklusio.core import audit

from . import cash, money, queries
from .models import PaymentRequest, Plan, Receipt


def next_number(project) -> int:
    return (PaymentRequest.objects.filter(project=project).aggregate(n=Max("number"))["n"] or 0) + 1


def save(request: PaymentRequest, actor) -> PaymentRequest:
    created = request.pk is None
    with transaction.atomic():
        request.save()
        audit.record(
            actor,
            "finance.payment_request_created" if created else "finance.payment_request_changed",
            request,
            project=request.project_id,
            number=request.number,
        )
    return request


def delete(request: PaymentRequest, actor) -> None:
    with transaction.atomic():
        audit.record(
            actor, "finance.payment_request_deleted", request, project=request.project_id, number=request.number
        )
        request.delete()


def _payments_by_day(project):
    """The project's paid costs per payment day: one grouped query (unpaid receipts are no cash spending)."""
    rows = (
        Receipt.objects.filter(project=project, paid_on__isnull=False)
        .values("paid_on")
        .annotate(amount=Sum(queries.COUNTED))
        .order_by("paid_on")
    )
    return [(row["paid_on"], row["amount"]) for row in rows]


def cash_position(project, today: date) -> cash.CashPosition:
    """Received minus grant-financed spending, and the instalments not spent in time (three queries)."""
    plan = getattr(project, "finance_plan", None)
    years = range(project.start.year, project.end.year + 1)
    financing = queries.financing_amounts(plan, years) if plan else {}
    sources = [(kind, name, amount) for (kind, name), amount in financing.items()]
    received = [
        cash.Received(number, received_on, amount)
        for number, received_on, amount in PaymentRequest.objects.filter(
            project=project, received_on__isnull=False, amount_received__isnull=False
        ).values_list("number", "received_on", "amount_received")
    ]
    return cash.position(
        received,
        cash.grant_spending(_payments_by_day(project), sources),
        spend_within_days=plan.spend_within_days if plan else Plan._meta.get_field("spend_within_days").default,
        today=today,
    )


def received_between(project, start, end):
    """What the funder paid out in the period (payment requests received in it), for the statement's comparison
    with the grant's computed share."""
    received = PaymentRequest.objects.filter(project=project, received_on__range=(start, end)).aggregate(
        amount=Sum("amount_received")
    )["amount"]
    return money.cents(received or money.ZERO)

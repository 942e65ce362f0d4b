"""Objects the statement and payment request tests build: a plan for 2024, receipts, users of each role."""

from datetime import date
from decimal import Decimal as D

import pytest

from inklusio.finance.demo import FUNDER, categories_for
from inklusio.finance.models import FinancingSource, Plan, PlanLine, Receipt


def add_receipt(project, category, number, amount, day, *, paid_on="same", kind="invoice", scan=False):
    return Receipt.objects.create(
        project=project,
        number=number,
        kind=kind,
        receipt_date=day,
        paid_on=day if paid_on == "same" else paid_on,
        payee="Druckerei Beispiel",
        description=f"Beleg {number}",
        gross=D(amount),
        category=category,
        scan_path="scans/x.pdf" if scan else "",
        scan_name="x.pdf" if scan else "",
    )


@pytest.fixture
def books(project):
    """Plan 2024: personnel 10,000 / fees 1,000 / travel 500; grant 7,000, own funds 4,500.

    Receipts 2024: personnel 10,000 (on plan), fees 1,200 (+20 %, exactly at the threshold: not flagged),
    travel 700 (+40 %: flagged), material 50 (not planned: flagged).
    """
    assert project.funder == FUNDER
    categories = {c.key: c for c in categories_for(FUNDER)}
    plan = Plan.objects.create(project=project)
    for key, amount in (("personal", "10000"), ("honorare", "1000"), ("reisekosten", "500")):
        PlanLine.objects.create(plan=plan, category=categories[key], year=2024, amount=D(amount))
    FinancingSource.objects.create(plan=plan, kind="grant", name="Aktion Mensch", year=2024, amount=D("7000"))
    FinancingSource.objects.create(plan=plan, kind="own", name="Eigenmittel", year=2024, amount=D("4500"))
    receipts = [
        add_receipt(project, categories["personal"], "P-1", "6000", date(2024, 3, 31), scan=True),
        add_receipt(project, categories["personal"], "P-2", "4000", date(2024, 6, 30), scan=True),
        add_receipt(project, categories["honorare"], "H-1", "1200", date(2024, 4, 15)),
        add_receipt(project, categories["reisekosten"], "R-1", "750", date(2024, 5, 2), scan=True),
        add_receipt(project, categories["reisekosten"], "R-2", "-50", date(2024, 5, 20), kind="refund"),
        add_receipt(project, categories["sachkosten"], "S-1", "50", date(2024, 2, 1)),
    ]
    return {"categories": categories, "plan": plan, "receipts": receipts}


@pytest.fixture
def finance_user(make_user):
    return make_user("finance")


@pytest.fixture
def reviewer(make_user):
    return make_user("read_only")

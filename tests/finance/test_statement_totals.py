"""For any receipts, the statement's totals equal the sum of the receipts (net of deducted VAT, by payment date),
with the flat rate on top; the receipt list's totals per category agree with it."""

from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inklusio.finance import queries, services
from inklusio.finance.demo import categories_for
from inklusio.finance.models import Plan, PlanLine, Receipt
from inklusio.finance.money import cents, percent_of, total

pytestmark = pytest.mark.django_db

START, END = date(2024, 1, 1), date(2026, 12, 31)
FLAT = D("7.00")

amounts = st.decimals(min_value=D("0.01"), max_value=D("99999.99"), places=2, allow_nan=False, allow_infinity=False)
receipt = st.fixed_dictionaries(
    {
        "gross": amounts,
        "negative": st.booleans(),
        "vat_share": st.one_of(st.none(), st.sampled_from([D("0.07"), D("0.19")])),
        "day": st.integers(min_value=-40, max_value=(END - START).days + 40),  # some outside the period
        "paid_after": st.one_of(st.none(), st.integers(min_value=0, max_value=60)),
        "category": st.integers(min_value=0, max_value=6),
    }
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(receipt, max_size=25))
def test_statement_totals_equal_the_sum_of_the_receipts(project, rows):
    with transaction.atomic():
        categories = [c for c in categories_for(project.funder) if c.flat_rate_percent is None]
        plan = Plan.objects.create(project=project)
        PlanLine.objects.create(plan=plan, category=categories[0], year=2025, amount=D("1000.00"))
        made = []
        for i, row in enumerate(rows):
            gross = -row["gross"] if row["negative"] else row["gross"]
            vat = cents(gross * row["vat_share"]) if row["vat_share"] is not None else None
            on = START + timedelta(days=row["day"])
            paid = on + timedelta(days=row["paid_after"]) if row["paid_after"] is not None else None
            made.append(
                Receipt.objects.create(
                    project=project,
                    number=f"R-{i}",
                    kind="refund" if row["negative"] else "invoice",
                    receipt_date=on,
                    paid_on=paid,
                    payee="Lieferant",
                    description="Beleg",
                    gross=gross,
                    vat=vat,
                    category=categories[row["category"]],
                )
            )
        counted = [r for r in made if START <= (r.paid_on or r.receipt_date) <= END]
        result = services.compute_statement(project, START, END)

        by_year: dict[int, list] = {}
        for r in counted:
            by_year.setdefault((r.paid_on or r.receipt_date).year, []).append(r.net)
        direct = total(r.net for r in counted)
        flat = total(percent_of(total(nets), FLAT) for nets in by_year.values())
        assert result.actual_total == direct + flat
        assert total(line.actual for line in result.lines if line.category_key != "verwaltung") == direct
        # each line is its category's receipts of that year
        for line in result.lines:
            if line.category_key == "verwaltung":
                continue
            expected = total(
                r.net
                for r in counted
                if r.category.key == line.category_key and (r.paid_on or r.receipt_date).year == line.year
            )
            assert line.actual == expected
        # the receipt list's totals per category over the same period add up to the same direct costs
        assert total(t["amount"] for t in queries.category_totals(project, START, END)) == direct
        assert sum(t["receipts"] for t in queries.category_totals(project, START, END)) == len(counted)
        transaction.set_rollback(True)


def test_receipt_list_rows_are_ordered_by_category_and_date_and_paged(project):
    categories = [c for c in categories_for(project.funder) if c.flat_rate_percent is None]
    for i, (category, day) in enumerate([(3, 5), (0, 9), (0, 2), (3, 1), (1, 7)]):
        Receipt.objects.create(
            project=project,
            number=f"R-{i}",
            receipt_date=date(2025, 1, day),
            payee="Lieferant",
            description="Beleg",
            gross=D("10.00"),
            category=categories[category],
            scan_path="" if i == 4 else f"finance/receipts/{i}.pdf",
        )
    rows = queries.receipt_list_rows(project, page=1, per_page=3)
    assert [r.number for r in rows] == ["R-2", "R-1", "R-4"]
    assert [r.number for r in queries.receipt_list_rows(project, page=2, per_page=3)] == ["R-3", "R-0"]
    assert queries.receipt_list_rows(project, page=9, per_page=3) == []
    totals = queries.category_totals(project)
    assert [(t["key"], t["receipts"], t["amount"], t["without_scan"]) for t in totals] == [
        (categories[0].key, 2, D("20.00"), 0),
        (categories[1].key, 1, D("10.00"), 1),
        (categories[3].key, 2, D("20.00"), 0),
    ]

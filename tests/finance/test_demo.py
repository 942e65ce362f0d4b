"""The demo's books: a plan that balances, plausible receipts with scans that can be read, payment requests."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Count, Q, Sum

from inklusio.core import demo as core_demo
from inklusio.core.demo import FOLLOW_UP_SLUG, REFERENCE_SLUG
from inklusio.core.models import Project
from inklusio.finance import demo, figures, payments, services, statement
from inklusio.finance import plan as plans
from inklusio.finance.models import FinancingSource, PaymentRequest, PlanLine, Receipt
from inklusio.finance.money import total
from inklusio.finance.queries import categories_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(demo):
    return Project.objects.get(slug=REFERENCE_SLUG), Project.objects.get(slug=FOLLOW_UP_SLUG)


def test_the_plans_balance_every_year(loaded):
    for project in loaded:
        plan = project.finance_plan
        costs_by_year = plans.year_costs(plan.lines.select_related("category"), categories_of(project.funder))
        assert costs_by_year
        assert not plan.lines.filter(category__kind="flat_rate").exists()  # computed, never a line
        for year, costs in costs_by_year.items():
            financing = FinancingSource.objects.filter(plan=plan, year=year)
            assert statement.balance(costs, total(f.amount for f in financing)) == 0
            grant = financing.get(kind="grant")
            assert grant.rate_percent == D("80.00")


def test_personnel_lines_follow_post_share_months_and_rate(loaded):
    reference, _follow_up = loaded
    for line in PlanLine.objects.filter(plan__project=reference, category__key="personal"):
        assert line.amount == (line.fte_share * line.months * line.monthly_rate).quantize(D("0.01"))
        assert line.position_title


def test_receipts_are_plausible(loaded):
    reference, follow_up = loaded
    receipts = Receipt.objects.filter(project=reference)
    assert 300 <= receipts.count() <= 800
    counts = receipts.aggregate(
        negative=Count("id", filter=Q(gross__lt=0)),
        with_vat=Count("id", filter=Q(vat__isnull=False)),
        events=Count("id", filter=Q(event__isnull=False)),
        mailings=Count("id", filter=Q(mailing__isnull=False)),
        meetings=Count("id", filter=Q(meeting__isnull=False)),
        scanned=Count("id", filter=~Q(scan_path="")),
        people=Count("id", filter=Q(payee_is_person=True)),
    )
    assert counts["negative"] >= 5 and counts["with_vat"] >= 20 and counts["people"] >= 10
    assert counts["events"] >= 30 and counts["mailings"] >= 1 and counts["meetings"] >= 5
    assert receipts.count() * 0.85 <= counts["scanned"] < receipts.count()
    assert set(receipts.values_list("category__key", flat=True)) == {c[0] for c in demo.AKTION_MENSCH_CATEGORIES} - {
        "verwaltung"
    }
    assert Receipt.objects.filter(project=follow_up).count() >= 30
    # every receipt of the project period, against a plan of about 480,000 euros: spent close to the plan
    result = services.compute_statement(reference, reference.start, reference.end)
    assert D("0.85") <= result.actual_total / result.planned_total <= D("1.05")
    gross = receipts.aggregate(s=Sum("gross"))["s"]
    assert result.actual_total <= gross * D("1.07")  # the flat rate on top of the net amounts
    # the deviations beyond 20 % to explain: more PR in 2024, fewer trips in the first months
    assert {(line.category_key, line.year) for line in result.flagged} == {
        ("oeffentlichkeitsarbeit", 2024),
        ("reisekosten", 2022),
    }
    assert not result.complete


def test_scans_are_small_valid_pdfs_under_the_upload_root(loaded):
    reference, _follow_up = loaded
    for receipt in Receipt.objects.filter(project=reference).exclude(scan_path="")[:20]:
        path = demo.scan_file(receipt)
        assert path.is_file()
        data = path.read_bytes()
        assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")
        assert len(data) < 4000
        assert receipt.scan_type == "application/pdf" and receipt.scan_name == f"{receipt.number}.pdf"
        assert receipt.number.encode() in data


def test_one_payment_request_asks_for_more_than_is_spent_in_time(loaded):
    reference, _follow_up = loaded
    requests = PaymentRequest.objects.filter(project=reference)
    assert requests.count() >= 10
    big = requests.get(number=5)
    assert big.amount_received == big.amount_requested and "Zwei Monate" in big.note
    # need-based monthly requests are spent in time; only the one for two months is not (the warning's example)
    position = payments.cash_position(reference, date(2026, 12, 6))
    assert [i.key for i in position.overdue] == [5]
    assert position.received <= position.spent  # never more requested than the grant's share of what was paid


def _books(project):
    receipts = Receipt.objects.filter(project=project).order_by("number")
    return (
        list(receipts.values_list("number", "receipt_date", "paid_on", "gross", "vat", "category__key", "scan_path")),
        list(PaymentRequest.objects.filter(project=project).values_list("number", "amount_requested", "received_on")),
        list(PlanLine.objects.filter(plan__project=project).values_list("year", "category__key", "amount")),
    )


def _clear_books():
    Receipt.objects.all().delete()
    PaymentRequest.objects.all().delete()
    for project in Project.objects.all():
        if hasattr(project, "finance_plan"):
            project.finance_plan.delete()


def test_the_demo_is_deterministic(loaded):
    reference, follow_up = loaded
    assert _books(reference)[0][0][0] == "B-2022-0001"
    seen = []
    for _run in range(2):  # finance's own seeded generator: the same books every time
        _clear_books()
        demo.load({"reference_project": reference, "follow_up_project": follow_up})
        reference.refresh_from_db()
        seen.append(_books(reference))
    assert seen[0] == seen[1]
    assert len(seen[0][0]) > 300


def test_cost_figures_of_the_demo(loaded):
    reference, _follow_up = loaded
    assert figures.budget_spent_share(reference, reference.start, reference.end) > 80
    value = figures.cost_per_participant_of(reference, reference.start, reference.end, {"conference_day"})
    assert value is not None and 20 < value < 500


def test_the_finance_login(loaded):
    assert "finanzen" in core_demo.ROLE_USERS
    user = get_user_model().objects.get(username="finanzen")
    assert user.has_perm("finance.add_receipt") and not user.has_perm("finance.approve_plan")
    assert not user.has_perm("contacts.view_person")

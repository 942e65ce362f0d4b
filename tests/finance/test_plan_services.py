"""The plan's rules on a real database: personnel computed and rounded, flat rates, grants as a rate, the balance
(balanced, gap, surplus), approval and its loss on any change, every change audited."""

from datetime import date
from decimal import Decimal

import pytest

from inklusio.core.models import AuditEvent, Project
from inklusio.finance import plan as plans
from inklusio.finance.demo import categories_for
from inklusio.finance.models import CostCategory, FinancingSource, Plan, PlanLine

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def categories(db):
    return {c.key: c for c in categories_for("Aktion Mensch")}


@pytest.fixture
def finance_user(make_user):
    return make_user("finance")


@pytest.fixture
def the_plan(project, categories, lead):
    return plans.create_plan(project, {"deviation_threshold_percent": D("20"), "spend_within_days": 42}, lead)


def personnel(the_plan, categories, year=2024, fte="0.5", months="12", rate="4000.00"):
    line = PlanLine(
        category=categories["personal"], year=year, position_title="Projektleitung",
        fte_share=D(fte), months=D(months), monthly_rate=D(rate), amount=D("0"),
    )  # fmt: skip
    plans.save_line(the_plan, line, None)
    return line


def other(the_plan, categories, amount, key="honorare", year=2024):
    line = PlanLine(category=categories[key], year=year, description="Dozentin", amount=D(amount))
    plans.save_line(the_plan, line, None)
    return line


def grant(the_plan, amount=None, rate=None, year=2024, kind="grant", name="Aktion Mensch"):
    source = FinancingSource(kind=kind, name=name, year=year, amount=amount, rate_percent=rate)
    plans.save_source(the_plan, source, None)
    return source


def test_personnel_amount_is_computed_and_rounded_half_up(the_plan, categories):
    line = personnel(the_plan, categories, fte="0.333", months="7.5", rate="3333.33")
    # 0.333 × 7.5 × 3333.33 = 8324.99... exactly 8324.9916675 -> 8324.99
    assert line.amount == D("8324.99")
    half = personnel(the_plan, categories, fte="0.5", months="1", rate="0.01")  # 0.005 -> 0.01
    assert half.amount == D("0.01")


def test_a_personnel_amount_typed_in_is_ignored(the_plan, categories):
    line = PlanLine(category=categories["personal"], year=2024, position_title="X", fte_share=D("1"), months=D("12"),
                    monthly_rate=D("1000"), amount=D("999999"))  # fmt: skip
    plans.save_line(the_plan, line, None)
    assert PlanLine.objects.get(pk=line.pk).amount == D("12000.00")


def test_other_lines_drop_personnel_fields(the_plan, categories):
    line = PlanLine(category=categories["honorare"], year=2024, position_title="X", fte_share=D("1"), amount=D("50"))
    plans.save_line(the_plan, line, None)
    line.refresh_from_db()
    assert (line.position_title, line.fte_share, line.amount) == ("", None, D("50.00"))


def test_flat_rate_is_computed_on_the_other_costs(the_plan, categories):
    other(the_plan, categories, "10000.00")
    result = plans.figures(the_plan)
    (block,) = result.years
    assert [(r.category.key, r.amount) for r in block.flat_rates] == [("verwaltung", D("700.00"))]
    assert block.cost_total == result.cost_total == D("10700.00")


def test_a_flat_rate_category_takes_no_lines(the_plan, categories):
    with pytest.raises(plans.PlanError):
        plans.save_line(the_plan, PlanLine(category=categories["verwaltung"], year=2024, amount=D("5")), None)


def test_another_funders_category_and_a_year_outside_are_refused(the_plan, categories):
    foreign = CostCategory.objects.create(funder="Stiftung X", key="personal", name="Personal")
    with pytest.raises(plans.PlanError):
        plans.save_line(the_plan, PlanLine(category=foreign, year=2024, amount=D("5")), None)
    with pytest.raises(plans.PlanError):
        plans.save_line(the_plan, PlanLine(category=categories["honorare"], year=2030, amount=D("5")), None)
    with pytest.raises(plans.PlanError):
        plans.save_line(the_plan, PlanLine(category=categories["honorare"], year=2024, amount=D("-1")), None)
    assert not PlanLine.objects.exists()


def test_balanced_plan(the_plan, categories):
    personnel(the_plan, categories)  # 24,000.00
    other(the_plan, categories, "1000.00")  # + 7 % flat rate of 25,000 = 1,750
    grant(the_plan, amount=D("20000.00"))
    grant(the_plan, amount=D("6750.00"), kind="own", name="Eigenmittel")
    result = plans.figures(the_plan)
    assert result.cost_total == D("26750.00") == result.financing_total
    assert (result.state, result.balance, result.gap, result.surplus) == ("balanced", 0, 0, 0)
    assert [(s.kind, s.share) for s in result.shares] == [("grant", D("74.8")), ("own", D("25.2"))]


def test_gap_and_surplus(the_plan, categories):
    other(the_plan, categories, "1000.00")  # 1,070.00 with the flat rate
    grant(the_plan, amount=D("1000.00"))
    result = plans.figures(the_plan)
    assert (result.state, result.gap, result.surplus) == ("gap", D("70.00"), 0)
    grant(the_plan, amount=D("100.00"), kind="own", name="Eigenmittel")
    result = plans.figures(the_plan)
    assert (result.state, result.gap, result.surplus) == ("surplus", 0, D("30.00"))


def test_balance_per_year(the_plan, categories):
    other(the_plan, categories, "100.00", year=2024)
    grant(the_plan, amount=D("107.00"), year=2024)
    grant(the_plan, amount=D("50.00"), year=2025)
    result = plans.figures(the_plan)
    assert [(b.year, b.state) for b in result.years] == [(2024, "balanced"), (2025, "surplus")]


def test_grant_as_rate_follows_the_costs(the_plan, categories):
    line = other(the_plan, categories, "1000.00")
    source = grant(the_plan, rate=D("80"))
    assert FinancingSource.objects.get(pk=source.pk).amount == D("856.00")  # 80 % of 1,070
    line.amount = D("2000.00")
    plans.save_line(the_plan, line, None)
    assert FinancingSource.objects.get(pk=source.pk).amount == D("1712.00")
    plans.delete_line(line, None)
    assert FinancingSource.objects.get(pk=source.pk).amount == D("0.00")


def test_only_a_grant_takes_a_rate(the_plan):
    with pytest.raises(plans.PlanError):
        grant(the_plan, rate=D("10"), kind="own", name="Eigen")


def test_approval_needs_the_permission_and_a_balancing_plan(the_plan, categories, lead, finance_user):
    other(the_plan, categories, "100.00")
    with pytest.raises(plans.PlanError):
        plans.approve(the_plan, lead)  # does not balance
    grant(the_plan, amount=D("107.00"))
    with pytest.raises(plans.PlanError):
        plans.approve(the_plan, finance_user)  # finance keeps the books, the lead approves
    plans.approve(the_plan, lead)
    the_plan.refresh_from_db()
    assert the_plan.approved_by == lead and plans.status(the_plan) == "approved"


def test_empty_plan_cannot_be_approved(the_plan, lead):
    with pytest.raises(plans.PlanError):
        plans.approve(the_plan, lead)


def test_a_change_after_approval_sets_the_plan_back_to_draft(the_plan, categories, lead, finance_user):
    line = other(the_plan, categories, "100.00")
    grant(the_plan, amount=D("107.00"))
    plans.approve(the_plan, lead)
    assert plans.reopened_at(the_plan) is None
    line.amount = D("200.00")
    assert plans.save_line(the_plan, line, finance_user) is True
    the_plan.refresh_from_db()
    assert the_plan.approved_at is None and plans.status(the_plan) == "draft"
    assert plans.reopened_at(the_plan) is not None
    assert AuditEvent.objects.filter(action="finance.plan.reopen", subject=f"finance.plan:{the_plan.pk}").count() == 1
    assert plans.save_line(the_plan, line, finance_user) is False  # a draft stays a draft, no second note


def test_every_change_is_audited(the_plan, categories, lead):
    line = other(the_plan, categories, "100.00")
    source = grant(the_plan, amount=D("10.00"))
    plans.save_settings(the_plan, lead)
    plans.delete_source(source, lead)
    plans.delete_line(line, lead)
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))
    for action in (
        "finance.plan.create",
        "finance.plan_line.create",
        "finance.financing.create",
        "finance.plan.settings",
    ):
        assert action in actions


def test_a_project_has_one_plan(the_plan, project, lead):
    with pytest.raises(plans.PlanError):
        plans.create_plan(project, {}, lead)
    assert Plan.objects.count() == 1


def test_overview_rows(the_plan, categories, project):
    other(the_plan, categories, "100.00")
    bare = Project.objects.create(title="Ohne", slug="ohne", funder="Aktion Mensch", start=date(2025, 1, 1),
                                  end=date(2025, 12, 31))  # fmt: skip
    rows = {row.project.slug: row for row in plans.overview([project, bare], today=date(2024, 6, 1))}
    assert (rows["test"].status, rows["test"].planned_total, rows["test"].spent) == ("draft", D("107.00"), 0)
    assert (rows["ohne"].status, rows["ohne"].planned_total) == ("none", None)


def test_category_moves_and_archives(categories, lead):
    first, second = categories["personal"], categories["honorare"]
    plans.move_category(second, -1, lead)
    order = list(CostCategory.objects.filter(funder="Aktion Mensch").values_list("key", flat=True))
    assert order[:2] == ["honorare", "personal"]
    plans.move_category(CostCategory.objects.get(pk=second.pk), -1, lead)  # already first: nothing changes
    plans.set_archived(first, True, lead)
    assert CostCategory.objects.get(pk=first.pk).archived_at is not None
    plans.set_archived(first, False, lead)
    assert CostCategory.objects.get(pk=first.pk).archived_at is None


def test_a_category_in_use_is_not_deleted(the_plan, categories, lead):
    other(the_plan, categories, "1.00")
    with pytest.raises(plans.PlanError):
        plans.delete_category(categories["honorare"], lead)
    plans.delete_category(categories["investitionen"], lead)
    assert not CostCategory.objects.filter(key="investitionen").exists()


def test_a_changed_flat_rate_reopens_the_funders_approved_plans(the_plan, categories, lead):
    other(the_plan, categories, "100.00")
    source = grant(the_plan, rate=D("100"))
    plans.approve(the_plan, lead)
    flat = categories["verwaltung"]
    flat.flat_rate_percent = D("10")
    plans.save_category(flat, lead)
    the_plan.refresh_from_db()
    assert the_plan.approved_at is None
    assert FinancingSource.objects.get(pk=source.pk).amount == D("110.00")
    flat.name = "Pauschale"  # a new name changes no figure: nothing is reopened
    plans.approve(the_plan, lead)
    plans.save_category(flat, lead)
    the_plan.refresh_from_db()
    assert the_plan.approved_at is not None

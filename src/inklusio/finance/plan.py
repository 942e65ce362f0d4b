"""The cost and financing plan: its figures by year (personnel computed, flat rates computed, grants as a rate
following the costs), whether it balances, the cost categories per funder, and every change to them, audited.

A change to an approved plan sets it back to draft (audited as ``finance.plan.reopen``); only a user with
``finance.approve_plan`` (the project lead) approves it again.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from inklusio.core import audit
from inklusio.core.models import AuditEvent

from . import queries, statement
from .models import CategoryKind, CostCategory, FinancingKind, FinancingSource, Plan, PlanLine
from .money import ZERO, cents, percent_of, personnel_cost, share
from .services import _with_flat_rates

REOPEN = "finance.plan.reopen"
APPROVE = "finance.plan.approve"


class PlanError(Exception):
    """A change the plan's rules do not allow; the message says why."""


# --- figures ------------------------------------------------------------------------------------------------


@dataclass
class FlatRateRow:
    category: CostCategory
    amount: Decimal


@dataclass
class FinancingRow:
    source: FinancingSource
    amount: Decimal
    share: Decimal | None


class _Balanced:
    """Balance of ``cost_total`` and ``financing_total``: the difference, its state, the gap or the surplus."""

    cost_total: Decimal
    financing_total: Decimal

    @property
    def balance(self) -> Decimal:
        return statement.balance(self.cost_total, self.financing_total)

    @property
    def state(self) -> str:
        return balance_state(self.cost_total, self.financing_total)

    @property
    def balances(self) -> bool:
        return self.balance == 0

    @property
    def gap(self) -> Decimal:
        """What the financing lacks to cover the costs (0 when it covers them)."""
        return -self.balance if self.balance < 0 else ZERO

    @property
    def surplus(self) -> Decimal:
        return self.balance if self.balance > 0 else ZERO


@dataclass
class YearBlock(_Balanced):
    year: int
    lines: list[PlanLine] = field(default_factory=list)
    flat_rates: list[FlatRateRow] = field(default_factory=list)
    financing: list[FinancingRow] = field(default_factory=list)
    cost_total: Decimal = ZERO
    financing_total: Decimal = ZERO


@dataclass
class KindShare:
    kind: str
    label: str
    amount: Decimal
    share: Decimal | None


@dataclass
class PlanFigures(_Balanced):
    years: list[YearBlock]
    cost_total: Decimal
    financing_total: Decimal
    shares: list[KindShare]


def balance_state(cost_total: Decimal, financing_total: Decimal) -> str:
    """``"balanced"``, ``"gap"`` (costs not covered) or ``"surplus"`` (more financing than costs)."""
    difference = statement.balance(cost_total, financing_total)
    return "balanced" if difference == 0 else ("gap" if difference < 0 else "surplus")


def year_costs(lines, categories) -> dict[int, Decimal]:
    """Each year's total costs: the lines plus the flat rates computed on them."""
    direct: dict[tuple[str, int], Decimal] = defaultdict(lambda: ZERO)
    for line in lines:
        direct[(line.category.key, line.year)] += line.amount
    totals: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for (_key, year), amount in _with_flat_rates(dict(direct), categories).items():
        totals[year] += amount
    return {year: cents(amount) for year, amount in totals.items()}


def figures(plan: Plan) -> PlanFigures:
    """The whole plan by year: three queries (categories, lines, financing)."""
    categories = queries.categories_of(plan.project.funder)
    lines = list(plan.lines.select_related("category").order_by("year", "category__position", "category_id", "id"))
    sources = list(plan.financing.order_by("year", "kind", "id"))
    costs = year_costs(lines, categories)
    flat = queries.flat_rate_categories(categories)
    years = sorted({line.year for line in lines} | {source.year for source in sources})
    blocks = []
    for year in years:
        block = YearBlock(year, [line for line in lines if line.year == year])
        direct: dict[tuple[str, int], Decimal] = {}
        for line in block.lines:
            direct[(line.category.key, year)] = direct.get((line.category.key, year), ZERO) + line.amount
        computed = _with_flat_rates(direct, categories) if direct else {}
        block.flat_rates = [FlatRateRow(c, computed.get((c.key, year), ZERO)) for c in flat if direct]
        block.cost_total = costs.get(year, ZERO)
        year_sources = [source for source in sources if source.year == year]
        amounts = [source_amount(source, block.cost_total) for source in year_sources]
        block.financing_total = cents(sum(amounts, ZERO))
        block.financing = [
            FinancingRow(source, amount, share(amount, block.financing_total))
            for source, amount in zip(year_sources, amounts, strict=True)
        ]
        blocks.append(block)
    cost_total = cents(sum((b.cost_total for b in blocks), ZERO))
    financing_total = cents(sum((b.financing_total for b in blocks), ZERO))
    by_kind: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for block in blocks:
        for row in block.financing:
            by_kind[row.source.kind] += row.amount
    shares = [
        KindShare(kind, label, cents(by_kind[kind]), share(by_kind[kind], financing_total))
        for kind, label in FinancingKind.choices
        if kind in by_kind
    ]
    return PlanFigures(blocks, cost_total, financing_total, shares)


def source_amount(source: FinancingSource, year_cost_total: Decimal) -> Decimal:
    """A grant given as a rate is that share of the year's costs; any other source is its amount."""
    if source.rate_percent is not None:
        return percent_of(year_cost_total, source.rate_percent)
    return cents(source.amount)


def status(plan: Plan | None) -> str:
    if plan is None:
        return "none"
    return "approved" if plan.approved_at else "draft"


def reopened_at(plan: Plan):
    """When the last change set the approved plan back to draft (None when the last word was an approval)."""
    event = (
        AuditEvent.objects.filter(subject=audit.reference(plan), action__in=(REOPEN, APPROVE))
        .order_by("-at", "-pk")
        .first()
    )
    return event.at if event is not None and event.action == REOPEN and plan.approved_at is None else None


def spent_so_far(project, today: date | None = None, categories=None) -> Decimal:
    """What the receipts add up to from the project's start until today, flat rates included."""
    today = today or timezone.localdate()
    if today < project.start:
        return ZERO
    actual = queries.actual_amounts(project, project.start, today)
    if not actual:
        return ZERO
    categories = queries.categories_of(project.funder) if categories is None else categories
    return cents(sum(_with_flat_rates(actual, categories).values(), ZERO))


@dataclass
class OverviewRow:
    project: object
    plan: Plan | None
    status: str
    planned_total: Decimal | None
    spent: Decimal


def overview(projects, today: date | None = None) -> list[OverviewRow]:
    """One row per project: its plan's status and total, and what was spent so far (a few queries per project)."""
    plans = {p.project_id: p for p in Plan.objects.filter(project__in=[p.pk for p in projects])}
    by_funder: dict[str, list] = {}
    rows = []
    for project in projects:
        if project.funder not in by_funder:
            by_funder[project.funder] = queries.categories_of(project.funder)
        categories = by_funder[project.funder]
        plan = plans.get(project.pk)
        planned = None
        if plan is not None:
            lines = list(plan.lines.select_related("category"))
            planned = cents(sum(year_costs(lines, categories).values(), ZERO))
        rows.append(OverviewRow(project, plan, status(plan), planned, spent_so_far(project, today, categories)))
    return rows


def has_line_categories(project) -> bool:
    """Whether the project's funder has a category a plan line can use (not archived, not a flat rate)."""
    usable = CostCategory.objects.filter(funder=project.funder, archived_at__isnull=True)
    return usable.exclude(kind=CategoryKind.FLAT_RATE).exists()


def project_years(project) -> list[int]:
    return list(range(project.start.year, project.end.year + 1))


# --- changes ------------------------------------------------------------------------------------------------


def _changed(plan: Plan, actor) -> bool:
    """Note a change: refresh the grants given as a rate, and set an approved plan back to draft.

    Returns True when the plan was approved before (the caller tells the user)."""
    refresh_rates(plan)
    if plan.approved_at is None:
        return False
    Plan.objects.filter(pk=plan.pk).update(approved_at=None, approved_by=None)
    plan.approved_at = plan.approved_by = None
    audit.record(actor, REOPEN, plan)
    return True


def refresh_rates(plan: Plan) -> None:
    """Store the amount of every grant given as a rate, so the statement's financing reads current figures."""
    rated = list(plan.financing.filter(rate_percent__isnull=False))
    if not rated:
        return
    costs = year_costs(list(plan.lines.select_related("category")), queries.categories_of(plan.project.funder))
    for source in rated:
        amount = source_amount(source, costs.get(source.year, ZERO))
        if amount != source.amount:
            source.amount = amount
            source.save(update_fields=["amount"])


@transaction.atomic
def create_plan(project, settings: dict, actor) -> Plan:
    if Plan.objects.filter(project=project).exists():
        raise PlanError(_("This project has a plan already."))
    plan = Plan.objects.create(project=project, **settings)
    audit.record(actor, "finance.plan.create", plan, project=project.pk)
    return plan


@transaction.atomic
def save_settings(plan: Plan, actor) -> bool:
    plan.save()
    audit.record(
        actor,
        "finance.plan.settings",
        plan,
        threshold=str(plan.deviation_threshold_percent),
        days=plan.spend_within_days,
    )
    return _changed(plan, actor)


def _check_line(plan: Plan, line: PlanLine) -> None:
    category = line.category
    if category.funder != plan.project.funder:
        raise PlanError(_("This cost category belongs to another funder."))
    if category.kind == CategoryKind.FLAT_RATE:
        raise PlanError(_("A flat rate is computed from the other costs; it has no lines of its own."))
    if line.year not in project_years(plan.project):
        raise PlanError(_("The year is outside the project's duration."))
    if category.kind == CategoryKind.PERSONNEL:
        line.amount = personnel_cost(line.fte_share, line.months, line.monthly_rate)
    else:
        line.position_title, line.fte_share, line.months, line.monthly_rate = "", None, None, None
    if line.amount < 0:
        raise PlanError(_("Planned costs cannot be negative."))


@transaction.atomic
def save_line(plan: Plan, line: PlanLine, actor) -> bool:
    """Create or change a line; a personnel line's amount is computed. Returns True when approval was lost."""
    line.plan = plan
    _check_line(plan, line)
    created = line.pk is None
    line.save()
    audit.record(
        actor,
        "finance.plan_line.create" if created else "finance.plan_line.change",
        line,
        plan=plan.pk,
        category=line.category_id,
        year=line.year,
        amount=str(line.amount),
    )
    return _changed(plan, actor)


@transaction.atomic
def delete_line(line: PlanLine, actor) -> bool:
    plan = line.plan
    line.delete()
    return _changed(plan, actor)


@transaction.atomic
def save_source(plan: Plan, source: FinancingSource, actor) -> bool:
    source.plan = plan
    if source.year not in project_years(plan.project):
        raise PlanError(_("The year is outside the project's duration."))
    if source.rate_percent is not None and source.kind != FinancingKind.GRANT:
        raise PlanError(_("Only the funder's grant can be given as a rate."))
    if source.rate_percent is not None:
        costs = year_costs(list(plan.lines.select_related("category")), queries.categories_of(plan.project.funder))
        source.amount = source_amount(source, costs.get(source.year, ZERO))
    if source.amount is None or source.amount < 0:
        raise PlanError(_("Enter an amount of at least 0, or a rate."))
    created = source.pk is None
    source.save()
    audit.record(
        actor,
        "finance.financing.create" if created else "finance.financing.change",
        source,
        plan=plan.pk,
        kind=source.kind,
        year=source.year,
        amount=str(source.amount),
        rate=str(source.rate_percent) if source.rate_percent is not None else "",
    )
    return _changed(plan, actor)


@transaction.atomic
def delete_source(source: FinancingSource, actor) -> bool:
    plan = source.plan
    source.delete()
    return _changed(plan, actor)


@transaction.atomic
def approve(plan: Plan, actor) -> None:
    """Approve the plan (the lead's decision): only a plan with costs that balances."""
    if not actor.has_perm("finance.approve_plan"):
        raise PlanError(_("Only the project lead approves the plan."))
    result = figures(plan)
    if not result.cost_total:
        raise PlanError(_("The plan has no costs yet. Add its lines first."))
    if not result.balances:
        raise PlanError(_("The plan does not balance yet: costs and financing must be equal before approval."))
    plan.approved_at = timezone.now()
    plan.approved_by = actor
    plan.save(update_fields=["approved_at", "approved_by", "updated"])
    audit.record(actor, APPROVE, plan, total=str(result.cost_total))


# --- cost categories ----------------------------------------------------------------------------------------


def category_in_use(category: CostCategory) -> bool:
    return category.plan_lines.exists() or category.receipts.exists()


@transaction.atomic
def save_category(category: CostCategory, actor) -> None:
    created = category.pk is None
    if created:
        last = CostCategory.objects.filter(funder=category.funder).aggregate(m=Max("position"))["m"] or 0
        category.position = last + 1
    if category.kind != CategoryKind.FLAT_RATE:
        category.flat_rate_percent = None
    stored = CostCategory.objects.filter(pk=category.pk).values("kind", "flat_rate_percent")
    before = None if created else stored.first()
    category.save()
    audit.record(
        actor,
        "finance.category.create" if created else "finance.category.change",
        category,
        kind=category.kind,
    )
    if before and (before["kind"], before["flat_rate_percent"]) != (category.kind, category.flat_rate_percent):
        # a flat rate is part of every plan of the funder: their totals (and grants as a rate) change with it
        for plan in Plan.objects.filter(project__funder=category.funder).select_related("project"):
            _changed(plan, actor)


@transaction.atomic
def set_archived(category: CostCategory, archived: bool, actor) -> None:
    category.archived_at = timezone.now() if archived else None
    category.save(update_fields=["archived_at"])
    audit.record(actor, "finance.category.archive" if archived else "finance.category.unarchive", category)


@transaction.atomic
def move_category(category: CostCategory, step: int, actor) -> None:
    """Move one place up (-1) or down (+1) among its funder's categories; positions become 1..n."""
    siblings = list(CostCategory.objects.select_for_update().filter(funder=category.funder).order_by("position", "id"))
    index = next(i for i, c in enumerate(siblings) if c.pk == category.pk)
    target = index + step
    if not 0 <= target < len(siblings):
        return
    siblings[index], siblings[target] = siblings[target], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        if sibling.position != position:
            sibling.position = position
            sibling.save(update_fields=["position"])
    audit.record(actor, "finance.category.move", category, position=target + 1)


@transaction.atomic
def delete_category(category: CostCategory, actor) -> None:
    if category_in_use(category):
        raise PlanError(_("This category is in use by plan lines or receipts: archive it instead."))
    category.delete()

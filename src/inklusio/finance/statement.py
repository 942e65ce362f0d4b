"""The numerical statement (zahlenmäßiger Nachweis): plan against actual per category and year.

Pure: the caller hands in what the plan and the receipts add up to, as plain values; this module decides the
totals, the shares and which deviations need an explanation, so the rule is one and tested on its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from .money import ZERO, cents, share

DEFAULT_THRESHOLD_PERCENT = Decimal("20")


@dataclass(frozen=True)
class Line:
    """One row of the statement: a cost category in one year (year None: the whole period)."""

    category_key: str
    category_name: str
    year: int | None
    planned: Decimal
    actual: Decimal
    flagged: bool
    explanation: str = ""

    @property
    def difference(self) -> Decimal:
        return cents(self.actual - self.planned)

    @property
    def deviation_percent(self) -> Decimal | None:
        """Actual against plan in percent (+ over, - under); None where nothing was planned."""
        if not self.planned:
            return None
        return share(self.difference, self.planned)

    @property
    def needs_explanation(self) -> bool:
        return self.flagged and not self.explanation.strip()


@dataclass(frozen=True)
class FinancingShare:
    kind: str
    name: str
    planned: Decimal
    planned_share: Decimal | None
    actual: Decimal
    actual_share: Decimal | None


@dataclass
class Statement:
    lines: list[Line]
    planned_total: Decimal
    actual_total: Decimal
    financing: list[FinancingShare] = field(default_factory=list)

    @property
    def flagged(self) -> list[Line]:
        return [line for line in self.lines if line.flagged]

    @property
    def missing_explanations(self) -> list[Line]:
        return [line for line in self.lines if line.needs_explanation]

    @property
    def complete(self) -> bool:
        """A statement counts as complete once every flagged deviation is explained."""
        return not self.missing_explanations


def deviates(planned: Decimal, actual: Decimal, threshold_percent: Decimal) -> bool:
    """True when actual differs from plan by more than the threshold (exactly at the threshold: not flagged).

    Spending in a category that had no plan at all is always a deviation; nothing planned and nothing spent is not.
    """
    planned, actual = Decimal(planned), Decimal(actual)
    if not planned:
        return actual != 0
    return abs(actual - planned) * 100 > abs(planned) * Decimal(threshold_percent)


def build(
    categories: Iterable[tuple[str, str]],
    planned: Mapping[tuple[str, int | None], Decimal],
    actual: Mapping[tuple[str, int | None], Decimal],
    *,
    threshold_percent: Decimal = DEFAULT_THRESHOLD_PERCENT,
    explanations: Mapping[tuple[str, int | None], str] | None = None,
    financing: Iterable[tuple[str, str, Decimal]] = (),
) -> Statement:
    """The statement for categories ``(key, name)`` in order, with amounts keyed by ``(category key, year)``.

    A category appears in a year when it was planned or spent in it. ``financing`` is ``(kind, name, planned
    amount)`` per source; see :func:`split_actual` for the actual financing.
    """
    explanations = explanations or {}
    years = sorted({year for _key, year in (*planned, *actual)}, key=lambda y: (y is None, y or 0))
    lines = []
    for year in years:
        for key, name in categories:
            plan, spent = cents(planned.get((key, year), ZERO)), cents(actual.get((key, year), ZERO))
            if (key, year) not in planned and (key, year) not in actual:
                continue
            lines.append(
                Line(
                    key,
                    name,
                    year,
                    plan,
                    spent,
                    deviates(plan, spent, threshold_percent),
                    explanations.get((key, year), ""),
                )
            )
    planned_total = cents(sum((line.planned for line in lines), ZERO))
    actual_total = cents(sum((line.actual for line in lines), ZERO))
    sources = list(financing)
    financing_total = cents(sum((Decimal(amount) for _k, _n, amount in sources), ZERO))
    shares = [
        FinancingShare(kind, name, cents(amount), share(amount, financing_total), spent, share(spent, actual_total))
        for (kind, name, amount), spent in zip(
            sources, split_actual(sources, financing_total, actual_total), strict=True
        )
    ]
    return Statement(lines, planned_total, actual_total, shares)


def balance(cost_total: Decimal, financing_total: Decimal) -> Decimal:
    """Financing minus costs: zero when the plan balances, negative when costs are not covered."""
    return cents(Decimal(financing_total) - Decimal(cost_total))


def split_actual(sources, financing_total: Decimal, actual_total: Decimal) -> list[Decimal]:
    """What each source financed of the actual total.

    Costs are split in the planned shares (a funder's grant is a rate of the eligible costs), but a grant
    (kind ``grant``) never exceeds its planned amount, the maximum in the funding decision: what the grant
    cannot pay falls to the first own-funds source (kind ``own``), or stays uncovered when there is none.
    Rounding leftovers go to the last source, so the parts add up to the actual total.
    """
    if not financing_total or not sources:
        return [ZERO for _source in sources]
    parts = [cents(actual_total * Decimal(amount) / financing_total) for _kind, _name, amount in sources]
    parts[-1] += cents(actual_total) - sum(parts, ZERO)
    own = next((i for i, (kind, _n, _a) in enumerate(sources) if kind == "own"), None)
    for i, (kind, _name, amount) in enumerate(sources):
        over = parts[i] - cents(amount)
        if kind == "grant" and over > 0 and own is not None:
            parts[i] -= over
            parts[own] += over
        elif kind == "grant" and over > 0:
            parts[i] -= over
    return parts

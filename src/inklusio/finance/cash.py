"""The grant's cash position: what the funder paid out, what of it was spent, and what was not spent in time.

Pure: no Django. Funders pay a grant in instalments (payment requests, Mittelabrufe) and require each instalment
to be spent within a set time after it arrived (``spend within days``). The rule here is first in, first out:
money received is consumed by the grant-financed payments in date order, the oldest instalment first.

In cumulative terms: instalment *i* covers the received money between ``R(i-1)`` and ``R(i)`` (the running
total of the instalments received before it and with it); by a day *d* it is consumed as far as the grant
spending ``S(d)`` (all grant-financed payments up to and including *d*) reaches into that interval. So
payments made before an instalment arrived (pre-financed) consume it on the day it arrives, a refund lowers
``S`` again, and money received and paid on the same day counts as spent that day.

An instalment is **overdue** when its deadline (received on + days) has passed (today is later than the
deadline) and a part of it was still not consumed by payments on or before the deadline.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from .money import ZERO, cents
from .statement import split_actual

SPENT, OPEN, OVERDUE = "spent", "open", "overdue"


@dataclass(frozen=True)
class Received:
    """An instalment that arrived: ``key`` identifies it for the caller (e.g. the payment request's number)."""

    key: object
    received_on: date
    amount: Decimal


@dataclass(frozen=True)
class Instalment:
    key: object
    received_on: date
    amount: Decimal
    deadline: date  # the last day on which spending still counts as in time
    unspent: Decimal  # not yet consumed: at the deadline once it passed, else today
    status: str  # SPENT, OPEN (deadline not passed, money left) or OVERDUE

    @property
    def overdue(self) -> bool:
        return self.status == OVERDUE


@dataclass(frozen=True)
class CashPosition:
    received: Decimal  # the grant received up to today
    spent: Decimal  # grant-financed payments up to today
    instalments: list[Instalment]

    @property
    def balance(self) -> Decimal:
        """Grant money on hand (negative: the organisation has pre-financed grant costs)."""
        return cents(self.received - self.spent)

    @property
    def overdue(self) -> list[Instalment]:
        return [i for i in self.instalments if i.overdue]

    @property
    def overdue_amount(self) -> Decimal:
        return cents(sum((i.unspent for i in self.overdue), ZERO))


def grant_spending(
    payments: Iterable[tuple[date, Decimal]], sources: Sequence[tuple[str, str, Decimal]]
) -> list[tuple[date, Decimal]]:
    """The grant-financed part of payments ``(paid on, amount)``, per day in date order.

    The grant pays its planned share of the costs and at most its planned amount, as in the statement
    (:func:`inklusio.finance.statement.split_actual`, applied to the running total). Without a financing plan
    (no sources, or no grant among them) every payment counts as grant-financed: the funds are then judged
    against all spending rather than warned about falsely.
    """
    by_day: dict[date, Decimal] = {}
    for day, amount in payments:
        by_day[day] = by_day.get(day, ZERO) + Decimal(amount)
    sources = list(sources)
    grants = [i for i, (kind, _name, _amount) in enumerate(sources) if kind == "grant"]
    financing_total = cents(sum((Decimal(amount) for _k, _n, amount in sources), ZERO))
    result, running, financed_before = [], ZERO, ZERO
    for day in sorted(by_day):
        running += by_day[day]
        if not grants or not financing_total:
            financed = cents(running)
        else:
            parts = split_actual(sources, financing_total, cents(running))
            financed = cents(sum((parts[i] for i in grants), ZERO))
        result.append((day, cents(financed - financed_before)))
        financed_before = financed
    return result


def position(
    received: Iterable[Received],
    spending: Iterable[tuple[date, Decimal]],
    *,
    spend_within_days: int,
    today: date,
) -> CashPosition:
    """The cash position on ``today`` from the instalments received and the grant spending per day.

    Instalments and spending after ``today`` are not counted (they have not happened yet).
    """
    instalments_in = sorted((r for r in received if r.received_on <= today), key=lambda r: (r.received_on, str(r.key)))
    days, totals, running = [], [], ZERO
    for day, amount in sorted(spending, key=lambda pair: pair[0]):
        if day > today:
            continue
        running += Decimal(amount)
        if days and days[-1] == day:
            totals[-1] = running
        else:
            days.append(day)
            totals.append(running)

    def spent_by(day: date) -> Decimal:
        index = bisect_right(days, day)
        return totals[index - 1] if index else ZERO

    result, covered_before = [], ZERO
    for instalment in instalments_in:
        amount = cents(instalment.amount)
        covered_after = covered_before + amount
        deadline = instalment.received_on + timedelta(days=spend_within_days)
        passed = today > deadline
        spent = spent_by(deadline if passed else today)
        unspent = cents(min(max(covered_after - max(spent, covered_before), ZERO), amount))
        status = SPENT if unspent <= 0 else (OVERDUE if passed else OPEN)
        result.append(Instalment(instalment.key, instalment.received_on, amount, deadline, unspent, status))
        covered_before = covered_after
    return CashPosition(cents(covered_before), cents(spent_by(today)), result)

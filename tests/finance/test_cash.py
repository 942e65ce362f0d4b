"""The grant's cash position (finance.cash): first in, first out, deadlines at their boundary, grant shares."""

from datetime import date, timedelta
from decimal import Decimal as D

from inklusio.finance.cash import OPEN, OVERDUE, SPENT, Received, grant_spending, position

DAY = date(2025, 3, 1)


def at(days: int) -> date:
    return DAY + timedelta(days=days)


def test_nothing_received_nothing_spent():
    result = position([], [], spend_within_days=42, today=DAY)
    assert (result.received, result.spent, result.balance, result.instalments) == (D("0.00"), D("0.00"), 0, [])


def test_balance_is_received_minus_spent_and_negative_when_prefinanced():
    result = position([Received(1, DAY, D("1000"))], [(at(1), D("300.50"))], spend_within_days=42, today=at(2))
    assert (result.received, result.spent, result.balance) == (D("1000.00"), D("300.50"), D("699.50"))
    result = position([], [(DAY, D("10"))], spend_within_days=42, today=DAY)
    assert result.balance == D("-10.00")


def test_spent_on_the_deadline_counts_in_time_one_day_later_does_not():
    received = [Received(1, DAY, D("100"))]
    in_time = position(received, [(at(42), D("100"))], spend_within_days=42, today=at(60))
    assert in_time.instalments[0].status == SPENT and not in_time.overdue
    late = position(received, [(at(43), D("100"))], spend_within_days=42, today=at(60))
    assert late.instalments[0].status == OVERDUE and late.overdue_amount == D("100.00")
    assert late.instalments[0].deadline == at(42)


def test_overdue_only_once_today_is_after_the_deadline():
    received = [Received(1, DAY, D("100"))]
    assert position(received, [], spend_within_days=42, today=at(42)).instalments[0].status == OPEN
    assert position(received, [], spend_within_days=42, today=at(43)).instalments[0].status == OVERDUE


def test_first_in_first_out_the_oldest_instalment_is_consumed_first():
    received = [Received("b", at(10), D("500")), Received("a", DAY, D("300"))]
    # 400 spent on day 20: consumes a (300) and 100 of b; b's 400 rest is still open on day 30
    result = position(received, [(at(20), D("400"))], spend_within_days=30, today=at(35))
    a, b = result.instalments
    assert (a.key, a.status, a.unspent) == ("a", SPENT, D("0.00"))
    assert (b.key, b.status, b.unspent) == ("b", OPEN, D("400.00"))
    # after b's deadline (day 40) with nothing more spent: 400 overdue, partly spent instalments count their rest
    later = position(received, [(at(20), D("400"))], spend_within_days=30, today=at(41))
    assert [i.status for i in later.instalments] == [SPENT, OVERDUE]
    assert later.overdue_amount == D("400.00")


def test_payments_before_the_money_arrived_consume_it_on_arrival():
    result = position([Received(1, at(5), D("200"))], [(DAY, D("250"))], spend_within_days=1, today=at(30))
    assert result.instalments[0].status == SPENT and result.balance == D("-50.00")


def test_a_refund_lowers_the_spending_again():
    spending = [(at(1), D("100")), (at(2), D("-40"))]
    result = position([Received(1, DAY, D("100"))], spending, spend_within_days=10, today=at(20))
    assert result.instalments[0].unspent == D("40.00") and result.overdue_amount == D("40.00")


def test_future_instalments_and_payments_do_not_count_yet():
    result = position([Received(1, at(10), D("100"))], [(at(10), D("100"))], spend_within_days=5, today=at(9))
    assert (result.received, result.spent, result.instalments) == (D("0.00"), D("0.00"), [])


def test_grant_spending_is_the_planned_share_and_capped_at_the_grant():
    sources = [("grant", "Aktion Mensch", D("7000")), ("own", "Eigenmittel", D("3000"))]
    spending = grant_spending([(at(1), D("100")), (at(1), D("100")), (at(2), D("10000"))], sources)
    assert spending == [(at(1), D("140.00")), (at(2), D("6860.00"))]  # 70 %, then no more than 7000 in all


def test_without_a_grant_in_the_plan_all_spending_counts():
    assert grant_spending([(DAY, D("12.34"))], []) == [(DAY, D("12.34"))]
    assert grant_spending([(DAY, D("12.34"))], [("own", "Eigenmittel", D("100"))]) == [(DAY, D("12.34"))]


def test_amounts_are_rounded_to_the_cent_half_up():
    sources = [("grant", "G", D("1")), ("own", "O", D("2"))]
    assert grant_spending([(DAY, D("0.05"))], sources) == [(DAY, D("0.02"))]  # 0.0167 -> 0.02

"""The statement's rules on plain values: totals, the deviation threshold, the financing split, the balance."""

from decimal import Decimal as D

import pytest

from inklusio.finance.statement import balance, build, deviates, split_actual

CATEGORIES = [("personnel", "Personal"), ("travel", "Reisekosten")]


@pytest.mark.parametrize(
    ("planned", "actual", "flagged"),
    [
        ("1000", "1200.00", False),  # exactly 20 %: at the threshold, not above it
        ("1000", "1200.01", True),
        ("1000", "800.00", False),
        ("1000", "799.99", True),  # under the plan counts as much as over it
        ("0", "0", False),
        ("0", "0.01", True),  # spent without a plan
        ("1000", "-300", True),
    ],
)
def test_deviation_threshold_boundary(planned, actual, flagged):
    assert deviates(D(planned), D(actual), D("20")) is flagged


def test_threshold_is_configurable():
    assert not deviates(D("100"), D("105"), D("5"))
    assert deviates(D("100"), D("105.01"), D("5"))


def test_totals_lines_and_explanations():
    statement = build(
        CATEGORIES,
        {("personnel", 2025): D("1000"), ("travel", 2025): D("100")},
        {("personnel", 2025): D("1100"), ("travel", 2025): D("150"), ("travel", 2026): D("10")},
        explanations={("travel", 2025): "Mehr Fachtage als geplant."},
    )
    assert [(line.category_key, line.year) for line in statement.lines] == [
        ("personnel", 2025),
        ("travel", 2025),
        ("travel", 2026),
    ]
    assert statement.planned_total == D("1100.00")
    assert statement.actual_total == D("1260.00")
    assert [line.category_key for line in statement.flagged] == ["travel", "travel"]
    assert [(line.year) for line in statement.missing_explanations] == [2026]
    assert not statement.complete
    assert statement.lines[1].deviation_percent == D("50.0")
    assert statement.lines[2].deviation_percent is None


def test_a_statement_with_every_deviation_explained_is_complete():
    statement = build(
        CATEGORIES, {("travel", 2025): D("100")}, {("travel", 2025): D("300")}, explanations={("travel", 2025): "x"}
    )
    assert statement.complete


def test_financing_split_adds_up_and_caps_the_grant():
    sources = [
        ("grant", "Aktion Mensch", D("700")),
        ("own", "Eigenmittel", D("300")),
        ("third_party", "Stiftung", D("100")),
    ]
    parts = split_actual(sources, D("1100"), D("1326.00"))
    assert sum(parts) == D("1326.00")
    assert parts[0] == D("700.00")  # never more than the grant's maximum
    thirds = [("grant", "a", D("333.33")), ("own", "b", D("333.33")), ("third_party", "c", D("333.34"))]
    assert sum(split_actual(thirds, D("1000"), D("999.99"))) == D("999.99")


def test_plan_balance():
    assert balance(D("1000.00"), D("1000.00")) == 0
    assert balance(D("1000.00"), D("999.99")) == D("-0.01")

"""Money rules: commercial rounding at the cent, amounts as people and booking exports write them."""

from decimal import Decimal

import pytest

from inklusio.finance.money import AmountError, cents, parse_amount, percent_of, personnel_cost, share, total


@pytest.mark.parametrize(
    ("value", "rounded"),
    [
        ("0.005", "0.01"),  # half up, where banker's rounding would give 0.00
        ("0.015", "0.02"),
        ("2.675", "2.68"),  # a float would hold 2.67499… and round down
        ("-0.005", "-0.01"),  # away from zero for negative receipts too
        ("0.0049", "0.00"),
        ("1234.5", "1234.50"),
    ],
)
def test_cents_rounds_half_up(value, rounded):
    assert cents(Decimal(value)) == Decimal(rounded)


def test_a_float_is_refused():
    with pytest.raises(TypeError):
        cents(0.1)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1.234,56", "1234.56"),
        ("1234,56", "1234.56"),
        ("-1.234,56", "-1234.56"),
        ("1,234.56", "1234.56"),
        ("1234.56", "1234.56"),
        ("1 234,56 €", "1234.56"),
        ("12,50-", "-12.50"),  # sign last, as some accounting exports write it
        ("1.234.567,8", "1234567.80"),
        ("1.234", "1234.00"),  # a point followed by three digits separates thousands
        ("12,345", "12345.00"),  # so does a comma
        ("0,5", "0.50"),
        ("+3,00", "3.00"),
        (" 7 ", "7.00"),
        ("99 EUR", "99.00"),
    ],
)
def test_amounts_as_written(text, amount):
    assert parse_amount(text) == Decimal(amount)


@pytest.mark.parametrize(
    "text", ["", "-", "abc", "1,2,3", "1.234.56", "1.23.456", "1,5e3", "١٢", "NaN", "Infinity", "1.234,567"]
)
def test_what_is_not_an_amount(text):
    with pytest.raises(AmountError):
        parse_amount(text)


def test_personnel_cost_is_rounded_once():
    # 0.75 × 12 × 4,321.33 = 38,891.97 exactly; 0.333 × 7 × 1,000.01 = 2,331.023… -> 2,331.02
    assert personnel_cost("0.75", "12", "4321.33") == Decimal("38891.97")
    assert personnel_cost("0.333", "7", "1000.01") == Decimal("2331.02")


def test_total_share_and_percent():
    assert total(["0.10", "0.20", Decimal("-0.05")]) == Decimal("0.25")
    assert share(1, 3) == Decimal("33.3")
    assert share(2, 3) == Decimal("66.7")
    assert share(5, 0) is None
    assert percent_of("1000.10", "7") == Decimal("70.01")

"""Money in euros as Decimal: the commercial rounding at the cent, German amount input, shares.

Pure: no Django, so the rules are tested on their own and every part of finance rounds the same way.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
# A booking export or a person may write 1.234,56 / 1234,56 / -1.234,56 / 1,234.56 / "1 234,56 €" / 12,50-.
_GROUPED = re.compile(r"^\d{1,3}(?:([.,' \u00a0\u202f])\d{3})?(?:\1\d{3})*$", re.ASCII)
_DECIMALS = re.compile(r"^(.*)([.,])(\d{1,2})$", re.ASCII)


class AmountError(ValueError):
    """The text is not an amount in euros."""


def cents(value) -> Decimal:
    """Round to the cent, half up (kaufmännisches Runden): 0.005 -> 0.01, -0.005 -> -0.01."""
    if isinstance(value, float):
        raise TypeError("amounts are never floats")  # a float has already lost the cent
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def parse_amount(text: str) -> Decimal:
    """An amount as people and booking exports write it, German or English decimal mark; raises AmountError."""
    cleaned = (text or "").strip().replace("€", "").replace("EUR", "").strip()
    if cleaned.endswith("-"):  # some accounting exports put the sign last: 12,50-
        cleaned = "-" + cleaned[:-1].strip()
    sign = "-" if cleaned.startswith("-") else ""
    number = cleaned.lstrip("+-").strip()
    whole, decimals = number, "0"
    found = _DECIMALS.match(number)
    if found:
        whole, mark, decimals = found.groups()
        if mark in whole:  # 1.234.56: the decimal mark is not also the thousands separator
            raise AmountError(text)
    if not whole or not (whole.isdigit() and whole.isascii() or _GROUPED.match(whole)):
        raise AmountError(text)
    digits = re.sub(r"\D", "", whole)
    return cents(Decimal(f"{sign}{digits}.{decimals}"))


def total(amounts) -> Decimal:
    return cents(sum((Decimal(a) for a in amounts), ZERO))


def personnel_cost(fte_share, months, monthly_rate) -> Decimal:
    """A personnel line: share of a full-time post × months × monthly rate (employer's gross), rounded once."""
    return cents(Decimal(fte_share) * Decimal(months) * Decimal(monthly_rate))


def percent_of(amount, rate_percent) -> Decimal:
    return cents(Decimal(amount) * Decimal(rate_percent) / 100)


def share(part, whole) -> Decimal | None:
    """Part of whole in percent, to one decimal place; None when whole is zero."""
    whole = Decimal(whole)
    if not whole:
        return None
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

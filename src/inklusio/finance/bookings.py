"""Reading the accounting's booking export (date, amount, account, text) into receipts: the pure part.

No Django: the column guess, the parsing of one row and the duplicate keys are tested on their own; the import
(finance.bookings_import) feeds it the table the worker read and what is already in the database.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from .money import AmountError, parse_amount

FIELDS = ("date", "amount", "account", "text")
# header words (lower case) that name each field in common exports (DATEV, Lexware, sevDesk, bank statements)
GUESSES = {
    "date": ("belegdatum", "buchungsdatum", "datum", "date", "buchungstag", "valuta"),
    "amount": ("betrag", "umsatz", "amount", "soll", "brutto"),
    "account": ("konto", "sachkonto", "gegenkonto", "account", "kostenstelle"),
    "text": ("buchungstext", "text", "verwendungszweck", "beschreibung", "description", "bezeichnung"),
}
DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y", "%d/%m/%Y")
MAX_ACCOUNT = 40


def guess_columns(headers: list[str]) -> dict[str, int | None]:
    """The column index for each field, by its header; None where no header fits."""
    lowered = [h.strip().lower() for h in headers]
    found: dict[str, int | None] = {}
    for name in FIELDS:
        found[name] = None
        for word in GUESSES[name]:
            hit = next((i for i, h in enumerate(lowered) if h == word and i not in found.values()), None)
            if hit is None:
                hit = next((i for i, h in enumerate(lowered) if word in h and i not in found.values()), None)
            if hit is not None:
                found[name] = hit
                break
    return found


def parse_date(text: str) -> date:
    text = (text or "").strip()
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def booking_key(on: date, amount: Decimal, text: str) -> str:
    """What identifies a booking: its date, amount and text (normalised), as 64 hex digits."""
    normal = " ".join((text or "").lower().split())
    return hashlib.sha256(f"{on.isoformat()}|{amount}|{normal}".encode()).hexdigest()


@dataclass
class Booking:
    row: int  # the spreadsheet row (1 is the header)
    on: date
    amount: Decimal
    account: str
    text: str

    @property
    def key(self) -> str:
        return booking_key(self.on, self.amount, self.text)


@dataclass
class Problem:
    row: int
    column: str  # a field name of FIELDS, or ""
    code: str  # date / amount / zero / account / text / unmapped
    value: str = ""


@dataclass
class Plan:
    new: list[Booking] = field(default_factory=list)
    duplicates: list[tuple[Booking, str]] = field(default_factory=list)  # with why: "imported", "entered", "file"
    problems: list[Problem] = field(default_factory=list)
    accounts: list[str] = field(default_factory=list)  # every account in the file, in order of appearance

    @property
    def ok(self) -> bool:
        return not self.problems


def read_rows(rows: list[list[str]], columns: dict[str, int | None]) -> tuple[list[Booking], list[Problem]]:
    """Every data row as a booking, or its problems; ``rows`` without the header."""
    bookings, problems = [], []

    def cell(values, name):
        index = columns.get(name)
        return values[index].strip() if index is not None and index < len(values) else ""

    for position, values in enumerate(rows, start=2):
        number = getattr(values, "number", position)  # core.tabular's rows know their spreadsheet row
        if not any((v or "").strip() for v in values):
            continue  # an empty line
        found: list[Problem] = []
        raw_date, raw_amount = cell(values, "date"), cell(values, "amount")
        account, text = cell(values, "account"), cell(values, "text")
        on = amount = None
        try:
            on = parse_date(raw_date)
        except ValueError:
            found.append(Problem(number, "date", "date", raw_date))
        try:
            amount = parse_amount(raw_amount)
            if not amount:
                found.append(Problem(number, "amount", "zero", raw_amount))
            elif abs(amount) >= 10**12:
                found.append(Problem(number, "amount", "amount", raw_amount))
        except AmountError:
            found.append(Problem(number, "amount", "amount", raw_amount))
        if not account or len(account) > MAX_ACCOUNT:
            found.append(Problem(number, "account", "account", account))
        if not text:
            found.append(Problem(number, "text", "text", ""))
        if found:
            problems.extend(found)
        else:
            bookings.append(Booking(number, on, amount, account, text[:500]))
    return bookings, problems


def plan(
    rows: list[list[str]],
    columns: dict[str, int | None],
    *,
    mapped: set[str],
    imported_keys: set[str],
    entered: set[tuple[date, Decimal]],
) -> Plan:
    """What an import would do: the new bookings, the duplicates it skips and the problems that stop it.

    ``mapped``: the accounts with a cost category; ``imported_keys``: the booking keys of receipts already
    imported; ``entered``: (date, amount) of receipts entered by hand (the same cost entered by hand and booked)."""
    bookings, problems = read_rows(rows, columns)
    result = Plan(problems=problems)
    seen: set[str] = set()
    for booking in bookings:
        if booking.account not in result.accounts:
            result.accounts.append(booking.account)
        if booking.account not in mapped:
            result.problems.append(Problem(booking.row, "account", "unmapped", booking.account))
            continue
        key = booking.key
        if key in imported_keys:
            result.duplicates.append((booking, "imported"))
        elif (booking.on, booking.amount) in entered:
            result.duplicates.append((booking, "entered"))
        elif key in seen:
            result.duplicates.append((booking, "file"))
        else:
            seen.add(key)
            result.new.append(booking)
    return result


def accounts_in(rows: list[list[str]], column: int | None) -> list[str]:
    """The distinct accounts of the file in order of appearance (for the mapping form)."""
    if column is None:
        return []
    found: list[str] = []
    for values in rows:
        account = values[column].strip() if column < len(values) else ""
        if account and len(account) <= MAX_ACCOUNT and account not in found:
            found.append(account)
    return found


def safe_number(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()[:40]

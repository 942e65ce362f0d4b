"""Demo finance: the cost categories typical of an Aktion Mensch project, and the books of the two demo projects.

The reference project (10/2022–9/2025) gets a cost and financing plan by calendar year (three positions with
their share of a full-time post, fees, travel, material, public relations, events, investments in the first
months, the 7 % administrative flat rate; financed by the Aktion Mensch grant as a rate of 80 % and 20 % own
funds), several hundred receipts spread over the years and categories (salaries month by month, speakers' fees
paid to private persons, credit notes and refunds, some with deductible VAT, many linked to the expert days, the
online congress, the Infoletter mailings and the network meetings, most with a scanned PDF), and its payment
requests, one of them received well before the money was needed (the cash warning's example). The follow-up
project (10/2025–3/2027) gets its plan and the receipts of its first months.

Deterministic: a random generator of its own, seeded, so the other apps' demo data stay as they are; rows are
written with ``bulk_create``, the scans are small PDFs written under ``UPLOAD_ROOT`` (see :func:`scan_file`).
"""

from __future__ import annotations

import random
from calendar import monthrange
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from . import demo_statements
from .models import (
    CategoryKind,
    CostCategory,
    FinancingKind,
    FinancingSource,
    PaymentRequest,
    Plan,
    PlanLine,
    Receipt,
    ReceiptKind,
)
from .money import ZERO, cents, percent_of, personnel_cost, total

FUNDER = "Aktion Mensch"
AKTION_MENSCH_CATEGORIES = [
    ("personal", "Personalkosten", CategoryKind.PERSONNEL, None),
    ("honorare", "Honorare", CategoryKind.FEES, None),
    ("reisekosten", "Reisekosten", CategoryKind.TRAVEL, None),
    ("sachkosten", "Sach- und Bürokosten", CategoryKind.MATERIAL, None),
    ("oeffentlichkeitsarbeit", "Öffentlichkeitsarbeit", CategoryKind.PUBLIC_RELATIONS, None),
    ("veranstaltungen", "Veranstaltungen", CategoryKind.EVENTS, None),
    ("investitionen", "Investitionen", CategoryKind.INVESTMENT, None),
    ("verwaltung", "Verwaltungskostenpauschale", CategoryKind.FLAT_RATE, Decimal("7.00")),
]
SEED = 2022_70  # finance's own generator: drawing from the shared one would change the later apps' demo data
GRANT_RATE = Decimal("80.00")
SCAN_DIR = "finance/receipts"  # under UPLOAD_ROOT; Receipt.scan_path holds "finance/receipts/<hex>.pdf"


def categories_for(funder: str, rows=AKTION_MENSCH_CATEGORIES) -> list[CostCategory]:
    return [
        CostCategory.objects.get_or_create(
            funder=funder,
            key=key,
            defaults={"name": name, "kind": kind, "position": position, "flat_rate_percent": rate},
        )[0]
        for position, (key, name, kind, rate) in enumerate(rows, start=1)
    ]


def scan_file(receipt) -> Path:
    """Where a receipt's scan lies: ``UPLOAD_ROOT / scan_path`` (a generated name, never the user's)."""
    return Path(settings.UPLOAD_ROOT) / receipt.scan_path


# -- the plans ----------------------------------------------------------------------------------------------

# (position, share of a full-time post, monthly rate (employer's gross) by year)
REFERENCE_POSITIONS = [
    ("Projektleitung", Decimal("0.750"), {2022: "5150.00", 2023: "5150.00", 2024: "5330.00", 2025: "5490.00"}),
    ("Projektreferent*in", Decimal("1.000"), {2022: "4480.00", 2023: "4480.00", 2024: "4640.00", 2025: "4780.00"}),
    ("Verwaltung und Teilnehmendenmanagement", Decimal("0.250"), {y: "3720.00" for y in (2022, 2023, 2024, 2025)}),
]
REFERENCE_MONTHS = {2022: 3, 2023: 12, 2024: 12, 2025: 9}
# category key -> {year: planned amount}
REFERENCE_COSTS = {
    "honorare": {2022: "1200.00", 2023: "9400.00", 2024: "10200.00", 2025: "14600.00"},
    "reisekosten": {2022: "600.00", 2023: "3200.00", 2024: "3400.00", 2025: "2600.00"},
    "sachkosten": {2022: "1500.00", 2023: "4800.00", 2024: "4900.00", 2025: "3700.00"},
    "oeffentlichkeitsarbeit": {2022: "3500.00", 2023: "6200.00", 2024: "5400.00", 2025: "6800.00"},
    "veranstaltungen": {2023: "14500.00", 2024: "15200.00", 2025: "24800.00"},
    "investitionen": {2022: "4200.00"},
}
FOLLOW_UP_POSITIONS = [
    ("Projektleitung", Decimal("0.500"), {2025: "5660.00", 2026: "5830.00", 2027: "5830.00"}),
    ("Bildungsreferent*in", Decimal("1.000"), {2025: "4920.00", 2026: "5070.00", 2027: "5070.00"}),
]
FOLLOW_UP_MONTHS = {2025: 3, 2026: 12, 2027: 3}
FOLLOW_UP_COSTS = {
    "honorare": {2025: "800.00", 2026: "7800.00", 2027: "1500.00"},
    "reisekosten": {2025: "400.00", 2026: "2400.00", 2027: "500.00"},
    "sachkosten": {2025: "900.00", 2026: "3600.00", 2027: "900.00"},
    "oeffentlichkeitsarbeit": {2025: "1800.00", 2026: "4200.00", 2027: "1200.00"},
    "veranstaltungen": {2026: "12500.00", 2027: "3500.00"},
    "investitionen": {2025: "2600.00"},
}


def _plan(project, categories, positions, months, costs, *, approved_threshold=Decimal("20")) -> Plan:
    """The plan with its lines and the financing (grant as a rate, own funds the rest), balancing every year."""
    by_key = {c.key: c for c in categories}
    plan = Plan.objects.create(project=project, deviation_threshold_percent=approved_threshold)
    lines, financing = [], []
    for year, month_count in months.items():
        direct = []
        for title, fte, rates in positions:
            amount = personnel_cost(fte, month_count, rates[year])
            direct.append(amount)
            lines.append(
                PlanLine(
                    plan=plan,
                    category=by_key["personal"],
                    year=year,
                    position_title=title,
                    description=f"{title}, {fte:.2f} Stelle".replace(".", ","),
                    fte_share=fte,
                    months=Decimal(month_count),
                    monthly_rate=Decimal(rates[year]),
                    amount=amount,
                )
            )
        for key, per_year in costs.items():
            if year in per_year:
                amount = Decimal(per_year[year])
                direct.append(amount)
                lines.append(PlanLine(plan=plan, category=by_key[key], year=year, amount=amount))
        flat = by_key["verwaltung"]
        flat_amount = percent_of(total(direct), flat.flat_rate_percent)  # computed by the plan, never a line
        year_total = total([*direct, flat_amount])
        grant = percent_of(year_total, GRANT_RATE)
        financing += [
            FinancingSource(
                plan=plan, kind=FinancingKind.GRANT, name=FUNDER, year=year, amount=grant, rate_percent=GRANT_RATE
            ),
            FinancingSource(
                plan=plan, kind=FinancingKind.OWN, name="Eigenmittel bag if", year=year, amount=year_total - grant
            ),
        ]
    PlanLine.objects.bulk_create(lines)
    FinancingSource.objects.bulk_create(financing)
    return plan


# -- the receipts -------------------------------------------------------------------------------------------

PAYEES = {
    "honorare": [
        ("Gebärdensprachdolmetschen Rhein-Main", "Gebärdensprachdolmetschen", False),
        ("Schriftdolmetschdienst Mitteldeutschland", "Schriftdolmetschen (Live-Untertitel)", False),
        ("Moderation & Prozessbegleitung Weber", "Moderation", False),
        ("Büro für Leichte Sprache Kassel", "Übersetzung in Leichte Sprache", False),
    ],
    "reisekosten": [
        ("Deutsche Bahn AG", "Bahnfahrt", False),
        ("Hotel am Römer", "Übernachtung", False),
        ("Tagungshotel Mainblick", "Übernachtung", False),
        ("ÖPNV Rhein-Main-Verkehrsverbund", "Fahrkarte", False),
    ],
    "sachkosten": [
        ("Bürobedarf Müller KG", "Büromaterial", True),
        ("Telekom Deutschland GmbH", "Telefon und Internet", False),
        ("Zoom Video Communications", "Videokonferenz-Lizenz", True),
        ("Porto Deutsche Post AG", "Porto", False),
        ("Druckerei Hessen-Print", "Kopien und Ausdrucke", True),
    ],
    "oeffentlichkeitsarbeit": [
        ("Agentur Klartext & Bild", "Gestaltung Flyer und Social-Media-Vorlagen", True),
        ("Druckerei Hessen-Print", "Druck Flyer und Plakate", True),
        ("Meta Platforms Ireland Ltd.", "Instagram-Anzeigen", False),
        ("Webhosting Grünstrom GmbH", "Hosting der Projektseite", True),
        ("Newsletter-Versand Brevo", "Versand Infoletter", False),
    ],
    "veranstaltungen": [
        ("Haus der Begegnung Frankfurt", "Raummiete", False),
        ("Inklusionsbetrieb Catering Grünkern gGmbH", "Verpflegung", False),
        ("Veranstaltungstechnik Licht & Ton", "Technik und Streaming", True),
        ("Gebärdensprachdolmetschen Rhein-Main", "Gebärdensprachdolmetschen am Veranstaltungstag", False),
        ("Schriftdolmetschdienst Mitteldeutschland", "Live-Untertitel", False),
    ],
}
SPEAKERS = ["Dr. Andrea Klein", "Mehmet Aydın", "Sabine Hoffmann", "Jonas Becker", "Prof. Dr. Ulrike Brandt"]
# Share of the plan actually spent per category and year: most near the plan, a few beyond the 20 % threshold
# so the statement has deviations to explain (more PR in 2024, fewer trips in the first months).
AVERAGE = {"veranstaltungen": 700, "honorare": 400}  # planned euros per receipt, for how many receipts to make
SPENT = {("oeffentlichkeitsarbeit", 2024): Decimal("1.32"), ("reisekosten", 2022): Decimal("0.55")}


def _day(rng, year, first: date, last: date) -> date:
    lo = max(date(year, 1, 1), first)
    hi = min(date(year, 12, 31), last)
    return lo + timedelta(days=rng.randrange((hi - lo).days + 1))


def _split(rng, amount: Decimal, n: int) -> list[Decimal]:
    weights = [rng.uniform(0.4, 1.6) for _ in range(n)]
    whole = sum(weights)
    parts = [cents(amount * Decimal(str(round(w / whole, 6)))) for w in weights]
    parts[-1] += amount - sum(parts, ZERO)
    return parts


class _Books:
    """Collects a project's receipts with numbers per year, then writes them (and their scans) in one go."""

    def __init__(self, project, rng, prefix: str, last: date):
        self.project, self.rng, self.prefix, self.last = project, rng, prefix, last  # nothing paid after ``last``
        self.rows: list[Receipt] = []
        self.numbers: dict[int, int] = {}
        self.scans: list[tuple[str, str]] = []

    def add(self, category, when: date, payee: str, description: str, gross: Decimal, **extra) -> Receipt:
        rng = self.rng
        self.numbers[when.year] = self.numbers.get(when.year, 0) + 1
        number = f"{self.prefix}-{when.year}-{self.numbers[when.year]:04d}"
        kind = extra.pop("kind", ReceiptKind.INVOICE)
        vat = extra.pop("vat", None)
        # paid within two weeks, but within the year it belongs to (the year's books are closed) and the project
        paid_on = extra.pop(
            "paid_on", min(when + timedelta(days=rng.randrange(0, 15)), date(when.year, 12, 31), self.last)
        )
        receipt = Receipt(
            project=self.project,
            number=number,
            kind=kind,
            receipt_date=when,
            paid_on=paid_on,
            payee=payee,
            description=description,
            gross=gross,
            vat=vat,
            category=category,
            **extra,
        )
        if rng.random() < 0.93:  # most receipts are scanned; the receipt list marks the others
            stored = f"{SCAN_DIR}/{rng.getrandbits(128):032x}.pdf"
            receipt.scan_path, receipt.scan_name, receipt.scan_type = stored, f"{number}.pdf", "application/pdf"
            self.scans.append((stored, f"{number} · {when:%d.%m.%Y} · {payee} · {description} · {gross} EUR"))
        self.rows.append(receipt)
        return receipt

    def write(self) -> list[Receipt]:
        root = Path(settings.UPLOAD_ROOT)
        (root / SCAN_DIR).mkdir(parents=True, exist_ok=True)
        for stored, text in self.scans:
            (root / stored).write_bytes(scan_pdf(text))
        return Receipt.objects.bulk_create(self.rows)


def _personnel(books, category, positions, months, first: date, vacancy=()):
    """One payroll receipt per position and month (employer's gross), paid at the month's end."""
    rng = books.rng
    for year, month_count in months.items():
        start_month = 1 if year != first.year else first.month
        for month in range(start_month, start_month + month_count):
            last = date(year, month, monthrange(year, month)[1])
            for title, fte, rates in positions:
                if (title, year, month) in vacancy:
                    continue
                amount = personnel_cost(fte, 1, rates[year])
                if month == 11:  # the annual bonus (Jahressonderzahlung) in November
                    amount = cents(amount * Decimal("1.6"))
                amount = cents(amount * Decimal(str(round(rng.uniform(0.985, 1.0), 4))))
                books.add(
                    category,
                    last - timedelta(days=2),
                    "Gehaltsabrechnung (Lohnbuchhaltung)",
                    f"{title}, Personalkosten {month:02d}/{year}",
                    amount,
                    paid_on=last,
                )


def _nearest(items, when: date, key):
    candidates = [item for item in items if abs((key(item) - when).days) <= 60]
    return min(candidates, key=lambda item: abs((key(item) - when).days)) if candidates else None


def _direct_costs(books, by_key, costs, first: date, last: date, links: dict):
    """Receipts for every planned category and year, adding up to the plan times the share spent."""
    rng = books.rng
    events, mailings, meetings = links.get("events", []), links.get("mailings", []), links.get("meetings", [])
    for key, per_year in costs.items():
        category = by_key[key]
        for year, planned in per_year.items():
            target = cents(Decimal(planned) * SPENT.get((key, year), Decimal(str(round(rng.uniform(0.9, 1.08), 3)))))
            if key == "investitionen":
                parts = _split(rng, target, 3)
                for part, what in zip(parts, ["Notebook", "Notebook", "Beamer und Konferenzlautsprecher"], strict=True):
                    books.add(category, _day(rng, year, first, last), "IT-Systemhaus Kassel", what, part)
                continue
            n = max(2, int(Decimal(planned) / AVERAGE.get(key, 260)))
            for part in _split(rng, target, n):
                when = _day(rng, year, first, last)
                extra = {}
                if key == "honorare" and rng.random() < 0.45:  # a speaker's fee: a private person
                    payee, description, with_vat = rng.choice(SPEAKERS), "Honorar Vortrag", False
                    extra["payee_is_person"] = True
                else:
                    payee, description, with_vat = rng.choice(PAYEES[key])
                held = [e for e in events if e.starts_at.year == year]
                linked = {"veranstaltungen": 0.85, "honorare": 0.6}.get(key, 0)
                if held and rng.random() < linked:  # an event's costs, invoiced in the weeks before it
                    event = rng.choice(held)
                    extra["event"] = event
                    before = event.starts_at.date() - timedelta(days=rng.randrange(0, 45))
                    when = max(first, date(year, 1, 1), min(last, before))
                    description = f"{description} – {event.title}"
                if key == "reisekosten" and meetings and rng.random() < 0.5:
                    meeting = _nearest(meetings, when, lambda m: m.starts_at.date())
                    if meeting is not None:
                        extra["meeting"] = meeting
                        description = f"{description} zum Netzwerktreffen"
                if key == "oeffentlichkeitsarbeit" and mailings and "Infoletter" in description:
                    mailing = _nearest(mailings, when, _mailing_day)
                    if mailing is not None:
                        extra["mailing"] = mailing
                if with_vat and rng.random() < 0.5:  # input VAT deducted: the net amount (the plan's) counts
                    gross = cents(part * Decimal("1.19"))
                    extra["vat"], part = gross - part, gross
                if rng.random() < 0.04:
                    extra["contract"] = f"V-{year}-{rng.randrange(1, 40):02d}"
                books.add(category, when, payee, description, part, **extra)


def _mailing_day(mailing) -> date:
    moment = getattr(mailing, "started_at", None) or getattr(mailing, "scheduled_at", None) or mailing.created
    return moment.date()


def _refunds(books, by_key, first: date, last: date, count: int):
    """Credit notes and refunds: negative receipts with a type, e.g. a cancelled hotel night, a returned print job."""
    rng = books.rng
    options = [
        ("reisekosten", "Hotel am Römer", "Erstattung stornierte Übernachtung", ReceiptKind.REFUND),
        ("reisekosten", "Deutsche Bahn AG", "Fahrpreiserstattung Verspätung", ReceiptKind.REFUND),
        (
            "veranstaltungen",
            "Inklusionsbetrieb Catering Grünkern gGmbH",
            "Gutschrift Minderverbrauch",
            ReceiptKind.CREDIT_NOTE,
        ),
        (
            "oeffentlichkeitsarbeit",
            "Druckerei Hessen-Print",
            "Gutschrift Reklamation Fehldruck",
            ReceiptKind.CREDIT_NOTE,
        ),
        ("sachkosten", "Telekom Deutschland GmbH", "Gutschrift Tarifwechsel", ReceiptKind.CREDIT_NOTE),
    ]
    # spread over the project's whole years (not its first or last months), small against the year's costs
    begin, end = date(first.year + 1, 2, 1), date(last.year - 1, 11, 30)
    if end <= begin:
        begin, end = first, last
    for i in range(count):
        key, payee, description, kind = options[i % len(options)]
        when = begin + timedelta(days=(i * (end - begin).days) // max(count, 1) + rng.randrange(20))
        amount = -cents(Decimal(str(round(rng.uniform(18, 160), 2))))
        books.add(by_key[key], when, payee, description, amount, kind=kind)


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _payment_requests(project, receipts, first: date, last: date, late: int | None, rng) -> list[PaymentRequest]:
    """A request every month for what the grant finances of the month's costs as they were paid (need-based,
    received about when the month begins), so each is spent within the plan's period; request ``late`` asks for
    two months at once, so part of it is not spent in time (the cash warning's example)."""
    paid: dict[tuple[int, int], Decimal] = {}
    for receipt in receipts:
        day = receipt.paid_on or receipt.receipt_date
        paid[(day.year, day.month)] = paid.get((day.year, day.month), ZERO) + receipt.net

    def paid_until(month: date) -> Decimal:  # everything paid up to the end of ``month``
        return sum((v for (y, m), v in paid.items() if (y, m) <= (month.year, month.month)), ZERO)

    # the grant's share of the payments (the flat rate is no payment), requested cumulatively in whole tens of
    # euros as finance offices do: never more than was spent, and no cents drift
    requests, number, requested = [], 0, ZERO
    month = first.replace(day=1)
    while month <= last:
        covers = _next_month(month) if number + 1 == late else month
        amount = (percent_of(paid_until(covers), GRANT_RATE) // 10) * 10 - requested
        if amount > 0:
            number += 1
            requested += amount
            requested_on = max(first, month - timedelta(days=14))
            received = requested_on + timedelta(days=rng.randrange(12, 20))
            arrived = received <= last + timedelta(days=30)
            requests.append(
                PaymentRequest(
                    project=project,
                    number=number,
                    requested_on=requested_on,
                    amount_requested=amount,
                    received_on=received if arrived else None,
                    amount_received=amount if arrived else None,
                    note="Zwei Monate auf einmal abgerufen" if number == late else "",
                )
            )
        month = _next_month(covers)
    return PaymentRequest.objects.bulk_create(requests)


def _reference(context, categories, rng):
    project = context["reference_project"]
    by_key = {c.key: c for c in categories}
    plan = _plan(project, categories, REFERENCE_POSITIONS, REFERENCE_MONTHS, REFERENCE_COSTS)
    # approved by the lead before the project began (the funder's grant notice follows an approved plan)
    plan.approved_at = datetime.combine(
        project.start - timedelta(days=30), time(12), tzinfo=timezone.get_current_timezone()
    )
    plan.approved_by = (context.get("team") or {}).get("demo")
    plan.save(update_fields=["approved_at", "approved_by"])
    books = _Books(project, rng, "B", project.end)
    # the Projektreferent*in post was vacant for two months in 2023 (a change of staff)
    vacancy = {("Projektreferent*in", 2023, 7), ("Projektreferent*in", 2023, 8)}
    _personnel(books, by_key["personal"], REFERENCE_POSITIONS, REFERENCE_MONTHS, project.start, vacancy)
    links = {
        "events": [e for e in context.get("events", []) if e.project_id == project.pk],
        "mailings": [m for m in context.get("infoletter_mailings", []) if m.project_id in (project.pk, None)],
        "meetings": list(context.get("network_meetings", [])),
    }
    _direct_costs(books, by_key, REFERENCE_COSTS, project.start, project.end, links)
    _refunds(books, by_key, project.start, project.end, 9)
    receipts = books.write()
    requests = _payment_requests(project, receipts, project.start, project.end, late=5, rng=rng)
    return plan, receipts, requests


FOLLOW_UP_RECEIPTS_UNTIL = date(2026, 6, 30)  # a fixed date: the demo stays the same whenever it is loaded


def _follow_up(context, categories, rng):
    project = context["follow_up_project"]
    by_key = {c.key: c for c in categories}
    plan = _plan(project, categories, FOLLOW_UP_POSITIONS, FOLLOW_UP_MONTHS, FOLLOW_UP_COSTS)
    until = FOLLOW_UP_RECEIPTS_UNTIL
    books = _Books(project, rng, "BB", until)
    months = {2025: 3, 2026: until.month}
    _personnel(books, by_key["personal"], FOLLOW_UP_POSITIONS, months, date(2025, 10, 1))  # starts 30 Sept
    so_far = {
        key: {
            year: cents(Decimal(a) * (Decimal(until.month) / 12 if year == 2026 else 1))
            for year, a in per.items()
            if year <= until.year
        }
        for key, per in FOLLOW_UP_COSTS.items()
    }
    _direct_costs(books, by_key, {k: v for k, v in so_far.items() if v}, project.start, until, {})
    _refunds(books, by_key, project.start, until, 2)
    receipts = books.write()
    requests = _payment_requests(project, receipts, project.start, until, late=None, rng=rng)
    return plan, receipts, requests


def load(context: dict) -> None:
    categories = categories_for(FUNDER)
    context["finance_categories"] = categories
    rng = random.Random(SEED)
    if "reference_project" in context:
        context["finance_plan"], context["finance_receipts"], context["payment_requests"] = _reference(
            context, categories, rng
        )
    if "follow_up_project" in context:
        context["finance_follow_up_plan"], _receipts, _requests = _follow_up(context, categories, rng)
    if "reference_project" in context:
        demo_statements.load(context)  # the submitted interim statement of the reference project's first year


# -- the scans ----------------------------------------------------------------------------------------------


def _pdf_text(text: str) -> bytes:
    raw = text.encode("cp1252", "replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def scan_pdf(text: str) -> bytes:
    """A small valid one-page PDF standing in for a scanned receipt (A4, the receipt's data as text)."""
    lines = [b"Beleg (Demo-Scan)", *(_pdf_text(part) for part in text.split(" · "))]
    stream = b"BT /F1 12 Tf 72 770 Td 16 TL " + b" ".join(b"(" + line + b") Tj T*" for line in lines) + b" ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)

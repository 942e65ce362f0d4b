"""Demo finance: the cost categories typical of an Aktion Mensch project.

Plan, receipts, payment requests and statements of the demo projects are added below as they are built.
"""

from decimal import Decimal

from .models import CategoryKind, CostCategory

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


def categories_for(funder: str, rows=AKTION_MENSCH_CATEGORIES) -> list[CostCategory]:
    return [
        CostCategory.objects.get_or_create(
            funder=funder,
            key=key,
            defaults={"name": name, "kind": kind, "position": position, "flat_rate_percent": rate},
        )[0]
        for position, (key, name, kind, rate) in enumerate(rows, start=1)
    ]


def load(context: dict) -> None:
    context["finance_categories"] = categories_for(FUNDER)

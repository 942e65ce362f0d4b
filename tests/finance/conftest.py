"""Fixtures of the finance receipt tests: a finance user, a project with the Aktion Mensch categories."""

from datetime import date
from decimal import Decimal

import pytest


@pytest.fixture
def finance_user(make_user):
    return make_user("finance")


@pytest.fixture
def categories(db):
    from inklusio.finance.demo import FUNDER, categories_for

    return {c.key: c for c in categories_for(FUNDER)}


@pytest.fixture
def make_receipt(project, categories):
    from inklusio.finance.models import Receipt

    def make(number="1", *, project=project, kind="invoice", gross="100.00", vat=None, category="sachkosten", **more):
        values = {
            "receipt_date": date(2025, 3, 1),
            "payee": "Papierladen GmbH",
            "description": "Papier",
            **more,
        }
        return Receipt.objects.create(
            project=project,
            number=number,
            kind=kind,
            gross=Decimal(gross),
            vat=Decimal(vat) if vat is not None else None,
            category=categories[category],
            **values,
        )

    return make

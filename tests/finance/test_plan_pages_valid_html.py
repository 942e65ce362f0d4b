"""The plan pages in their filled states (and with form errors) pass the W3C Nu Html Checker (vnu)."""

import json
import subprocess
from decimal import Decimal

import pytest

from inklusio.finance import plan as plans
from inklusio.finance.models import FinancingSource, PlanLine
from tests.finance.test_plan_services import categories, finance_user, the_plan  # noqa: F401 - fixtures
from tests.security.test_valid_html import vnu_or_skip

pytestmark = [pytest.mark.django_db, pytest.mark.rendering]
BASE = "/staff/finance/projects/test/plan/"


def test_plan_pages_are_valid_html(client, lead, the_plan, categories, tmp_path):  # noqa: F811
    command = vnu_or_skip()  # fails instead of skipping under INKLUSIO_REQUIRE_VNU (CI)
    line = PlanLine(category=categories["personal"], year=2024, position_title="Leitung", fte_share=Decimal("0.5"),
                    months=Decimal("12"), monthly_rate=Decimal("4000"), amount=Decimal("0"))  # fmt: skip
    plans.save_line(the_plan, line, lead)
    source = FinancingSource(kind="grant", name="Aktion Mensch", year=2024, amount=None, rate_percent=Decimal("80"))
    plans.save_source(the_plan, source, lead)
    FinancingSource.objects.create(plan=the_plan, kind="own", name="Eigenmittel", year=2025, amount=Decimal("10"))
    plans.set_archived(categories["reisekosten"], True, lead)
    client.force_login(lead)
    category = categories["honorare"]
    pages = {
        "overview": client.get("/staff/finance/"),
        "overview-en": client.get("/en/staff/finance/"),
        "categories": client.get("/staff/finance/categories/"),
        "category-new": client.get("/staff/finance/categories/new/?funder=Stiftung"),
        "category-edit": client.get(f"/staff/finance/categories/{category.pk}/edit/"),
        "category-errors": client.post("/staff/finance/categories/new/", {"kind": "flat_rate"}),
        "category-archive": client.get(f"/staff/finance/categories/{category.pk}/archive/"),
        "category-delete": client.get(f"/staff/finance/categories/{category.pk}/delete/"),
        "plan": client.get(BASE),
        "plan-en": client.get(f"/en{BASE}"),
        "settings": client.get(f"{BASE}settings/"),
        "line-new": client.get(f"{BASE}lines/new/"),
        "line-errors": client.post(f"{BASE}lines/new/", {"category": categories["personal"].pk, "amount": "abc"}),
        "line-edit": client.get(f"{BASE}lines/{line.pk}/edit/"),
        "line-delete": client.get(f"{BASE}lines/{line.pk}/delete/"),
        "financing-new": client.get(f"{BASE}financing/new/"),
        "financing-errors": client.post(f"{BASE}financing/new/", {"kind": "own", "rate_percent": "x"}),
        "financing-edit": client.get(f"{BASE}financing/{source.pk}/edit/"),
        "financing-delete": client.get(f"{BASE}financing/{source.pk}/delete/"),
        "approve": client.get(f"{BASE}approve/"),
        "no-plan": None,
        "create": None,
    }
    the_plan.delete()
    pages["no-plan"] = client.get(BASE)
    pages["create"] = client.get(f"{BASE}new/")
    for name, response in pages.items():
        assert response.status_code == 200, name
        (tmp_path / f"{name}.html").write_bytes(response.content)
    result = subprocess.run([*command, str(tmp_path)], capture_output=True, text=True, timeout=300)
    errors = [f"{m.get('url')}:{m.get('lastLine')}: {m.get('message')}" for m in json.loads(result.stderr)["messages"]]
    assert not errors, "\n".join(errors)

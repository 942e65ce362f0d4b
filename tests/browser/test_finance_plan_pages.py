"""The finance overview, cost categories and plan pages in a real browser: zero axe violations in German and
English; a plan made with the keyboard only (create it, add a personnel line, add the grant, see it balance);
no page scrolls sideways at 390 px; screenshots for review when INKLUSIO_SHOTS is set."""

import os
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from inklusio.finance import plan as plans
from inklusio.finance.models import FinancingSource, Plan, PlanLine
from tests.conftest import STAFF_PAGE_PREFIXES
from tests.finance.test_plan_services import categories, finance_user, the_plan  # noqa: F401 - fixtures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(os.environ.get("INKLUSIO_SHOTS", "/work/shots/finance-plan"))
BASE = "/staff/finance/projects/test/plan/"


def _shoot(page, name):
    if os.environ.get("INKLUSIO_SHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _fill(the_plan, categories, lead):  # noqa: F811
    line = PlanLine(category=categories["personal"], year=2024, position_title="Projektleitung",
                    fte_share=Decimal("0.5"), months=Decimal("12"), monthly_rate=Decimal("4000"),
                    amount=Decimal(0))  # fmt: skip
    plans.save_line(the_plan, line, lead)
    plans.save_line(the_plan, PlanLine(category=categories["honorare"], year=2025, description="Workshops",
                                       amount=Decimal("1234.56")), lead)  # fmt: skip
    source = FinancingSource(kind="grant", name="Aktion Mensch", year=2024, rate_percent=Decimal("80"))
    plans.save_source(the_plan, source, lead)
    FinancingSource.objects.create(plan=the_plan, kind="own", name="Eigenmittel", year=2024, amount=Decimal("5136"))
    return line, source


def _pages(line, source, category):
    return [
        ("overview", "/staff/finance/"),
        ("categories", "/staff/finance/categories/"),
        ("category-new", "/staff/finance/categories/new/"),
        ("category-edit", f"/staff/finance/categories/{category.pk}/edit/"),
        ("category-archive", f"/staff/finance/categories/{category.pk}/archive/"),
        ("category-delete", f"/staff/finance/categories/{category.pk}/delete/"),
        ("plan", BASE),
        ("settings", f"{BASE}settings/"),
        ("line-new", f"{BASE}lines/new/"),
        ("line-edit", f"{BASE}lines/{line.pk}/edit/"),
        ("line-delete", f"{BASE}lines/{line.pk}/delete/"),
        ("financing-new", f"{BASE}financing/new/"),
        ("financing-edit", f"{BASE}financing/{source.pk}/edit/"),
        ("financing-delete", f"{BASE}financing/{source.pk}/delete/"),
        ("approve", f"{BASE}approve/"),
    ]


@pytest.mark.parametrize("prefix", STAFF_PAGE_PREFIXES)
def test_plan_pages_have_no_axe_violations(page, login, lead, the_plan, categories, axe, prefix):  # noqa: F811
    line, source = _fill(the_plan, categories, lead)
    login(lead)
    for name, path in _pages(line, source, categories["honorare"]):
        response = page.goto(prefix + path)
        assert response.status == 200, path
        assert page.locator("h1").count() == 1, path
        axe(page)
        _shoot(page, f"{name}{prefix.replace('/', '-')}")
    page.goto(prefix + f"{BASE}lines/new/")  # the form with its errors
    with page.expect_navigation():
        page.click("main button[type=submit]")
    expect(page.locator(".error-summary")).to_be_visible()
    axe(page)
    Plan.objects.all().delete()
    for path in (BASE, f"{BASE}new/"):
        page.goto(prefix + path)
        expect(page.locator("h1")).to_have_count(1)
        axe(page)


def test_make_a_plan_with_the_keyboard_only(page, login, finance_user, project, categories, keyboard, axe):  # noqa: F811
    login(finance_user)
    page.goto("/en/staff/finance/")
    keyboard(page, f"main a[href='/en{BASE}']")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text("Cost and financing plan")
    keyboard(page, f"main a[href='/en{BASE}new/']")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Create the plan")
    keyboard(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator(".kern-alert, .messages").first).to_be_visible()
    expect(page.locator("main")).to_contain_text("no costs and no financing yet")
    # a personnel line: the amount follows from share, months and rate
    keyboard(page, f"main a[href='/en{BASE}lines/new/']")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Add costs")
    keyboard(page, "#id_category")
    page.keyboard.type("Personal")
    keyboard(page, "#id_position_title")
    page.keyboard.type("Projektleitung")
    keyboard(page, "#id_fte_share")
    page.keyboard.type("0,5")
    keyboard(page, "#id_months")
    page.keyboard.type("12")
    keyboard(page, "#id_monthly_rate")
    page.keyboard.type("4.000,00")
    axe(page)
    keyboard(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text("24,000.00 €")  # 0.5 × 12 × 4,000
    expect(page.locator("main")).to_contain_text("1,680.00 €")  # the 7 % flat rate, computed
    expect(page.locator("main")).to_contain_text("25,680.00 € are missing")
    # the grant closes the gap
    keyboard(page, f"main a[href='/en{BASE}financing/new/']")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Add financing")
    keyboard(page, "#id_kind")
    page.keyboard.type("grant")
    keyboard(page, "#id_name")
    page.keyboard.type("Aktion Mensch")
    keyboard(page, "#id_amount")
    page.keyboard.type("25.680,00")
    keyboard(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator(".finance-balance")).to_contain_text("The plan balances.")
    axe(page)
    _shoot(page, "plan-keyboard-balanced")
    plan = Plan.objects.get()
    assert plans.figures(plan).balances and plan.approved_at is None
    assert PlanLine.objects.get().amount == Decimal("24000.00")


def test_plan_pages_fit_a_phone(page, login, lead, the_plan, categories):  # noqa: F811
    line, source = _fill(the_plan, categories, lead)
    login(lead)
    page.set_viewport_size({"width": 390, "height": 900})
    for name, path in _pages(line, source, categories["honorare"]):
        page.goto(path)
        expect(page.locator("h1")).to_have_count(1)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, name
        _shoot(page, f"{name}-390")


def test_the_lead_approves_with_the_keyboard_and_a_change_reopens(
    page,
    login,
    lead,
    the_plan,  # noqa: F811
    categories,  # noqa: F811
    keyboard,
    axe,
):
    PlanLine.objects.create(plan=the_plan, category=categories["honorare"], year=2024, amount=Decimal("100"))
    FinancingSource.objects.create(plan=the_plan, kind="grant", name="Aktion Mensch", year=2024, amount=Decimal("107"))
    login(lead)
    page.goto(f"/en{BASE}")
    keyboard(page, f"main a[href='/en{BASE}approve/']")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text("Approve the plan")
    axe(page)
    keyboard(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text("approved on")
    line = PlanLine.objects.get()
    page.goto(f"/en{BASE}lines/{line.pk}/edit/")
    expect(page.locator("main")).to_contain_text("saving a change sets it back to draft")
    keyboard(page, "#id_amount")
    page.keyboard.press("Control+A")
    page.keyboard.type("200")
    keyboard(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator(".finance-reopened")).to_contain_text("it is a draft again")
    axe(page)
    _shoot(page, "plan-reopened")
    the_plan.refresh_from_db()
    assert the_plan.approved_at is None

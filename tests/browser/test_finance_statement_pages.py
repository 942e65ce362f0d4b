"""Payment request and statement pages in a real browser: zero axe violations in German and English and at 390 px;
a payment request, a statement, its explanations and the submission made with the keyboard only; screenshots."""

import os
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest
from playwright.sync_api import expect

from inklusio.finance import statements
from inklusio.finance.models import PaymentRequest, Statement
from tests.conftest import STAFF_PAGE_PREFIXES, tab_to
from tests.finance import statement_fixtures

books = statement_fixtures.books
finance_user = statement_fixtures.finance_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(os.environ.get("INKLUSIO_SHOTS", "/work/shots/finance-statements"))
BASE = "/staff/finance/projects/test/"


def _shoot(page, name):
    """Save a screenshot to look at, only when INKLUSIO_SHOTS is set."""
    if os.environ.get("INKLUSIO_SHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("prefix", STAFF_PAGE_PREFIXES)
def test_statement_pages_have_no_axe_violations(page, login, lead, project, books, axe, prefix):
    request = PaymentRequest.objects.create(
        project=project, number=1, requested_on=date(2024, 1, 1), amount_requested=D("20000"),
        received_on=date(2024, 1, 2), amount_received=D("20000"), note="erste Rate",
    )  # fmt: skip
    draft = statements.create(project, "interim", date(2024, 1, 1), date(2024, 12, 31), lead)
    statements.explain(draft, "reisekosten", 2024, "Mehr Regionaltermine.", lead)
    done = statements.create(project, "final", date(2024, 1, 1), date(2024, 12, 31), lead)
    statements.explain(done, "reisekosten", 2024, "Mehr Regionaltermine.", lead)
    statements.explain(done, "sachkosten", 2024, "Druckerpatrone.", lead)
    statements.submit(done, lead)
    login(lead)
    paths = {
        "requests": BASE + "payment-requests/",
        "request-new": BASE + "payment-requests/new/",
        "request-edit": BASE + f"payment-requests/{request.pk}/edit/",
        "request-delete": BASE + f"payment-requests/{request.pk}/delete/",
        "statements": BASE + "statements/",
        "statement-new": BASE + "statements/new/",
        "draft": BASE + f"statements/{draft.pk}/",
        "submitted": BASE + f"statements/{done.pk}/",
        "explain": BASE + f"statements/{draft.pk}/explain/sachkosten/2024/",
        "submit-refused": BASE + f"statements/{draft.pk}/submit/",
    }
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for name, path in paths.items():
            response = page.goto(prefix + path)
            assert response.status == 200, path
            assert page.locator("h1").count() == 1, path
            axe(page)
            _shoot(page, f"{name}{prefix.replace('/', '-')}-{width}")
            if width == 390:  # nothing wider than the screen but the scrolling tables
                overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
                assert overflow <= 1, f"{path}: {overflow}px wider than the screen"
    page.goto(prefix + BASE + "payment-requests/new/")
    with page.expect_navigation():
        page.fill("#id_amount_requested", "zwölf")
        page.click("main button[type=submit]")
    expect(page.locator(".error-summary")).to_be_visible()
    axe(page)
    _shoot(page, f"request-errors{prefix.replace('/', '-')}")


def test_keyboard_only_payment_request_statement_and_submission(page, login, project, books, finance_user, lead):
    login(finance_user)
    page.goto(BASE + "payment-requests/")
    tab_to(page, "main a[href$='payment-requests/new/']").press("Enter")
    expect(page.locator("h1")).to_have_text("Neuer Mittelabruf")
    tab_to(page, "#id_requested_on")
    page.fill("#id_requested_on", "2024-02-01")  # a date input takes keys in the locale's order; the value is set
    tab_to(page, "#id_amount_requested")
    page.keyboard.type("5.000,00")
    tab_to(page, "#id_received_on")
    page.fill("#id_received_on", "2024-02-05")  # a date input's keyboard entry depends on the locale; the value is set
    tab_to(page, "#id_amount_received")
    page.keyboard.type("5.000,00")
    tab_to(page, "main button[type=submit]").press("Enter")
    expect(page.locator(".messages")).to_contain_text("Mittelabruf gespeichert")
    assert PaymentRequest.objects.get().amount_received == D("5000.00")

    page.goto(BASE + "statements/")
    tab_to(page, "main a[href$='statements/new/']").press("Enter")
    expect(page.locator("h1")).to_have_text("Neuer Nachweis")
    tab_to(page, "#id_kind_0").press("Space")
    page.fill("#id_period_start", "2024-01-01")
    page.fill("#id_period_end", "2024-12-31")
    tab_to(page, "main button[type=submit]").press("Enter")
    expect(page.locator("main > .kern-alert--warning")).to_contain_text("2 markierte Abweichungen")
    statement = Statement.objects.get()
    for category in ("reisekosten", "sachkosten"):
        href = f"{BASE}statements/{statement.pk}/explain/{category}/2024/"
        tab_to(page, f"a[href='{href}']").press("Enter")
        expect(page.locator("h1")).to_contain_text("Abweichung begründen")
        tab_to(page, "#id_text")
        page.keyboard.type("Mehr Termine in den Regionen als geplant.")
        tab_to(page, "main button[type=submit]").press("Enter")
        expect(page.locator(".messages")).to_contain_text("Begründung gespeichert")
    expect(page.locator("main > .kern-alert--success")).to_contain_text("Vollständig")
    assert page.locator("main a[href$='/submit/']").count() == 0  # finance does not submit

    login(lead)
    page.goto(BASE + f"statements/{statement.pk}/")
    tab_to(page, "main a[href$='/submit/']").press("Enter")
    expect(page.locator("h1")).to_have_text("Nachweis einreichen?")
    tab_to(page, "main form button[type=submit]").press("Enter")
    expect(page.locator(".messages")).to_contain_text("Nachweis eingereicht")
    assert Statement.objects.get().is_submitted
    _shoot(page, "keyboard-submitted")

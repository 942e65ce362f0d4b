"""The receipt pages in a real browser: zero axe violations in German and English and at 390 px; a receipt
entered with the keyboard only (German amount, credit note stored negative); screenshots for review."""

import os
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from inklusio.finance.models import Receipt
from tests.conftest import STAFF_PAGE_PREFIXES
from tests.finance.conftest import categories, finance_user, make_receipt  # noqa: F401 - fixtures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(os.environ.get("INKLUSIO_SHOTS", "/work/shots/finance-receipts"))


def _shoot(page, name):
    """Save a screenshot to look at, only when INKLUSIO_SHOTS is set."""
    if os.environ.get("INKLUSIO_SHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("prefix", STAFF_PAGE_PREFIXES)
def test_receipt_pages_have_no_axe_violations(page, login, finance_user, project, make_receipt, axe, prefix):  # noqa: F811
    base = f"{prefix}/staff/finance/projects/{project.slug}/receipts/"
    login(finance_user)
    page.goto(base)
    axe(page)
    _shoot(page, f"empty{prefix.replace('/', '-')}")
    receipt = make_receipt("2025-001", vat="19.00", scan_path="a.pdf", scan_name="rechnung.pdf", contract="V-7")
    make_receipt("2025-002", kind="credit_note", gross="-12.50", payee="Copyshop Müller")
    for path, name in (("", "list"), ("new/", "new"), (f"{receipt.pk}/", "detail"), (f"{receipt.pk}/edit/", "edit"),
                       (f"{receipt.pk}/delete/", "delete"), ("?q=nichts", "filtered")):  # fmt: skip
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            response = page.goto(base + path)
            assert response.status == 200, path
            assert page.locator("h1").count() == 1, path
            axe(page)
            _shoot(page, f"{name}-{width}{prefix.replace('/', '-')}")
            if width == 390:  # nothing wider than the screen: no sideways scrolling of the page
                overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
                assert overflow <= 0, path
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base + "new/")
    with page.expect_navigation():
        page.click("main button[name=save]")
    expect(page.locator(".error-summary")).to_be_visible()
    axe(page)
    _shoot(page, f"errors{prefix.replace('/', '-')}")


def test_entering_a_receipt_with_the_keyboard_only(page, login, finance_user, project, categories, axe, keyboard):  # noqa: F811
    login(finance_user)
    page.goto(f"/staff/finance/projects/{project.slug}/receipts/")
    expect(page.locator("h1")).to_contain_text("Belege")
    keyboard(page, "main a[href$='/receipts/new/']")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Neuer Beleg")
    axe(page)
    assert page.locator("#id_number").input_value() == "1"  # the next number is suggested
    keyboard(page, "#id_kind_0")
    page.keyboard.press("ArrowDown")  # the radio group: the arrow chooses "credit note"
    expect(page.locator("#id_kind_1")).to_be_checked()
    keyboard(page, "#id_receipt_date")
    page.keyboard.type("05052025")  # the same in day-month and month-day order
    keyboard(page, "#id_payee")
    page.keyboard.type("Copyshop Müller")
    keyboard(page, "#id_description")
    page.keyboard.type("Gutschrift Flyer")
    keyboard(page, "#id_gross")
    page.keyboard.type("1.234,56")
    keyboard(page, "#id_category")
    page.keyboard.press("ArrowDown")  # the first category after "choose"
    keyboard(page, "main button[name=save]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Beleg 1")
    axe(page)
    receipt = Receipt.objects.get()
    assert receipt.kind == "credit_note" and receipt.gross == Decimal("-1234.56")
    assert str(receipt.receipt_date) == "2025-05-05"
    expect(page.locator("main")).to_contain_text("-1.234,56")


BOOKINGS = (
    "Belegdatum;Betrag;Konto;Buchungstext\n"
    "03.02.2025;1.190,00;4980;Laptop Schulung\n"
    "10.02.2025;89,90;4600;Flyer Druck\n"
    "10.02.2025;89,90;4600;Flyer Druck\n"
)


def test_importing_bookings_with_the_keyboard_only(
    page,
    login,
    finance_user,  # noqa: F811 - the fixture imported above
    project,
    categories,  # noqa: F811 - the fixture imported above
    axe,
    keyboard,
    tmp_path,
):
    login(finance_user)
    export = tmp_path / "buchungen.csv"
    export.write_text(BOOKINGS, encoding="utf-8")
    page.goto(f"/staff/finance/projects/{project.slug}/receipts/")
    keyboard(page, "main a[href$='/receipts/import/']")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Buchungen importieren")
    axe(page)
    _shoot(page, "import")
    keyboard(page, "#id_file").set_input_files(str(export))  # the file chooser itself is the system's dialog
    keyboard(page, "main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("#id_account_1")).to_be_visible()  # read by the worker: the accounts of the file
    axe(page)
    _shoot(page, "import-mapping")
    for field in ("#id_account_0", "#id_account_1"):
        keyboard(page, field)
        page.keyboard.press("ArrowDown")  # the first cost category
    keyboard(page, "main button[name=check]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("#import-summary")).to_contain_text("2 Buchungen würden als Belege importiert")
    expect(page.locator("#dup-caption")).to_be_visible()  # the booked twice is skipped
    axe(page)
    _shoot(page, "import-preview")
    page.set_viewport_size({"width": 390, "height": 900})
    _shoot(page, "import-preview-390")
    page.set_viewport_size({"width": 1280, "height": 900})
    keyboard(page, "main button[name=import]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text("2 Belege importiert")
    axe(page)
    assert Receipt.objects.exclude(booking_key="").count() == 2


def test_a_refused_booking_export_says_why(page, login, finance_user, project, categories, axe, tmp_path):  # noqa: F811
    login(finance_user)
    export = tmp_path / "leer.csv"
    export.write_text('Datum;Betrag\n"offen', encoding="utf-8")
    page.goto(f"/staff/finance/projects/{project.slug}/receipts/import/")
    page.set_input_files("#id_file", str(export))
    with page.expect_navigation():
        page.click("main button[type=submit]")
    expect(page.locator("[role=alert]")).to_contain_text("nichts importiert")
    axe(page)
    _shoot(page, "import-refused")

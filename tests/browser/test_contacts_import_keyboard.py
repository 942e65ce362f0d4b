"""The contact import, done with the keyboard only, in a real browser."""

import pytest

from inklusio.contacts.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GOOD = (
    "Vorname;Nachname;E-Mail;Organisation\nAnna;Müller;anna@example.org;Brückenwerk gGmbH\nBen;Koch;ben@example.org;\n"
)
BAD = "Vorname;Nachname;E-Mail;Seit\nAnna;Müller;anna@example.org;2024/13/01\n"


def upload_with_keyboard(page, keyboard, path):
    page.goto("/staff/contacts/")
    keyboard(page, "a[href$='/staff/contacts/import/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/staff/contacts/import/")
    file_input = keyboard(page, "#id_file")
    assert file_input.evaluate("el => el === document.activeElement")
    # The file dialog Space opens belongs to the operating system, not to the page; headless Chromium opened
    # it only now and then under load, so the test hands the file to the focused input as that dialog would.
    file_input.set_input_files(str(path))
    assert file_input.evaluate("el => el.files.length") == 1
    keyboard(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/staff/contacts/import/*/")


def test_import_with_the_keyboard_only(page, login, lead, keyboard, axe, tmp_path):
    login(lead)
    path = tmp_path / "kontakte.csv"
    path.write_text(GOOD, encoding="utf-8")
    upload_with_keyboard(page, keyboard, path)
    assert "2 neue Personen werden importiert" in page.inner_text("main")
    axe(page)
    keyboard(page, "button[name=import]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/staff/imports/*/")  # the worker writes; the job's page shows progress, then the result
    main = page.inner_text("main")
    assert "Import abgeschlossen" in main and "2 Personen importiert." in main and "1 Organisation importiert." in main
    assert Person.objects.count() == 2
    axe(page)
    keyboard(page, "main a[href$='/staff/contacts/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/staff/contacts/")


def test_a_bad_file_shows_row_level_errors_with_focus_and_imports_nothing(page, login, lead, keyboard, axe, tmp_path):
    login(lead)
    path = tmp_path / "kaputt.csv"
    path.write_text(BAD, encoding="utf-8")
    upload_with_keyboard(page, keyboard, path)
    summary = page.locator(".error-summary")
    assert summary.evaluate("el => el === document.activeElement")
    assert "Zeile 2, Spalte „Seit“: „2024/13/01“ ist kein Datum" in summary.inner_text()
    assert page.locator("button[name=import]").count() == 0
    axe(page)
    # fixing the mapping (the date column is not imported) makes it importable, still with the keyboard
    keyboard(page, "#id_map_since")
    page.keyboard.press("Home")  # the first option: "(not imported)"
    assert page.locator("#id_map_since").input_value() == ""
    keyboard(page, "button[name=remap]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("button[name=import]").count() == 1
    assert Person.objects.count() == 0

"""The Infoletter subscriber import, with the keyboard only, in a real browser: upload, the worker's review
(read once), import; and the progress shown while the worker reads."""

import os

import pytest

from inklusio.mailings.models import Subscriber, SubscriberImport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LIST = "E-Mail;Name;Bestätigt\nanna@example.org;Anna;2024-01-02 10:00\nben@example.org;Ben;\n"
SHOTS = os.environ.get("SCREENSHOT_DIR")


def shoot(page, name):
    if SHOTS:
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})


def test_subscriber_import_with_the_keyboard_only(page, login, staff, keyboard, axe, tmp_path, smtp_server):
    login(staff)
    path = tmp_path / "liste.csv"
    path.write_text(LIST, encoding="utf-8")
    page.goto("/staff/infoletter/subscribers/import/")
    file_input = keyboard(page, "#id_file")
    file_input.set_input_files(str(path))  # the OS file dialog is not the page's (see the contacts import test)
    keyboard(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/staff/infoletter/subscribers/import/*/")
    main = page.inner_text("main")
    assert "1 Abonnent*in mit Einwilligungsnachweis" in main and not Subscriber.objects.exists()
    axe(page)
    shoot(page, "subscriber-import-review")
    keyboard(page, "button[name=import]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/staff/imports/*/")  # the worker writes; the job's page shows the result
    assert "Import abgeschlossen" in page.inner_text("main")
    assert Subscriber.objects.count() == 2
    keyboard(page, "main a[href$='/staff/infoletter/subscribers/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/staff/infoletter/subscribers/")


def test_the_progress_page_polls_and_then_shows_the_review(page, login, staff, keyboard, axe, tmp_path, smtp_server):
    login(staff)
    path = tmp_path / "liste.csv"
    path.write_text(LIST, encoding="utf-8")
    page.goto("/staff/infoletter/subscribers/import/")
    keyboard(page, "#id_file").set_input_files(str(path))
    keyboard(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/staff/infoletter/subscribers/import/*/")
    SubscriberImport.objects.update(stage=SubscriberImport.Stage.READING, rows_read=1000)
    page.reload()
    assert "bisher 1000 Zeilen" in page.inner_text("#import-progress")
    axe(page)
    shoot(page, "subscriber-import-progress")
    keyboard(page, "#import-reload a")  # the reload link, for browsers without JavaScript (outside the polled part)
    SubscriberImport.objects.update(stage=SubscriberImport.Stage.READY)
    page.wait_for_selector("button[name=import]", timeout=10_000)  # HTMX polling reloaded the page by itself

"""The import job's page in a real browser: progress while the worker writes (polling, and a reload link for
browsers without JavaScript), the result, and a failed import's retry, each with axe and the keyboard only."""

import os

import pytest
from playwright.sync_api import expect

from inklusio.contacts.models import ContactImport, Person
from inklusio.core import importjobs
from inklusio.core.models import ImportJob

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("SCREENSHOT_DIR")
GOOD = "Vorname;Nachname;E-Mail\nAnna;Müller;anna@example.org\nBen;Koch;ben@example.org\n"


def shoot(page, name):
    if SHOTS:
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})


def test_progress_then_result_with_the_keyboard(page, login, staff, keyboard, axe, settings, tmp_path):
    login(staff)
    job = ImportJob.objects.create(
        kind="contacts", import_id=1, owner=staff, filename="kontakte.csv", state="writing", rows_total=100_000
    )
    importjobs._write_progress(job.pk, 42_000, 100_000)
    page.goto(f"/staff/imports/{job.pk}/")
    expect(page.locator("#import-progress")).to_contain_text("42.000 von 100.000 Zeilen geschrieben")
    axe(page)
    shoot(page, "import-job-progress")
    keyboard(page, "#import-reload a")  # the reload link, for browsers without JavaScript (outside the polled part)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    ImportJob.objects.filter(pk=job.pk).update(
        state="done", rows_done=100_000, result={"lines": ["100.000 Personen importiert."], "next": "/staff/contacts/"}
    )
    expect(page.locator("h1")).to_have_text("Import abgeschlossen", timeout=15_000)  # polling reloaded the page
    expect(page.locator("main")).to_contain_text("100.000 Personen importiert.")
    axe(page)
    shoot(page, "import-job-result")
    keyboard(page, "main a[href$='/staff/contacts/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/staff/contacts/")


def test_a_failed_import_is_retried_with_the_keyboard(page, login, staff, keyboard, axe, tmp_path):
    login(staff)
    path = tmp_path / "kontakte.csv"
    path.write_text(GOOD, encoding="utf-8")
    page.goto("/staff/contacts/import/")
    keyboard(page, "#id_file").set_input_files(str(path))
    keyboard(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/staff/contacts/import/*/")
    record = ContactImport.objects.get()
    job = ImportJob.objects.create(
        kind="contacts",
        import_id=record.pk,
        owner=staff,
        filename=record.filename,
        state="failed",
        rows_total=2,
        error="Der Import wurde wegen eines internen Fehlers abgebrochen. Es wurde nichts importiert.",
    )
    page.goto(f"/staff/imports/{job.pk}/")
    expect(page.locator("h1")).to_have_text("Import fehlgeschlagen")
    axe(page)
    shoot(page, "import-job-failed")
    keyboard(page, "main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Import abgeschlossen")
    assert Person.objects.count() == 2

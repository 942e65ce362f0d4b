"""A document made in the worker, in a real browser: started from the event page and downloaded with the
keyboard only, the progress page while it runs (it polls itself and shows the download when done), axe on each
state in German and English; screenshots at 1280 and 390 px (INKLUSIO_SHOTS)."""

import os
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from inklusio.core import documents
from inklusio.core.models import DocumentJob
from tests.conftest import STAFF_PAGE_PREFIXES
from tests.events.conftest import make_event  # noqa: F401 - fixture used by name
from tests.events.test_certificate_documents import attendees

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("INKLUSIO_SHOTS", "/tmp/inklusio-shots"))


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.fixture
def ended_event(make_event):  # noqa: F811
    now = timezone.now()
    event = make_event(starts_at=now - timedelta(days=2), ends_at=now - timedelta(days=2, hours=-7), capacity=100)
    attendees(event, 3)
    return event


def test_all_certificates_with_the_keyboard_only(page, login, staff, ended_event, keyboard, axe, tmp_path):
    login(staff)
    page.goto(f"/staff/events/{ended_event.pk}/")
    keyboard(page, "form[action$='/certificates/download/'] button")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # the test's task backend runs the job at once: the page shows it done
    job = DocumentJob.objects.get()
    assert page.url.endswith(f"/staff/documents/{job.pk}/")
    expect(page.locator("#document-download")).to_be_visible()
    axe(page)
    shot(page, "document-job-done")
    keyboard(page, "#document-download")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    path = tmp_path / "certificates.zip"
    download.value.save_as(path)
    assert len(zipfile.ZipFile(path).namelist()) == 3


@pytest.mark.parametrize("prefix", STAFF_PAGE_PREFIXES)
def test_the_progress_page_polls_until_the_download_is_there(page, login, staff, ended_event, axe, prefix):
    job = DocumentJob.objects.create(
        owner=staff, kind="events.certificates", title="Bescheinigungen: Fachtag", status="running", done=1, total=3,
        params={"event": ended_event.pk}, back_url=ended_event.get_absolute_url(),
    )  # fmt: skip
    login(staff)
    page.goto(f"{prefix}/staff/documents/{job.pk}/")
    assert page.locator("#document-progress").get_attribute("value") == "33"
    assert page.locator("html").get_attribute("lang") == (prefix.strip("/") or "de")
    axe(page)
    shot(page, f"document-job-running{prefix.replace('/', '-')}")
    documents.build(job.pk)  # the worker finishes meanwhile
    expect(page.locator("#document-download")).to_be_visible(timeout=15_000)
    expect(page.locator("#document-progress")).to_have_count(0)
    axe(page)


def test_a_failed_job_says_why(page, login, staff, axe):
    job = DocumentJob.objects.create(
        owner=staff, kind="events.certificates", title="Bescheinigungen", status="failed",
        error="Die Veranstaltung gibt es nicht mehr.",
    )  # fmt: skip
    login(staff)
    page.goto(f"/staff/documents/{job.pk}/")
    expect(page.locator("[role=status]")).to_contain_text("gibt es nicht mehr")
    axe(page)
    shot(page, "document-job-failed")

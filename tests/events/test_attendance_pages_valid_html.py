"""The attendance report's upload and review pages, in their filled states, pass the W3C Nu Html Checker (vnu)."""

import json
import subprocess
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inklusio.events import services
from inklusio.events.services import RegistrationData
from tests.security.test_valid_html import vnu_or_skip

from .conftest import end_event

pytestmark = [pytest.mark.django_db, pytest.mark.rendering]

SAMPLES = Path(__file__).parent / "platform_reports"


def test_upload_and_review_pages_are_valid_html(client, staff, online_event, tmp_path):
    command = vnu_or_skip()  # fails instead of skipping under INKLUSIO_REQUIRE_VNU (CI)
    for first, last, email in [("Anna", "Müller", "anna.mueller@example.org"), ("Lena", "Schmidt", "l1@example.org")]:
        services.register(online_event.pk, RegistrationData(email, first, last))
    services.register(online_event.pk, RegistrationData("l2@example.org", "Lena", "Schmidt"))
    event = end_event(online_event)
    client.force_login(staff)
    url = reverse("events:attendance_report_upload", args=[event.pk])
    day = event.days()[0].isoformat()

    def post(name, data):
        return client.post(url, {"file": SimpleUploadedFile(name, data, "text/csv"), "day": day})

    pages = {"upload": client.get(url), "upload-refused": post("x.csv", b"Name;Ort\nAnna;Kassel\n")}
    review = post("zoom.csv", (SAMPLES / "zoom_participants.csv").read_bytes())["Location"]
    pages["review"] = client.get(review)
    pages["review-unanswered"] = client.post(review, {"import": "1"})
    broken = post("kaputt.csv", b"Name;Minuten\nAnna M\xc3\xbcller;lange\n")["Location"]
    pages["review-row-errors"] = client.get(broken)
    for name, response in pages.items():
        assert response.status_code in (200, 400), name
        (tmp_path / f"{name}.html").write_bytes(response.content)
    assert 'type="radio"' in pages["review"].content.decode()
    result = subprocess.run([*command, str(tmp_path)], capture_output=True, text=True, timeout=300)
    errors = [f"{m.get('url')}:{m.get('lastLine')}: {m.get('message')}" for m in json.loads(result.stderr)["messages"]]
    assert not errors, "\n".join(errors)

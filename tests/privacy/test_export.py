"""Right of access (Art. 15): the export holds every record about the person, as JSON files and as a tagged PDF."""

import io
import json
import zipfile

import pytest
from pypdf import PdfReader

from inklusio.core.models import AuditEvent
from inklusio.privacy import export

from .conftest import EMAIL

pytestmark = pytest.mark.django_db

# Every kind of record the fixture creates, by the marker it carries (or a value only that record has).
MARKERS = {
    "contact notes": "MARK-person-notes",
    "phone": "MARK-phone",
    "tag": "MARK-tag",
    "affiliation": "MARK-affiliation-role",
    "inquiry": "MARK-inquiry-topic",
    "registration": "MARK-registration-org",
    "privacy notice version": "MARK-notice-v3",
    "answer": "MARK-answer",
    "support need": "MARK-support-detail",
    "contribution": "MARK-programme-item",
    "subscriber (by address only)": "MARK-subscriber-source",
    "consent text version": "MARK-consent-v7",
    "consent text": "MARK-consent-text",
    "delivery": "MARK-mailing-subject",
    "membership": "MARK-network",
    "invitation and attendance": "MARK-meeting",
    "World Café seat": "MARK-cafe-org",
    "training offer contact": "MARK-offer-occupation",
    "form submission": "MARK-form",
    "company login": "erika-company",
}
SECTIONS = {
    "contacts": {"Contact data", "Affiliations", "Inquiries"},
    "events": {
        "Event registrations",
        "Answers to registration questions",
        "Support needs",
        "Event attendance (check-ins)",
        "Contributions to event programmes",
        "Feedback survey answered",
    },
    "mailings": {"Infoletter subscription", "Consent texts agreed to", "Infoletter delivery log"},
    "networks": {"Network memberships", "Meeting invitations", "Meeting attendance"},
    "worldcafe": {"World Café seats"},
    "public": {"Contact person of training offers", "Company login", "Public form submissions (rate limit)"},
    "core": {"Logins", "Audit log entries naming the person"},
}


def _english(person):
    from django.utils import translation

    with translation.override("en"):
        return export.collect(person)


def test_every_record_about_the_person_is_in_the_export(person_everywhere):
    data = _english(person_everywhere)
    text = json.dumps(data, ensure_ascii=False)
    missing = [kind for kind, marker in MARKERS.items() if marker not in text]
    assert not missing
    found = {area["app"]: {s["title"] for s in area["sections"] if s["records"]} for area in data["areas"]}
    for app, sections in SECTIONS.items():
        assert sections <= found.get(app, set()), app
    assert "token" not in text  # personal links are secrets, not information


def test_the_zip_has_one_json_file_per_section_and_a_manifest(person_everywhere):
    content = export.build_zip(_english(person_everywhere))
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        assert manifest["person_id"] == person_everywhere.pk
        files = {entry["file"]: entry for entry in manifest["files"]}
        assert set(archive.namelist()) == {"manifest.json", *files}
        text = ""
        for name, entry in files.items():
            section = json.loads(archive.read(name))
            assert len(section["records"]) == entry["records"]
            text += json.dumps(section, ensure_ascii=False)
    assert all(marker in text for marker in MARKERS.values())


def test_the_pdf_is_readable_text_with_a_sample_of_the_records(person_everywhere):
    content = export.build_pdf(export.collect(person_everywhere), "de")
    reader = PdfReader(io.BytesIO(content))
    text = "".join(page.extract_text() for page in reader.pages)
    for marker in ("MARK-inquiry-topic", "MARK-answer", "MARK-support-detail", "MARK-consent-v7", "MARK-cafe-org"):
        assert marker in text, marker
    assert EMAIL in text
    assert "Anmeldungen zu Veranstaltungen" in text  # section titles in the chosen language
    assert "/StructTreeRoot" in str(reader.trailer["/Root"].keys())  # tagged


def test_the_export_is_recorded_without_personal_data(person_everywhere, staff, client):
    client.force_login(staff)
    url = f"/staff/privacy/people/{person_everywhere.pk}/export/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"format": "zip", "language": "de"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert f"person-{person_everywhere.pk}.zip" in response["Content-Disposition"]
    event = AuditEvent.objects.get(action=export.ACTION)
    assert (event.actor, event.subject, event.detail) == (staff, f"person {person_everywhere.pk}", {"format": "zip"})
    response = client.post(url, {"format": "pdf", "language": "en"})
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")


def test_a_bad_format_is_a_form_error_and_exports_nothing(person_everywhere, staff, client):
    client.force_login(staff)
    response = client.post(f"/staff/privacy/people/{person_everywhere.pk}/export/", {"format": "xml"})
    assert response.status_code == 200 and "error-summary" in response.content.decode()
    assert not AuditEvent.objects.filter(action=export.ACTION).exists()
    with pytest.raises(ValueError):
        export.export(person_everywhere, "xml")


@pytest.mark.parametrize("role, status", [("read_only", 403), ("network_coordinator", 403), ("project_staff", 200)])
def test_who_may_export(person_everywhere, make_user, client, role, status):
    client.force_login(make_user(role))
    assert client.get(f"/staff/privacy/people/{person_everywhere.pk}/export/").status_code == status


def test_anonymous_visitors_are_sent_to_the_login(person_everywhere, client):
    response = client.get(f"/staff/privacy/people/{person_everywhere.pk}/export/")
    assert response.status_code == 302 and "login" in response["Location"]

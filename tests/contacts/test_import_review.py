"""The import review page hands writing, file deletion and the audit entry to contacts.services."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from inklusio.contacts import importing
from inklusio.contacts.models import ContactImport, Person
from inklusio.core.models import AuditEvent

pytestmark = pytest.mark.django_db

DATA = b"Vorname;Nachname;E-Mail\nAnna;Import;anna.import@example.org\nBen;Import;ben.import@example.org\n"


def _upload(client, staff):
    client.force_login(staff)
    response = client.post("/staff/contacts/import/", {"file": SimpleUploadedFile("k.csv", DATA)})
    assert response.status_code == 302
    record = ContactImport.objects.get()
    assert importing.upload_path(record).read_bytes() == DATA
    return record


def test_importing_writes_marks_deletes_the_file_and_audits(client, staff):
    record = _upload(client, staff)
    response = client.post(f"/staff/contacts/import/{record.pk}/", {"import": "1"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.status, record.created_count, record.skipped_count) == (ContactImport.Status.IMPORTED, 2, 0)
    assert not importing.upload_path(record).exists()
    assert Person.objects.filter(last_name="Import").count() == 2
    entry = AuditEvent.objects.get(action="contacts.import")
    assert entry.actor == staff and entry.subject == "k.csv"
    assert entry.detail == {"people": 2, "organisations": 0, "skipped": 0, "suppressed": 0}
    # An imported upload cannot be reviewed or imported again.
    assert client.post(f"/staff/contacts/import/{record.pk}/", {"import": "1"}).status_code == 404


def test_discarding_deletes_the_file_and_writes_nothing(client, staff):
    record = _upload(client, staff)
    response = client.post(f"/staff/contacts/import/{record.pk}/discard/")
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == ContactImport.Status.DISCARDED
    assert not importing.upload_path(record).exists()
    assert not Person.objects.filter(last_name="Import").exists()
    assert not AuditEvent.objects.filter(action="contacts.import").exists()

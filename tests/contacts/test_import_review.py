"""The import review page hands writing, file deletion and the audit entry to contacts.services."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from inklusio.contacts import importing
from inklusio.contacts.models import ContactImport, Person
from inklusio.core.models import AuditEvent, ImportJob

pytestmark = pytest.mark.django_db

DATA = b"Vorname;Nachname;E-Mail\nAnna;Import;anna.import@example.org\nBen;Import;ben.import@example.org\n"


def _upload(client, staff):
    client.force_login(staff)
    response = client.post("/staff/contacts/import/", {"file": SimpleUploadedFile("k.csv", DATA)})
    assert response.status_code == 302
    record = ContactImport.objects.get()
    assert importing.upload_path(record).read_bytes() == DATA
    return record


def test_importing_writes_marks_deletes_the_file_and_audits(client, staff, django_capture_on_commit_callbacks):
    record = _upload(client, staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/staff/contacts/import/{record.pk}/", {"import": "1"})
    assert response.status_code == 302
    job = ImportJob.objects.get(kind="contacts", import_id=record.pk)
    assert response["Location"] == f"/staff/imports/{job.pk}/"
    assert (job.state, job.rows_done, job.rows_total, job.attempts) == (ImportJob.State.DONE, 2, 2, 1)
    page = client.get(response["Location"])
    assert job.result["next"] == "/staff/contacts/" and len(job.result["lines"]) == 3
    assert all(line in page.content.decode() for line in job.result["lines"])
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


def test_review_lists_the_rows_it_will_skip_and_why(client, staff):
    from inklusio.contacts.models import Affiliation, Organisation, StakeholderType
    from inklusio.contacts.suppression import suppress

    Person.objects.create(first_name="Anna", last_name="Import", email="anna.import@example.org")
    cem = Person.objects.create(first_name="Cem", last_name="Gül", email="cem@example.org")
    organisation = Organisation.objects.create(name="Brückenwerk", stakeholder_type=StakeholderType.objects.first())
    Affiliation.objects.create(person=cem, organisation=organisation)
    suppress("erased@example.org", reason="erasure")
    data = (
        "Vorname;Nachname;E-Mail;Organisation\n"
        "Anna;Import;ANNA.import@example.org;\n"
        "Cem;Guel;;Brückenwerk\n"
        "Dora;Weg;erased@example.org;\n"
        "Ben;Neu;ben.neu@example.org;\n"
    ).encode()
    client.force_login(staff)
    client.post("/en/staff/contacts/import/", {"file": SimpleUploadedFile("k.csv", data)})
    record = ContactImport.objects.get()
    body = client.get(f"/en/staff/contacts/import/{record.pk}/").content.decode()
    assert "Rows that will be skipped" in body
    rows = body.split("Rows that will be skipped", 1)[1].split("</table>", 1)[0]
    assert '<td class="kern-table__cell">2</td><td class="kern-table__cell">Anna Import</td>' in rows
    assert "A contact with this email address exists." in rows
    assert "Cem Guel" in rows and "A contact with this name at this organisation exists." in rows
    assert '<td class="kern-table__cell">4</td>' in rows and "erased on request" in rows
    assert "erased@example.org" not in rows and "Ben Neu" not in rows

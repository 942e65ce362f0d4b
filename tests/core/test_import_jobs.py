"""Imports are written by the worker (core.importjobs): progress page, result page, failures, retry, 404 for
another user's job, and a worker killed mid-import leaving nothing half-written (a real second process)."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from inklusio.contacts import importing
from inklusio.contacts.models import ContactImport, Person
from inklusio.core import importjobs
from inklusio.core.models import ImportJob
from inklusio.core.taskrecovery import rerunnable_tasks

pytestmark = pytest.mark.django_db

DATA = b"Vorname;Nachname;E-Mail\nAnna;Import;anna.import@example.org\nBen;Import;ben.import@example.org\n"


def _upload(client, user, data=DATA, name="k.csv"):
    client.force_login(user)
    response = client.post("/staff/contacts/import/", {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 302
    return ContactImport.objects.latest("pk")


def _job(owner, **fields):
    defaults = {"kind": "contacts", "import_id": 1, "owner": owner, "filename": "k.csv"}
    return ImportJob.objects.create(**{**defaults, **fields})


def test_progress_page_shows_rows_written_and_works_without_javascript(client, staff, settings, tmp_path):
    settings.UPLOAD_ROOT = tmp_path
    job = _job(staff, state=ImportJob.State.WRITING, rows_total=10_000)
    importjobs._write_progress(job.pk, 2_500, 10_000)
    client.force_login(staff)
    page = client.get(f"/staff/imports/{job.pk}/").content.decode()
    assert 'max="10000" value="2500"' in page
    assert "2.500" in page and "10.000" in page  # German grouping, the page's language
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page
    assert f'href="/staff/imports/{job.pk}/"' in page  # the reload link
    job.state = ImportJob.State.QUEUED
    job.save()
    assert 'value="0"' in client.get(f"/staff/imports/{job.pk}/").content.decode()


def test_polling_stops_once_the_job_is_done(client, staff):
    job = _job(staff, state=ImportJob.State.DONE, result={"lines": ["2 people imported."], "next": "/staff/contacts/"})
    client.force_login(staff)
    response = client.get(f"/staff/imports/{job.pk}/", headers={"HX-Request": "true"})
    assert response.headers["HX-Refresh"] == "true"
    page = client.get(f"/staff/imports/{job.pk}/").content.decode()
    assert "2 people imported." in page and 'href="/staff/contacts/"' in page and "refresh" not in page


def test_another_users_job_is_not_found(client, staff, make_user):
    job = _job(staff, state=ImportJob.State.FAILED, error="x")
    client.force_login(make_user("project_staff"))
    assert client.get(f"/staff/imports/{job.pk}/").status_code == 404
    assert client.post(f"/staff/imports/{job.pk}/retry/").status_code == 404
    assert client.get("/staff/imports/999999/").status_code == 404
    job.refresh_from_db()
    assert job.state == ImportJob.State.FAILED


def test_the_whole_flow_queues_the_write_and_shows_the_result(client, staff, django_capture_on_commit_callbacks):
    record = _upload(client, staff)
    assert record.stage == ContactImport.Stage.READY and not ImportJob.objects.exists()  # the upload only reads
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/staff/contacts/import/{record.pk}/", {"import": "1", "map_last_name": "Nachname"})
    job = ImportJob.objects.get()
    assert response["Location"] == f"/staff/imports/{job.pk}/"
    assert (job.state, job.rows_done, job.owner) == (ImportJob.State.DONE, 2, staff)
    assert Person.objects.filter(last_name="Import").count() == 2
    assert not importjobs.progress_path(job.pk).exists()


def test_a_writer_error_writes_nothing_and_offers_a_retry(client, staff, monkeypatch):
    record = _upload(client, staff)
    real = importing.execute_import

    def broken(plan, progress=None):
        real(plan, progress=progress)  # every row written ...
        raise RuntimeError("disk full")  # ... then it fails: all of it is rolled back

    monkeypatch.setattr(importing, "execute_import", broken)
    response = client.post(f"/staff/contacts/import/{record.pk}/", {"import": "1", "map_last_name": "Nachname"})
    job = ImportJob.objects.get()
    assert job.state == ImportJob.State.FAILED and job.error
    assert not Person.objects.filter(last_name="Import").exists()
    record.refresh_from_db()
    assert record.status == ContactImport.Status.PENDING
    page = client.get(response["Location"]).content.decode()
    assert f'action="/staff/imports/{job.pk}/retry/"' in page
    monkeypatch.setattr(importing, "execute_import", real)
    assert client.post(f"/staff/imports/{job.pk}/retry/").status_code == 302
    job.refresh_from_db()
    assert (job.state, job.attempts) == (ImportJob.State.DONE, 2)
    assert Person.objects.filter(last_name="Import").count() == 2
    # a finished job is not retried (nothing is written twice)
    client.post(f"/staff/imports/{job.pk}/retry/")
    assert Person.objects.filter(last_name="Import").count() == 2


def test_a_base_changed_since_the_review_sends_back_to_it(client, staff, monkeypatch):
    record = _upload(client, staff)
    real = importing.plan_table

    def changed(table, mapping=None):
        plan = real(table, mapping)
        plan.errors.append(importing.RowIssue(2, "E-Mail", "changed meanwhile"))
        return plan

    monkeypatch.setattr(importing, "plan_table", changed)
    response = client.post(f"/staff/contacts/import/{record.pk}/", {"import": "1", "map_last_name": "Nachname"})
    job = ImportJob.objects.get()
    assert job.state == ImportJob.State.REVIEW
    assert client.get(response["Location"])["Location"] == f"/staff/contacts/import/{record.pk}/"
    record.refresh_from_db()
    assert record.review["error_count"] == 1 and "changed meanwhile" in record.review["errors"][0]
    assert not Person.objects.filter(last_name="Import").exists()


def _xlsx_declaring(rows: int) -> bytes:
    buffer = io.BytesIO()
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="A1:C{rows}"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Nachname</t></is></c>'
        "</row></sheetData></worksheet>"
    )
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            '<sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (None, "million.xlsx", "1.000.000"),  # a small file claiming a million rows: refused, nothing queued
        (b"Spalte;Andere\nx;y\n", "falsch.csv", "Nachname"),  # wrong columns: the required one is missing
        (DATA + b"Anna;Import;anna.import@example.org\n", "doppelt.csv", "2"),  # a duplicate row: named
    ],
)
def test_bad_input_never_reaches_the_worker_write(client, staff, data, name, expected):
    data = data if data is not None else _xlsx_declaring(1_000_000)
    assert len(data) < 5_000
    record = _upload(client, staff, data, name)
    page = client.get(f"/staff/contacts/import/{record.pk}/").content.decode()
    assert 'name="import"' not in page and expected in page
    record.refresh_from_db()
    mapping = {f"map_{k}": v for k, v in record.review.get("mapping", {}).items()}
    response = client.post(f"/staff/contacts/import/{record.pk}/", {"import": "1", **mapping})
    assert response.status_code in (200, 302) and not ImportJob.objects.exists()
    assert not Person.objects.filter(last_name="Import").exists()


def test_the_write_task_may_run_again_after_its_worker_died():
    assert "inklusio.core.tasks.write_import" in rerunnable_tasks()


@pytest.mark.rendering
def test_the_job_pages_pass_the_nu_html_checker(client, staff, settings, tmp_path):
    from tests.security.test_valid_html import vnu_errors, vnu_or_skip

    command = vnu_or_skip()
    settings.UPLOAD_ROOT = tmp_path
    client.force_login(staff)
    pages = {}
    for state, extra in (
        ("queued", {}),
        ("writing", {}),
        ("done", {"result": {"lines": ["2 Personen importiert."], "next": "/staff/contacts/", "next_label": "Weiter"}}),
        ("failed", {"error": "Es wurde nichts importiert."}),
    ):
        job = _job(staff, state=state, rows_total=10, **extra)
        if state == "writing":
            importjobs._write_progress(job.pk, 4, 10)
        for prefix in ("", "/en"):
            path = f"{prefix}/staff/imports/{job.pk}/"
            response = client.get(path)
            assert response.status_code == 200, path
            pages[path] = response.content.decode()
    assert vnu_errors(command, pages, tmp_path) == []


def test_a_worker_killed_mid_import_leaves_nothing_and_the_next_run_writes_it(tmp_path):
    """A real second process runs the job's task and dies (``os._exit``) after writing every person, before the
    commit: nothing is in the database; the job is still WRITING and its task re-runnable, and the next run
    writes everything once."""
    from tests.mailings.crossprocess import database_url, environment, migrate, run_django

    env = environment(tmp_path, database_url(tmp_path, "importjob_killed"), 1)
    migrate(env)
    rows = "".join(f"P;Person{i};p{i}@example.org\n" for i in range(3000))
    (tmp_path / "k.csv").write_text("Vorname;Nachname;E-Mail\n" + rows, encoding="utf-8")
    job_id = run_django(
        env,
        f"""
import shutil, uuid
from django.contrib.auth.models import User
from inklusio.contacts import importing
from inklusio.contacts.models import ContactImport
from inklusio.core.models import ImportJob
user = User.objects.create_user("importer")
record = ContactImport.objects.create(uploaded_by=user, filename="k.csv", stored_as=uuid.uuid4().hex)
importing.upload_path(record).parent.mkdir(parents=True, exist_ok=True)
shutil.copy({str(tmp_path / "k.csv")!r}, importing.upload_path(record))
importing.prepare(record)
record.refresh_from_db()
job = ImportJob.objects.create(kind="contacts", import_id=record.pk, owner=user, filename="k.csv",
                               params={{"mapping": record.review["mapping"]}}, rows_total=record.review["new"])
print(job.pk)
""",
    ).strip()
    kill = f"""
import os
from inklusio.contacts import importing
from inklusio.core import importjobs
real = importing.insert_select
def insert_then_die(model, *args, **kwargs):
    count = real(model, *args, **kwargs)
    if model.__name__ == "Person":
        os._exit(9)  # the worker dies inside the import's transaction, the people written
    return count
importing.insert_select = insert_then_die
importjobs.run({job_id})
"""
    with pytest.raises(RuntimeError):
        run_django(env, kill)
    state = """
import json
from inklusio.contacts.models import ContactImport, Person
from inklusio.core.models import ImportJob
job = ImportJob.objects.get(pk={job_id})
print(json.dumps([Person.objects.count(), job.state, job.attempts, ContactImport.objects.get().status]))
"""
    assert run_django(env, state.format(job_id=job_id)).strip() == '[0, "writing", 1, "pending"]'
    run_django(env, f"from inklusio.core import importjobs\nimportjobs.run({job_id})")  # what a re-queued task does
    assert run_django(env, state.format(job_id=job_id)).strip() == '[3000, "done", 2, "imported"]'

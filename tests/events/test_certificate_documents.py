"""All certificates of an event as a ZIP made in the worker (core.documents): the job, its progress page and
download, who may open them (only the user who asked: anyone else gets 404), failures and pruning."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from inklusio.core import documents
from inklusio.core.models import DocumentJob
from inklusio.events import services
from inklusio.events.models import Attendance
from tests.pdf_structure import problems

from .conftest import data as reg_data_of
from .test_certificates import organisation  # noqa: F401 — the fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def ended_event(make_event):
    now = timezone.now()
    return make_event(
        starts_at=now - timedelta(days=2), ends_at=now - timedelta(days=2) + timedelta(hours=7), capacity=100
    )


def attend(event, *days, n=1):
    """Registered before the event (registration closes when it starts), present on ``days``."""
    registration, _ = services.register(event.pk, reg_data_of(n), now=event.starts_at - timedelta(days=3))
    for day in days:
        Attendance.objects.create(registration=registration, day=day)
    return registration


def attendees(event, count):
    day = timezone.localtime(event.starts_at).date()
    return [attend(event, day, n=i + 1) for i in range(count)]


def start_download(client, event, capture):
    with capture(execute=True):
        return client.post(reverse("events:certificates_download", args=[event.pk]))


def test_the_zip_holds_one_tagged_certificate_per_attendee(
    client,
    staff,
    organisation,  # noqa: F811 — the fixture imported above
    ended_event,
    django_capture_on_commit_callbacks,
):
    registrations = attendees(ended_event, 3)
    attend(ended_event, n=9)  # registered, never attended: no certificate
    client.force_login(staff)
    response = start_download(client, ended_event, django_capture_on_commit_callbacks)
    job = DocumentJob.objects.get()
    assert response.status_code == 302 and response.url == reverse("core:document_job", args=[job.pk])
    assert job.status == "done" and (job.done, job.total) == (3, 3) and job.owner == staff

    page = client.get(response.url).content.decode()
    assert reverse("core:document_download", args=[job.pk]) in page and "data-hx-trigger" not in page
    download = client.get(reverse("core:document_download", args=[job.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/zip"
    assert "attachment" in download["Content-Disposition"] and job.filename.endswith(".zip")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert len(archive.namelist()) == 3
    for name in archive.namelist():
        assert problems(archive.read(name)) == [], name
    last_names = {r.person.last_name.lower() for r in registrations}
    assert {name.split("-")[0] for name in archive.namelist()} == {n.split()[0] for n in last_names}


def test_before_the_end_there_is_no_job(client, staff, make_event, django_capture_on_commit_callbacks):
    event = make_event(
        starts_at=timezone.now() + timedelta(days=1), ends_at=timezone.now() + timedelta(days=1, hours=2)
    )
    client.force_login(staff)
    response = start_download(client, event, django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response.url == event.get_absolute_url()
    assert not DocumentJob.objects.exists()


def test_get_is_refused_and_reviewers_may_not_start_it(client, staff, make_user, ended_event):
    client.force_login(staff)
    assert client.get(reverse("events:certificates_download", args=[ended_event.pk])).status_code == 405
    client.force_login(make_user("read_only"))
    assert client.post(reverse("events:certificates_download", args=[ended_event.pk])).status_code == 403
    assert not DocumentJob.objects.exists()


def test_nobody_attended_fails_with_a_reason(client, staff, ended_event, django_capture_on_commit_callbacks):
    attend(ended_event, n=1)
    client.force_login(staff)
    response = start_download(client, ended_event, django_capture_on_commit_callbacks)
    job = DocumentJob.objects.get()
    assert job.status == "failed" and job.error == "Niemand hat teilgenommen, daher gibt es keine Bescheinigungen."
    page = client.get(response.url).content.decode()
    assert job.error in page
    assert client.get(reverse("core:document_download", args=[job.pk])).status_code == 404


def test_an_unexpected_error_fails_the_job_and_leaves_no_file(staff, ended_event, monkeypatch, settings):
    attendees(ended_event, 1)

    def broken(params, out, progress):
        out.write(b"half")
        raise RuntimeError("disk full")

    monkeypatch.setattr(documents, "builder", lambda kind: broken)
    job = DocumentJob.objects.create(owner=staff, kind="events.certificates", title="x", params={})
    with pytest.raises(RuntimeError):
        documents.build(job.pk)
    job.refresh_from_db()
    assert job.status == "failed" and "disk full" not in job.error and job.error
    assert list(documents.directory().iterdir()) == []


def test_an_unknown_kind_is_refused():
    with pytest.raises(documents.DocumentError):
        documents.builder("nothing.here")


def test_a_deleted_event_fails_the_job(staff):
    job = DocumentJob.objects.create(owner=staff, kind="events.certificates", title="x", params={"event": 99999})
    assert documents.build(job.pk) == "failed"
    job.refresh_from_db()
    assert job.error


def test_another_users_job_answers_404(client, staff, lead, make_user, ended_event):
    attendees(ended_event, 1)
    job = DocumentJob.objects.create(
        owner=staff, kind="events.certificates", title="x", params={"event": ended_event.pk}
    )
    documents.build(job.pk)
    job.refresh_from_db()
    assert job.status == "done"
    for other in (lead, make_user("project_staff", "other-staff")):
        client.force_login(other)
        assert client.get(reverse("core:document_job", args=[job.pk])).status_code == 404
        assert client.get(reverse("core:document_download", args=[job.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("core:document_download", args=[job.pk])).status_code == 302  # to the login
    client.force_login(staff)
    assert client.get(reverse("core:document_job", args=[job.pk + 1])).status_code == 404


def test_a_running_job_shows_its_progress_and_polls(client, staff):
    job = DocumentJob.objects.create(
        owner=staff, kind="events.certificates", title="Bescheinigungen", status="running", done=120, total=500
    )
    client.force_login(staff)
    page = client.get(reverse("core:document_job", args=[job.pk])).content.decode()
    assert 'value="24"' in page and "120" in page and "500" in page and 'data-hx-trigger="every 2s"' in page
    assert client.get(reverse("core:document_download", args=[job.pk])).status_code == 404


def test_old_jobs_are_pruned_with_their_files(staff, ended_event):
    attendees(ended_event, 1)
    job = DocumentJob.objects.create(
        owner=staff, kind="events.certificates", title="x", params={"event": ended_event.pk}
    )
    documents.build(job.pk)
    job.refresh_from_db()
    path = documents.file_path(job)
    assert path.exists()
    fresh = DocumentJob.objects.create(owner=staff, kind="events.certificates", title="y")
    assert documents.prune(timezone.now() + timedelta(hours=23)) == 0
    assert documents.prune(timezone.now() + documents.KEEP + timedelta(minutes=1)) == 2
    assert not path.exists() and not DocumentJob.objects.filter(pk__in=[job.pk, fresh.pk]).exists()


def test_a_second_run_after_a_dead_worker_makes_it_again(staff, ended_event):
    attendees(ended_event, 2)
    job = DocumentJob.objects.create(
        owner=staff, kind="events.certificates", title="x", params={"event": ended_event.pk}
    )
    DocumentJob.objects.filter(pk=job.pk).update(status="running", done=1, total=2)  # the first worker died here
    assert documents.build(job.pk) == "done"
    job.refresh_from_db()
    assert (job.done, job.total) == (2, 2) and zipfile.ZipFile(documents.file_path(job)).namelist()
    assert (
        "inklusio.core.tasks.build_document"
        in __import__("inklusio.core.taskrecovery").core.taskrecovery.rerunnable_tasks()
    )


def test_attendance_removed_meanwhile_is_skipped(staff, ended_event):
    first, second = attendees(ended_event, 2)
    Attendance.objects.filter(registration=second).delete()
    job = DocumentJob.objects.create(
        owner=staff, kind="events.certificates", title="x", params={"event": ended_event.pk}
    )
    assert documents.build(job.pk) == "done"
    job.refresh_from_db()
    assert len(zipfile.ZipFile(documents.file_path(job)).namelist()) == 1


def test_the_job_pages_pass_the_nu_html_checker(client, staff, ended_event, tmp_path):
    from tests.security.test_valid_html import vnu_errors, vnu_or_skip

    command = vnu_or_skip()
    client.force_login(staff)
    pages = {}
    for status, extra in (("queued", {}), ("running", {"done": 2, "total": 5}), ("failed", {"error": "Kaputt."})):
        job = DocumentJob.objects.create(owner=staff, kind="events.certificates", title="B", status=status, **extra)
        for prefix in ("", "/en"):
            path = f"{prefix}/staff/documents/{job.pk}/"
            pages[path] = client.get(path).content.decode()
    attendees(ended_event, 1)
    job = DocumentJob.objects.create(
        owner=staff, kind="events.certificates", title="B", params={"event": ended_event.pk}
    )
    documents.build(job.pk)
    pages["done"] = client.get(f"/staff/documents/{job.pk}/").content.decode()
    pages["event"] = client.get(ended_event.get_absolute_url()).content.decode()
    assert "certificates/download/" in pages["event"]
    errors = vnu_errors(command, pages, tmp_path)
    assert not errors, "\n".join(errors)

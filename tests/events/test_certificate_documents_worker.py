"""The certificate ZIP is made by the real worker (``inklusio worker`` in its own process, tasks in the database),
the way the staff page asks for it; progress and the finished file are read back from another process."""

import io
import json
import zipfile
from pathlib import Path

import pytest

from ..mailings.crossprocess import database_url, environment, free_port, migrate, run_django, start_worker, wait_for

SETUP = """
from datetime import timedelta
from django.contrib.auth.models import Group, User
from django.db import transaction
from django.utils import timezone
from inklusio.contacts.services import find_or_create_person
from inklusio.core import documents
from inklusio.core.models import Project
from inklusio.events.models import Attendance, Event, Registration
now = timezone.now()
from datetime import date
project = Project.objects.create(title="Testprojekt", slug="ao", funder="Aktion Mensch", start=date(2024, 1, 1),
                                 end=date(2027, 12, 31))
event = Event.objects.create(project=project, title="Fachtag", slug="fachtag", kind="conference_day",
    starts_at=now - timedelta(days=2), ends_at=now - timedelta(days=2, hours=-7), capacity=50, visibility="public")
for i in range({n}):
    person = find_or_create_person(
        email=f"p{{i}}@example.org", user=None, first_name="Vor", last_name=f"Name {{i:02d}}"
    )
    registration = Registration.objects.create(event=event, person=person, status="confirmed")
    Attendance.objects.create(registration=registration, day=event.starts_at.date())
user = User.objects.create_user("staff", password="x")
user.groups.add(Group.objects.get(name="project_staff"))
with transaction.atomic():
    job = documents.start(user=user, kind="events.certificates", title="Bescheinigungen", params={{"event": event.pk}})
print(job.pk)
"""

STATE = """
import json
from inklusio.core import documents
from inklusio.core.models import DocumentJob
job = DocumentJob.objects.get(pk={pk})
path = documents.file_path(job) if job.stored_as else None
print(json.dumps({{"status": job.status, "done": job.done, "total": job.total, "error": job.error,
                  "filename": job.filename, "path": str(path) if path else None}}))
"""


@pytest.mark.slow
def test_the_worker_makes_the_zip_and_reports_progress(tmp_path):
    env = environment(tmp_path, database_url(tmp_path, "inklusio_document_worker"), free_port())
    migrate(env)
    count = 6
    pk = int(run_django(env, SETUP.format(n=count)).strip().splitlines()[-1])
    assert json.loads(run_django(env, STATE.format(pk=pk)))["status"] == "queued"  # nothing ran in the request
    worker = start_worker(env, tmp_path / "worker.log")
    seen = []
    try:

        def finished():
            state = json.loads(run_django(env, STATE.format(pk=pk)))
            seen.append((state["status"], state["done"]))
            return state if state["status"] in ("done", "failed") else None

        state = wait_for(finished, timeout=300, interval=0.5, what="the document job")
    finally:
        worker.terminate()
        worker.wait(timeout=60)
    assert state["status"] == "done", (state, (tmp_path / "worker.log").read_text()[-3000:])
    assert (state["done"], state["total"]) == (count, count) and state["filename"].endswith(".zip")
    archive = zipfile.ZipFile(io.BytesIO(Path(state["path"]).read_bytes()))
    assert sorted(archive.namelist()) == [f"name-{i:02d}-vor.pdf" for i in range(count)]
    assert all(archive.read(name).startswith(b"%PDF-") for name in archive.namelist())
    assert all(done <= count for _status, done in seen)

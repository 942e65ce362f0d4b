"""Documents without waiting (issue 22, part 5): how long the staff waits for each PDF, warm and cold.

Usage: python benchmarks/documents.py [--attendees 500] [--participants 100] [--repeats 3] [--only cards,report]

Builds the demo data in a fresh SQLite database (``inklusio load-demo``), adds a World Café with
``--participants`` people at 12 tables (4 rounds, the first valid plan) and an ended event with ``--attendees``
people who attended. Then, through real requests (Django's test client, a logged-in superuser):

- the World Café cards (one table card per table, one large-print card per participant) and the funder report
  PDF: *warm* is the median of ``--repeats`` requests in a process that has made one before; *cold* is the
  first request in a fresh process (Django set up, WeasyPrint not yet imported), each kind in its own process.
  Target: under 1.5 s warm.
- all certificates of the event: the request that asks for them (it only records the job and queues it) and,
  separately, the worker's time to make the ZIP (``core.documents.build``, as the worker runs it). The request's
  target is under 1 s; the worker's time has no target (it runs in the background), it is printed to show why.

``--only`` measures some of ``cards``, ``report`` and ``certificates`` (the certificates take the longest).

Every figure is printed with its target, the ratio (measured / target) and whether it holds, plus the process's
CPU time and the load average: the machine is shared, so a wall-clock figure above the CPU figure means waiting
for a core, not work.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

from demo_database import load_demo, sqlite_environment  # this folder is on the path

WARM_TARGET = 1.5
REQUEST_TARGET = 1.0

SETUP = """
from datetime import timedelta
from django.contrib.auth.models import User
from django.utils import timezone
from inklusio.contacts.services import find_or_create_person
from inklusio.core.models import Project
from inklusio.events.models import Attendance, Event, Registration
from inklusio.worldcafe import services
from inklusio.worldcafe.models import CafeParticipant, CafeTable, WorldCafe

project = Project.objects.get(slug="ausbildungsoffensive")
cafe = WorldCafe.objects.create(project=project, title="Fachtag World Café", rounds=4)
CafeTable.objects.bulk_create([CafeTable(cafe=cafe, name=f"Tisch {i + 1}", capacity=10, position=i) for i in range(12)])
CafeParticipant.objects.bulk_create([
    CafeParticipant(cafe=cafe, name=f"Teilnehmer*in {i:03d}", organisation=f"Organisation {i // 5}",
                    stakeholder_type=f"Gruppe {i % 4}") for i in range(PARTICIPANTS)
])
services.make_plan(cafe, time_limit=0)
now = timezone.now()
event = Event.objects.create(project=project, title="Großer Fachtag", slug="grosser-fachtag", kind="conference_day",
    starts_at=now - timedelta(days=3), ends_at=now - timedelta(days=3, hours=-7), capacity=ATTENDEES,
    venue="Kongresshalle", address="Hauptstraße 1\\n34117 Kassel", visibility="public")
day = timezone.localtime(event.starts_at).date()
for i in range(ATTENDEES):
    person = find_or_create_person(
        email=f"bench{i}@example.org", user=None, first_name="Vor", last_name=f"Name {i:03d}"
    )
    registration = Registration.objects.create(event=event, person=person, status="confirmed")
    Attendance.objects.create(registration=registration, day=day)
User.objects.create_superuser("bench", "bench@example.org", "bench-password-123")
print(json.dumps({"cafe": cafe.pk, "event": event.pk}))
"""

MEASURE = """
import json, os, statistics, time
started_process = float(os.environ["BENCH_T0"])
import django
django.setup()
from django.contrib.auth.models import User
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
client = Client()
client.force_login(User.objects.get(username="bench"))
ids = json.loads(os.environ["BENCH_IDS"])
urls = {"cards": f"/staff/worldcafe/{ids['cafe']}/cards.pdf",
        "report": "/staff/impact/ausbildungsoffensive/report/export/pdf/"}
mode, kinds, repeats = os.environ["BENCH_MODE"], os.environ["BENCH_KINDS"].split(","), int(os.environ["BENCH_REPEATS"])
out = {}
for kind in kinds:
    def get():
        wall, cpu = time.perf_counter(), time.process_time()
        response = client.get(urls[kind])
        assert response.status_code == 200 and response.content.startswith(b"%PDF-"), response.status_code
        return time.perf_counter() - wall, time.process_time() - cpu, len(response.content)
    if mode == "cold":
        wall, cpu, size = get()
        out[kind] = {"wall": wall, "cpu": cpu, "bytes": size, "since_start": time.perf_counter() - started_process}
    else:
        get()  # warm up: templates, WeasyPrint, fonts
        runs = [get() for _ in range(repeats)]
        out[kind] = {"wall": statistics.median(r[0] for r in runs), "cpu": statistics.median(r[1] for r in runs),
                     "bytes": runs[0][2], "runs": [round(r[0], 3) for r in runs]}
print(json.dumps(out))
"""

CERTIFICATES = """
import json, os, time
import django
django.setup()
from django.contrib.auth.models import User
from django.test import Client
from django.test.utils import setup_test_environment
from inklusio.core import documents
from inklusio.core.models import DocumentJob
setup_test_environment()
client = Client()
client.force_login(User.objects.get(username="bench"))
ids = json.loads(os.environ["BENCH_IDS"])
client.get(f"/staff/events/{ids['event']}/")  # the page the button is on (loads the templates)
wall = time.perf_counter()
response = client.post(f"/staff/events/{ids['event']}/certificates/download/")
request = time.perf_counter() - wall
assert response.status_code == 302, response.status_code
job = DocumentJob.objects.get()
assert job.status == "queued"
wall, cpu = time.perf_counter(), time.process_time()
status = documents.build(job.pk)
job.refresh_from_db()
print(json.dumps({"request": request, "worker_wall": time.perf_counter() - wall,
                  "worker_cpu": time.process_time() - cpu, "status": status, "count": job.total,
                  "bytes": documents.file_path(job).stat().st_size}))
"""


def run(env: dict, code: str, **extra) -> dict:
    environment = {**env, **{k: str(v) for k, v in extra.items()}, "BENCH_T0": str(time.time())}
    script = code if "django.setup()" in code else "import json\nimport django\ndjango.setup()\n" + code
    # BENCH_T0 is wall-clock time; the child compares it with perf_counter, so convert there
    script = script.replace(
        'float(os.environ["BENCH_T0"])', 'time.perf_counter() - (time.time() - float(os.environ["BENCH_T0"]))'
    )
    done = subprocess.run([sys.executable, "-c", script], env=environment, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(done.stderr[-4000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def verdict(name: str, measured: float, target: float, note: str = "") -> str:
    holds = "holds" if measured < target else "MISSED"
    return f"  {name:<40} {measured:7.2f} s  target < {target:.1f} s  ratio {measured / target:5.2f}  {holds}{note}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=100)
    parser.add_argument("--attendees", type=int, default=500)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--only", default="cards,report,certificates", help="some of cards,report,certificates")
    args = parser.parse_args()
    only = [part.strip() for part in args.only.split(",") if part.strip()]
    if unknown := set(only) - {"cards", "report", "certificates"}:
        parser.error(f"--only: unknown {', '.join(sorted(unknown))}")
    kinds = [kind for kind in ("cards", "report") if kind in only]
    with tempfile.TemporaryDirectory(prefix="inklusio-documents-") as tmp:
        env = sqlite_environment(tmp, TASKS_BACKEND="django_tasks_db.DatabaseBackend")
        print(f"building the demo data, a café of {args.participants} and an event with {args.attendees} attendees …")
        load_demo(env)
        setup = SETUP.replace("PARTICIPANTS", str(args.participants)).replace("ATTENDEES", str(args.attendees))
        ids = json.dumps(run(env, setup))
        common = {"BENCH_IDS": ids, "BENCH_REPEATS": args.repeats}
        warm = run(env, MEASURE, BENCH_MODE="warm", BENCH_KINDS=",".join(kinds), **common) if kinds else {}
        cold = {kind: run(env, MEASURE, BENCH_MODE="cold", BENCH_KINDS=kind, **common)[kind] for kind in kinds}
        certificates = run(env, CERTIFICATES, BENCH_IDS=ids) if "certificates" in only else None
    load = os.getloadavg()
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores (shared machine)")
    labels = {"cards": f"World Café cards, {args.participants} participants", "report": "funder report PDF (demo)"}
    labels = {kind: label for kind, label in labels.items() if kind in kinds}
    print(f"warm (median of {args.repeats} requests after one):")
    for kind, label in labels.items():
        figure = warm[kind]
        print(
            verdict(
                label,
                figure["wall"],
                WARM_TARGET,
                f"  (CPU {figure['cpu']:.2f} s, {figure['bytes'] // 1024} KiB, runs {figure['runs']})",
            )
        )
    print("cold (first request in a fresh process; no target, shown for comparison with the warm figure):")
    for kind, label in labels.items():
        figure = cold[kind]
        print(
            f"  {label:<40} {figure['wall']:7.2f} s  (CPU {figure['cpu']:.2f} s; "
            f"{figure['since_start']:.2f} s since the process started)"
        )
    if certificates is None:
        return
    print(f"certificates for {certificates['count']} attendees (a ZIP, made in the worker):")
    print(verdict("the request that asks for them", certificates["request"], REQUEST_TARGET))
    wall, cpu = certificates["worker_wall"], certificates["worker_cpu"]
    per = wall / max(certificates["count"], 1)
    print(
        f"  {'the worker, making the ZIP':<40} {wall:7.2f} s  (CPU {cpu:.2f} s, {per * 1000:.0f} ms per certificate, "
        f"{certificates['bytes'] // 1024} KiB; {wall / WARM_TARGET:.0f}× the 1.5 s a request may take: so the worker)"
    )


if __name__ == "__main__":
    main()

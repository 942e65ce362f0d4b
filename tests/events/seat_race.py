"""Helper of test_seat_concurrency: race registrations and cancellations from several processes on one database.

``python seat_race.py --seats 12 --processes 6``: migrates the database of DATABASE_URL, creates an event, starts
the worker processes (``--worker``), and prints one JSON line with the outcome."""

import argparse
import json
import os
import subprocess
import sys
import time

import django


def _setup():
    django.setup()


def worker(event_id: int, first: int, count: int, start_at: float) -> dict:
    from inklusio.events import services
    from inklusio.events.models import Registration
    from inklusio.events.services import RegistrationData

    errors, cancelled = [], 0
    while time.time() < start_at:
        time.sleep(0.005)
    for n in range(first, first + count):
        try:
            registration, _ = services.register(
                event_id, RegistrationData(email=f"race{n}@example.org", first_name=f"V{n}", last_name=f"N{n}")
            )
            if n % 4 == 0 and registration.status == Registration.Status.CONFIRMED:
                cancelled += services.cancel(registration.pk) is not None
        except Exception as error:  # reported to the test, which fails on any
            errors.append(f"{n}: {error!r}")
    return {"errors": errors, "cancelled": cancelled}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seats", type=int, default=12)
    parser.add_argument("--processes", type=int, default=6)
    parser.add_argument("--per-process", type=int, default=10)
    parser.add_argument("--worker", nargs=3, type=float)  # event id, first number, start time
    args = parser.parse_args()
    _setup()
    if args.worker:
        event_id, first, start_at = args.worker
        print(json.dumps(worker(int(event_id), int(first), args.per_process, start_at)))
        return 0

    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    from inklusio.core.models import Project
    from inklusio.events.models import Event, Registration

    call_command("migrate", verbosity=0)
    today = timezone.localdate()
    project = Project.objects.create(title="Race", slug="race", funder="-", start=today, end=today)
    now = timezone.now()
    event = Event.objects.create(
        project=project,
        title="Wettlauf",
        slug="wettlauf",
        starts_at=now + timedelta(days=3),
        ends_at=now + timedelta(days=3, hours=2),
        capacity=args.seats,
        visibility=Event.Visibility.PUBLIC,
    )
    start_at = time.time() + 3
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                __file__,
                "--per-process",
                str(args.per_process),
                "--worker",
                str(event.pk),
                str(i * args.per_process),
                str(start_at),
            ],
            env=os.environ,
            stdout=subprocess.PIPE,
            text=True,
        )
        for i in range(args.processes)
    ]
    errors, cancels = [], 0
    for process in workers:
        out, _ = process.communicate(timeout=600)
        if process.returncode or not out.strip():
            errors.append(f"worker exit {process.returncode}")
            continue
        report = json.loads(out.strip().splitlines()[-1])
        errors += report["errors"]
        cancels += report["cancelled"]
    counts = {
        s: Registration.objects.filter(event=event, status=s).count() for s in ("confirmed", "waitlisted", "cancelled")
    }
    event.refresh_from_db()
    print(
        json.dumps(
            {
                **counts,
                "seats_taken": event.seats_taken,
                "registered": args.processes * args.per_process,
                "cancels": cancels,
                "errors": errors,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

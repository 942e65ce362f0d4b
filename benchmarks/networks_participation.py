"""Active participants and report figures for the networks app, on a scaled-up network base.

Usage: python benchmarks/networks_participation.py [--networks N] [--meetings M] [--people P] [--postgres URL]
Builds N networks with M meetings each and attendance drawn from P people in a fresh database, then times
the figures the impact report and the network pages use (database aggregates) against counting the same
attendance rows in Python, and the SVG chart of one network's stakeholder mix.
"""

import argparse
import os
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

TOP = Path(__file__).resolve().parent.parent


def timed(label, func, repeat=3):
    best = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = func()
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    print(f"  {label:<52} {best * 1000:8.1f} ms   -> {result if not isinstance(result, dict) else len(result)}")
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--networks", type=int, default=30)
    parser.add_argument("--meetings", type=int, default=40)
    parser.add_argument("--people", type=int, default=6000)
    parser.add_argument("--postgres", default="")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="bench-networks-")
    os.environ["INKLUSIO_VAR_DIR"] = tmp
    if args.postgres:
        os.environ["DATABASE_URL"] = args.postgres
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inklusio.settings")
    sys.path.insert(0, str(TOP / "src"))
    import random

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from inklusio.contacts.models import Person, StakeholderType
    from inklusio.networks import charts, figures, participation
    from inklusio.networks.models import Attendance, Meeting, Membership, Network

    if args.postgres:
        call_command("flush", "--no-input", verbosity=0)
    call_command("migrate", verbosity=0)
    rng = random.Random(5)
    types = list(StakeholderType.objects.all())
    started = time.perf_counter()
    Person.objects.bulk_create(
        [
            Person(
                first_name="P",
                last_name=f"L{i}",
                name_key=f"p l{i}",
                email=f"p{i}@example.org",
                stakeholder_type=rng.choice(types),
            )  # fmt: skip
            for i in range(args.people)
        ],
        batch_size=2000,
    )
    people = list(Person.objects.values_list("pk", flat=True))
    tz = timezone.get_current_timezone()
    for n in range(args.networks):
        network = Network.objects.create(name=f"Netzwerk {n}", regions=["DE-HE"], founded_on=date(2020, 1, 1))
        members = rng.sample(people, 80)
        Membership.objects.bulk_create(
            [Membership(network=network, person_id=p, joined_on=date(2020, 1, 1)) for p in members]
        )
        for m in range(args.meetings):
            start = datetime(2020, 1, 1, 14, tzinfo=tz) + timedelta(days=40 * m)
            meeting = Meeting.objects.create(
                network=network, title="T", starts_at=start, ends_at=start + timedelta(hours=2), format="online"
            )
            Attendance.objects.bulk_create(
                [Attendance(meeting=meeting, person_id=p, attended=rng.random() < 0.4) for p in members]
            )
    print(
        f"database: {connection.vendor}; built {Network.objects.count()} networks, {Meeting.objects.count()} "
        f"meetings, {Attendance.objects.count()} attendance rows in {time.perf_counter() - started:.1f} s"
    )
    period = (date(2021, 1, 1), date(2023, 12, 31))
    print("report figures (database aggregates):")
    timed("active participants, all networks, one period", lambda: figures.active_participants(*period))
    timed("active participants per network", lambda: figures.active_participants_per_network(*period))
    timed("meetings held", lambda: figures.meetings_held(*period))
    timed("stakeholder types represented", lambda: figures.stakeholder_types_represented(*period))

    def in_python():
        lower, upper = participation.period_bounds(*period)
        seen = {}
        for person_id, meeting_id, starts in Attendance.objects.filter(attended=True).values_list(
            "person_id", "meeting_id", "meeting__starts_at"
        ):
            if lower <= starts < upper:
                seen.setdefault(person_id, set()).add(meeting_id)
        return len(seen)

    print("comparison:")
    timed("same count by loading attendance rows into Python", in_python)
    first = Network.objects.first()
    mix = participation.stakeholder_mix(participation.active_participants(Network.objects.filter(pk=first.pk)))
    timed("stakeholder mix chart (matplotlib SVG) for one network",
          lambda: len(charts.bar_chart_svg(mix, title="t", description="d", element_id="x")))  # fmt: skip


if __name__ == "__main__":
    main()

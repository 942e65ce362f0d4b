"""Impact report speed: the JSON report and the dashboard page of a large synthetic project.

Usage: python benchmarks/report.py [--scale F] [--people N] [--inquiries N] [--postgres URL] [--skip-postgres]

Builds a project through the area models (``BUILDERS``: contacts, events, mailings, outreach, networks;
an area without a builder is named as skipped), then times, on SQLite and on PostgreSQL (each a fresh
database in its own process): the JSON report (build + serialise) and the dashboard page (a real request
through the test client, charts included), with the number of database queries. Each is measured at a
small and at the full data size, so the output shows whether the query count grows with the data (it must
not). Target (issue 9): under one second for each on PostgreSQL.

Full size (issue 9): 100,000 people, 50,000 inquiries, 200 events (expert days, online congresses,
workshops; six programme items each, two contributions per item), 50,000 registrations (attendance at
in-person events, some support needs, feedback), 100 Infoletter mailings x 10,000 subscribers =
1,000,000 deliveries, 5,000 posts on four channels with follower counts and press clippings, 20 networks
with 800 meetings and their attendance. ``--scale 0.1`` builds a tenth of it. Bulk data is written with
bulk_create, the deliveries with raw inserts (COPY on PostgreSQL) to keep the build fast.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

TOP = Path(__file__).resolve().parent.parent
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/inklusio_bench_impact"


def build_contacts(project, scale, rng, log):
    from inklusio.contacts.models import Inquiry, Organisation, Person, StakeholderType

    types = list(StakeholderType.objects.all())
    first = scale.get("first", 0)
    organisations = Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"Organisation {i + first}",
                name_key=f"organisation {i + first}",
                stakeholder_type=types[i % len(types)],
            )
            for i in range(max(scale.get("organisations", scale["people"] // 20), 1))
        ],
        batch_size=5000,
    )
    people = Person.objects.bulk_create(
        [
            Person(
                first_name="Vor",
                last_name=f"Name {i}",
                name_key=f"vor name {i}",
                email=f"p{i + first}@example.org",
                stakeholder_type=types[i % len(types)] if i % 3 == 0 else None,
            )
            for i in range(scale["people"])
        ],
        batch_size=5000,
    )
    span = (project.end - project.start).days
    Inquiry.objects.bulk_create(
        [
            Inquiry(
                project=project,
                received_on=project.start + timedelta(days=rng.randint(0, span)),
                channel="email",
                topic="Frage",
                organisation=organisations[i % len(organisations)],
                person=people[i % len(people)] if i % 2 and people else None,  # an entry in the person's timeline
            )
            for i in range(scale["inquiries"])
        ],
        batch_size=5000,
    )
    log(f"contacts: {scale['people']:,} people, {len(organisations):,} organisations, {scale['inquiries']:,} inquiries")


def raw_insert(model, fields, rows, batch=20_000):
    """Insert plain tuples fast: COPY on PostgreSQL, executemany on SQLite (a benchmark, not application code).

    Every NOT NULL column must be in ``fields``; datetimes must already be adapted with ``_dt``.
    """
    from django.db import connection

    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(model._meta.get_field(f).column) for f in fields)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
        chunk = []
        for row in rows:
            chunk.append(row)
            if len(chunk) >= batch:
                cursor.executemany(sql, chunk)
                count += len(chunk)
                chunk = []
        if chunk:
            cursor.executemany(sql, chunk)
            count += len(chunk)
    return count


def _dt(value):
    """A datetime as the database driver wants it for a raw insert."""
    from django.db import connection

    return connection.ops.adapt_datetimefield_value(value)


def _moment(project, rng, hour=9):
    """A random aware datetime within the project's period."""
    from datetime import datetime, time
    from zoneinfo import ZoneInfo

    from django.conf import settings

    day = project.start + timedelta(days=rng.randint(0, (project.end - project.start).days))
    return datetime.combine(day, time(hour, rng.randint(0, 59)), tzinfo=ZoneInfo(settings.TIME_ZONE))


def _person_ids():
    from inklusio.contacts.models import Person

    return list(Person.objects.order_by("id").values_list("id", flat=True))


def build_events(project, scale, rng, log):
    """Expert days, online congresses and workshops with programme, contributions, registrations, attendance."""
    from datetime import datetime, time
    from zoneinfo import ZoneInfo

    from django.conf import settings

    from inklusio.contacts.models import StakeholderType
    from inklusio.events.models import (
        Attendance,
        Contribution,
        Event,
        FeedbackResponse,
        ProgrammeItem,
        Registration,
        SupportKind,
        SupportNeed,
    )

    zone = ZoneInfo(settings.TIME_ZONE)
    people = _person_ids()
    types = list(StakeholderType.objects.all())
    n_events = scale["events"]
    first = Event.objects.count()
    span = (project.end - project.start).days
    kinds = [Event.Kind.CONFERENCE_DAY] * 5 + [Event.Kind.ONLINE_CONGRESS] * 2 + [Event.Kind.WORKSHOP]
    events = []
    for i in range(n_events):
        kind = kinds[(first + i) % len(kinds)]
        day = project.start + timedelta(days=(i * span) // max(n_events, 1))
        starts = datetime.combine(day, time(9), tzinfo=zone)
        length = timedelta(days=1, hours=8) if kind == Event.Kind.ONLINE_CONGRESS else timedelta(hours=8)
        events.append(
            Event(
                project=project,
                kind=kind,
                title=f"Veranstaltung {first + i}",
                slug=f"bench-{first + i}",
                starts_at=starts,
                ends_at=starts + length,
                venue="" if kind == Event.Kind.ONLINE_CONGRESS else "Tagungshaus",
                visibility=Event.Visibility.PUBLIC,
                cancelled=(first + i) % 25 == 24,
            )
        )
    Event.objects.bulk_create(events, batch_size=1000)
    events = list(Event.objects.filter(slug__in=[e.slug for e in events]).order_by("id"))

    perspectives = Contribution.Perspective.values
    formats = [ProgrammeItem.Format.TALK, ProgrammeItem.Format.PANEL, ProgrammeItem.Format.WORKSHOP]
    items = []
    for event in events:
        for n in range(6):
            items.append(
                ProgrammeItem(
                    event=event,
                    starts_at=event.starts_at + timedelta(hours=n),
                    title=f"Programmpunkt {n}",
                    format=ProgrammeItem.Format.BREAK if n == 3 else formats[n % len(formats)],
                )
            )
    ProgrammeItem.objects.bulk_create(items, batch_size=5000)
    item_ids = ProgrammeItem.objects.filter(event__in=events).exclude(format="break").values_list("id", flat=True)
    contributions = []
    for item_id in item_ids:
        for person_id in rng.sample(people, 2):
            contributions.append(
                Contribution(item_id=item_id, person_id=person_id, perspective=rng.choice(perspectives))
            )
    Contribution.objects.bulk_create(contributions, batch_size=5000, ignore_conflicts=True)

    per_event, extra = divmod(scale["registrations"], max(n_events, 1))
    statuses = (
        [Registration.Status.CONFIRMED] * 17 + [Registration.Status.WAITLISTED] + [Registration.Status.CANCELLED] * 2
    )
    registrations = []
    for n, event in enumerate(events):
        offset = rng.randrange(len(people))
        for k in range(min(per_event + (n < extra), len(people))):
            person_id = people[(offset + k) % len(people)]
            registrations.append(
                Registration(
                    event=event,
                    person_id=person_id,
                    status=statuses[k % len(statuses)],
                    stakeholder_type=types[k % len(types)] if k % 2 else None,
                    privacy_notice_version="1",
                    created=event.starts_at - timedelta(days=1 + k % 60),
                )
            )
    Registration.objects.bulk_create(registrations, batch_size=5000)

    zone_day = {e.pk: e.starts_at.astimezone(zone).date() for e in events}
    confirmed = Registration.objects.filter(event__in=events, status=Registration.Status.CONFIRMED)
    in_person = confirmed.exclude(event__kind=Event.Kind.ONLINE_CONGRESS).values_list("id", "event_id")
    attendances = [
        Attendance(
            registration_id=reg_id,
            day=zone_day[event_id],
            checked_in_at=datetime.combine(zone_day[event_id], time(9), tzinfo=zone),
        )
        for reg_id, event_id in in_person
        if rng.random() < 0.8
    ]
    Attendance.objects.bulk_create(attendances, batch_size=5000)
    needs = [
        SupportNeed(registration_id=reg_id, kind=rng.choice(SupportKind.values), consent_at=_moment(project, rng))
        for reg_id in confirmed.values_list("id", flat=True)
        if rng.random() < 0.03
    ]
    SupportNeed.objects.bulk_create(needs, batch_size=5000)
    feedback = [
        FeedbackResponse(
            event=event,
            overall=rng.randint(2, 5),
            content=rng.randint(2, 5),
            accessibility=rng.randint(2, 5),
            submitted_on=zone_day[event.pk] + timedelta(days=2),
        )
        for event in events
        for _ in range(per_event // 5)
    ]
    FeedbackResponse.objects.bulk_create(feedback, batch_size=5000)
    log(
        f"events: {len(events):,} events, {len(items):,} programme items, {len(contributions):,} contributions, "
        f"{len(registrations):,} registrations, {len(attendances):,} attendances, {len(needs):,} support needs, "
        f"{len(feedback):,} feedback answers"
    )


def build_mailings(project, scale, rng, log):
    """Sent Infoletter mailings to confirmed subscribers, one Delivery row per mailing and subscriber."""
    from inklusio.mailings.models import Delivery, Mailing, Subscriber

    n_mailings = max(scale["mailings"], 1)
    n_subscribers = max(-(-scale["deliveries"] // n_mailings), 1)  # rounded up; the rows stop at the total
    first = Subscriber.objects.count()
    subscribers = []
    for i in range(n_subscribers):
        signed = _moment(project, rng)
        gone = i % 20 == 19
        subscribers.append(
            Subscriber(
                email=f"s{first + i}@example.org",
                status=Subscriber.Status.UNSUBSCRIBED if gone else Subscriber.Status.CONFIRMED,
                source="benchmark",
                signed_up_at=signed,
                confirmed_at=signed + timedelta(hours=1),
                unsubscribed_at=signed + timedelta(days=90) if gone else None,
            )
        )
    Subscriber.objects.bulk_create(subscribers, batch_size=5000)
    subscriber_ids = list(
        Subscriber.objects.filter(email__in=[s.email for s in subscribers]).values_list("id", flat=True)
    )
    first_mailing = Mailing.objects.count()
    mailings = []
    for i in range(n_mailings):
        finished = _moment(project, rng, hour=10)
        mailings.append(
            Mailing(
                project=project,
                subject=f"Infoletter {first_mailing + i}",
                body="Text",
                status=Mailing.Status.SENT,
                started_at=finished - timedelta(minutes=30),
                finished_at=finished,
            )
        )
    Mailing.objects.bulk_create(mailings)
    mailings = list(Mailing.objects.filter(subject__in=[m.subject for m in mailings]).order_by("id"))

    def rows():
        left = scale["deliveries"]
        for mailing in mailings:
            sent_at = _dt(mailing.finished_at)
            for n, subscriber_id in enumerate(subscriber_ids[:left]):
                status = "bounced" if n % 50 == 7 else "failed" if n % 100 == 13 else "sent"
                yield (mailing.pk, subscriber_id, status, "", sent_at, n % 1000 == 999, 1, "")
            left -= min(left, len(subscriber_ids))

    fields = ["mailing", "subscriber", "status", "worker", "sent_at", "uncertain", "attempts", "last_error"]
    deliveries = raw_insert(Delivery, fields, rows())
    log(f"mailings: {len(mailings):,} mailings, {len(subscriber_ids):,} subscribers, {deliveries:,} deliveries")


CHANNELS = [
    ("instagram", "Benchmark Instagram"),
    ("website", "Benchmark website"),
    ("instagram", "Benchmark Instagram regional"),
    ("facebook", "Benchmark Facebook"),
    ("linkedin", "Benchmark LinkedIn"),
]


def build_outreach(project, scale, rng, log):
    """Channels (two at the small size, five at the full), published posts with metrics, follower counts, press."""
    from inklusio.outreach.models import Channel, FollowerSnapshot, Post, PressClipping

    channels = []
    for platform, name in CHANNELS[: max(Channel.objects.count() + scale["channels"], 1)]:
        channel, _ = Channel.objects.get_or_create(platform=platform, name=name)
        channel.projects.add(project)
        channels.append(channel)
    weights = [4 if channel.platform == "instagram" else 1 for channel in channels]
    posts = []
    for i in range(scale["posts"]):
        has_image = i % 3 != 0
        posts.append(
            Post(
                channel=rng.choices(channels, weights)[0],
                project=project,
                status=Post.Status.PUBLISHED if i % 10 else Post.Status.PLANNED,
                scheduled_at=_moment(project, rng, hour=12),
                caption=f"Beitrag {i}",
                has_image=has_image,
                alt_text="Bildbeschreibung" if has_image and i % 7 else "",
                reach=rng.randint(50, 5000),
                impressions=rng.randint(100, 9000),
                likes=rng.randint(0, 300),
                comments=rng.randint(0, 30),
                shares=rng.randint(0, 20),
                saves=rng.randint(0, 20),
            )
        )
    Post.objects.bulk_create(posts, batch_size=5000)
    span = (project.end - project.start).days
    step = max(1, (span * len(channels)) // max(scale["posts"], 1))  # about one count per post
    snapshots = [
        FollowerSnapshot(channel=channel, date=project.start + timedelta(days=d), count=500 + 3 * d)
        for channel in channels
        for d in range(0, span + 1, step)
    ]
    FollowerSnapshot.objects.bulk_create(snapshots, batch_size=5000, ignore_conflicts=True)
    clippings = [
        PressClipping(
            project=project,
            outlet=f"Zeitung {i % 40}",
            published_on=project.start + timedelta(days=rng.randint(0, span)),
            title=f"Bericht {i}",
            medium=rng.choice(PressClipping.Medium.values),
            estimated_reach=rng.randint(1000, 100000),
        )
        for i in range(max(scale["posts"] // 50, 1))
    ]
    PressClipping.objects.bulk_create(clippings, batch_size=5000)
    log(
        f"outreach: {len(channels)} channels, {len(posts):,} posts, {len(snapshots):,} follower counts "
        f"(some may exist already), {len(clippings):,} press clippings"
    )


def build_networks(project, scale, rng, log):
    """Regional networks with members, meetings in the project's period and attendance at them."""
    from inklusio.networks.models import Attendance, Meeting, Membership, Network

    people = _person_ids()
    first = Network.objects.count()
    regions = ["DE-NW", "DE-NI", "DE-HE", "DE-BY", "DE-BE"]
    networks = Network.objects.bulk_create(
        [
            Network(
                name=f"Netzwerk {first + i}",
                regions=[regions[(first + i) % len(regions)]],
                founded_on=project.start + timedelta(days=rng.randint(0, 200)),
            )
            for i in range(scale["networks"])
        ]
    )
    networks = list(Network.objects.filter(name__in=[n.name for n in networks]).order_by("id"))
    Network.projects.through.objects.bulk_create(
        [Network.projects.through(network_id=n.pk, project_id=project.pk) for n in networks]
    )
    members_per_network = min(60, len(people))
    memberships, member_ids = [], {}
    for network in networks:
        offset = rng.randrange(len(people))
        member_ids[network.pk] = [people[(offset + k) % len(people)] for k in range(members_per_network)]
        memberships += [
            Membership(network=network, person_id=person_id, joined_on=network.founded_on)
            for person_id in member_ids[network.pk]
        ]
    Membership.objects.bulk_create(memberships, batch_size=5000)
    per_network = max(scale["meetings"] // max(len(networks), 1), 1)
    meetings = []
    for network in networks:
        for k in range(per_network):
            starts = _moment(project, rng, hour=14)
            meetings.append(
                Meeting(
                    network=network,
                    title=f"Treffen {k}",
                    starts_at=starts,
                    ends_at=starts + timedelta(hours=2),
                    venue="Rathaus",
                )
            )
    Meeting.objects.bulk_create(meetings, batch_size=5000)
    attendance = [
        Attendance(meeting_id=meeting_id, person_id=person_id, attended=rng.random() < 0.9)
        for meeting_id, network_id in Meeting.objects.filter(network__in=networks).values_list("id", "network_id")
        for person_id in member_ids[network_id]
        if rng.random() < 0.5
    ]
    Attendance.objects.bulk_create(attendance, batch_size=5000)
    log(
        f"networks: {len(networks):,} networks, {len(memberships):,} memberships, {len(meetings):,} meetings, "
        f"{len(attendance):,} attendance records"
    )


# area app label -> builder(project, scale, rng, log)
BUILDERS = {
    "contacts": build_contacts,
    "events": build_events,
    "mailings": build_mailings,
    "outreach": build_outreach,
    "networks": build_networks,
}
# World Cafés feed no impact figure (no impact_indicators), so the benchmark builds none.
AREAS = ["contacts", "events", "mailings", "outreach", "networks"]


def build(project, scale, log):
    import random

    from django.apps import apps
    from django.db import transaction

    rng = random.Random(9)
    for label in AREAS:
        models = list(apps.get_app_config(label).get_models())
        if not models:
            log(f"{label}: skipped (the app has no models on this branch yet)")
            continue
        builder = BUILDERS.get(label)
        if builder is None:
            log(f"{label}: skipped (models exist, but benchmarks/report.py has no builder for them yet)")
            continue
        started = time.perf_counter()
        with transaction.atomic():  # one transaction per area: SQLite would otherwise commit every batch
            builder(
                project,
                scale,
                rng,
                lambda line, started=started: log(f"{line} ({time.perf_counter() - started:.1f} s)"),
            )


def measure(project):
    from django.contrib.auth.models import Group, User
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from inklusio.impact import services

    user, _ = User.objects.get_or_create(username="bench")
    user.groups.add(Group.objects.get(name="project_lead"))
    client = Client()
    client.force_login(user)
    results = {}
    for name, action in [
        ("json_report", lambda: json.dumps(services.report_json(services.build_report(project)))),
        ("dashboard_page", lambda: client.get(f"/staff/impact/{project.slug}/")),
    ]:
        action()  # warm caches (templates, matplotlib)
        reset_queries()
        timings = []
        for _ in range(3):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = action()
                timings.append(time.perf_counter() - started)
            if name == "dashboard_page":
                assert response.status_code == 200, response.status_code
        results[name] = {"seconds": min(timings), "queries": len(queries.captured_queries)}
    return results


# The full size and the small size measured first; --scale shrinks the full size.
FULL = {
    "people": 100_000,
    "inquiries": 50_000,
    "events": 200,
    "registrations": 50_000,
    "mailings": 100,
    "deliveries": 1_000_000,
    "posts": 5_000,
    "channels": 5,
    "networks": 20,
    "meetings": 800,
}
SMALL = {
    "people": 200,
    "inquiries": 100,
    "events": 4,
    "registrations": 100,
    "mailings": 2,
    "deliveries": 1_000,
    "posts": 20,
    "channels": 2,
    "networks": 2,
    "meetings": 8,
}


def full_size(scale: float, people: int | None = None, inquiries: int | None = None) -> dict:
    size = {key: max(int(value * scale), SMALL[key] * 2) for key, value in FULL.items()}
    size["channels"] = FULL["channels"]  # a project has a handful of channels at any size
    if people:
        size["people"] = people
    if inquiries:
        size["inquiries"] = inquiries
    return size


def run_one(database_url: str, full: dict) -> dict:
    os.environ["DATABASE_URL"] = database_url
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inklusio.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from inklusio.core.models import Project

    call_command("migrate", verbosity=0)
    project = Project.objects.create(
        title="Benchmark", slug="benchmark", funder="Aktion Mensch", start=date(2022, 10, 1), end=date(2025, 9, 30)
    )
    from inklusio.impact import registry
    from inklusio.impact.models import Target

    # Targets for every indicator, so that the dashboard draws its charts.
    Target.objects.bulk_create(
        [Target(project=project, code=d.code, baseline=0, target=100) for d in registry.all_definitions()]
    )
    log_lines = []
    out = {}
    # The large step adds the difference, so that the second measurement sees the full size in total.
    for label, scale in [("small", SMALL), ("large", {k: max(full[k] - SMALL[k], 0) for k in full})]:
        started = time.perf_counter()
        build(
            project,
            {**scale, "first": 0 if label == "small" else SMALL["people"]},
            lambda line, label=label: log_lines.append(f"{label}: {line}"),
        )
        if connection_vendor() == "postgresql":
            from django.db import connection

            with connection.cursor() as cursor:
                # what autovacuum has done by the time anyone reads a table of this size (it may be off on a test
                # machine): the statistics, and the visibility map that lets an index-only scan skip the table
                cursor.execute("VACUUM ANALYZE")
        out[label] = {"build_s": time.perf_counter() - started, **measure(project)}
    out["log"] = log_lines
    return out


def connection_vendor() -> str:
    from django.db import connection

    return connection.vendor


def fresh_postgres(url: str) -> bool:
    import psycopg

    base, name = url.rsplit("/", 1)
    try:
        with psycopg.connect(f"{base}/postgres", autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return True
    except psycopg.OperationalError as error:
        print(f"PostgreSQL not reachable at {url}: {error}".strip())
        return False


def child(database_url, full):
    env = {**os.environ, "PYTHONPATH": str(TOP / "src")}
    with tempfile.TemporaryDirectory() as var_dir:
        env["INKLUSIO_VAR_DIR"] = var_dir
        if database_url.startswith("sqlite"):
            database_url = f"sqlite:///{var_dir}/bench.sqlite3"
        output = subprocess.run(
            [sys.executable, __file__, "--child", database_url, "--sizes", json.dumps(full)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the full size (default 1.0)")
    parser.add_argument("--people", type=int, help="override the number of people")
    parser.add_argument("--inquiries", type=int, help="override the number of inquiries")
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES)
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--sizes", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        import contextlib
        import io

        with contextlib.redirect_stdout(io.StringIO()):
            result = run_one(args.child, json.loads(args.sizes))
        print(json.dumps(result))
        return 0
    full = full_size(args.scale, args.people, args.inquiries)
    databases = [("SQLite", "sqlite://")]
    if not args.skip_postgres and fresh_postgres(args.postgres):
        databases.append(("PostgreSQL", args.postgres))
    print("Impact report benchmark. Small size: " + ", ".join(f"{v:,} {k}" for k, v in SMALL.items()))
    print(f"Full size (scale {args.scale:g}): " + ", ".join(f"{v:,} {k}" for k, v in full.items()))
    for name, url in databases:
        started = time.perf_counter()
        result = child(url, full)
        print(f"\n{name} (whole run {time.perf_counter() - started:.0f} s):")
        for line in result["log"]:
            print(f"  built {line}")
        for size in ("small", "large"):
            r = result[size]
            print(
                f"  {size:5}: JSON report {r['json_report']['seconds'] * 1000:7.1f} ms "
                f"({r['json_report']['queries']} queries) | dashboard page "
                f"{r['dashboard_page']['seconds'] * 1000:7.1f} ms ({r['dashboard_page']['queries']} queries)"
                f" | build {r['build_s']:.1f} s"
            )
        same = all(
            result["small"][k]["queries"] == result["large"][k]["queries"] for k in ("json_report", "dashboard_page")
        )
        print(f"  query count independent of data size: {'yes' if same else 'NO'}")
    print("\nTarget: under 1 s for each on PostgreSQL; query counts must not grow with the data.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

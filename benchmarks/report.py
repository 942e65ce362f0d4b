"""Impact report speed: the JSON report and the dashboard page of a large synthetic project.

Usage: python benchmarks/report.py [--people N] [--inquiries N] [--postgres URL] [--skip-postgres]

Builds a project through whatever area models exist at run time (areas whose app has no models yet are
skipped, and the output says so), then times, on SQLite and on PostgreSQL (each a fresh database in its
own process): the JSON report (build + serialise) and the dashboard page (a real request through the
test client, charts included), with the number of database queries. Each is measured at a small and at
the full data size, so the output shows whether the query count grows with the data (it must not).
Target (issue 9): under one second for each on PostgreSQL.

The issue's full scale is 100,000 people, 200 events, 50,000 registrations, 1,000,000 deliveries and
5,000 posts. Builders for events, mailings, outreach and networks are added by the lead after merging
(``BUILDERS`` below); until then only the foundation's people and inquiries are generated.
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
            for i in range(max(scale["people"] // 20, 1))
        ],
        batch_size=5000,
    )
    Person.objects.bulk_create(
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
            )
            for i in range(scale["inquiries"])
        ],
        batch_size=5000,
    )
    log(f"contacts: {scale['people']:,} people, {len(organisations):,} organisations, {scale['inquiries']:,} inquiries")


# area app label -> builder(project, scale, rng, log); the lead adds events, mailings, outreach, networks.
BUILDERS = {"contacts": build_contacts}
AREAS = ["contacts", "events", "worldcafe", "mailings", "outreach", "networks"]


def build(project, scale, log):
    import random

    from django.apps import apps

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
        builder(project, scale, rng, log)


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


def run_one(database_url: str, people: int, inquiries: int) -> dict:
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
    for label, scale in [
        ("small", {"people": 200, "inquiries": 100}),
        ("large", {"people": people, "inquiries": inquiries}),
    ]:
        if label == "large":
            scale = {"people": people - 200, "inquiries": inquiries - 100}
        started = time.perf_counter()
        build(project, {**scale, "first": 0 if label == "small" else 200}, log_lines.append)
        out[label] = {"build_s": time.perf_counter() - started, **measure(project)}
    out["log"] = log_lines
    return out


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


def child(database_url, people, inquiries):
    env = {**os.environ, "PYTHONPATH": str(TOP / "src")}
    with tempfile.TemporaryDirectory() as var_dir:
        env["INKLUSIO_VAR_DIR"] = var_dir
        if database_url.startswith("sqlite"):
            database_url = f"sqlite:///{var_dir}/bench.sqlite3"
        output = subprocess.run(
            [sys.executable, __file__, "--child", database_url, "--people", str(people), "--inquiries", str(inquiries)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--inquiries", type=int, default=50_000)
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES)
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        import contextlib
        import io

        with contextlib.redirect_stdout(io.StringIO()):
            result = run_one(args.child, args.people, args.inquiries)
        print(json.dumps(result))
        return 0
    databases = [("SQLite", "sqlite://")]
    if not args.skip_postgres and fresh_postgres(args.postgres):
        databases.append(("PostgreSQL", args.postgres))
    print(f"Impact report benchmark: {args.people:,} people, {args.inquiries:,} inquiries (full size)")
    for name, url in databases:
        result = child(url, args.people, args.inquiries)
        print(f"\n{name}:")
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

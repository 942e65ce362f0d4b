"""Staff API list speed (issue 20): cursor pages over 100,000 contacts on PostgreSQL.

Usage: python benchmarks/api.py [--scale F] [--repeat N] [--database-url URL]

Data: ``benchmarks/report.py``'s generator (contacts and events): 100,000 people, 20,000 organisations, 50,000
inquiries, 200 events with 50,000 registrations; ``--scale 0.01`` builds a hundredth. The generator writes its
rows in bulk, so their modification times lie within seconds of each other; the script then spreads them over
the past years (``updated`` = a base time + one minute per id, in a shuffled order) so that ``modified_since``
and the cursor work on distinct times, as in a database that has lived. Then ANALYZE.

A project lead gets a token with every scope they may give; the per-minute rate limit is raised for the run (it
would answer 429 after 120 calls: this measures the pages, tests/api check the limit). Each list
(/api/v1/people, /organisations, /inquiries, /registrations) is read with ``limit=100`` through Django's test
client, so each request runs the whole stack: token check, rate-limit counter, audit row, query, serialisation.
Positions: the first page (no cursor), the middle and the end (a cursor for the row at 50 % and for the last
full page, built from the row's (modification time, id) as the API builds it), and a sync with
``modified_since`` at 90 % of the time span. From each position ``--repeat`` consecutive pages are read by
following next_cursor (at the end of the list the last page is read again; "items" shows the
smallest and largest page read). Printed per list and position: p50 and p95 ms per
page, the queries per page (CaptureQueriesContext), compared against the target.

Target (issue 20): under 100 ms per page on PostgreSQL, and the same number of queries on the first and the last
page (and at every size: run with ``--scale 0.01`` to compare). The database given is dropped and created.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

TOP = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(TOP / "src"), str(TOP)]

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/inklusio_api_bench"
FULL = {"people": 100_000, "organisations": 20_000, "inquiries": 50_000, "events": 200, "registrations": 50_000}
TARGET_MS = 100
LIMIT = 100
LISTS = {  # path: (model label, the table whose modification times are spread)
    "/people": "contacts.Person",
    "/organisations": "contacts.Organisation",
    "/inquiries": "contacts.Inquiry",
    "/registrations": "events.Registration",
}
SPREAD_FROM = datetime(2020, 1, 1, tzinfo=UTC)


def fresh_postgres(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True, connect_timeout=3) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_postgres(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True, connect_timeout=3) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def load(size: dict) -> None:
    import random
    from datetime import date

    from django.apps import apps
    from django.db import connection, transaction

    from inklusio.core.models import Project
    from tests.security.pages import report_generator

    generator = report_generator()
    project = Project.objects.create(
        title="Benchmark", slug="benchmark", funder="Aktion Mensch", start=date(2022, 10, 1), end=date(2025, 9, 30)
    )
    rng = random.Random(20)
    for builder in (generator.build_contacts, generator.build_events):
        started = time.perf_counter()
        with transaction.atomic():
            builder(
                project, size, rng, lambda line, s=started: print(f"  built {line} ({time.perf_counter() - s:.1f} s)")
            )
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for label in LISTS.values():
            table = connection.ops.quote_name(apps.get_model(label)._meta.db_table)
            # one minute per row in a shuffled order (md5 of the id), so that id order and time order differ
            cursor.execute(
                f"WITH ranked AS (SELECT id, row_number() OVER (ORDER BY md5(id::text)) AS n FROM {table}) "  # noqa: S608 - table names from the models
                f"UPDATE {table} AS t SET updated = %s + ranked.n * interval '1 minute' "
                "FROM ranked WHERE t.id = ranked.id",
                [SPREAD_FROM],
            )
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
    print(f"  spread the modification times and analysed ({time.perf_counter() - started:.1f} s)")


def token_for_a_lead() -> str:
    from django.contrib.auth.models import Group, User

    from inklusio.api import scopes, tokens

    lead = User.objects.create_user("bench-lead", email="lead@example.org")
    lead.groups.add(Group.objects.get(name="project_lead"))
    codes = [scope.code for scope in scopes.scopes_for(lead)]
    _token, raw = tokens.create_token(lead, name="benchmark", scopes=codes, days=30)
    return raw


def cursor_at(label: str, index: int) -> str | None:
    """The cursor the API gives after the row at ``index`` in its order (modification time, id)."""
    from django.apps import apps

    from inklusio.api import cursors

    if index < 0:
        return None
    row = apps.get_model(label).objects.order_by("updated", "pk").values_list("updated", "pk")[index]
    return cursors.encode(*row)


def measure(client, headers, path: str, params: dict, pages: int, *, follow: bool = True) -> dict:
    """Read ``pages`` pages from ``params`` on, following next_cursor; times (ms), queries and items per page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries, items = [], [], []
    params = dict(params)
    client.get(f"/api/v1{path}", params, headers=headers)  # untimed: the first request of a position
    for _ in range(pages):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(f"/api/v1{path}", params, headers=headers)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, params, response.status_code, response.content[:300])
        body = response.json()
        queries.append(len(captured.captured_queries))
        items.append(len(body["items"]))
        if follow and body["next_cursor"]:
            params["cursor"] = body["next_cursor"]
    return {"times": sorted(times), "queries": queries, "items": items}


def p95(times: list) -> float:
    return times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


def run(args) -> int:  # noqa: PLR0915 - one report
    from django.apps import apps
    from django.core.management import call_command
    from django.test import Client, override_settings

    size = {key: max(int(value * args.scale), 10) for key, value in FULL.items()}
    print("Staff API list benchmark: " + ", ".join(f"{v:,} {k}" for k, v in size.items()))
    print(f"Database: {args.database_url} (PostgreSQL)" if "postgres" in args.database_url else args.database_url)
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    load(size)
    print(f"  load {time.perf_counter() - started:.0f} s")

    with override_settings(INKLUSIO_API_RATE_LIMIT=10**9, ALLOWED_HOSTS=["testserver"]):
        headers = {"Authorization": f"Bearer {token_for_a_lead()}"}
        client = Client()
        rows = []
        for path, label in LISTS.items():
            total = apps.get_model(label).objects.count()
            since = SPREAD_FROM.timestamp() + 0.9 * total * 60
            positions = [
                ("first page", {"limit": LIMIT}, True),
                ("middle (50 %)", {"limit": LIMIT, "cursor": cursor_at(label, total // 2 - 1)}, True),
                ("last full page", {"limit": LIMIT, "cursor": cursor_at(label, total - LIMIT - 1)}, False),
                (
                    "modified_since (last 10 %)",
                    {"limit": LIMIT, "modified_since": datetime.fromtimestamp(since, UTC).isoformat()},
                    True,
                ),
            ]
            for name, params, follow in positions:
                params = {k: v for k, v in params.items() if v is not None}
                result = measure(client, headers, path, params, args.repeat, follow=follow)
                rows.append((path, total, name, result))

    print(
        f"\nPer page: limit={LIMIT}, {args.repeat} pages per position (test client, whole request). "
        f"Target: p95 < {TARGET_MS} ms; queries the same on every page."
    )
    header = (
        f"{'list':15} {'rows':>8} {'position':28} {'items':>7} {'p50 ms':>7} {'p95 ms':>7} {'ratio':>6} "
        f"{'queries':>8}  holds"
    )
    print(header)
    print("-" * len(header))
    all_hold = True
    queries_by_list: dict[str, set] = {}
    for path, total, name, result in rows:
        times, queries = result["times"], result["queries"]
        ratio = p95(times) / TARGET_MS
        constant = len(set(queries)) == 1
        holds = ratio < 1 and constant
        all_hold &= holds
        queries_by_list.setdefault(path, set()).update(queries)
        items = (
            f"{min(result['items'])}-{max(result['items'])}" if len(set(result["items"])) > 1 else result["items"][0]
        )
        shown = str(queries[0]) if constant else f"{min(queries)}-{max(queries)}"
        print(
            f"{path:15} {total:>8,} {name:28} {items:>7} {statistics.median(times):>7.1f} "
            f"{p95(times):>7.1f} {ratio:>6.2f} {shown:>8}  {'yes' if holds else 'NO'}"
        )
    print()
    for path, counts in queries_by_list.items():
        same = len(counts) == 1
        all_hold &= same
        verdict = "constant" if same else "NOT constant"
        print(f"{path:15} queries per page at every position: {sorted(counts)} -> {verdict}")
    print(f"\nTarget {'holds' if all_hold else 'does NOT hold'} (p95 < {TARGET_MS} ms per page, constant queries).")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the full size (default 1.0)")
    parser.add_argument("--repeat", type=int, default=20, help="pages read per position (default 20)")
    parser.add_argument("--database-url", default=DEFAULT_DATABASE, help="a PostgreSQL database to drop and create")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    var_dir = tempfile.mkdtemp(prefix="inklusio-bench-api-")
    Path(var_dir, "static").mkdir()  # no collected static files are needed, only the warning about them avoided
    os.environ["INKLUSIO_VAR_DIR"] = var_dir
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inklusio.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    if args.database_url.startswith("postgres"):
        fresh_postgres(args.database_url)
    import django

    django.setup()
    try:
        return run(args)
    finally:
        from django.db import connections

        connections.close_all()
        if args.database_url.startswith("postgres") and not args.keep:
            drop_postgres(args.database_url)


if __name__ == "__main__":
    sys.exit(main())

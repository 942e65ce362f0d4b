"""Every page at full scale (issue 22): each staff and public GET page, as each role that may open it, over a large
synthetic association.

Usage: python benchmarks/pages.py [--scale F] [--repeat N] [--database-url URL] [--only SUBSTRING] [--keep DIR]

Data: the demo (its users, sessions and the objects the authorization matrix needs, tests/security/conftest.py),
then ``benchmarks/report.py``'s generator at full scale: 100,000 people, 20,000 organisations, 500 events with
50,000 registrations, 1,000,000 deliveries (100 mailings), 5,000 posts, 30 networks with 3,000 meetings, 200,000
inquiries (half of them on a person's timeline). The detail pages are then pointed at the largest objects (the
event, network, meeting, mailing, channel with the most rows; a person and an organisation with many entries).

Pages: every URL pattern some role may GET (``tests/security/pages.py``, from the URLconf and the matrix), with
real ids. Each is requested at the demo size for its query count (to compare) and, after the load, ``--repeat``
times after two untimed ones (charts are drawn once per process for the same numbers, core/drawings.py): the
table shows p50 and p95 server time (test client, templates rendered, outside a transaction as a server answers,
so a report's figures are read side by side on PostgreSQL: ``FIGURE_THREADS``, core/side_by_side.py),
the queries at both sizes, and flags pages over the target or whose query count grew. Before each page a full
garbage collection runs untimed: its pause (60-150 ms in this process) depends on everything the process did
before, and would land on whichever request happens to trigger it; the collections that still fall inside a
timed request are counted and printed. Answers that are not HTML
(CSV, PDF, images, JSON) are listed as downloads and not timed against the target.

Target on PostgreSQL on the shared 2-core machine: every HTML page p95 under 250 ms; no query count grows.
The database must be empty (default: a fresh SQLite file in a temporary directory); for PostgreSQL give an own
database, e.g. postgres://postgres@127.0.0.1:5432/inklusio_pages_bench (dropped and created by this script).

``--keep DIR`` keeps the loaded database and its files for the next run: the first run with DIR loads as above and
writes DIR/world.pickle (the ids, sessions and demo-size query counts); a later run with the same DIR and database
applies new migrations, skips the load and measures at once (the demo-size counts are the first run's), and prints
each page's p50/p95 next to the previous run's on that database (DIR/last-run.json), e.g. main's code against a
branch's. Every run prints the load averages before and after its requests.
"""

import argparse
import gc
import os
import pickle
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

TOP = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(TOP / "src"), str(TOP)]

FULL = {
    "people": 100_000,
    "organisations": 20_000,
    "inquiries": 200_000,
    "events": 500,
    "registrations": 50_000,
    "mailings": 100,
    "deliveries": 1_000_000,
    "posts": 5_000,
    "channels": 5,
    "networks": 30,
    "meetings": 3_000,
}
TARGET_MS = 250


def fresh_postgres(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True, connect_timeout=3) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def biggest(queryset, related: str):
    from django.db.models import Count

    return queryset.annotate(n=Count(related)).order_by("-n", "pk").values_list("pk", flat=True).first()


def point_at_large_objects(world) -> None:
    """The detail pages show the largest objects of the load (the demo's own small ones stay for the rest)."""
    from inklusio.contacts.models import Organisation, Person
    from inklusio.mailings.models import Mailing
    from inklusio.networks.models import Meeting, Membership, Network
    from inklusio.outreach.models import Channel, FollowerSnapshot

    network = Network.objects.filter(name__startswith="Netzwerk ").order_by("-pk").first()
    network.coordinators.add(world.users["coordinator"])  # the coordinator's own, so their pages show it too
    channel = biggest(Channel.objects.all(), "posts")
    world.ids.update(
        network=network.pk,
        membership=Membership.objects.filter(network=network).order_by("pk").first().pk,
        meeting=biggest(Meeting.objects.filter(network=network), "attendances"),
        person=Person.objects.filter(inquiries__isnull=False).order_by("pk").values_list("pk", flat=True).first(),
        organisation=Organisation.objects.filter(inquiries__isnull=False).order_by("pk").first().pk,
        channel=channel,
        snapshot=FollowerSnapshot.objects.filter(channel=channel).order_by("pk").first().pk,
        mailing=Mailing.objects.filter(subject__startswith="Infoletter ").order_by("pk").first().pk,
    )
    # The events stay the demo's: the load's have 100 registrations each, as many as the demo's largest.


def measure(world, requests, repeat: int) -> dict:
    from django.test import override_settings

    from tests.security import pages

    results = {}
    pauses = _GarbagePauses()
    for name, role in requests:
        url = pages.url_of(name, world)
        gc.collect()  # untimed: a full collection's pause comes from the process's whole history, not this page
        # Two untimed requests first: one as a server that has shown the page before (a chart is drawn once per
        # process for the same numbers, core/drawings.py), then one for the query count, in one thread (the
        # counter sees this thread's connection only). Then the timed ones, the figures read side by side.
        pages.serve(world, role, url)
        with override_settings(FIGURE_THREADS=1):
            answer, queries = pages.counted(lambda url=url, role=role: pages.serve(world, role, url))
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            with pauses.timed():
                status = pages.serve(world, role, url).status
            times.append((time.perf_counter() - started) * 1000)
            if status != answer.status:  # e.g. a link that works once: the timing is not of the same page
                print(f"note: {url} as {role} answered {status}, the counted request {answer.status}")
        results[(name, role)] = (answer.status, answer.content_type, sorted(times), queries, url)
    pauses.stop()
    if repeat > 1:
        print(
            f"full garbage collections inside timed requests: {len(pauses.inside)}"
            + (f", longest {max(pauses.inside):.0f} ms" if pauses.inside else "")
            + " (one is run untimed before each page)"
        )
    return results


class _GarbagePauses:
    """The pauses of Python's full (generation 2) garbage collections that fall inside a timed request."""

    def __init__(self):
        self.inside: list[float] = []
        self._timing = False
        self._started = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase, info):
        if info["generation"] != 2 or not self._timing:
            return
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.inside.append((time.perf_counter() - self._started) * 1000)

    @contextmanager
    def timed(self):
        self._timing = True
        try:
            yield
        finally:
            self._timing = False

    def stop(self):
        gc.callbacks.remove(self._callback)


def p95(times: list) -> float:
    return times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the full size (default 1.0)")
    parser.add_argument("--repeat", type=int, default=7, help="requests per page after the load (default 7)")
    parser.add_argument("--database-url", default="", help="an own PostgreSQL database (default: fresh SQLite)")
    parser.add_argument("--only", default="", help="only the pages whose URL name contains this")
    parser.add_argument("--keep", default="", help="keep the loaded database in this folder and reuse it later")
    args = parser.parse_args()

    var_dir = args.keep or tempfile.mkdtemp(prefix="inklusio-bench-pages-")
    Path(var_dir).mkdir(parents=True, exist_ok=True)
    saved = Path(var_dir) / "world.pickle"
    reuse = args.keep and saved.exists()
    os.environ["INKLUSIO_VAR_DIR"] = var_dir
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{var_dir}/bench.sqlite3"
    if args.database_url and not reuse:
        fresh_postgres(args.database_url)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inklusio.settings")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    import warnings

    warnings.filterwarnings("ignore", "No directory at")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import override_settings
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's template capture, as in the tests
    call_command("migrate", verbosity=0)
    from tests.security import conftest, pages

    files = Path(var_dir) / "live"
    overrides = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        UPLOAD_ROOT=files / "uploads",
        MEDIA_ROOT=files / "media",
        TASKS=conftest.TASKS,
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        SESSION_IDLE_TIMEOUT=10**6,
        REAUTH_MAX_AGE=10**7,
        ALLOWED_HOSTS=["testserver"],
    )
    overrides.enable()
    requests = [(n, r) for n, r in pages.page_requests() if args.only in n]
    if reuse:
        world, small, loaded = pickle.loads(saved.read_bytes())
        print(f"reusing the database loaded before ({connection.vendor}); {len(requests)} page requests")
        print(loaded)
        requests = [key for key in requests if key in small]
    else:
        world, small, loaded = load(args, world_files=files, requests=requests)
        if args.keep:
            saved.write_bytes(pickle.dumps((world, small, loaded)))
    search_duplicates()
    import inklusio.wsgi  # noqa: F401 - as a server process starts: what start-up (here also the load) made is frozen

    load_before = os.getloadavg()
    large = measure(world, requests, args.repeat)
    print(f"load averages (1, 5, 15 min): {_load(load_before)} before the requests, {_load(os.getloadavg())} after")
    if args.keep:
        compare_with_last_run(Path(var_dir) / "last-run.json", large)
    return report(args, small, large)


def _load(averages) -> str:
    return ", ".join(f"{value:.2f}" for value in averages)


def compare_with_last_run(path: Path, large: dict) -> None:
    """With ``--keep``: each page's p50/p95 next to the previous run's on the same database (e.g. the code before a
    change), then this run is stored as the one to compare the next run with. Run both sides more than once,
    alternating: the machine's load changes the timings more than many changes do."""
    import json

    now = {f"{name} ({role})": [statistics.median(t), p95(t), q] for (name, role), (_s, _c, t, q, _u) in large.items()}
    before = json.loads(path.read_text()) if path.exists() else {}
    shared = [key for key in now if key in before.get("pages", {})]
    if shared:
        print(f"\nagainst the previous run on this database ({before['when']}, load {before['load']}):")
        print(f"{'page':<60}{'p50 ms before → now':>24}{'p95 ms before → now':>24}{'ratio p95':>10}")
        for key in shared:
            (b50, b95, bq), (n50, n95, nq) = before["pages"][key], now[key]
            queries = f"  queries {bq} → {nq}" if bq != nq else ""
            print(f"{key:<60}{b50:>11.1f} → {n50:<10.1f}{b95:>11.1f} → {n95:<10.1f}{n95 / b95:>8.2f}{queries}")
    when = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())
    path.write_text(json.dumps({"when": when, "load": _load(os.getloadavg()), "pages": now}, indent=1))


def search_duplicates() -> None:
    """The likely-duplicate search, as the worker's periodic job runs it (the list page shows what it stored)."""
    from inklusio.contacts.duplicates_search import last_search, search_duplicates
    from inklusio.contacts.models import Person

    if last_search() is None or last_search().people < Person.objects.count() // 2:
        started = time.perf_counter()
        search = search_duplicates()
        print(f"likely-duplicate search (the worker's job): {search.people:,} people, {search.pairs:,} pairs in "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip


def load(args, *, world_files, requests):
    """The demo, its query counts, then the full load; ``(world, small, what was loaded)``."""
    from django.db import connection

    from inklusio.core.models import Project
    from tests.security import conftest, pages

    started = time.perf_counter()
    world = conftest._build(world_files)
    search_duplicates()
    print(f"demo loaded in {time.perf_counter() - started:.0f} s ({connection.vendor}); {len(requests)} page requests")
    small = measure(world, pages.page_requests() if args.keep else requests, 1)

    size = {key: max(int(value * args.scale), 1) for key, value in FULL.items()}
    size["channels"] = FULL["channels"]
    print("load: " + ", ".join(f"{value:,} {key}" for key, value in size.items()))
    started = time.perf_counter()
    project = Project.objects.get(slug=world.project)
    pages.report_generator().build(project, {**size, "first": 100_000}, lambda line: print(f"  {line}"))
    point_at_large_objects(world)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # what autovacuum has done by the time anyone reads a table of this size (it may be off on a test
            # machine): the statistics, and the visibility map that lets an index-only scan skip the table
            cursor.execute("VACUUM ANALYZE")
    loaded = "load: " + ", ".join(f"{value:,} {key}" for key, value in size.items())
    print(f"loaded in {time.perf_counter() - started:.0f} s")
    return world, small, loaded


def report(args, small: dict, large: dict) -> int:
    from django.db import connection

    print(f"\n{'page':<48}{'role':<12}{'status':>6}{'p50 ms':>9}{'p95 ms':>9}{'queries small→full':>20}")
    slow, grown, downloads, failed = [], [], [], []
    for key, (status, content_type, times, queries, url) in large.items():
        name, role = key
        flag = ""
        html = content_type.startswith("text/html")
        if status >= 400:
            failed.append(key)
            flag = "  answer " + str(status)
        elif not html and status < 300:
            downloads.append(f"{name} ({content_type.split(';')[0]})")
            flag = "  download, not timed against the target"
        elif p95(times) > TARGET_MS:
            slow.append(key)
            flag = "  OVER TARGET"
        if url != small[key][4]:
            flag += "  (queries compared across two objects: the full run shows a larger one)"
        elif queries > small[key][3]:
            grown.append(key)
            flag += "  QUERIES GROW"
        print(
            f"{name:<48}{role:<12}{status:>6}{statistics.median(times):>9.1f}{p95(times):>9.1f}"
            f"{small[key][3]:>12} → {queries:<6}{flag}"
        )
    html_p95 = [p95(t) for (s, c, t, _q, _u) in large.values() if c.startswith("text/html") and s < 400]
    print(f"\n{len(large)} page requests on {connection.vendor}, scale {args.scale:g}, {args.repeat} requests each.")
    print(f"Slowest HTML page p95: {max(html_p95):.1f} ms against the target {TARGET_MS} ms (ratio "
          f"{max(html_p95) / TARGET_MS:.2f}).")  # fmt: skip
    print(f"HTML pages over {TARGET_MS} ms p95: {len(slow)} " + ", ".join(f"{n} ({r})" for n, r in slow))
    print(f"Pages whose query count grew from the demo to the load: {len(grown)} " + ", ".join(n for n, _ in grown))
    print(f"Not HTML (downloads, not held to the target): {len(downloads)}: " + ", ".join(sorted(set(downloads))))
    if failed:
        print("Answered with an error: " + ", ".join(f"{n} ({r})" for n, r in failed))
    held = not slow and not grown and not failed
    print("Target held: " + ("yes" if held else "NO") + (" (measured on SQLite; the target is PostgreSQL's)" if
          connection.vendor != "postgresql" else ""))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())

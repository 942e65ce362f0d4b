"""Public page throughput with and without counting the use (issue 19): target at least 0.9 times.

Usage: python benchmarks/usage_counting.py [--rounds N] [--requests N] [--database-url URL]
Runs on a fresh SQLite database in a temporary directory (or the given DATABASE_URL, which must be empty), with
the demo's public content. In one process, the same public pages are requested alternately through a handler
with the counting middleware and one without it, request by request (so the load of the shared machine at any
moment hits both alike). Every request comes from another visitor (address), so each one is counted: the worst
case, a new hash in the cache and an increment each time. The buffer's flushing thread runs meanwhile (every
second) and writes to the same database. Prints the requests per second of both (from the median time per
page), the ratio and whether it is at least 0.9; then the counting's own cost per view, measured alone.

Measured on the shared 2-core machine under load from other jobs (SQLite, demo data, 420 requests each):
7.7 requests/s with and 7.7 without counting, ratio 0.998; the counting alone 310 µs per view.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

TOP = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TOP / "src"))

TARGET = 0.9
PAGES = ["/", "/ausbildungsangebote/", "/gute-praxis/", "/events/", "/leichte-sprache/", "/infoletter/archiv/"]
AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--requests", type=int, default=60, help="requests per round and variant")
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()

    os.environ["INKLUSIO_VAR_DIR"] = tempfile.mkdtemp(prefix="inklusio-bench-usage-")
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inklusio.settings")
    os.environ["USAGE_FLUSH_SECONDS"] = "1"
    import warnings

    warnings.filterwarnings("ignore", "No directory at")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from inklusio.core.demo import load_demo
    from inklusio.usage import buffer, services
    from inklusio.usage.models import PageViewDay

    call_command("migrate", verbosity=0)
    load_demo()
    PageViewDay.objects.all().delete()
    counting = Client(HTTP_HOST="127.0.0.1")
    without = [name for name in settings.MIDDLEWARE if not name.startswith("inklusio.usage.")]
    with override_settings(MIDDLEWARE=without):
        plain = Client(HTTP_HOST="127.0.0.1")
        plain.get("/")  # the handler loads its middleware chain now, without counting, and keeps it
    counting.get("/")  # warm-up: no user agent, so not counted

    def get(client, path, n):
        address = f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}"
        started = time.perf_counter()
        response = client.get(path, REMOTE_ADDR=address, HTTP_USER_AGENT=AGENT)
        elapsed = time.perf_counter() - started
        assert response.status_code == 200, response.status_code
        return elapsed

    # Request by request, alternating which variant goes first, so the load of the shared machine at any moment
    # falls on both alike; the median time per page of each variant, then requests per second over all pages.
    times = {"with": {path: [] for path in PAGES}, "without": {path: [] for path in PAGES}}
    n = 0
    for _round in range(args.rounds):
        for i in range(args.requests):
            path = PAGES[i % len(PAGES)]
            order = [("with", counting), ("without", plain)] if n % 2 == 0 else [("without", plain), ("with", counting)]
            for name, client in order:
                times[name][path].append(get(client, path, n))
                n += 1
    buffer.flush()
    counted = sum(PageViewDay.objects.values_list("count", flat=True))
    expected = args.rounds * args.requests

    def rate(name):
        return len(PAGES) / sum(statistics.median(values) for values in times[name].values())

    measured, compared = rate("with"), rate("without")
    ratio = measured / compared
    print(f"database: {connection.vendor}; pages: {', '.join(PAGES)}; every request a new visitor")
    print(f"{args.rounds * args.requests} requests per variant, interleaved one by one; flushing thread every 1 s")
    print(f"with counting:    {measured:8.1f} requests/s (from the median time per page)")
    print(f"without counting: {compared:8.1f} requests/s (from the median time per page)")
    print(f"ratio: {ratio:.3f} (target >= {TARGET}): {'met' if ratio >= TARGET else 'NOT met'}")
    print(f"views stored: {counted} of {expected} counted requests ({'all' if counted == expected else 'MISSING'})")

    class Request:  # the counting alone, per view: what the middleware adds to a response
        method = "GET"
        path = "/gute-praxis/"
        user = None

        class resolver_match:  # noqa: N801 - stands in for Django's attribute
            view_name = "public:story_list"

    class Response:
        status_code = 200

    requests = []
    for n in range(20000):
        request = Request()
        request.META = {"REMOTE_ADDR": f"10.200.{n >> 8 & 255}.{n & 255}", "HTTP_USER_AGENT": AGENT}
        requests.append(request)
    started = time.perf_counter()
    for request in requests:
        services.count_page_view(request, Response)
    per_view = (time.perf_counter() - started) / len(requests) * 1e6
    print(f"counting alone: {per_view:.1f} µs per counted view (20,000 distinct visitors)")
    buffer.discard()
    return 0 if ratio >= TARGET and counted == expected else 1


if __name__ == "__main__":
    sys.exit(main())

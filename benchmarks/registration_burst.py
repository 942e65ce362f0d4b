"""Registration burst: 1,000 public registrations for 220 seats from 50 concurrent clients, against gunicorn with
several worker processes on PostgreSQL, compared in the same run with a minimal Django view that does one insert.

Usage: python benchmarks/registration_burst.py [--postgres URL] [--requests 1000] [--seats 220] [--clients 50]
                                               [--workers 4]

Prints for both endpoints: requests per second, p50/p95 latency, database queries per request (counted in the
server by a wrapper around every query), then checks that exactly ``seats`` registrations are confirmed and that
the confirmation mails are sent afterwards by an ``inklusio worker`` (not in the request).

Target (issue 3): at least 0.3x the bare view's rate, at most 15 queries per registration.

When gunicorn imports this file as its settings module (``DJANGO_SETTINGS_MODULE=registration_burst``), it is
inklusio's settings plus a first middleware that counts queries and routes ``/bench/bare/`` to the bare view; the
bare view lives only here, never in the production URLs.
"""

import os

if __name__ != "__main__" and os.environ.get("REGISTRATION_BURST_SERVER") == "1":
    # --- gunicorn's settings module -------------------------------------------------------------------------
    from inklusio.settings import *  # noqa: F403

    MIDDLEWARE = [f"{__name__}.BenchMiddleware", *MIDDLEWARE]  # noqa: F405

    class _BenchUrls:
        """A URLconf object: inklusio's URLs plus the bare view (hashable, so Django's resolver cache works)."""

        _patterns = None

        @property
        def urlpatterns(self):
            if self._patterns is None:
                from django.urls import path

                from inklusio.urls import urlpatterns

                type(self)._patterns = [path("bench/bare/", bare_view), *urlpatterns]
            return self._patterns

    BENCH_URLS = _BenchUrls()

    def bare_view(request):
        """The comparison: CSRF-checked POST, one INSERT, redirect — as small as a Django form view can be."""
        from django.http import HttpResponse, HttpResponseRedirect
        from django.middleware.csrf import get_token

        from inklusio.core.models import LoginFailure

        if request.method == "POST":
            LoginFailure.objects.create(username=request.POST.get("n", "")[:150], address="bench")
            return HttpResponseRedirect("/bench/bare/")
        return HttpResponse(f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">')

    class BenchMiddleware:
        def __init__(self, get_response):
            self.get_response = get_response

        def __call__(self, request):
            from django.db import connection

            request.urlconf = BENCH_URLS
            count = 0

            def counter(execute, sql, params, many, context):
                nonlocal count
                count += 1
                return execute(sql, params, many, context)

            with connection.execute_wrapper(counter):
                response = self.get_response(request)
            response["X-Queries"] = str(count)
            return response


import argparse  # noqa: E402
import re  # noqa: E402
import socket  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
import urllib.error  # noqa: E402
import urllib.parse  # noqa: E402
import urllib.request  # noqa: E402
from concurrent.futures import ThreadPoolExecutor  # noqa: E402
from http.cookiejar import CookieJar  # noqa: E402
from pathlib import Path  # noqa: E402

TOP = Path(__file__).resolve().parent.parent
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/inklusio_bench_events"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    """One simulated browser: a cookie jar and a CSRF token fetched once, then many POSTs."""

    def __init__(self, base: str, form_path: str):
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()), _NoRedirect)
        self.url = base + form_path
        with self.opener.open(self.url, timeout=60) as response:
            html = response.read().decode()
        self.token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def post(self, fields: dict) -> tuple[float, int, int]:
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": self.token, **fields}).encode()
        request = urllib.request.Request(self.url, data=body, headers={"Referer": self.url})
        start = time.perf_counter()
        try:
            with self.opener.open(request, timeout=120) as response:
                status, headers = response.status, response.headers
                response.read()
        except urllib.error.HTTPError as error:
            status, headers = error.code, error.headers
        return time.perf_counter() - start, status, int(headers.get("X-Queries", "-1"))


def burst(base: str, form_path: str, payloads: list[dict], clients: int) -> dict:
    sessions = [Client(base, form_path) for _ in range(clients)]
    queue = list(enumerate(payloads))
    lock = threading.Lock()
    results = []

    def run(session: Client):
        while True:
            with lock:
                if not queue:
                    return
                _index, payload = queue.pop(0)
            results.append(session.post(payload))

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(run, sessions))
    wall = time.perf_counter() - start
    latencies = sorted(r[0] for r in results)
    queries = [r[2] for r in results]
    return {
        "requests": len(results),
        "rate": len(results) / wall,
        "p50_ms": 1000 * statistics.median(latencies),
        "p95_ms": 1000 * latencies[int(0.95 * (len(latencies) - 1))],
        "queries_mean": statistics.mean(queries),
        "queries_max": max(queries),
        "statuses": sorted({r[1] for r in results}),
        "wall_s": wall,
    }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fresh_database(url: str) -> None:
    import psycopg

    parsed = urllib.parse.urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_POSTGRES))
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--seats", type=int, default=220)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()

    var = Path(tempfile.mkdtemp(prefix="registration-burst-"))
    env = {
        **os.environ,
        "DATABASE_URL": args.postgres,
        "INKLUSIO_VAR_DIR": str(var),
        "SECRET_KEY": "registration-burst-benchmark",
        "EMAIL_URL": f"file://{var / 'mail'}",
        "PYTHONPATH": os.pathsep.join([str(TOP / "src"), str(TOP / "benchmarks"), os.environ.get("PYTHONPATH", "")]),
    }
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "inklusio.settings"
    sys.path[:0] = [str(TOP / "src")]
    print(f"registration burst: fresh PostgreSQL database {urllib.parse.urlparse(args.postgres).path.lstrip('/')}")
    _fresh_database(args.postgres)
    import django

    django.setup()
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    from inklusio.core.models import LoginFailure, Project
    from inklusio.events.models import Event, Registration

    call_command("migrate", verbosity=0)
    project = Project.objects.create(
        title="Benchmark", slug="bench", funder="-", start=timezone.localdate(), end=timezone.localdate()
    )
    now = timezone.now()
    event = Event.objects.create(
        project=project,
        title="Fachtag Benchmark",
        slug="ansturm",
        starts_at=now + timedelta(days=30),
        ends_at=now + timedelta(days=30, hours=6),
        capacity=args.seats,
        visibility=Event.Visibility.PUBLIC,
    )

    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "inklusio.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        env={**env, "DJANGO_SETTINGS_MODULE": "registration_burst", "REGISTRATION_BURST_SERVER": "1"},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        print(
            f"server: gunicorn, {args.workers} worker processes; {args.clients} concurrent clients; "
            f"{args.requests} requests per endpoint\n"
        )
        burst(base, "/bench/bare/", [{"n": "warm"}] * 50, 10)  # warm both code paths in every worker
        bare = burst(base, "/bench/bare/", [{"n": f"bare{i}"} for i in range(args.requests)], args.clients)
        registrations = [
            {
                "first_name": f"Vorname{i}",
                "last_name": f"Nachname{i}",
                "email": f"burst{i}@example.org",
                "organisation": "Brückenwerk gGmbH",
                "privacy_consent": "on",
            }
            for i in range(args.requests)
        ]
        registration = burst(base, f"/events/{event.slug}/register/", registrations, args.clients)
    finally:
        server.terminate()
        server.wait(timeout=30)

    print(f"{'endpoint':<24}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'queries':>9}{'max q':>7}  statuses")
    for name, figures in (("bare view (1 insert)", bare), ("public registration", registration)):
        print(
            f"{name:<24}{figures['rate']:>9.1f}{figures['p50_ms']:>9.1f}{figures['p95_ms']:>9.1f}"
            f"{figures['queries_mean']:>9.1f}{figures['queries_max']:>7}  {figures['statuses']}"
        )
    ratio = registration["rate"] / bare["rate"]
    print(f"\nregistration rate / bare rate: {ratio:.2f}x (target >= 0.3x; pretix 2026.8 measured 0.017x)")
    print(f"queries per registration: {registration['queries_mean']:.1f} (target <= 15; pretix about 65)")
    counts = {s: Registration.objects.filter(event=event, status=s).count() for s in ("confirmed", "waitlisted")}
    print(
        f"seats {args.seats}: {counts['confirmed']} confirmed, {counts['waitlisted']} waitlisted "
        f"({'no overbooking' if counts['confirmed'] == min(args.seats, args.requests) else 'WRONG'}); "
        f"bare rows {LoginFailure.objects.filter(address='bench').count()}"
    )

    from django_tasks_db.models import DBTaskResult

    queued = DBTaskResult.objects.filter(task_path="inklusio.events.tasks.send_registration_mail").count()
    print(f"mail tasks queued by the requests: {queued}; now running one worker to send them …")
    start = time.perf_counter()
    worker = subprocess.Popen(
        [sys.executable, "-m", "inklusio.cli", "worker"],
        env={**env, "DJANGO_SETTINGS_MODULE": "inklusio.settings"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while time.perf_counter() - start < 300:
            done = DBTaskResult.objects.filter(
                task_path="inklusio.events.tasks.send_registration_mail", status="SUCCESSFUL"
            ).count()
            if done >= queued:
                break
            time.sleep(1)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    print(f"worker sent {done} of {queued} confirmation mails in {time.perf_counter() - start:.1f} s")
    return 0 if counts["confirmed"] == min(args.seats, args.requests) else 1


if __name__ == "__main__":
    sys.exit(main())

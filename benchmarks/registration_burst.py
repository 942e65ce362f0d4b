"""Registration burst: 1,000 public registrations for 220 seats from 50 concurrent clients, against gunicorn with
several worker processes on PostgreSQL, compared in the same run with a minimal Django view that does one insert.

Usage: python benchmarks/registration_burst.py [--postgres URL] [--requests 1000] [--seats 220] [--clients 50]
                                               [--workers 4] [--rounds 3] [--conn-max-age SECONDS]

Each round bursts four endpoints one after the other: the bare view behind inklusio's middleware, the same bare
view behind Django's default middleware only (a second gunicorn with the same workers; the difference is the
middleware's own cost), "form and queue" and the public registration form of a fresh event. "Form and queue" does
what the registration view does before it writes anything (the event as a registration reads it, the registration
form with the same data) and then queues one task with the form's data, as a registration handed to the worker
would be; it writes no person, no registration and takes no seat. It shows how near to the bare view a
registration could come if the request only took it in and the worker wrote it. Prints every round, then the median
of each endpoint over the rounds (requests per second, p50/p95 latency, database queries per request, counted in
the server by a wrapper around every query) and the ratio of the medians; checks that every round confirmed
exactly ``seats`` registrations and that the confirmation mails are sent afterwards by an ``inklusio worker``
(not in the request).

The servers open a database connection per request, as the settings do by default (``DB_CONN_MAX_AGE=0``);
``--conn-max-age 60`` keeps each worker's connection, as deploy/inklusio.env.example does. A new connection costs
PostgreSQL its catalog lookups for every table a request touches (a registration touches five, the bare view one),
so that cost weighs on both sides of the ratio differently: both rates rise with kept connections, the bare view's
more.

Target (issue 22): registration at least 0.6x the bare view behind inklusio's middleware, in the same run; at
most 15 queries per registration (issue 3). The seat lock's own queries (at most 6) are held by
tests/events/test_seat_counter.py, which counts them.

When gunicorn imports this file as its settings module (``DJANGO_SETTINGS_MODULE=registration_burst``), it is
inklusio's settings plus a first middleware that counts queries and routes ``/bench/bare/`` and
``/bench/form-and-queue/<slug>/`` to the two comparison views; with ``REGISTRATION_BURST_MIDDLEWARE=django`` the
middleware is Django's default list instead of inklusio's. The comparison views live only here, never in the
production URLs; the tasks "form and queue" queued are deleted before the worker runs.
"""

import os

if __name__ != "__main__" and os.environ.get("REGISTRATION_BURST_SERVER") == "1":
    # --- gunicorn's settings module -------------------------------------------------------------------------
    from inklusio.settings import *  # noqa: F403

    DJANGO_DEFAULT_MIDDLEWARE = [  # what ``django-admin startproject`` writes
        "django.middleware.security.SecurityMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    ]
    if os.environ.get("REGISTRATION_BURST_MIDDLEWARE") == "django":
        MIDDLEWARE = [f"{__name__}.BenchMiddleware", *DJANGO_DEFAULT_MIDDLEWARE]
    else:
        MIDDLEWARE = [f"{__name__}.BenchMiddleware", *MIDDLEWARE]  # noqa: F405

    class _BenchUrls:
        """A URLconf object: inklusio's URLs plus the bare view (hashable, so Django's resolver cache works)."""

        _patterns = None

        @property
        def urlpatterns(self):
            if self._patterns is None:
                from django.urls import path

                from inklusio.urls import urlpatterns

                type(self)._patterns = [
                    path("bench/bare/", bare_view),
                    path("bench/form-and-queue/<slug:slug>/", form_and_queue_view),
                    *urlpatterns,
                ]
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

    def form_and_queue_view(request, slug):
        """The second comparison: what the registration view does before it writes anything (the event as it is read
        for a registration, the registration form), then one queued task with the form's data, as a registration
        handed to the worker would be. No person, no registration, no seat."""
        import dataclasses

        from burst_task import queued_registration
        from django.http import HttpResponse, HttpResponseRedirect
        from django.middleware.csrf import get_token

        from inklusio.events.forms import RegistrationForm
        from inklusio.events.views_public import event_to_register

        event = event_to_register(slug)
        if request.method == "POST":
            form = RegistrationForm(request.POST, event=event)
            if not form.is_valid():
                return HttpResponse(status=400)
            data = dataclasses.asdict(form.registration_data("de"))
            data["answers"] = {str(key): value for key, value in data["answers"].items()}
            queued_registration.enqueue(event.pk, data)
            return HttpResponseRedirect(f"/events/{slug}/registered/")
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


def _start_server(env: dict, workers: int, middleware: str) -> tuple[subprocess.Popen, str]:
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
            str(workers),
            "--log-level",
            "warning",
        ],
        env={
            **env,
            "DJANGO_SETTINGS_MODULE": "registration_burst",
            "REGISTRATION_BURST_SERVER": "1",
            "REGISTRATION_BURST_MIDDLEWARE": middleware,
        },
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1).close()
            break
        except OSError:
            time.sleep(0.2)
    return server, base


def _line(name: str, figures: dict) -> str:
    return (
        f"{name:<34}{figures['rate']:>9.1f}{figures['p50_ms']:>9.1f}{figures['p95_ms']:>9.1f}"
        f"{figures['queries_mean']:>9.1f}{figures['queries_max']:>7}  {figures['statuses']}"
    )


HEADER = f"{'endpoint':<34}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'queries':>9}{'max q':>7}  statuses"
NAMES = {
    "bare": "bare view, inklusio middleware",
    "plain": "bare view, Django default mw",
    "form_and_queue": "form and queue, nothing written",
    "registration": "public registration",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_POSTGRES))
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--seats", type=int, default=220)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--conn-max-age", type=int, default=0, help="DB_CONN_MAX_AGE of the servers (0: a connection per request)"
    )
    args = parser.parse_args()

    var = Path(tempfile.mkdtemp(prefix="registration-burst-"))
    env = {
        **os.environ,
        "DATABASE_URL": args.postgres,
        "INKLUSIO_VAR_DIR": str(var),
        "SECRET_KEY": "registration-burst-benchmark",
        "EMAIL_URL": f"file://{var / 'mail'}",
        "DB_CONN_MAX_AGE": str(args.conn_max_age),
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
    events = [
        Event.objects.create(
            project=project,
            title=f"Fachtag Benchmark {n + 1}",
            slug=f"ansturm-{n + 1}",
            starts_at=now + timedelta(days=30),
            ends_at=now + timedelta(days=30, hours=6),
            capacity=args.seats,
            visibility=Event.Visibility.PUBLIC,
        )
        for n in range(args.rounds)
    ]

    inklusio_server, base = _start_server(env, args.workers, "inklusio")
    plain_server, plain_base = _start_server(env, args.workers, "django")
    rounds = []
    try:
        print(
            f"servers: two gunicorns (inklusio's middleware; Django's default middleware), {args.workers} worker "
            f"processes each; {args.clients} concurrent clients; {args.requests} requests per endpoint and round; "
            f"{args.rounds} rounds; DB_CONN_MAX_AGE={args.conn_max_age}"
            f"{' (a connection per request)' if args.conn_max_age == 0 else ''}\n"
        )
        for url in (base, plain_base):
            burst(url, "/bench/bare/", [{"n": "warm"}] * 50, 10)  # warm the code paths in every worker
        for n, event in enumerate(events):
            figures = {
                "bare": burst(base, "/bench/bare/", [{"n": f"b{n}-{i}"} for i in range(args.requests)], args.clients),
                "plain": burst(
                    plain_base, "/bench/bare/", [{"n": f"p{n}-{i}"} for i in range(args.requests)], args.clients
                ),
            }
            registrations = [
                {
                    "first_name": f"Vorname{i}",
                    "last_name": f"Nachname{i}",
                    "email": f"burst{n}-{i}@example.org",
                    "organisation": "Brückenwerk gGmbH",
                    "privacy_consent": "on",
                }
                for i in range(args.requests)
            ]
            figures["form_and_queue"] = burst(base, f"/bench/form-and-queue/{event.slug}/", registrations, args.clients)
            figures["registration"] = burst(base, f"/events/{event.slug}/register/", registrations, args.clients)
            rounds.append(figures)
            print(f"round {n + 1}\n{HEADER}")
            for key, name in NAMES.items():
                print(_line(name, figures[key]))
            ratio = figures["registration"]["rate"] / figures["bare"]["rate"]
            print(f"ratio registration / bare (inklusio mw): {ratio:.2f}x\n")
    finally:
        for server in (inklusio_server, plain_server):
            server.terminate()
            server.wait(timeout=30)

    medians = {
        key: {
            field: statistics.median(r[key][field] for r in rounds)
            for field in ("rate", "p50_ms", "p95_ms", "queries_mean")
        }
        | {
            "queries_max": max(r[key]["queries_max"] for r in rounds),
            "statuses": sorted({s for r in rounds for s in r[key]["statuses"]}),
        }
        for key in NAMES
    }
    print(f"median of {args.rounds} rounds\n{HEADER}")
    for key, name in NAMES.items():
        print(_line(name, medians[key]))
    ratio = medians["registration"]["rate"] / medians["bare"]["rate"]
    middleware = medians["bare"]["rate"] / medians["plain"]["rate"]
    print(
        f"\nregistration / bare view with inklusio's middleware: {ratio:.2f}x "
        f"(target >= 0.6x: {'met' if ratio >= 0.6 else 'NOT met'})"
    )
    print(
        f"registration / bare view with Django's default middleware: "
        f"{medians['registration']['rate'] / medians['plain']['rate']:.2f}x"
    )
    print(f"bare view, inklusio's middleware / Django's default middleware: {middleware:.2f}x (the middleware's cost)")
    print(
        f"form and queue (the event read, the form, one queued task; nothing written) / bare view with inklusio's "
        f"middleware: {medians['form_and_queue']['rate'] / medians['bare']['rate']:.2f}x (what a registration handed "
        f"to the worker could reach at most)"
    )
    queries = medians["registration"]["queries_mean"]
    print(f"queries per registration: {queries:.1f} (target <= 15: {'met' if queries <= 15 else 'NOT met'})")
    answered = {key: medians[key]["statuses"] for key in NAMES}
    right = all(statuses == [302] for statuses in answered.values())  # a refused form would flatter a ratio
    if not right:
        print(f"WRONG: not every request was answered with a redirect: {answered}")
    for event in events:
        counts = {s: Registration.objects.filter(event=event, status=s).count() for s in ("confirmed", "waitlisted")}
        event.refresh_from_db()
        ok = counts["confirmed"] == min(args.seats, args.requests) == event.seats_taken
        right &= ok
        print(
            f"{event.slug}: seats {args.seats}: {counts['confirmed']} confirmed (counter {event.seats_taken}), "
            f"{counts['waitlisted']} waitlisted ({'no overbooking' if ok else 'WRONG'})"
        )
    print(f"bare rows {LoginFailure.objects.filter(address='bench').count()}")

    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(task_path="burst_task.queued_registration").delete()  # never to be run

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
        while time.perf_counter() - start < 600:
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
    return 0 if right else 1


if __name__ == "__main__":
    sys.exit(main())
